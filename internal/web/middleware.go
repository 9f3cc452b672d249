package web

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// statusWriter remembers the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs each request with slog, records metrics, and turns a panic
// into a 500 without killing the server.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		_, pattern := s.mux.Handler(r)
		defer func() {
			if p := recover(); p != nil {
				slog.Error("panic", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				if sw.code == 0 {
					http.Error(sw, "Hệ thống gặp sự cố.", http.StatusInternalServerError)
				}
			}
			d := time.Since(start)
			s.metrics.observe(pattern, sw.code, d)
			if r.URL.Path != "/healthz" && r.URL.Path != "/metrics" {
				slog.Info("http", "method", r.Method, "path", r.URL.Path, "route", pattern, "status", sw.code,
					"ms", float64(d.Microseconds())/1000, "ip", httpx.ClientIP(r, s.cfg.TrustProxy))
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// securityHeaders sets a strict CSP (no inline script anywhere), framing
// and sniffing protection, and HSTS when served over TLS.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.cfg.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// authenticate resolves the caller from a Bearer token or the session
// cookie and puts the user and the chosen language in the context.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		ip := httpx.ClientIP(r, s.cfg.TrustProxy)
		pref := ""
		if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") {
			u, _, err := s.org.UserForToken(ctx, strings.TrimPrefix(auth, "Bearer "))
			if err != nil {
				ctx = httpx.WithLang(ctx, httpx.ChooseLang(r, ""))
				if !apperr.Is(err, apperr.KindUnauthenticated) && !apperr.Is(err, apperr.KindNotFound) {
					httpx.WriteJSONError(w, r.WithContext(ctx), err)
					return
				}
				httpx.WriteJSONError(w, r.WithContext(ctx), apperr.Unauthenticated())
				return
			}
			ctx, pref = httpx.WithUser(ctx, &u, ip), u.Lang
		} else if uid := s.sessions.GetInt64(ctx, sessionUserID); uid != 0 {
			authAt := time.UnixMicro(s.sessions.GetInt64(ctx, sessionAuthAt))
			u, err := s.org.UserForSession(ctx, uid, authAt)
			switch {
			case err == nil:
				ctx, pref = httpx.WithUser(ctx, &u, ip), u.Lang
			case apperr.Is(err, apperr.KindUnauthenticated) || apperr.Is(err, apperr.KindNotFound):
				_ = s.sessions.Destroy(ctx)
			default:
				httpx.WriteJSONError(w, r, err)
				return
			}
		}
		ctx = httpx.WithLang(ctx, httpx.ChooseLang(r, pref))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Session keys.
const (
	sessionUserID = "uid"
	sessionAuthAt = "auth_at"
)
