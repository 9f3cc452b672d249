package press

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

const articleHTML = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Mùi hôi</title></head>
<body><h1>Mùi hôi từ khu xử lý rác</h1><script>alert(1)</script></body></html>`

// articleServer is an outlet's site on 127.0.0.1.
func articleServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/bai-bao", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(articleHTML))
	})
	mux.HandleFunc("/ban-in.pdf", func(w http.ResponseWriter, r *http.Request) { w.Write(pdfFile) })
	mux.HandleFunc("/anh.txt", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("chỉ là chữ")) })
	mux.HandleFunc("/lon", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html>" + strings.Repeat("x", SnapshotMaxBytes)))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestSnapshot: the Board saves the article as it is online, named by the
// day, as HTML (or the PDF the address serves); a unit may not; the
// server refuses an address into its own network unless a test allows it,
// and says why a page could not be saved.
func TestSnapshot(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		srv := articleServer(t)
		c := e.newCase(srv.URL + "/bai-bao")
		_, err := e.svc.Snapshot(e.ctx, e.spec, c.ID)
		wantKind(t, err, apperr.KindInvalid, "a loopback article without the test allowance")
		if ae, _ := apperr.As(err); ae == nil || !strings.Contains(ae.Fields["url"], "mạng nội bộ") {
			t.Errorf("refusal says %v", err)
		}
		e.svc.AllowPrivateSnapshots()
		if c, err = e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, e.stnmt.ID, ""); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Snapshot(e.ctx, e.repMT, c.ID)
		wantKind(t, err, apperr.KindForbidden, "the lead unit saves a copy")

		f, err := e.svc.Snapshot(e.ctx, e.spec, c.ID)
		if err != nil || f.Name != "ban-luu-2020-07-06.html" || f.ContentType != blob.HTMLType || f.OwnerKind != OwnerCase {
			t.Fatalf("snapshot: %+v, %v", f, err)
		}
		got, data, err := e.svc.AttachmentFile(e.ctx, e.repMT, c.ID, f.ID)
		if err != nil || string(data) != articleHTML || got.SHA256 != f.SHA256 {
			t.Fatalf("the lead unit reads the copy: %+v, %v", got, err)
		}
		if after, _ := e.svc.Find(e.ctx, e.spec, c.ID); after.Version != c.Version || after.Status != Assigned {
			t.Errorf("the snapshot changed the case: version %d status %s", after.Version, after.Status)
		}
		entries, err := e.org.ListAudit(e.ctx, org.SystemActor("test"), org.AuditFilter{Entity: "attachment", Limit: 10})
		if err != nil || len(entries.Items) == 0 || entries.Items[0].Action != ActionSnapshot ||
			!strings.Contains(string(entries.Items[0].After), srv.URL+"/bai-bao") {
			t.Fatalf("audit of the snapshot: %+v, %v", entries.Items, err)
		}

		e.clk.Set(ict(2020, time.July, 7, 8))
		pdfCase := e.newCase(srv.URL + "/ban-in.pdf")
		if f, err := e.svc.Snapshot(e.ctx, e.spec, pdfCase.ID); err != nil || f.Name != "ban-luu-2020-07-07.pdf" || f.ContentType != "application/pdf" {
			t.Fatalf("snapshot of a PDF: %+v, %v", f, err)
		}
		for _, tc := range []struct{ path, want string }{
			{"/anh.txt", "không trả về trang HTML"},
			{"/lon", "5 MB"},
			{"/khong-co", "HTTP 404"},
		} {
			bad := e.newCase(srv.URL + tc.path)
			_, err := e.svc.Snapshot(e.ctx, e.spec, bad.ID)
			if ae, ok := apperr.As(err); !ok || ae.Kind != apperr.KindInvalid || !strings.Contains(ae.Fields["url"], tc.want) {
				t.Errorf("%s: %v, want a message with %q", tc.path, err, tc.want)
			}
			if files, _ := e.svc.Attachments(e.ctx, e.spec, bad.ID); len(files) != 0 {
				t.Errorf("%s: a failed snapshot stored %d files", tc.path, len(files))
			}
		}
	})
}
