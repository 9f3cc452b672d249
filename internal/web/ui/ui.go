// Package ui is the HTML interface: server-rendered pages (html/template,
// embedded), enhanced with htmx. Vietnamese first, English on request.
// One file per resource; handlers return errors and are wrapped once.
package ui

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

//go:embed templates static
var assets embed.FS

// Deps are the services and session manager the pages use.
type Deps struct {
	Org        *org.Service
	Reporting  *reporting.Service
	Task       *task.Service
	Meeting    *meeting.Service
	Press      *press.Service
	Notice     *notice.Service
	Calendar   *calendar.Service
	Dashboard  *dashboard.Service
	Training   *training.Service
	Search     *search.Service
	Sessions   *scs.SessionManager
	TrustProxy bool
	Now        func() time.Time // the server's clock (deadlines, default year)
}

func (u *ui) now() time.Time { return u.Now() }

type ui struct {
	Deps
	once  sync.Once
	pages map[string]*template.Template
}

// Register adds every page route to mux.
func Register(mux *http.ServeMux, d Deps) {
	if d.Now == nil {
		d.Now = time.Now
	}
	u := &ui{Deps: d}
	u.loadTemplates()
	static, _ := fs.Sub(assets, "static")
	fileServer := http.StripPrefix("/static/", http.FileServerFS(static))
	mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	}))
	mux.Handle("GET /favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently))
	// Anything else is a page that does not exist: say so politely.
	mux.Handle("/", u.wrap(func(w http.ResponseWriter, r *http.Request) error {
		return apperr.NotFound("trang " + r.URL.Path)
	}))
	for _, rt := range append(append(append(append(append(append(append(u.routes(), u.pressTopicRoutes()...), u.noticeRoutes()...), u.fileRoutes()...), u.prefRoutes()...), u.trainingRoutes()...), u.dashboardRoutes()...), u.searchRoutes()...) {
		h := rt.h
		if !rt.public {
			h = u.requireUser(h)
		}
		mux.Handle(rt.pattern, u.wrap(h))
	}
}

type route struct {
	pattern string
	public  bool
	h       httpx.HandlerFunc
}

func (u *ui) routes() []route {
	return []route{
		{pattern: "GET /login", public: true, h: u.loginForm},
		{pattern: "POST /login", public: true, h: u.login},
		{pattern: "POST /logout", h: u.logout},
		{pattern: "GET /{$}", h: u.home},
		{pattern: "GET /units", h: u.unitList},
		{pattern: "GET /units/new", h: u.unitNew},
		{pattern: "POST /units", h: u.unitCreate},
		{pattern: "GET /units/import", h: u.unitImportForm},
		{pattern: "POST /units/import", h: u.unitImport},
		{pattern: "GET /units/{id}", h: u.unitEdit},
		{pattern: "POST /units/{id}", h: u.unitUpdate},
		{pattern: "POST /units/{id}/active", h: u.unitSetActive},
		{pattern: "GET /users", h: u.userList},
		{pattern: "GET /users/new", h: u.userNew},
		{pattern: "POST /users", h: u.userCreate},
		{pattern: "GET /users/{id}", h: u.userEdit},
		{pattern: "POST /users/{id}", h: u.userUpdate},
		{pattern: "GET /account/password", h: u.passwordForm},
		{pattern: "POST /account/password", h: u.passwordChange},
		{pattern: "GET /audit", h: u.auditList},
		{pattern: "GET /settings", h: u.settingsForm},
		{pattern: "POST /settings", h: u.settingsSave},
		{pattern: "GET /holidays", h: u.holidayList},
		{pattern: "POST /holidays", h: u.holidaySave},
		{pattern: "POST /holidays/{date}/delete", h: u.holidayDelete},
		{pattern: "GET /lang/{lang}", public: true, h: u.setLang},
		{pattern: "GET /meetings", h: u.meetingList},
		{pattern: "GET /meetings/new", h: u.meetingNew},
		{pattern: "POST /meetings", h: u.meetingCreate},
		{pattern: "GET /meetings/{id}", h: u.meetingView},
		{pattern: "GET /meetings/{id}/edit", h: u.meetingEdit},
		{pattern: "POST /meetings/{id}", h: u.meetingUpdate},
		{pattern: "POST /meetings/{id}/agenda", h: u.meetingAgenda},
		{pattern: "POST /meetings/{id}/attendance", h: u.meetingAttendance},
		{pattern: "POST /meetings/{id}/minutes", h: u.meetingMinutes},
		{pattern: "POST /meetings/{id}/conclusion", h: u.meetingConclusion},
		{pattern: "GET /meetings/{id}/conclusion", h: u.meetingNotice},
		{pattern: "GET /meetings/{id}/prepare", h: u.meetingPrepare},
		{pattern: "POST /meetings/{id}/attachments", h: u.meetingAttach},
		{pattern: "GET /meetings/{id}/attachments/{file}", h: u.meetingFile},
		{pattern: "POST /meetings/{id}/attachments/{file}/delete", h: u.meetingDetach},
		{pattern: "GET /calendar", h: u.calendarView},
		{pattern: "POST /calendar", h: u.calendarRotate},
		{pattern: "GET /calendar/{file}", public: true, h: u.calendarFeed}, // iCalendar feed: the secret in the path is the credential
		{pattern: "GET /tasks", h: u.taskList},
		{pattern: "GET /tasks/new", h: u.taskNew},
		{pattern: "POST /tasks", h: u.taskCreate},
		{pattern: "GET /tasks/scorecard", h: u.taskScorecard},
		{pattern: "GET /tasks/{id}", h: u.taskView},
		{pattern: "POST /tasks/{id}/progress", h: u.taskAction("progress")},
		{pattern: "POST /tasks/{id}/complete", h: u.taskAction("complete")},
		{pattern: "POST /tasks/{id}/confirm", h: u.taskAction("confirm")},
		{pattern: "POST /tasks/{id}/reject", h: u.taskAction("reject")},
		{pattern: "POST /tasks/{id}/extension", h: u.taskAction("extension")},
		{pattern: "POST /tasks/{id}/extension/{ext}", h: u.taskAction("decide")},
		{pattern: "GET /reports", h: u.reportsIndex},
		{pattern: "GET /reports/{regime}/{period}/{unit}", h: u.reportForm},
		{pattern: "POST /reports/{regime}/{period}/{unit}", h: u.reportPost},
		{pattern: "POST /reports/{regime}/{period}/{unit}/attachments", h: u.attachmentUpload},
		{pattern: "POST /reports/{regime}/{period}/{unit}/attachments/{id}/delete", h: u.attachmentDelete},
		{pattern: "GET /regimes/new", h: u.regimeNew},
		{pattern: "POST /regimes", h: u.regimeSave},
		{pattern: "GET /regimes/{id}/edit", h: u.regimeEdit},
		{pattern: "POST /regimes/{id}", h: u.regimeSave},
		{pattern: "GET /regimes/{id}", h: u.regimeView},
		{pattern: "GET /regimes/{id}/grid", h: u.regimeGrid},
		{pattern: "GET /regimes/{id}/aggregate", h: u.regimeAggregate},
		{pattern: "GET /regimes/{id}/consolidated", h: u.consolidatedForm},
		{pattern: "POST /regimes/{id}/consolidated", h: u.consolidatedPost},
		{pattern: "GET /press", h: u.pressList},
		{pattern: "GET /press/new", h: u.pressNew},
		{pattern: "POST /press", h: u.pressCreate},
		{pattern: "GET /press/feeds", h: u.feedsList},
		{pattern: "POST /press/feeds", h: u.feedsCreate},
		{pattern: "POST /press/feeds/{id}/poll", h: u.feedsPoll},
		{pattern: "GET /press/feeds/{id}/edit", h: u.feedEdit},
		{pattern: "POST /press/feeds/{id}/edit", h: u.feedUpdate},
		{pattern: "POST /press/feeds/{id}/active", h: u.feedActive},
		{pattern: "GET /press/routing", h: u.pressRouting},
		{pattern: "POST /press/routing", h: u.pressRoutingSave},
		{pattern: "GET /press/rules", h: u.rulesList},
		{pattern: "POST /press/rules", h: u.rulesCreate},
		{pattern: "GET /press/triage", h: u.triageList},
		{pattern: "POST /press/triage/{id}/case", h: u.triageCase},
		{pattern: "POST /press/triage/{id}/dismiss", h: u.triageDismiss},
		{pattern: "GET /press/{id}", h: u.pressView},
		{pattern: "POST /press/{id}/assign", h: u.pressAction("assign")},
		{pattern: "POST /press/{id}/answer", h: u.pressAction("answer")},
		{pattern: "POST /press/{id}/review", h: u.pressAction("review")},
		{pattern: "POST /press/{id}/close", h: u.pressAction("close")},
		{pattern: "POST /press/{id}/reopen", h: u.pressAction("reopen")},
	}
}

// requireUser sends anonymous visitors to the sign-in page, then back.
func (u *ui) requireUser(h httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if httpx.User(r.Context()) == nil {
			next := r.URL.RequestURI()
			if r.Method != http.MethodGet {
				next = "/"
			}
			if r.Header.Get("HX-Request") == "true" {
				w.Header().Set("HX-Redirect", "/login?next="+url.QueryEscape(next))
				return nil
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return nil
		}
		return h(w, r)
	}
}

// wrap maps a handler's error to a page: a polite 403, a 404, a 409, or a
// generic message for internal errors (the cause goes to the log only).
func (u *ui) wrap(h httpx.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status := httpx.Status(err)
		httpx.LogError(r, status, err)
		d := httpx.Describe(err, httpx.Lang(r.Context()))
		p := u.page(r, "Lỗi", "")
		p.Data = errorPage{Status: status, Message: d.Message}
		u.renderStatus(w, r, status, "error.html", p)
	})
}

type errorPage struct {
	Status  int
	Message string
}

// render writes a page with 200.
func (u *ui) render(w http.ResponseWriter, r *http.Request, name string, p *Page) error {
	return u.renderStatus(w, r, http.StatusOK, name, p)
}

// renderStatus executes into a buffer first, so a template failure never
// sends half a page.
func (u *ui) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, p *Page) error {
	t, ok := u.pages[name]
	if !ok {
		return errors.New("ui: no template " + name)
	}
	entry := "layout"
	if p.Partial != "" {
		entry = p.Partial
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, entry, p); err != nil {
		slog.Error("template", "name", name, "err", err)
		http.Error(w, "Hệ thống gặp sự cố khi hiển thị trang.", http.StatusInternalServerError)
		return nil
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
	return nil
}

// formErr re-renders a form with 422 and field messages when err is a
// validation error; other errors go to the wrapper.
func (u *ui) formErr(w http.ResponseWriter, r *http.Request, err error, name string, p *Page) error {
	e, ok := apperr.As(err)
	if !ok || (e.Kind != apperr.KindInvalid && e.Kind != apperr.KindConflict && e.Kind != apperr.KindTooMany && e.Kind != apperr.KindUnauthenticated && e.Kind != apperr.KindTooLarge) {
		return err
	}
	d := httpx.Describe(err, p.Lang)
	p.Errors = d.Fields
	p.Flash = &Flash{Kind: "bad", Text: d.Message}
	return u.renderStatus(w, r, httpx.Status(err), name, p)
}

func (u *ui) setLang(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("lang")
	if lang != "en" {
		lang = "vi"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	back := r.URL.Query().Get("next")
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") {
		back = "/"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

// conflictCurrent extracts the stored version carried by a conflict error.
func conflictCurrent[T any](err error) (T, bool) {
	var zero T
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindConflict {
		return zero, false
	}
	m, ok := e.Detail.(map[string]any)
	if !ok {
		return zero, false
	}
	cur, ok := m["current"].(T)
	return cur, ok
}
