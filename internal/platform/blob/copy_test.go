package blob

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestIsHTML(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want bool
	}{
		{"doctype", "<!DOCTYPE html><html><body>Bài báo</body></html>", true},
		{"leading blank lines", "\n\n  <html lang=\"vi\"><head><title>Báo</title></head></html>", true},
		{"byte order mark", "\ufeff<!doctype html><html></html>", true},
		{"XHTML after an XML declaration", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"></html>", true},
		{"plain text", "Ô nhiễm môi trường tại xã A.", false},
		{"PDF", pdfData, false},
		{"JSON", `{"html": "<html>"}`, false},
		{"SVG", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`, false},
	} {
		if got := IsHTML([]byte(tc.data)); got != tc.want {
			t.Errorf("IsHTML(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSaveCopy(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx, now := context.Background(), time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)
		save := func(name string, data []byte) (File, error) {
			var f File
			err := db.Transact(ctx, func(tx *sqldb.Tx) error {
				var err error
				f, err = SaveCopy(ctx, tx, "press_case", 3, name, data, "chuyenvien", now)
				return err
			})
			return f, err
		}
		page := []byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><h1>Ô nhiễm</h1></body></html>")
		f, err := save("ban-luu-2026-03-02.html", page)
		if err != nil || f.ID == 0 || f.ContentType != HTMLType || f.Size != int64(len(page)) || len(f.SHA256) != 64 {
			t.Fatalf("saved %+v, %v", f, err)
		}
		got, data, err := Open(ctx, db, f.ID)
		if err != nil || got.Name != "ban-luu-2026-03-02.html" || string(data) != string(page) {
			t.Fatalf("open: %+v, %q, %v", got, data, err)
		}
		for _, tc := range []struct {
			name string
			data []byte
			kind apperr.Kind
		}{
			{"empty", nil, apperr.KindInvalid},
			{"not HTML", []byte(pdfData), apperr.KindInvalid},
			{"over the limit", []byte("<html>" + strings.Repeat("x", MaxSize)), apperr.KindTooLarge},
		} {
			if _, err := save("x.html", tc.data); !apperr.Is(err, tc.kind) {
				t.Errorf("%s: %v, want kind %v", tc.name, err, tc.kind)
			}
		}
		if l, _ := List(ctx, db, "press_case", 3); len(l) != 1 {
			t.Errorf("%d files stored, want 1", len(l))
		}
	})
}
