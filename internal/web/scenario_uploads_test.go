package web_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/blob"
)

// uploadRoute is one route that takes a file, as the API or a page posts it.
type uploadRoute struct {
	name string
	ui   bool
	post func(t *testing.T, f maliciousFile) resp
	// last returns the client and path that download the file stored last.
	last func(t *testing.T) (*client, string)
}

// attachmentRoutes are every route that stores an attachment: the
// report's (API and page), the conference's (page) and the training
// certificate's (API and page).
func attachmentRoutes(t *testing.T, a *attachmentsEnv) []uploadRoute {
	env := a.env
	repUI, specUI := uiClient(t, env, "sgddt.baocao"), uiClient(t, env, "chuyenvien")
	send := func(c *client, p string) func(t *testing.T, f maliciousFile) resp {
		return func(t *testing.T, f maliciousFile) resp {
			ctype, body := multipartAs(t, "file", f.file, f.ctype, f.data)
			return c.do(t, "POST", p, body, "Content-Type", ctype)
		}
	}
	lastReportFile := func(t *testing.T) (*client, string) {
		var l listJSON[blob.File]
		a.rep.do(t, "GET", a.api+"/attachments", nil).want(t, http.StatusOK).decode(t, &l)
		return a.rep, path("/api/v1/attachments/%d", l.Items[len(l.Items)-1].ID)
	}
	var m struct{ ID int64 }
	a.spec.do(t, "POST", "/api/v1/meetings", map[string]any{"kind": "thematic", "title": "Hội nghị tải tệp",
		"starts_at": "2021-06-20T08:00:00+07:00", "ends_at": "2021-06-20T11:00:00+07:00", "unit_ids": []int64{env.Unit(t, "SGDDT").ID}}).
		want(t, http.StatusCreated).decode(t, &m)
	lastMeetingFile := func(t *testing.T) (*client, string) {
		var d struct{ Attachments []blob.File }
		a.spec.do(t, "GET", path("/api/v1/meetings/%d", m.ID), nil).want(t, http.StatusOK).decode(t, &d)
		return specUI, path("/meetings/%d/attachments/%d", m.ID, d.Attachments[len(d.Attachments)-1].ID)
	}
	course, staff := trainingParticipant(t, a)
	lastCertificate := func(t *testing.T) (*client, string) {
		var c struct {
			Participants []struct{ Certificates []blob.File }
		}
		a.rep.do(t, "GET", path("/api/v1/training/courses/%d", course), nil).want(t, http.StatusOK).decode(t, &c)
		certs := c.Participants[0].Certificates
		return repUI, path("/training/certificates/%d", certs[len(certs)-1].ID)
	}
	cert := path("/training/courses/%d/participants/%d/certificate", course, staff)
	return []uploadRoute{
		{name: "API report attachment", post: send(a.rep, a.api+"/attachments"), last: lastReportFile},
		{name: "page report attachment", ui: true, post: send(repUI, a.pagePath+"/attachments"), last: lastReportFile},
		{name: "page conference file", ui: true, post: send(specUI, path("/meetings/%d/attachments", m.ID)), last: lastMeetingFile},
		{name: "API training certificate", post: send(a.rep, "/api/v1"+cert), last: lastCertificate},
		{name: "page training certificate", ui: true, post: send(repUI, cert), last: lastCertificate},
	}
}

// trainingParticipant registers a staff member of SGDDT at a new course.
func trainingParticipant(t *testing.T, a *attachmentsEnv) (course, staff int64) {
	var s, c struct {
		ID      int64
		Version int
	}
	a.rep.do(t, "POST", "/api/v1/training/staff", map[string]any{"unit_id": a.env.Unit(t, "SGDDT").ID, "full_name": "Lê Thị Tải Tệp",
		"position": "Chuyên viên"}).want(t, http.StatusCreated).decode(t, &s)
	a.spec.do(t, "POST", "/api/v1/training/courses", map[string]any{"title": "Lớp tải tệp", "organiser": "Ban Tuyên giáo Tỉnh ủy",
		"kind": "training", "starts_on": "2021-06-01", "ends_on": "2021-06-03"}).want(t, http.StatusCreated).decode(t, &c)
	a.spec.do(t, "PUT", path("/api/v1/training/courses/%d/participants", c.ID), map[string]any{"version": c.Version,
		"participants": []map[string]any{{"staff_id": s.ID, "attendance": "attended"}}}).want(t, http.StatusOK)
	return c.ID, s.ID
}

// TestMaliciousUploads: on every attachment route, the corpus of hostile
// files is refused by content (whatever name and type the client claims),
// or — a PDF or GIF that is also HTML or script, a PNG whose header claims
// 7.5 GB of pixels, an XLSX zip bomb — stored as it came, never decoded or
// inflated, and served only as a download: Content-Disposition attachment,
// nosniff and a sandboxing CSP. A file over 20 MB is a 413 with the
// Vietnamese message, on the API and on the page.
func TestMaliciousUploads(t *testing.T) {
	withAttachmentsEnv(t, func(t *testing.T, a *attachmentsEnv) {
		for _, rt := range attachmentRoutes(t, a) {
			t.Run(rt.name, func(t *testing.T) {
				for _, f := range attachmentCorpus(t) {
					t.Run(f.name, func(t *testing.T) {
						start := time.Now()
						r := rt.post(t, f)
						if d := time.Since(start); d > 10*time.Second {
							t.Errorf("the upload took %v: was the file decoded or inflated?", d)
						}
						if f.accept == "" {
							wantRefusal(t, rt.ui, r, http.StatusUnprocessableEntity, "Loại tệp không được chấp nhận")
							return
						}
						if r.Status != http.StatusCreated && r.Status != http.StatusSeeOther {
							t.Fatalf("status %d, want it stored: %.300s", r.Status, r.Body)
						}
						c, p := rt.last(t)
						checkDownload(t, c.do(t, "GET", p, nil).want(t, http.StatusOK), f.accept, f.data)
					})
				}
				t.Run("a file over 20 MB", func(t *testing.T) {
					big := maliciousFile{file: "lon.pdf", ctype: "application/pdf", data: append(bytes.Clone(attachmentPDF), make([]byte, 25<<20)...)}
					wantRefusal(t, rt.ui, rt.post(t, big), http.StatusRequestEntityTooLarge, "Tệp vượt quá giới hạn 20 MB.")
				})
			})
		}
	})
}

// wantRefusal checks the status and the Vietnamese message: the JSON error
// of the API, or the page.
func wantRefusal(t *testing.T, ui bool, r resp, status int, msg string) {
	t.Helper()
	r.want(t, status)
	if ui {
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(r.Body), msg) {
			t.Errorf("page %q lacks %q: %.300s", ct, msg, r.Body)
		}
		return
	}
	if e := r.errorBody(t); !strings.Contains(e.Error.Message+e.Error.Fields["file"], msg) {
		t.Errorf("error %s lacks %q", r.Body, msg)
	}
}

// checkDownload: an accepted file comes back byte for byte, with the
// sniffed type, as an attachment the browser neither renders nor sniffs.
func checkDownload(t *testing.T, r resp, ctype string, data []byte) {
	t.Helper()
	if got := r.Header.Get("Content-Type"); got != ctype {
		t.Errorf("Content-Type %q, want %q", got, ctype)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
		t.Errorf("Content-Disposition %q, want an attachment", cd)
	}
	if v := r.Header.Get("X-Content-Type-Options"); v != "nosniff" {
		t.Errorf("X-Content-Type-Options %q", v)
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") {
		t.Errorf("CSP %q, want a sandbox", csp)
	}
	if !bytes.Equal(r.Body, data) {
		t.Errorf("downloaded %d bytes, not the %d stored", len(r.Body), len(data))
	}
}
