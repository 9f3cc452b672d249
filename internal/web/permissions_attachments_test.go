package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// attachmentPDF is a small valid-looking PDF; blob.Sniff reads its header.
var attachmentPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// attachmentRequest builds the matrix cells of the attachment routes. Each
// cell works on a report of its own period, so an allowed caller gets
// exactly 2xx and the check reads what changed.
func attachmentRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	env, ctx, n := f.env, context.Background(), f.next()
	unit, _ := f.target(cl, scope)
	period := fmt.Sprintf("%d-H1", 2030+n)
	rp := path("/reports/%d/%s/%d", f.regOwn.ID, period, unit.ID)
	// withFile stores a draft report of the target unit holding one PDF.
	withFile := func() blob.File {
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusDraft)
		rep := org.Actor{Username: "pm.reporter", UnitID: unit.ID, Roles: []org.Role{org.RoleUnitReporter}}
		file, err := env.Reporting.Attach(ctx, rep, f.regOwn.ID, period, unit.ID, "ke-hoach.pdf", attachmentPDF)
		if err != nil {
			t.Fatalf("attach to the report of %s: %v", unit.Code, err)
		}
		return file
	}
	stored := func(t *testing.T) []blob.File {
		l, err := env.Reporting.Attachments(ctx, system, f.regOwn.ID, period, unit.ID)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	switch key {
	case "GET /reports/{regime_id}/{period_key}/{unit_id}/attachments":
		file := withFile()
		return rp + "/attachments", nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[blob.File]
			if r.decode(t, &l); l.Total != 1 || len(l.Items) != 1 || l.Items[0].ID != file.ID || l.Items[0].Name != "ke-hoach.pdf" {
				t.Errorf("listed %s", r.Body)
			}
		}), true
	case "POST /reports/{regime_id}/{period_key}/{unit_id}/attachments":
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusDraft)
		ctype, body := multipartFile(t, "file", "bien-ban.pdf", attachmentPDF)
		return rp + "/attachments", body, []string{"Content-Type", ctype}, func(t *testing.T, r resp) {
			if l := stored(t); (len(l) == 1) != (r.Status == http.StatusCreated) {
				t.Errorf("status %d but the report holds %d files", r.Status, len(l))
			}
		}, true
	case "DELETE /reports/{regime_id}/{period_key}/{unit_id}/attachments/{id}":
		file := withFile()
		return path("%s/attachments/%d", rp, file.ID), nil, nil, func(t *testing.T, r resp) {
			if l := stored(t); (len(l) == 0) != (r.Status == http.StatusNoContent) {
				t.Errorf("status %d but the report holds %d files", r.Status, len(l))
			}
		}, true
	case "GET /attachments/{id}":
		file := withFile()
		return path("/attachments/%d", file.ID), nil, nil, onOK(func(t *testing.T, r resp) {
			if ct, cd := r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"); ct != "application/pdf" ||
				!strings.HasPrefix(cd, "attachment;") || !bytes.Equal(r.Body, attachmentPDF) {
				t.Errorf("download: Content-Type %q, Content-Disposition %q, %d bytes", ct, cd, len(r.Body))
			}
		}), true
	}
	return "", nil, nil, nil, false
}
