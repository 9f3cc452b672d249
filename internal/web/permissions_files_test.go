package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/press"
)

// The files of press cases, directives and messages. Press: "own" is a case
// the caller's unit leads (assigned), "other" one SKHCN leads; the Board
// attaches at any step, the lead unit's reporter and leader while it
// answers, and each removes what it may. Directives: "own" issued to the
// callers' units, "other" to SKHCN; drafts take files from the drafters
// only. Messages: "own" a thread of the caller's unit written by the
// caller (by the system for viewers, who do not write), "other" one of
// SKHCN (the Board's callers write it themselves).
var (
	fileAttachers = statuses{201, 201, 201, 201, 201, 403}
	fileRemovers  = statuses{204, 204, 204, 204, 204, 403}
	boardRemovers = statuses{204, 204, 204, 403, 403, 403}
)

func init() {
	for k, v := range map[string]map[string]statuses{
		"GET /press-cases/{id}/attachments":           {"own": everyone(200), "other": boardRoles},
		"POST /press-cases/{id}/attachments":          {"own": fileAttachers, "other": boardWriters},
		"GET /press-cases/{id}/attachments/{file}":    {"own": everyone(200), "other": boardRoles},
		"DELETE /press-cases/{id}/attachments/{file}": {"own": fileRemovers, "other": boardRemovers},
		"POST /press-cases/{id}/snapshot":             {"own": boardWriters, "other": boardWriters},
		"GET /directives/{id}/attachments":            {"own": everyone(200), "other": boardRoles},
		"POST /directives/{id}/attachments":           {"own": unitAdmins(201), "other": unitAdmins(201)},
		"GET /directives/{id}/attachments/{file}":     {"own": everyone(200), "other": boardRoles},
		"DELETE /directives/{id}/attachments/{file}":  {"own": unitAdmins(204), "other": unitAdmins(204)},
		"GET /messages/{id}/attachments":              {"own": everyone(200), "other": boardRoles},
		"POST /messages/{id}/attachments":             {"own": fileAttachers, "other": boardWriters},
		"GET /messages/{id}/attachments/{file}":       {"own": everyone(200), "other": boardRoles},
		"DELETE /messages/{id}/attachments/{file}":    {"own": fileRemovers, "other": boardRemovers},
	} {
		expected[k] = v
	}
}

// fileRequest builds the matrix cells of the file routes. Each cell then
// indexes what it wrote, so the search cells do not meet a backlog (a
// search indexes only a little of one before answering).
func fileRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if !strings.Contains(key, "/attachments") && !strings.HasSuffix(key, "/snapshot") {
		return "", nil, nil, nil, false
	}
	p, body, hdr, after, ok := fileCell(t, f, key, cl, scope)
	return p, body, hdr, func(t *testing.T, r resp) {
		if after != nil {
			after(t, r)
		}
		if _, err := f.env.Search.Sync(context.Background()); err != nil {
			t.Fatal(err)
		}
	}, ok
}

func fileCell(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	var base string
	var files func(t *testing.T) []blob.File
	var file blob.File
	withFile := strings.Contains(key, "{file}")
	switch {
	case strings.Contains(key, "/press-cases/"):
		base, files, file = pressFileCell(t, f, key, cl, scope, withFile)
	case strings.Contains(key, "/directives/"):
		base, files, file = directiveFileCell(t, f, key, scope, withFile)
	case strings.Contains(key, "/messages/"):
		base, files, file = messageFileCell(t, f, cl, scope, withFile)
	default:
		return "", nil, nil, nil, false
	}
	count := func(t *testing.T, want int, ok bool, r resp) {
		if n := len(files(t)); (n == want) != ok {
			t.Errorf("status %d but the owner holds %d files", r.Status, n)
		}
	}
	switch {
	case strings.HasSuffix(key, "/snapshot"):
		return base + "/snapshot", nil, nil, func(t *testing.T, r resp) { count(t, 1, r.Status == http.StatusCreated, r) }, true
	case strings.HasPrefix(key, "GET ") && withFile:
		return path("%s/attachments/%d", base, file.ID), nil, nil, onOK(func(t *testing.T, r resp) {
			if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !bytes.Equal(r.Body, attachmentPDF) ||
				r.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("download: Content-Disposition %q, %d bytes", cd, len(r.Body))
			}
		}), true
	case strings.HasPrefix(key, "GET "):
		return base + "/attachments", nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[blob.File]
			if r.decode(t, &l); len(l.Items) != len(files(t)) {
				t.Errorf("listed %s", r.Body)
			}
		}), true
	case strings.HasPrefix(key, "POST "):
		ctype, body := multipartFile(t, "file", "minh-chung.pdf", attachmentPDF)
		return base + "/attachments", body, []string{"Content-Type", ctype}, func(t *testing.T, r resp) {
			count(t, 1, r.Status == http.StatusCreated, r)
		}, true
	default: // DELETE
		return path("%s/attachments/%d", base, file.ID), nil, nil, func(t *testing.T, r resp) {
			count(t, 0, r.Status == http.StatusNoContent, r)
		}, true
	}
}

// callerActor is the caller as the services see it.
func callerActor(cl *caller) org.Actor { return org.ActorFor(&cl.user, "127.0.0.1") }

func pressFileCell(t *testing.T, f *fixture, key string, cl *caller, scope string, withFile bool) (string, func(*testing.T) []blob.File, blob.File) {
	t.Helper()
	ctx, svc := context.Background(), f.env.Press
	unit, _ := f.target(cl, scope)
	c := matrixPressCase(t, f, unit, press.Assigned)
	if strings.HasSuffix(key, "/snapshot") {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("<!DOCTYPE html><html><body>Bài báo thử quyền</body></html>"))
		}))
		t.Cleanup(srv.Close)
		var err error
		if c, err = svc.Update(ctx, system, c.ID, press.Case{Outlet: c.Outlet, URL: srv.URL + fmt.Sprintf("/bai-%d", f.next()),
			Title: c.Title, Field: c.Field, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
	}
	var file blob.File
	if withFile {
		// The caller's own file where it may attach (the lead unit removes
		// only its own), else the Board's.
		var err error
		if file, err = svc.Attach(ctx, callerActor(cl), c.ID, "minh-chung.pdf", attachmentPDF); err != nil {
			if file, err = svc.Attach(ctx, system, c.ID, "cong-van.pdf", attachmentPDF); err != nil {
				t.Fatal(err)
			}
		}
	}
	return path("/press-cases/%d", c.ID), func(t *testing.T) []blob.File {
		l, err := svc.Attachments(ctx, system, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}, file
}

func directiveFileCell(t *testing.T, f *fixture, key string, scope string, withFile bool) (string, func(*testing.T) []blob.File, blob.File) {
	t.Helper()
	ctx, svc := context.Background(), f.env.Notice
	issue := strings.HasPrefix(key, "GET ")
	// Titled apart from the matrix's other directives, which the search
	// cells look for.
	units := []int64{f.env.Unit(t, "BTGTU").ID, f.env.Unit(t, "SGDDT").ID, f.env.Unit(t, "SYT").ID}
	if scope == "other" {
		units = []int64{f.otherUnit.ID}
	}
	d, err := svc.Create(ctx, system, notice.Directive{TypeCode: "KH", Title: fmt.Sprintf("Kế hoạch kèm tệp %d", f.next()), UnitIDs: units})
	if err != nil {
		t.Fatal(err)
	}
	var file blob.File
	if withFile {
		if file, err = svc.AttachToDirective(ctx, system, d.ID, "ke-hoach.pdf", attachmentPDF); err != nil {
			t.Fatal(err)
		}
	}
	if issue {
		if _, err = svc.Issue(ctx, system, d.ID, d.Version); err != nil {
			t.Fatal(err)
		}
	}
	return path("/directives/%d", d.ID), func(t *testing.T) []blob.File {
		l, err := svc.DirectiveAttachments(ctx, system, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}, file
}

func messageFileCell(t *testing.T, f *fixture, cl *caller, scope string, withFile bool) (string, func(*testing.T) []blob.File, blob.File) {
	t.Helper()
	ctx, svc := context.Background(), f.env.Notice
	unit, _ := f.target(cl, scope)
	author := system
	if a := callerActor(cl); cl.name != "syt.xem" && (a.AllUnits() || scope == "own") {
		author = a
	}
	var files []notice.Upload
	if withFile {
		files = []notice.Upload{{Name: "so-lieu.pdf", Data: attachmentPDF}}
	}
	th, err := svc.Send(ctx, author, notice.Message{UnitID: unit.ID, Subject: fmt.Sprintf("Gửi kèm tệp %d", f.next()), Body: "Nội dung"}, files...)
	if err != nil {
		t.Fatal(err)
	}
	var file blob.File
	if withFile {
		file = th.Attachments[0]
	}
	return path("/messages/%d", th.ID), func(t *testing.T) []blob.File {
		l, err := svc.MessageAttachments(ctx, system, th.ID)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}, file
}
