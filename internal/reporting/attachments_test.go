package reporting_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

var (
	pdfFile = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	pngFile = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
)

// attach stores a file, failing the test on error.
func (e *env) attach(a org.Actor, r reporting.Regime, u org.Unit, name string, data []byte) blob.File {
	e.t.Helper()
	f, err := e.svc.Attach(e.ctx, a, r.ID, "2020-H1", u.ID, name, data)
	if err != nil {
		e.t.Fatalf("attach %s to %s: %v", name, u.Code, err)
	}
	return f
}

// files lists a report's attachments as the board specialist sees them.
func (e *env) files(r reporting.Regime, u org.Unit) []blob.File {
	e.t.Helper()
	l, err := e.svc.Attachments(e.ctx, e.spec, r.ID, "2020-H1", u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return l
}

func TestAttach(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("DK", nil)
		if l := e.files(r, e.sa); l == nil || len(l) != 0 {
			t.Fatalf("a report never saved lists %#v, want no files", l)
		}
		// The first file creates the report as a draft.
		f := e.attach(e.reporter(e.sa), r, e.sa, "../Kế hoạch.pdf", pdfFile)
		if f.ID == 0 || f.Name != "Kế hoạch.pdf" || f.ContentType != "application/pdf" || f.Size != int64(len(pdfFile)) || f.CreatedBy != "baocao.SA" {
			t.Errorf("attached %+v", f)
		}
		rep, _, err := e.svc.Report(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID)
		if err != nil || !rep.Exists || rep.Status != reporting.StatusDraft || rep.Version != 1 || len(rep.Attachments) != 1 || rep.Attachments[0].ID != f.ID {
			t.Fatalf("report after the first file: %+v, %v", rep, err)
		}
		// A second file, by the leader, leaves the version alone: a tab
		// editing the content saves without a conflict.
		g := e.attach(e.leader(e.sa), r, e.sa, "anh.png", pngFile)
		saved := e.save(e.reporter(e.sa), r, "2020-H1", e.sa, good(1, 12))
		if saved.Version != 2 {
			t.Errorf("save after two files: version %d, want 2", saved.Version)
		}
		if l := e.files(r, e.sa); len(l) != 2 || l[0].ID != f.ID || l[1].ID != g.ID || l[1].ContentType != "image/png" {
			t.Errorf("files %+v", l)
		}
		// Who may read the list and the file.
		viewer := org.Actor{UserID: 9, Username: "xem", UnitID: e.sa.ID, Roles: []org.Role{org.RoleViewer}}
		for _, a := range []org.Actor{e.reporter(e.sa), e.leader(e.sa), viewer, e.spec, e.lead, e.admin} {
			if l, err := e.svc.Attachments(e.ctx, a, r.ID, "2020-H1", e.sa.ID); err != nil || len(l) != 2 {
				t.Errorf("%s lists %d files, %v", a.Username, len(l), err)
			}
			meta, data, err := e.svc.AttachmentFile(e.ctx, a, f.ID)
			if err != nil || !bytes.Equal(data, pdfFile) || meta.Name != "Kế hoạch.pdf" {
				t.Errorf("%s downloads %+v (%d bytes), %v", a.Username, meta, len(data), err)
			}
		}
		if _, err := e.svc.Attachments(e.ctx, e.reporter(e.sb), r.ID, "2020-H1", e.sa.ID); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("another unit lists the files: %v", err)
		}
		if _, _, err := e.svc.AttachmentFile(e.ctx, e.reporter(e.sb), f.ID); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("another unit downloads the file: %v", err)
		}
		if _, _, err := e.svc.AttachmentFile(e.ctx, e.spec, f.ID+100); !apperr.Is(err, apperr.KindNotFound) {
			t.Errorf("a file that does not exist: %v", err)
		}
		// The audit trail: the report's creation, then each file, with its
		// metadata and never its bytes.
		if got := e.auditActions("report", strconv.FormatInt(rep.ID, 10)); !slices.Equal(got, []string{"create", "update"}) {
			t.Errorf("report audit %v", got)
		}
		l, err := e.org.ListAudit(e.ctx, org.SystemActor("test"), org.AuditFilter{Entity: "attachment", EntityID: strconv.FormatInt(f.ID, 10), Limit: 5})
		if err != nil || len(l.Items) != 1 || l.Items[0].Action != reporting.ActionAttach || l.Items[0].Actor != "baocao.SA" {
			t.Fatalf("attachment audit %+v, %v", l.Items, err)
		}
		var after map[string]any
		if err := json.Unmarshal(l.Items[0].After, &after); err != nil || after["sha256"] != f.SHA256 || after["name"] != f.Name ||
			after["report_id"] != float64(rep.ID) || after["data"] != nil || bytes.Contains(l.Items[0].After, []byte("PDF")) {
			t.Errorf("audit keeps %s", l.Items[0].After)
		}
	})
}

func TestAttachRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("DK", nil)
		e.attach(e.reporter(e.sa), r, e.sa, "ke-hoach.pdf", pdfFile)
		html := []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")
		exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), make([]byte, 200)...)
		big := append(slices.Clone(pdfFile), make([]byte, blob.MaxSize)...)
		for _, tc := range []struct {
			name  string
			actor org.Actor
			unit  org.Unit
			file  string
			data  []byte
			kind  apperr.Kind
		}{
			{"another unit's reporter", e.reporter(e.sb), e.sa, "x.pdf", pdfFile, apperr.KindForbidden},
			{"the board specialist", e.spec, e.sa, "x.pdf", pdfFile, apperr.KindForbidden},
			{"a viewer of the unit", org.Actor{UserID: 9, Username: "xem", UnitID: e.sa.ID, Roles: []org.Role{org.RoleViewer}}, e.sa, "x.pdf", pdfFile, apperr.KindForbidden},
			{"HTML disguised as .pdf", e.reporter(e.sa), e.sa, "bao-cao.pdf", html, apperr.KindInvalid},
			{"an executable", e.reporter(e.sa), e.sa, "bao-cao.exe", exe, apperr.KindInvalid},
			{"an empty file", e.reporter(e.sa), e.sa, "trong.pdf", nil, apperr.KindInvalid},
			{"a file over 20 MB", e.reporter(e.sa), e.sa, "lon.pdf", big, apperr.KindTooLarge},
			{"a unit outside the regime", e.reporter(e.huyen), e.huyen, "x.pdf", pdfFile, apperr.KindInvalid},
			{"HTML, to a report never saved", e.reporter(e.sb), e.sb, "bao-cao.pdf", html, apperr.KindInvalid},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := e.svc.Attach(e.ctx, tc.actor, r.ID, "2020-H1", tc.unit.ID, tc.file, tc.data)
				wantErr(t, err, tc.kind)
			})
		}
		if l := e.files(r, e.sa); len(l) != 1 {
			t.Errorf("after the refusals the report has %d files, want 1", len(l))
		}
		if rep, _, _ := e.svc.Report(e.ctx, e.spec, r.ID, "2020-H1", e.sb.ID); rep.Exists {
			t.Error("a refused file created the report")
		}
		if l, _ := e.org.ListAudit(e.ctx, org.SystemActor("test"), org.AuditFilter{Entity: "attachment", Limit: 50}); l.Total != 1 {
			t.Errorf("%d attachment audit entries, want 1", l.Total)
		}
	})
}

func TestDetachAndLifecycle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("DK", nil)
		mine := e.attach(e.reporter(e.sa), r, e.sa, "a.pdf", pdfFile)
		keep := e.attach(e.reporter(e.sa), r, e.sa, "b.png", pngFile)
		theirs := e.attach(e.reporter(e.sb), r, e.sb, "c.pdf", pdfFile)
		detach := func(a org.Actor, u org.Unit, id int64) error {
			return e.svc.Detach(e.ctx, a, r.ID, "2020-H1", u.ID, id)
		}
		wantErr(t, detach(e.reporter(e.sa), e.sa, theirs.ID), apperr.KindNotFound) // another report's file
		wantErr(t, detach(e.reporter(e.sb), e.sa, mine.ID), apperr.KindForbidden)
		wantErr(t, detach(e.spec, e.sa, mine.ID), apperr.KindForbidden)
		if err := detach(e.leader(e.sa), e.sa, mine.ID); err != nil {
			t.Fatal(err)
		}
		wantErr(t, detach(e.leader(e.sa), e.sa, mine.ID), apperr.KindNotFound) // already gone
		if l := e.files(r, e.sa); len(l) != 1 || l[0].ID != keep.ID {
			t.Errorf("after detach: %+v", l)
		}
		if _, _, err := e.svc.AttachmentFile(e.ctx, e.spec, mine.ID); !apperr.Is(err, apperr.KindNotFound) {
			t.Errorf("a detached file still downloads: %v", err)
		}
		if got := e.auditActions("attachment", strconv.FormatInt(mine.ID, 10)); !slices.Equal(got, []string{"attach", "detach"}) {
			t.Errorf("audit of the detached file %v", got)
		}
		// Sent to the Board, the report keeps its files as they are.
		e.submitted(r, "2020-H1", e.sa, 5, ict(2020, time.June, 17, 10, 0))
		wantErr(t, detach(e.leader(e.sa), e.sa, keep.ID), apperr.KindConflict)
		_, err := e.svc.Attach(e.ctx, e.leader(e.sa), r.ID, "2020-H1", e.sa.ID, "d.pdf", pdfFile)
		wantErr(t, err, apperr.KindConflict)
		if _, data, err := e.svc.AttachmentFile(e.ctx, e.spec, keep.ID); err != nil || !bytes.Equal(data, pngFile) {
			t.Errorf("the Board cannot read a submitted report's file: %v", err)
		}
		// Returned, it is the unit's to change again.
		if _, err := e.svc.Return(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID, "Bổ sung biên bản"); err != nil {
			t.Fatal(err)
		}
		e.attach(e.reporter(e.sa), r, e.sa, "bien-ban.pdf", pdfFile)
		if l := e.files(r, e.sa); len(l) != 2 {
			t.Errorf("after the return: %d files, want 2", len(l))
		}
		// Past the lock date nothing changes without a reopening.
		e.clk.Set(ict(2020, time.September, 1, 9, 0))
		_, err = e.svc.Attach(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID, "muon.pdf", pdfFile)
		wantErr(t, err, apperr.KindConflict)
		// A file owned by something other than a report is not served here.
		var other blob.File
		err = db.Transact(e.ctx, func(tx *sqldb.Tx) error {
			other, err = blob.Save(e.ctx, tx, "meeting", 1, "x.pdf", pdfFile, "test", time.Now())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.AttachmentFile(e.ctx, e.admin, other.ID); !apperr.Is(err, apperr.KindNotFound) {
			t.Errorf("a meeting's file served as a report's: %v", err)
		}
	})
}
