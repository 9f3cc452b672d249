package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// multipartForm builds a form with fields and, when name is set, one file.
func multipartForm(t *testing.T, fields map[string]string, name string, data []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// post sends a multipart form (or an API upload) and returns the answer.
func (c *client) multipart(t *testing.T, url string, fields map[string]string, name string, data []byte, hdr ...string) resp {
	t.Helper()
	ctype, body := multipartForm(t, fields, name, data)
	return c.do(t, "POST", url, body, append([]string{"Content-Type", ctype}, hdr...)...)
}

const outletPage = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Ô nhiễm</title></head>` +
	`<body><h1>Khói bụi từ lò gạch</h1><script>document.title="x"</script></body></html>`

// outlet is a newspaper's site on 127.0.0.1 (the test server may fetch it).
func outlet(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bi-go" {
			http.Error(w, "gone", http.StatusGone)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(outletPage))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestPressFiles: the Board saves a copy of the article and attaches its
// documents; the lead unit adds evidence to its answer from the page;
// files download as attachments only; what is not a document, a late
// file and another unit are refused, in words.
func TestPressFiles(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		srv := outlet(t)
		spec, rep, other := apiClient(t, env, "chuyenvien"), apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "syt.baocao")
		var c press.Case
		spec.do(t, "POST", "/api/v1/press-cases", map[string]any{"outlet": "Báo Giáo dục", "url": srv.URL + "/lo-gach",
			"title": "Khói bụi từ lò gạch cạnh trường học", "field": "education"}).want(t, http.StatusCreated).decode(t, &c)
		base := path("/api/v1/press-cases/%d", c.ID)

		var copy blob.File
		spec.do(t, "POST", base+"/snapshot", nil).want(t, http.StatusCreated).decode(t, &copy)
		if !strings.HasPrefix(copy.Name, "ban-luu-") || !strings.HasSuffix(copy.Name, ".html") || copy.ContentType != blob.HTMLType {
			t.Fatalf("snapshot %+v", copy)
		}
		r := spec.do(t, "GET", path("%s/attachments/%d", base, copy.ID), nil).want(t, http.StatusOK)
		if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, copy.Name) ||
			r.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(r.Header.Get("Content-Security-Policy"), "sandbox") ||
			string(r.Body) != outletPage {
			t.Fatalf("the saved copy is not served as a download: %v", r.Header)
		}
		rep.do(t, "POST", base+"/snapshot", nil).want(t, http.StatusForbidden)

		spec.do(t, "POST", base+"/assign", map[string]any{"version": c.Version, "lead_unit_id": env.Unit(t, "SGDDT").ID}).
			want(t, http.StatusOK).decode(t, &c)
		page := uiClient(t, env, "sgddt.baocao")
		r = page.multipart(t, path("/press/%d/attachments", c.ID), nil, "Biên bản kiểm tra.pdf", attachmentPDF)
		if r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Header.Get("Location"), "?done=attach#files") {
			t.Fatalf("upload from the page: %d %s", r.Status, r.Body)
		}
		html := string(page.do(t, "GET", path("/press/%d", c.ID), nil).want(t, http.StatusOK).Body)
		if !strings.Contains(html, "Biên bản kiểm tra.pdf") || !strings.Contains(html, copy.Name) || strings.Contains(html, `id="snapshot"`) {
			t.Errorf("the lead unit's page lacks its files or shows the snapshot button")
		}
		r = page.multipart(t, path("/press/%d/attachments", c.ID), nil, "trang.html", []byte(outletPage))
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "Loại tệp không được chấp nhận") {
			t.Errorf("an HTML upload from the page: %d", r.Status)
		}
		e := rep.multipart(t, base+"/attachments", nil, "trang.html", []byte(outletPage), "Accept-Language", "en").
			want(t, http.StatusUnprocessableEntity).errorBody(t)
		if !strings.Contains(e.Error.Fields["file"], "File type not accepted") {
			t.Errorf("English refusal: %+v", e.Error)
		}
		var l listJSON[blob.File]
		rep.do(t, "GET", base+"/attachments", nil).want(t, http.StatusOK).decode(t, &l)
		if len(l.Items) != 2 || l.Items[1].Name != "Biên bản kiểm tra.pdf" || l.Items[1].CreatedBy != "sgddt.baocao" {
			t.Fatalf("files of the case: %+v", l.Items)
		}
		other.do(t, "GET", base+"/attachments", nil).want(t, http.StatusForbidden)
		other.do(t, "GET", path("%s/attachments/%d", base, l.Items[1].ID), nil).want(t, http.StatusForbidden)
		rep.do(t, "DELETE", path("%s/attachments/%d", base, copy.ID), nil).want(t, http.StatusForbidden)

		rep.do(t, "POST", base+"/answer", map[string]any{"version": c.Version, "answer": "Đã kiểm tra, lò gạch đã dừng hoạt động."}).
			want(t, http.StatusOK)
		rep.multipart(t, base+"/attachments", nil, "muon.pdf", attachmentPDF).want(t, http.StatusConflict)

		var gone press.Case
		spec.do(t, "POST", "/api/v1/press-cases", map[string]any{"outlet": "Báo Giáo dục", "url": srv.URL + "/bi-go",
			"title": "Bài đã bị gỡ", "field": "education"}).want(t, http.StatusCreated).decode(t, &gone)
		e = spec.do(t, "POST", path("/api/v1/press-cases/%d/snapshot", gone.ID), nil).want(t, http.StatusUnprocessableEntity).errorBody(t)
		if !strings.Contains(e.Error.Fields["url"], "HTTP 410") {
			t.Errorf("a page gone: %+v", e.Error)
		}
		board := uiClient(t, env, "chuyenvien")
		r = board.do(t, "POST", path("/press/%d/snapshot", gone.ID), nil)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "HTTP 410") {
			t.Errorf("the page's snapshot of a page gone: %d", r.Status)
		}
	})
}

// TestDirectiveFiles: the drafter attaches from the page and through the
// API while drafting; the recipients see nothing before the issue, then
// read and download the files; an issued directive's files are fixed.
func TestDirectiveFiles(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		spec, rep, other := apiClient(t, env, "chuyenvien"), apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "syt.baocao")
		var d notice.Directive
		spec.do(t, "POST", "/api/v1/directives", map[string]any{"type_code": "HD", "title": "Hướng dẫn tuyên truyền phòng, chống dịch",
			"unit_ids": []int64{env.Unit(t, "SGDDT").ID}}).want(t, http.StatusCreated).decode(t, &d)
		base := path("/api/v1/directives/%d", d.ID)
		page := uiClient(t, env, "chuyenvien")
		if r := page.multipart(t, path("/directives/%d/attachments", d.ID), nil, "Hướng dẫn chi tiết.pdf", attachmentPDF); r.Status != http.StatusSeeOther {
			t.Fatalf("upload from the page: %d %s", r.Status, r.Body)
		}
		var extra blob.File
		spec.multipart(t, base+"/attachments", nil, "phu-luc.pdf", attachmentPDF).want(t, http.StatusCreated).decode(t, &extra)
		if r := page.form(t, path("/directives/%d/attachments/%d/delete", d.ID, extra.ID), nil); r.Status != http.StatusSeeOther {
			t.Fatalf("removal from the page: %d", r.Status)
		}
		rep.do(t, "GET", base+"/attachments", nil).want(t, http.StatusForbidden)
		apiClient(t, env, "lanhdao").multipart(t, base+"/attachments", nil, "x.pdf", attachmentPDF).want(t, http.StatusForbidden)

		spec.do(t, "POST", base+"/issue", map[string]any{"version": d.Version}).want(t, http.StatusOK)
		var det notice.Detail
		rep.do(t, "GET", base, nil).want(t, http.StatusOK).decode(t, &det)
		if len(det.Attachments) != 1 || det.Attachments[0].Name != "Hướng dẫn chi tiết.pdf" {
			t.Fatalf("the recipient's directive: %+v", det.Attachments)
		}
		f := det.Attachments[0]
		r := rep.do(t, "GET", path("%s/attachments/%d", base, f.ID), nil).want(t, http.StatusOK)
		if !bytes.Equal(r.Body, attachmentPDF) || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") {
			t.Errorf("download by the recipient: %v", r.Header)
		}
		other.do(t, "GET", path("%s/attachments/%d", base, f.ID), nil).want(t, http.StatusForbidden)
		html := string(uiClient(t, env, "sgddt.baocao").do(t, "GET", path("/directives/%d", d.ID), nil).want(t, http.StatusOK).Body)
		if !strings.Contains(html, path("/api/v1/directives/%d/attachments/%d", d.ID, f.ID)) || strings.Contains(html, "directive-attach-form") {
			t.Errorf("the recipient's page: no download link, or an upload form")
		}
		spec.multipart(t, base+"/attachments", nil, "muon.pdf", attachmentPDF).want(t, http.StatusConflict)
		r = page.multipart(t, path("/directives/%d/attachments", d.ID), nil, "muon.pdf", attachmentPDF)
		if r.Status != http.StatusConflict || !strings.Contains(string(r.Body), "Văn bản đã ban hành") {
			t.Errorf("a late upload from the page: %d", r.Status)
		}
	})
}
