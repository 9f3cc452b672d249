package press

import (
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

var (
	pdfFile  = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	htmlFile = []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")
)

// TestCaseAttachments: the Board attaches at any step; the lead unit adds
// evidence while the case waits for its answer and removes only its own
// files; another unit neither sees nor touches them; every change is in
// the audit trail.
func TestCaseAttachments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		c := e.newCase("https://baotnmt.vn/mui-hoi-bai-rac")
		board, err := e.svc.Attach(e.ctx, e.spec, c.ID, "Công văn chuyển.pdf", pdfFile)
		if err != nil || board.OwnerKind != OwnerCase || board.OwnerID != c.ID || board.ContentType != "application/pdf" {
			t.Fatalf("board attaches to a received case: %+v, %v", board, err)
		}
		_, err = e.svc.Attach(e.ctx, e.repMT, c.ID, "chung-cu.pdf", pdfFile)
		wantKind(t, err, apperr.KindForbidden, "a unit attaches to a case not assigned to it")
		if c, err = e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, e.stnmt.ID, ""); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Attach(e.ctx, e.repMT, c.ID, "trang.html", htmlFile)
		wantKind(t, err, apperr.KindInvalid, "an HTML upload")
		evidence, err := e.svc.Attach(e.ctx, e.repMT, c.ID, "Biên bản kiểm tra hiện trường.pdf", pdfFile)
		if err != nil || evidence.CreatedBy != "stnmt.baocao" {
			t.Fatalf("the lead unit attaches evidence: %+v, %v", evidence, err)
		}
		_, err = e.svc.Attach(e.ctx, e.repYT, c.ID, "khac.pdf", pdfFile)
		wantKind(t, err, apperr.KindForbidden, "another unit attaches")
		_, err = e.svc.Attachments(e.ctx, e.repYT, c.ID)
		wantKind(t, err, apperr.KindForbidden, "another unit lists")
		_, _, err = e.svc.AttachmentFile(e.ctx, e.repYT, c.ID, evidence.ID)
		wantKind(t, err, apperr.KindForbidden, "another unit downloads")
		err = e.svc.Detach(e.ctx, e.repMT, c.ID, board.ID)
		wantKind(t, err, apperr.KindForbidden, "the lead unit removes the Board's file")

		files, err := e.svc.Attachments(e.ctx, e.repMT, c.ID)
		if err != nil || len(files) != 2 || files[0].ID != board.ID || files[1].ID != evidence.ID {
			t.Fatalf("the lead unit lists %+v, %v", files, err)
		}
		f, data, err := e.svc.AttachmentFile(e.ctx, e.repMT, c.ID, evidence.ID)
		if err != nil || f.Name != "Biên bản kiểm tra hiện trường.pdf" || string(data) != string(pdfFile) {
			t.Fatalf("download: %+v, %d bytes, %v", f, len(data), err)
		}
		// A file is reached only through its own case.
		other := e.newCase("https://baotnmt.vn/bai-khac")
		_, _, err = e.svc.AttachmentFile(e.ctx, e.spec, other.ID, evidence.ID)
		wantKind(t, err, apperr.KindNotFound, "a file through another case")

		if c, err = e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version, "Đã kiểm tra, xử lý."); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Attach(e.ctx, e.repMT, c.ID, "muon.pdf", pdfFile)
		wantKind(t, err, apperr.KindConflict, "the lead unit attaches after answering")
		err = e.svc.Detach(e.ctx, e.repMT, c.ID, evidence.ID)
		wantKind(t, err, apperr.KindConflict, "the lead unit removes evidence after answering")
		if err := e.svc.Detach(e.ctx, e.spec, c.ID, evidence.ID); err != nil {
			t.Fatalf("the Board removes a file: %v", err)
		}
		if files, _ := e.svc.Attachments(e.ctx, e.spec, c.ID); len(files) != 1 {
			t.Fatalf("%d files after the removal, want 1", len(files))
		}
		if _, err := blob.Find(e.ctx, db, evidence.ID); !apperr.Is(err, apperr.KindNotFound) {
			t.Errorf("the removed file is still stored: %v", err)
		}
		if after, _ := e.svc.Find(e.ctx, e.spec, c.ID); after.Version != c.Version {
			t.Errorf("files changed the case's version: %d, want %d", after.Version, c.Version)
		}
		entries, err := e.org.ListAudit(e.ctx, org.SystemActor("test"), org.AuditFilter{Entity: "attachment", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, x := range entries.Items {
			actions[x.Action]++
		}
		if actions[ActionAttach] != 2 || actions[ActionDetach] != 1 {
			t.Errorf("audit of files: %v, want 2 attach and 1 detach", actions)
		}
	})
}
