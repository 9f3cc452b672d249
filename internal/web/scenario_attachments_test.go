package web_test

import (
	"archive/zip"
	"bytes"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// docxFile builds a DOCX-shaped package, [Content_Types].xml last (as
// some tools write it), far past the first bytes.
func docxFile(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, part := range []struct{ name, body string }{
		{"word/document.xml", `<?xml version="1.0"?><w:document>` + strings.Repeat("<w:p>Biên bản họp</w:p>", 300) + `</w:document>`},
		{"[Content_Types].xml", `<?xml version="1.0"?><Types/>`},
	} {
		w, err := z.Create(part.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(part.body))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// attachmentsEnv is the scenario's report: SGDDT's six-month report of 2021.
type attachmentsEnv struct {
	env           *webtest.Env
	rep, other    *client // the unit's reporter; the reporter of SKHCN
	spec          *client
	api, pagePath string // /api/v1/reports/…, /reports/…
}

// withAttachmentsEnv runs fn once per engine over a server whose clock
// starts on 15/06/2021, before the report's due date (21/06/2021), so users
// signed in through the pages live in that time too.
func withAttachmentsEnv(t *testing.T, fn func(t *testing.T, a *attachmentsEnv)) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			fn(t, newAttachmentsEnv(t, webtest.NewAt(t, d, time.Date(2021, 6, 15, 9, 0, 0, 0, vntext.Location))))
		})
	}
}

func newAttachmentsEnv(t *testing.T, env *webtest.Env) *attachmentsEnv {
	a := &attachmentsEnv{env: env, rep: apiClient(t, env, "sgddt.baocao"), other: apiClient(t, env, "skhcn.baocao"), spec: apiClient(t, env, "chuyenvien")}
	a.pagePath = path("/reports/%d/2021-H1/%d", regimeID(t, a.spec, "KG-6T"), env.Unit(t, "SGDDT").ID)
	a.api = "/api/v1" + a.pagePath
	return a
}

func (a *attachmentsEnv) upload(t *testing.T, c *client, name string, data []byte) resp {
	t.Helper()
	ctype, body := multipartFile(t, "file", name, data)
	return c.do(t, "POST", a.api+"/attachments", body, "Content-Type", ctype)
}

// TestAttachmentsAPI: a unit attaches a DOCX and a photo to its report,
// downloads them as attachments, is refused what is not a document, and
// keeps its files to itself.
func TestAttachmentsAPI(t *testing.T) {
	withAttachmentsEnv(t, func(t *testing.T, a *attachmentsEnv) {
		docx := docxFile(t)
		var doc, photo blob.File
		a.upload(t, a.rep, "Biên bản họp.docx", docx).want(t, http.StatusCreated).decode(t, &doc)
		a.upload(t, a.rep, `C:\Anh\hoi-thao.png`, pngBytes(t)).want(t, http.StatusCreated).decode(t, &photo)
		if doc.ContentType != httpx.DOCXType || doc.Name != "Biên bản họp.docx" || doc.Size != int64(len(docx)) || photo.Name != "hoi-thao.png" {
			t.Fatalf("attached %+v and %+v", doc, photo)
		}
		var l listJSON[blob.File]
		a.spec.do(t, "GET", a.api+"/attachments", nil).want(t, http.StatusOK).decode(t, &l)
		if l.Total != 2 || l.Items[0].ID != doc.ID || l.Items[1].ID != photo.ID {
			t.Errorf("list %+v", l)
		}
		var withFiles struct {
			Attachments []blob.File `json:"attachments"`
		}
		a.rep.do(t, "GET", a.api, nil).want(t, http.StatusOK).decode(t, &withFiles)
		if len(withFiles.Attachments) != 2 {
			t.Errorf("GET report carries %d attachments, want 2", len(withFiles.Attachments))
		}

		dl := a.spec.do(t, "GET", path("/api/v1/attachments/%d", doc.ID), nil).want(t, http.StatusOK)
		for h, want := range map[string]string{
			"Content-Type":           httpx.DOCXType,
			"Content-Disposition":    `attachment; filename="Bi_n b_n h_p.docx"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.docx`,
			"X-Content-Type-Options": "nosniff",
			"Cache-Control":          "no-store",
		} {
			if got := dl.Header.Get(h); got != want {
				t.Errorf("download %s: %q, want %q", h, got, want)
			}
		}
		if !bytes.Equal(dl.Body, docx) {
			t.Errorf("downloaded %d bytes, want the %d uploaded", len(dl.Body), len(docx))
		}
		if csp := dl.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") {
			t.Errorf("download CSP %q, want a sandbox", csp)
		}

		// Another unit sees nothing of it and changes nothing.
		for _, tc := range []struct{ method, path string }{
			{"GET", path("/api/v1/attachments/%d", doc.ID)},
			{"GET", a.api + "/attachments"},
			{"DELETE", path("%s/attachments/%d", a.api, doc.ID)},
		} {
			r := a.other.do(t, tc.method, tc.path, nil).want(t, http.StatusForbidden)
			if r.errorBody(t); bytes.Contains(r.Body, []byte("Biên bản")) || bytes.Contains(r.Body, []byte("PK")) {
				t.Errorf("%s %s: the refusal leaks the file: %s", tc.method, tc.path, r.Body)
			}
		}
		a.upload(t, a.other, "chen.pdf", attachmentPDF).want(t, http.StatusForbidden)
		a.upload(t, a.spec, "ban.pdf", attachmentPDF).want(t, http.StatusForbidden) // the Board reads, the unit writes

		html := []byte("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>")
		for _, tc := range []struct {
			name   string
			file   string
			data   []byte
			status int
			code   string
		}{
			{"HTML named .pdf", "bao-cao.pdf", html, 422, "invalid"},
			{"an executable", "cai-dat.exe", append([]byte("MZ\x90\x00"), make([]byte, 300)...), 422, "invalid"},
			{"a plain zip named .docx", "nen.docx", zipOf(t), 422, "invalid"},
			{"an empty file", "trong.pdf", nil, 422, "invalid"},
			{"a file over 20 MB", "lon.pdf", append(bytes.Clone(attachmentPDF), make([]byte, blob.MaxSize)...), 413, "too_large"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := a.upload(t, a.rep, tc.file, tc.data).want(t, tc.status)
				if e := r.errorBody(t); e.Error.Code != tc.code || (tc.status == 422 && e.Error.Fields["file"] == "") {
					t.Errorf("error %s", r.Body)
				}
			})
		}
		raw := a.rep.do(t, "POST", a.api+"/attachments", attachmentPDF, "Content-Type", "application/pdf").want(t, http.StatusBadRequest)
		raw.errorBody(t)
		var other bytes.Buffer
		mw := multipart.NewWriter(&other)
		mw.WriteField("note", "không có tệp")
		mw.Close()
		a.rep.do(t, "POST", a.api+"/attachments", other.Bytes(), "Content-Type", mw.FormDataContentType()).want(t, http.StatusUnprocessableEntity)

		a.rep.do(t, "DELETE", path("%s/attachments/%d", a.api, photo.ID), nil).want(t, http.StatusNoContent)
		a.rep.do(t, "DELETE", path("%s/attachments/%d", a.api, photo.ID), nil).want(t, http.StatusNotFound)
		a.spec.do(t, "GET", path("/api/v1/attachments/%d", photo.ID), nil).want(t, http.StatusNotFound)
		a.spec.do(t, "GET", a.api+"/attachments", nil).want(t, http.StatusOK).decode(t, &l)
		if l.Total != 1 || l.Items[0].ID != doc.ID {
			t.Errorf("after the delete: %+v", l)
		}

		// Sent to the Board, the report's files are what the Board received.
		a.rep.do(t, "PUT", a.api, map[string]any{"version": 1, "sections": map[string]string{"results": "Đạt.", "limitations": "Không.", "directions": "Tiếp tục."},
			"values": map[string]any{"propaganda_sessions": 4, "participants": 100, "staff_trained": 2}}).want(t, http.StatusOK)
		a.rep.do(t, "POST", a.api+"/submit", nil).want(t, http.StatusOK)
		a.upload(t, a.rep, "muon.pdf", attachmentPDF).want(t, http.StatusConflict)
		a.rep.do(t, "DELETE", path("%s/attachments/%d", a.api, doc.ID), nil).want(t, http.StatusConflict)
		a.spec.do(t, "GET", path("/api/v1/attachments/%d", doc.ID), nil).want(t, http.StatusOK)
	})
}

// TestAttachmentsUI: the report page without JavaScript — the list, the
// upload form posting multipart, the reason beside the file field, the
// delete button, and nothing of it for those who may not change the report.
func TestAttachmentsUI(t *testing.T) {
	withAttachmentsEnv(t, func(t *testing.T, a *attachmentsEnv) {
		rep := uiClient(t, a.env, "sgddt.baocao")
		post := func(c *client, name string, data []byte) resp {
			ctype, body := multipartFile(t, "file", name, data)
			return c.do(t, "POST", a.pagePath+"/attachments", body, "Content-Type", ctype)
		}
		page := string(rep.do(t, "GET", a.pagePath, nil).want(t, http.StatusOK).Body)
		mustContain(t, "the empty list", page, `id="attachment-form"`, `enctype="multipart/form-data"`,
			`action="`+a.pagePath+`/attachments"`, "Chưa có tệp đính kèm.")

		bad := string(post(rep, "bao-cao.pdf", []byte("<html><body>không phải PDF</body></html>")).want(t, http.StatusUnprocessableEntity).Body)
		mustContain(t, "the refused type", bad, `class="field has-error"`, "Loại tệp không được chấp nhận",
			`id="report-form" class="card" method="post" action="`+a.pagePath+`"`)
		big := string(post(rep, "lon.pdf", append(bytes.Clone(attachmentPDF), make([]byte, blob.MaxSize)...)).want(t, http.StatusRequestEntityTooLarge).Body)
		mustContain(t, "the oversized file", big, "Tệp vượt quá giới hạn 20 MB.")

		done := post(rep, "Kế hoạch.pdf", attachmentPDF).want(t, http.StatusSeeOther)
		if loc := done.Header.Get("Location"); loc != a.pagePath+"?done=attach" {
			t.Fatalf("after the upload: Location %q", loc)
		}
		var l listJSON[blob.File]
		a.rep.do(t, "GET", a.api+"/attachments", nil).want(t, http.StatusOK).decode(t, &l)
		if l.Total != 1 {
			t.Fatalf("stored %+v", l)
		}
		id := l.Items[0].ID
		page = string(rep.do(t, "GET", a.pagePath+"?done=attach", nil).want(t, http.StatusOK).Body)
		mustContain(t, "the page after the upload", page, "Đã đính kèm tệp.", "Kế hoạch.pdf",
			path(`href="/api/v1/attachments/%d"`, id), path(`action="%s/attachments/%d/delete"`, a.pagePath, id))
		en := string(rep.do(t, "GET", a.pagePath+"?lang=en", nil).want(t, http.StatusOK).Body)
		mustContain(t, "the English page", en, "Attachments", "File name", "Attach")

		// The Board reads the list and downloads, without the forms.
		board := string(uiClient(t, a.env, "chuyenvien").do(t, "GET", a.pagePath, nil).want(t, http.StatusOK).Body)
		mustContain(t, "the Board's page", board, "Kế hoạch.pdf", path(`href="/api/v1/attachments/%d"`, id))
		if strings.Contains(board, "attachment-form") || strings.Contains(board, "/delete") {
			t.Error("the Board's page offers to change the unit's files")
		}
		other := uiClient(t, a.env, "skhcn.baocao")
		post(other, "chen.pdf", attachmentPDF).want(t, http.StatusForbidden)
		other.form(t, path("%s/attachments/%d/delete", a.pagePath, id), nil).want(t, http.StatusForbidden)

		gone := rep.form(t, path("%s/attachments/%d/delete", a.pagePath, id), nil).want(t, http.StatusSeeOther)
		if loc := gone.Header.Get("Location"); loc != a.pagePath+"?done=detach" {
			t.Fatalf("after the delete: Location %q", loc)
		}
		page = string(rep.do(t, "GET", a.pagePath+"?done=detach", nil).want(t, http.StatusOK).Body)
		mustContain(t, "the page after the delete", page, "Đã xóa tệp đính kèm.", "Chưa có tệp đính kèm.")
	})
}

func mustContain(t *testing.T, what, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(body, p) {
			t.Errorf("%s lacks %q", what, p)
		}
	}
}

// zipOf is a plain zip archive: no [Content_Types].xml, so not a document.
func zipOf(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, _ := z.Create("ghi-chu.txt")
	w.Write([]byte("không phải tài liệu Office"))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
