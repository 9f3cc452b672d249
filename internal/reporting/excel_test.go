package reporting_test

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// workbook is a downloaded entry workbook being edited as a user would.
type workbook struct {
	t *testing.T
	f *excelize.File
}

func (e *env) workbook(a org.Actor, r reporting.Regime, period string, u org.Unit) *workbook {
	e.t.Helper()
	data, err := e.svc.EntryWorkbook(e.ctx, a, r.ID, period, u.ID)
	if err != nil {
		e.t.Fatalf("entry workbook: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		e.t.Fatalf("open the entry workbook: %v", err)
	}
	e.t.Cleanup(func() { f.Close() })
	return &workbook{t: e.t, f: f}
}

// ref returns the value cell ("E7") of a template cell, found by its key in column A.
func (w *workbook) ref(key string) string {
	w.t.Helper()
	rows, err := w.f.GetRows("Số liệu")
	if err != nil {
		w.t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == key {
			return "E" + strconv.Itoa(i+1)
		}
	}
	w.t.Fatalf("no row for %s in the workbook", key)
	return ""
}

func (w *workbook) set(key string, v any) *workbook {
	w.t.Helper()
	if err := w.f.SetCellValue("Số liệu", w.ref(key), v); err != nil {
		w.t.Fatal(err)
	}
	return w
}

func (w *workbook) bytes() []byte {
	w.t.Helper()
	var buf bytes.Buffer
	if err := w.f.Write(&buf); err != nil {
		w.t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEntryWorkbook(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("EXCEL", nil)
		rep := e.reporter(e.sa)
		e.save(rep, r, "2020-H1", e.sa, good(0, 12))

		w := e.workbook(rep, r, "2020-H1", e.sa)
		if got, _ := w.f.GetCellValue("Số liệu", w.ref("sessions")); got != "12" {
			t.Errorf("pre-filled sessions %q, want 12", got)
		}
		if got, _ := w.f.GetCellValue("meta", "B3"); got != strconv.FormatInt(e.sa.ID, 10) {
			t.Errorf("meta unit_id %q", got)
		}
		w.set("sessions", 15).set("rate", "12,5").set("eligible|g2", 4).set("paid|g2", 3)
		w.f.SetCellStr("Nội dung", "C2", "Kết quả cập nhật từ Excel.")
		up, err := e.svc.ImportEntryWorkbook(e.ctx, rep, r.ID, "2020-H1", e.sa.ID, w.bytes())
		if err != nil {
			t.Fatalf("upload: %v", err)
		}
		if up.Version != 2 || numOf(up, "sessions") != 15 || numOf(up, "rate") != 12.5 || numOf(up, "paid|g2") != 3 ||
			numOf(up, "paid|g1") != 8 || up.Sections["results"] != "Kết quả cập nhật từ Excel." {
			t.Fatalf("after the upload: version %d, values %v, sections %v", up.Version, up.Values, up.Sections)
		}
		if got := e.auditActions("report", strconv.FormatInt(up.ID, 10)); !slices.Equal(got, []string{"create", "update"}) {
			t.Errorf("audit after the upload: %v", got)
		}

		other := e.workbook(e.reporter(e.sb), r, "2020-H1", e.sb)
		lastYear := e.workbook(rep, r, "2019-H1", e.sa)
		for _, tc := range []struct {
			name  string
			actor org.Actor
			data  func() []byte
			kind  apperr.Kind
			msg   func() string // part of the message
		}{
			{"letters in an integer cell", rep, func() []byte { return e.workbook(rep, r, "2020-H1", e.sa).set("sessions", "abc").bytes() },
				apperr.KindInvalid, func() string { return w.ref("sessions") + ": phải là số" }},
			{"decimals in an integer cell", rep, func() []byte { return e.workbook(rep, r, "2020-H1", e.sa).set("eligible|g1", 2.5).bytes() },
				apperr.KindInvalid, func() string { return w.ref("eligible|g1") + ": phải là số nguyên" }},
			{"unknown indicator code", rep, func() []byte {
				x := e.workbook(rep, r, "2020-H1", e.sa)
				x.f.SetCellStr("Số liệu", "A"+strings.TrimPrefix(x.ref("note"), "E"), "budget")
				return x.bytes()
			}, apperr.KindInvalid, func() string { return "A" + strings.TrimPrefix(w.ref("note"), "E") + ": " }},
			{"workbook of another unit", rep, other.bytes, apperr.KindInvalid, func() string { return "khác chế độ, kỳ hoặc đơn vị" }},
			{"workbook of another period", rep, lastYear.bytes, apperr.KindInvalid, func() string { return "khác chế độ, kỳ hoặc đơn vị" }},
			{"not a workbook", rep, func() []byte { return []byte("code,value\nsessions,3\n") }, apperr.KindInvalid, func() string { return "Không mở được" }},
			{"reporter of another unit", e.reporter(e.sb), func() []byte { return e.workbook(rep, r, "2020-H1", e.sa).bytes() }, apperr.KindForbidden, func() string { return "" }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := e.svc.ImportEntryWorkbook(e.ctx, tc.actor, r.ID, "2020-H1", e.sa.ID, tc.data())
				ae := wantErr(t, err, tc.kind)
				if !strings.Contains(ae.Message, tc.msg()) {
					t.Errorf("message %q, want it to contain %q", ae.Message, tc.msg())
				}
				if tc.kind == apperr.KindInvalid && ae.Fields["file"] == "" {
					t.Errorf("fields %v, want file", ae.Fields)
				}
				cur, _, _ := e.svc.Report(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID)
				if cur.Version != 2 || numOf(cur, "sessions") != 15 {
					t.Errorf("a refused upload changed the report: version %d, sessions %v", cur.Version, numOf(cur, "sessions"))
				}
			})
		}

		t.Run("stale workbook", func(t *testing.T) {
			old := e.workbook(rep, r, "2020-H1", e.sa).set("sessions", 99)
			e.save(e.leader(e.sa), r, "2020-H1", e.sa, good(2, 16))
			_, err := e.svc.ImportEntryWorkbook(e.ctx, rep, r.ID, "2020-H1", e.sa.ID, old.bytes())
			wantErr(t, err, apperr.KindConflict)
			if cur, _, _ := e.svc.Report(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID); numOf(cur, "sessions") != 16 {
				t.Errorf("stale upload overwrote the report: %v", cur.Values)
			}
		})

		t.Run("number typed as Vietnamese text reads as in the form", func(t *testing.T) {
			x := e.workbook(rep, r, "2020-H1", e.sa).set("sessions", "1.234") // a text cell, as typed in a Vietnamese locale
			up, err := e.svc.ImportEntryWorkbook(e.ctx, rep, r.ID, "2020-H1", e.sa.ID, x.bytes())
			if err != nil || numOf(up, "sessions") != 1234 {
				t.Errorf("text \"1.234\" in an integer cell: %v, value %v; the form reads it as 1234", err, numOf(up, "sessions"))
			}
		})
	})
}
