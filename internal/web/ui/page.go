package ui

import (
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Page is what every template receives: the common frame plus Data, the
// page's own struct.
type Page struct {
	Title   string
	Nav     string
	Lang    string
	Path    string
	User    *org.User
	Actor   org.Actor
	Flash   *Flash
	Errors  map[string]string
	Partial string // render only this template (htmx requests)
	Data    any
}

// Flash is a one-line message above the page content.
type Flash struct {
	Kind string // "ok" or "bad"
	Text string
}

func (u *ui) page(r *http.Request, title, nav string) *Page {
	ctx := r.Context()
	return &Page{Title: title, Nav: nav, Lang: httpx.Lang(ctx), Path: r.URL.RequestURI(),
		User: httpx.User(ctx), Actor: httpx.Actor(ctx)}
}

// T translates a Vietnamese UI string when the page is in English.
func (p *Page) T(vi string) string {
	if p.Lang == "en" {
		if en, ok := english[vi]; ok {
			return en
		}
	}
	return vi
}

// Err returns the message for a form field, if any.
func (p *Page) Err(field string) string { return p.Errors[field] }

var funcs = template.FuncMap{
	"date":      func(t time.Time) string { return vntext.FormatDate(t) },
	"datetime":  func(t time.Time) string { return vntext.FormatDateTime(t) },
	"num":       func(n int) string { return vntext.FormatInt(int64(n)) },
	"kindLabel": func(k org.UnitKind, lang string) string { return k.Label(lang) },
	"roleLabel": func(r org.Role, lang string) string { return r.Label(lang) },
	"add":       func(a, b int) int { return a + b },
	"sub":       func(a, b int) int { return a - b },
	"hasRole": func(roles []org.Role, r org.Role) bool {
		for _, x := range roles {
			if x == r {
				return true
			}
		}
		return false
	},
	"join":  strings.Join,
	"deref": func(p *int64) int64 { return *p },
	"cdate": func(d civil.Date) string {
		if d.IsZero() {
			return ""
		}
		return vntext.FormatDate(d.In(vntext.Location))
	},
}

func (u *ui) loadTemplates() {
	u.pages = map[string]*template.Template{}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		base := n[len("templates/"):]
		if base == "layout.html" {
			continue
		}
		u.pages[base] = template.Must(template.New(base).Funcs(funcs).ParseFS(assets, "templates/layout.html", n))
	}
}
