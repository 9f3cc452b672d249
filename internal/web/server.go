// Package web assembles the HTTP server: routes of the JSON API and the
// HTML pages, sessions, CSRF protection, security headers, logs and metrics.
package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/api"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
	"github.com/khoagiao/khoagiao/internal/web/ui"
)

// Config holds the server's settings.
type Config struct {
	SecureCookies bool // behind TLS: Secure cookies and HSTS
	TrustProxy    bool // take the client address from X-Forwarded-For
	Now           func() time.Time
	// RateLimits of token creation, search and exports; nil means
	// DefaultRateLimits. The buckets run on the wall clock, not Now.
	RateLimits *RateLimits
}

// Services are the domain services the server exposes.
type Services struct {
	Org       *org.Service
	Calendar  *calendar.Service
	Reporting *reporting.Service
	Task      *task.Service
	Meeting   *meeting.Service
	Notice    *notice.Service
	Press     *press.Service
	Training  *training.Service
	Search    *search.Service
}

// Server is the product's HTTP handler.
type Server struct {
	cfg      Config
	svc      Services
	org      *org.Service
	sessions *scs.SessionManager
	mux      *http.ServeMux
	metrics  *metrics
	limiter  *rateLimiter
	timeouts timeouts
	handler  http.Handler
}

// New builds the server over the services.
func New(cfg Config, svc Services) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	orgSvc := svc.Org
	s := &Server{cfg: cfg, svc: svc, org: orgSvc, mux: http.NewServeMux(), metrics: newMetrics(), timeouts: defaultTimeouts}
	s.sessions = scs.New()
	s.sessions.Store = org.NewSessionStore(orgSvc.DB(), cfg.Now)
	s.sessions.Lifetime = 12 * time.Hour
	s.sessions.IdleTimeout = 2 * time.Hour
	s.sessions.Cookie.Name = "khoagiao_session"
	s.sessions.Cookie.HttpOnly = true
	s.sessions.Cookie.SameSite = http.SameSiteLaxMode
	s.sessions.Cookie.Secure = cfg.SecureCookies
	s.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		httpx.WriteJSONError(w, r, err)
	}
	limits := DefaultRateLimits()
	if cfg.RateLimits != nil {
		limits = *cfg.RateLimits
	}
	s.limiter = newRateLimiter(limits, cfg.TrustProxy, time.Now)
	s.routes()
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := &apperr.Error{Kind: apperr.KindForbidden, Code: "cross_origin",
			Message: "Yêu cầu từ trang web khác bị từ chối (bảo vệ CSRF).", English: "Cross-origin request refused (CSRF protection)."}
		r = r.WithContext(httpx.WithLang(r.Context(), httpx.ChooseLang(r, "")))
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprintf(w, "<!doctype html><meta charset=utf-8><title>403</title><p>%s</p><p><a href=\"/\">Trang chủ</a></p>",
				html.EscapeString(httpx.Describe(err, httpx.Lang(r.Context())).Message))
			return
		}
		httpx.WriteJSONError(w, r, err)
	}))
	s.handler = s.observe(s.securityHeaders(s.limitRequest(csrf.Handler(s.sessions.LoadAndSave(s.authenticate(s.rateLimit(s.mux)))))))
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.org.DB().Ping(ctx); err != nil {
			httpx.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
		httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	s.mux.Handle("GET /metrics", s.metrics)
	dash := s.dashboard()
	for _, rt := range api.Routes(api.Deps{Dashboard: dash, Org: s.org, Reporting: s.svc.Reporting, Calendar: s.svc.Calendar, Task: s.svc.Task, Meeting: s.svc.Meeting, Press: s.svc.Press, Notice: s.svc.Notice, Training: s.svc.Training, Search: s.svc.Search, TrustProxy: s.cfg.TrustProxy, Now: s.cfg.Now}) {
		h := rt.Handler
		if !rt.Public {
			h = requireAPIUser(h)
			if rt.Method != http.MethodGet {
				h = s.idempotent(h)
			}
		}
		s.mux.Handle(rt.Pattern(), httpx.JSON(h))
	}
	s.mux.Handle("/api/", httpx.JSON(func(w http.ResponseWriter, r *http.Request) error {
		return apperr.NotFound("đường dẫn API " + r.URL.Path)
	}))
	ui.Register(s.mux, ui.Deps{Dashboard: dash, Org: s.org, Reporting: s.svc.Reporting, Calendar: s.svc.Calendar, Task: s.svc.Task, Meeting: s.svc.Meeting, Notice: s.svc.Notice, Press: s.svc.Press, Training: s.svc.Training, Search: s.svc.Search, Sessions: s.sessions, TrustProxy: s.cfg.TrustProxy, Now: s.cfg.Now})
}

func requireAPIUser(h httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if httpx.User(r.Context()) == nil {
			return apperr.Unauthenticated()
		}
		return h(w, r)
	}
}

// CleanSessions deletes expired sessions every interval until ctx ends.
func (s *Server) CleanSessions(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	store := s.sessions.Store.(*org.SessionStore)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_, _ = store.DeleteExpired(ctx)
			_, _ = s.org.DB().PurgeIdempotency(ctx, 24*time.Hour)
		}
	}
}
