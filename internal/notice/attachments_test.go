package notice_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

var (
	pdfFile  = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	htmlFile = []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")
)

// TestDirectiveAttachments: the drafters attach while the directive is a
// draft; once issued its files are fixed and the recipients read them;
// other units and the Board's leader neither attach nor (for units not
// receiving it) read.
func TestDirectiveAttachments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		d, err := e.svc.Create(e.ctx, e.spec, notice.Directive{TypeCode: "KH", Title: "Kế hoạch tuyên truyền", UnitIDs: []int64{e.sa.ID}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.AttachToDirective(e.ctx, e.lead, d.ID, "ke-hoach.pdf", pdfFile)
		wantKind(t, err, apperr.KindForbidden, "the Board's leader attaches")
		_, err = e.svc.AttachToDirective(e.ctx, e.spec, d.ID, "trang.html", htmlFile)
		wantKind(t, err, apperr.KindInvalid, "an HTML file")
		plan, err := e.svc.AttachToDirective(e.ctx, e.spec, d.ID, "Kế hoạch chi tiết.pdf", pdfFile)
		if err != nil || plan.OwnerKind != notice.OwnerDirective || plan.OwnerID != d.ID {
			t.Fatalf("attach to a draft: %+v, %v", plan, err)
		}
		extra, err := e.svc.AttachToDirective(e.ctx, e.spec, d.ID, "phu-luc.pdf", pdfFile)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.svc.DetachFromDirective(e.ctx, e.spec, d.ID, extra.ID); err != nil {
			t.Fatalf("detach from a draft: %v", err)
		}
		_, err = e.svc.DirectiveAttachments(e.ctx, e.repA, d.ID)
		wantKind(t, err, apperr.KindForbidden, "a recipient lists the files of a draft")

		if d, err = e.svc.Issue(e.ctx, e.spec, d.ID, d.Version); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.AttachToDirective(e.ctx, e.spec, d.ID, "muon.pdf", pdfFile)
		wantKind(t, err, apperr.KindConflict, "attach after issue")
		err = e.svc.DetachFromDirective(e.ctx, e.spec, d.ID, plan.ID)
		wantKind(t, err, apperr.KindConflict, "detach after issue")

		det, err := e.svc.Find(e.ctx, e.repA, d.ID)
		if err != nil || len(det.Attachments) != 1 || det.Attachments[0].ID != plan.ID {
			t.Fatalf("the recipient's view: %+v, %v", det.Attachments, err)
		}
		f, data, err := e.svc.DirectiveFile(e.ctx, e.repA, d.ID, plan.ID)
		if err != nil || f.Name != "Kế hoạch chi tiết.pdf" || string(data) != string(pdfFile) {
			t.Fatalf("the recipient downloads: %+v, %v", f, err)
		}
		_, _, err = e.svc.DirectiveFile(e.ctx, e.repB, d.ID, plan.ID)
		wantKind(t, err, apperr.KindForbidden, "a unit not receiving it downloads")
		other := e.issued("Văn bản khác", false, e.sa)
		_, _, err = e.svc.DirectiveFile(e.ctx, e.repA, other.ID, plan.ID)
		wantKind(t, err, apperr.KindNotFound, "a file through another directive")
	})
}

// TestMessageAttachments: files go up with the message in one transaction
// (a refused file sends nothing); the author adds or removes files while
// nobody has replied; the other side reads them; other units do not.
func TestMessageAttachments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		_, err := e.svc.Send(e.ctx, e.repA, notice.Message{Subject: "Báo cáo nhanh", Body: "Gửi kèm số liệu"},
			notice.Upload{Name: "so-lieu.pdf", Data: pdfFile}, notice.Upload{Name: "trang.html", Data: htmlFile})
		wantKind(t, err, apperr.KindInvalid, "a message with an HTML file")
		if l, _ := e.svc.Threads(e.ctx, e.spec); len(l) != 0 {
			t.Fatalf("a refused file still sent %d threads", len(l))
		}
		th, err := e.svc.Send(e.ctx, e.repA, notice.Message{Subject: "Báo cáo nhanh", Body: "Gửi kèm số liệu"},
			notice.Upload{Name: "Số liệu tháng 3.pdf", Data: pdfFile})
		if err != nil || len(th.Attachments) != 1 || th.Attachments[0].Name != "Số liệu tháng 3.pdf" {
			t.Fatalf("send with a file: %+v, %v", th, err)
		}
		more, err := e.svc.AttachToMessage(e.ctx, e.repA, th.ID, "bo-sung.pdf", pdfFile)
		if err != nil {
			t.Fatalf("the author adds a file before any reply: %v", err)
		}
		_, err = e.svc.AttachToMessage(e.ctx, e.leadA, th.ID, "khac.pdf", pdfFile)
		wantKind(t, err, apperr.KindForbidden, "a colleague adds to another's message")
		_, err = e.svc.MessageAttachments(e.ctx, e.repB, th.ID)
		wantKind(t, err, apperr.KindForbidden, "another unit lists")

		e.clk.Set(ict(2020, time.March, 10, 10, 0))
		th, err = e.svc.Reply(e.ctx, e.spec, th.ID, "Ban đã nhận, đề nghị bổ sung biểu.", notice.Upload{Name: "bieu-mau.pdf", Data: pdfFile})
		if err != nil || len(th.Replies) != 1 || len(th.Replies[0].Attachments) != 1 || len(th.Attachments) != 2 {
			t.Fatalf("the Board replies with a file: %+v, %v", th, err)
		}
		_, err = e.svc.AttachToMessage(e.ctx, e.repA, th.ID, "muon.pdf", pdfFile)
		wantKind(t, err, apperr.KindConflict, "the author adds after a reply")
		err = e.svc.DetachFromMessage(e.ctx, e.repA, th.ID, more.ID)
		wantKind(t, err, apperr.KindConflict, "the author removes after a reply")
		reply := th.Replies[0]
		f, data, err := e.svc.MessageFile(e.ctx, e.repA, reply.ID, reply.Attachments[0].ID)
		if err != nil || f.Name != "bieu-mau.pdf" || string(data) != string(pdfFile) {
			t.Fatalf("the unit reads the Board's file: %+v, %v", f, err)
		}
		_, _, err = e.svc.MessageFile(e.ctx, e.repA, th.ID, reply.Attachments[0].ID)
		wantKind(t, err, apperr.KindNotFound, "a file through another message")
		_, _, err = e.svc.MessageFile(e.ctx, e.repB, reply.ID, reply.Attachments[0].ID)
		wantKind(t, err, apperr.KindForbidden, "another unit downloads")
		if err := e.svc.DetachFromMessage(e.ctx, e.spec, reply.ID, reply.Attachments[0].ID); err != nil {
			t.Fatalf("the Board removes a file of its last reply: %v", err)
		}
		if th, _ = e.svc.Thread(e.ctx, e.repA, th.ID); len(th.Replies[0].Attachments) != 0 {
			t.Errorf("the removed file is still listed: %+v", th.Replies[0].Attachments)
		}
	})
}

// TestMessageReportLink: information may point at one of the unit's own
// reports; its page is linked, another unit's report is refused.
func TestMessageReportLink(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		now := e.clk.Now().UTC()
		var regime, repA, repB int64
		err := db.Transact(e.ctx, func(tx *sqldb.Tx) error {
			err := tx.QueryRow(e.ctx, `INSERT INTO regimes (code, name, kind, frequency, cutoff, deadline_json, receiver_unit_id,
				search_key, sort_key, created_at, updated_at) VALUES ('BC-THU', 'Báo cáo thử', 'periodic', 'monthly', '15', '{}', ?, '', ?, ?, ?)
				RETURNING id`, e.board.ID, []byte("bc"), now, now).Scan(&regime)
			for _, x := range []struct {
				unit org.Unit
				id   *int64
			}{{e.sa, &repA}, {e.sb, &repB}} {
				if err == nil {
					err = tx.QueryRow(e.ctx, `INSERT INTO reports (regime_id, period_key, unit_id, template_version, status, created_at, updated_at)
						VALUES (?, '2020-03', ?, 1, 'draft', ?, ?) RETURNING id`, regime, x.unit.ID, now, now).Scan(x.id)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Send(e.ctx, e.repA, notice.Message{Subject: "Hỏi về báo cáo", Body: "Nội dung", ReportID: repB})
		wantKind(t, err, apperr.KindInvalid, "a link to another unit's report")
		th, err := e.svc.Send(e.ctx, e.repA, notice.Message{Subject: "Hỏi về báo cáo", Body: "Nội dung", ReportID: repA})
		if err != nil || th.ReportID != repA || th.ReportLink != fmt.Sprintf("/reports/%d/2020-03/%d", regime, e.sa.ID) {
			t.Fatalf("linked report: %+v, %v", th.Message, err)
		}
		if l, _ := e.svc.Threads(e.ctx, e.spec); len(l) != 1 || l[0].ReportLink != th.ReportLink {
			t.Errorf("the Board's list: %+v", l)
		}
	})
}
