package web

import (
	"context"
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
const (
	requestTimeout = 30 * time.Second  // pages and API calls
	uploadTimeout  = 60 * time.Second  // a request carrying a file (multipart or a raw upload)
	exportTimeout  = 110 * time.Second // .xlsx, .docx, .pdf: large periods take a while, under WriteTimeout
)

// Caps on request bodies by their type, before any handler reads them.
// The helpers keep their own, finer limits (httpx.DecodeJSON 1 MiB,
// httpx.ReadAttachment 20 MiB plus framing); this cap makes sure that no
// handler — a form parsed with r.ParseForm, say — ever reads more.
const (
	maxFormBody  = httpx.MaxJSONBody       // application/x-www-form-urlencoded, like the forms that set it themselves
	maxJSONBody  = httpx.MaxJSONBody       // application/json: every JSON body goes through httpx.DecodeJSON
	maxOtherBody = httpx.MaxAttachmentBody // multipart uploads and raw imports
)

// bodyCap returns the largest body accepted for r's content type.
func bodyCap(r *http.Request) int64 {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/x-www-form-urlencoded":
		return maxFormBody
	case "application/json":
		return maxJSONBody
	}
	return maxOtherBody
}

// timeoutFor returns the time budget of r.
func timeoutFor(r *http.Request) time.Duration {
	switch strings.ToLower(path.Ext(r.URL.Path)) {
	case ".xlsx", ".docx", ".pdf":
		return exportTimeout
	}
	if r.URL.Query().Get("format") == "xlsx" {
		return exportTimeout
	}
	if r.ContentLength > maxJSONBody || strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return uploadTimeout
	}
	return requestTimeout
}

// limitRequest refuses a body announced over its cap with 413 before
// reading it, caps the body that is read (a chunked one announces
// nothing), and puts the request's deadline on its context.
func (s *Server) limitRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := bodyCap(r)
		if r.ContentLength > limit {
			r = r.WithContext(httpx.WithLang(r.Context(), httpx.ChooseLang(r, "")))
			w.Header().Set("Connection", "close") // do not read the rest of it
			refuse(w, r, tooLarge(limit))
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeoutFor(r))
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
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
