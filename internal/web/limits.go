package web

import (
	"context"
	"errors"
	"fmt"
	"html"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Time limits of one request, as a deadline on its context: database
// queries and service calls stop when it passes. http.TimeoutHandler is not
// used because it buffers the whole answer, which the streamed exports
// cannot afford. The server's own timeouts (cmd/khoagiao/serve.go:
// ReadHeaderTimeout 10 s against slowloris, ReadTimeout 60 s,
// WriteTimeout 120 s) bound the connection around these.
type timeouts struct {
	normal time.Duration // pages and API calls
	upload time.Duration // a request carrying a file (multipart or a raw upload)
	export time.Duration // .xlsx, .docx, .pdf: large periods take a while, under WriteTimeout
}

var defaultTimeouts = timeouts{normal: 30 * time.Second, upload: 60 * time.Second, export: 110 * time.Second}

// Caps on request bodies by their type, before any handler reads them.
// The helpers keep their own, finer limits (httpx.DecodeJSON 1 MiB,
// httpx.ReadAttachment 20 MiB plus framing); this cap makes sure that no
// handler — a form parsed with r.ParseForm, say — ever reads more.
const (
	maxFormBody  = httpx.MaxJSONBody       // application/x-www-form-urlencoded, like the forms that set it themselves
	maxJSONBody  = httpx.MaxJSONBody       // application/json: every JSON body goes through httpx.DecodeJSON
	maxOtherBody = httpx.MaxAttachmentBody // multipart uploads and raw imports
)

// bodyCap returns the largest body accepted for r's content type, and
// whether r carries a URL-encoded form.
func bodyCap(r *http.Request) (int64, bool) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/x-www-form-urlencoded":
		return maxFormBody, true
	case "application/json":
		return maxJSONBody, false
	}
	return maxOtherBody, false
}

// timeoutFor returns the time budget of r.
func (t timeouts) timeoutFor(r *http.Request) time.Duration {
	switch strings.ToLower(path.Ext(r.URL.Path)) {
	case ".xlsx", ".docx", ".pdf":
		return t.export
	}
	if r.URL.Query().Get("format") == "xlsx" {
		return t.export
	}
	if r.ContentLength > maxJSONBody || strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return t.upload
	}
	return t.normal
}

// limitRequest refuses a body announced over its cap with 413 before
// reading it, caps the body that is read (a chunked one announces
// nothing), and puts the request's deadline on its context. A page's form
// is parsed here, so that one over the cap is a 413 even when its handler
// ignores the error of r.ParseForm.
func (s *Server) limitRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit, form := bodyCap(r)
		if r.ContentLength > limit {
			w.Header().Set("Connection", "close") // do not read the rest of it
			refuse(w, withLang(r), tooLarge(limit))
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.timeouts.timeoutFor(r))
		defer cancel()
		r = r.WithContext(ctx)
		if form && !strings.HasPrefix(r.URL.Path, "/api/") {
			if err := r.ParseForm(); err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					refuse(w, withLang(r), tooLarge(limit))
					return
				}
				refuse(w, withLang(r), apperr.BadRequest("Biểu mẫu gửi lên không hợp lệ.", "The form sent is malformed."))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// withLang puts the language in a request that has not met authenticate.
func withLang(r *http.Request) *http.Request {
	return r.WithContext(httpx.WithLang(r.Context(), httpx.ChooseLang(r, "")))
}

// tooLarge says what was over which limit, in the helpers' words.
func tooLarge(limit int64) error {
	if limit == maxOtherBody {
		return apperr.TooLarge("Tệp vượt quá giới hạn 20 MB.", "The file is over the 20 MB limit.")
	}
	return apperr.TooLarge(fmt.Sprintf("Dữ liệu gửi lên vượt quá giới hạn %d MB.", limit>>20),
		fmt.Sprintf("The request body is over the %d MB limit.", limit>>20))
}

// refuse answers a request that never reached its handler: the JSON error
// body for the API, a small page otherwise (the page templates belong to
// the ui package, which these checks run before).
func refuse(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		httpx.WriteJSONError(w, r, err)
		return
	}
	status := httpx.Status(err)
	httpx.LogError(r, status, err)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	lang := httpx.Lang(r.Context())
	home := "Trang chủ"
	if lang == "en" {
		home = "Home"
	}
	fmt.Fprintf(w, "<!doctype html><html lang=\"%s\"><meta charset=utf-8><title>%d</title><link rel=\"stylesheet\" href=\"/static/app.css\">"+
		"<main class=\"card\"><p>%s</p><p><a href=\"/\">%s</a></p></main></html>",
		lang, status, html.EscapeString(httpx.Describe(err, lang).Message), home)
}
