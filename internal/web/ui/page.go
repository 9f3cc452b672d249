package ui

import (
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
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
	"join":        strings.Join,
	"deref":       func(p *int64) int64 { return *p },
	"periodLabel": reporting.PeriodLabel,
	"hasKind": func(ks []org.UnitKind, k org.UnitKind) bool {
		for _, x := range ks {
			if x == k {
				return true
			}
		}
		return false
	},
	"fptr": func(f *float64) string {
		if f == nil {
			return ""
		}
		return strings.TrimRight(strings.TrimRight(vntext.FormatDecimal(*f, 4), "0"), ",")
	},
	"typeLabel": func(t reporting.ValueType, lang string) string { return pick(typeLabels[t], string(t), lang) },
	"aggLabel":  func(a reporting.AggKind, lang string) string { return pick(aggLabels[a], string(a), lang) },
	"status":    func(s string) reporting.Status { return reporting.Status(s) },
	"statusShort": func(s reporting.Status) string {
		switch s {
		case reporting.StatusAccepted:
			return "✓"
		case reporting.StatusSubmitted:
			return "Đ"
		case reporting.StatusReturned:
			return "TL"
		case reporting.StatusAwaitingApproval:
			return "CD"
		}
		return "N"
	},
	"cell": func(c reporting.Cell) string {
		if c.Value == nil {
			return ""
		}
		v := *c.Value
		if v == float64(int64(v)) {
			return vntext.FormatInt(int64(v))
		}
		return vntext.FormatDecimal(v, 2)
	},
	"freqLabel": func(f calendar.Frequency, lang string) string {
		l, ok := freqLabels[f]
		if !ok {
			return string(f)
		}
		if lang == "en" {
			return l[1]
		}
		return l[0]
	},
	"statusLabel": func(s reporting.Status, lang string) string { return s.Label(lang) },
	"statusClass": func(s reporting.Status) string {
		switch s {
		case reporting.StatusAccepted:
			return "ok"
		case reporting.StatusSubmitted, reporting.StatusAwaitingApproval:
			return "info"
		case reporting.StatusReturned:
			return "bad"
		}
		return ""
	},
	"timelinessClass": func(state string) string {
		switch state {
		case "on_time":
			return "ok"
		case "late":
			return "warn"
		case "overdue":
			return "bad"
		}
		return ""
	},
	"actionLabel": func(action, lang string) string {
		l, ok := actionLabels[action]
		if !ok {
			return action
		}
		if lang == "en" {
			return l[1]
		}
		return l[0]
	},
	// ruleOpen: show a soft rule's explanation box when the rule fires or
	// an explanation was already written.
	"ruleOpen": func(firing []reporting.Rule, code, text string) bool {
		if text != "" {
			return true
		}
		for _, r := range firing {
			if r.Code == code {
				return true
			}
		}
		return false
	},
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

var actionLabels = map[string][2]string{
	"submit": {"Gửi", "Submitted"}, "approve": {"Duyệt", "Approved"}, "return": {"Trả lại", "Returned"},
	"accept": {"Tiếp nhận", "Accepted"}, "reopen": {"Mở lại", "Reopened"},
}

var freqLabels = map[calendar.Frequency][2]string{
	calendar.Monthly: {"Hằng tháng", "Monthly"}, calendar.Quarterly: {"Hằng quý", "Quarterly"},
	calendar.FirstHalf: {"6 tháng đầu năm", "First half"}, calendar.SecondHalf: {"6 tháng cuối năm", "Second half"},
	calendar.NineMonths: {"9 tháng", "Nine months"}, calendar.Yearly: {"Hằng năm", "Yearly"}, calendar.Explicit: {"Một lần", "Once"},
}

func pick(l [2]string, fallback, lang string) string {
	switch {
	case l[0] == "":
		return fallback
	case lang == "en":
		return l[1]
	}
	return l[0]
}

var typeLabels = map[reporting.ValueType][2]string{
	reporting.TypeInteger: {"Số nguyên", "Integer"}, reporting.TypeDecimal: {"Số thập phân", "Decimal"},
	reporting.TypePercent: {"Tỷ lệ %", "Percent"}, reporting.TypeMoney: {"Tiền (đồng)", "Money (VND)"},
	reporting.TypeBool: {"Có/Không", "Yes/no"}, reporting.TypeText: {"Chữ ngắn", "Short text"},
}

var aggLabels = map[reporting.AggKind][2]string{
	reporting.AggSum: {"Cộng", "Sum"}, reporting.AggAvg: {"Trung bình", "Average"}, reporting.AggMin: {"Nhỏ nhất", "Minimum"},
	reporting.AggMax: {"Lớn nhất", "Maximum"}, reporting.AggNone: {"Không tổng hợp", "None"},
}
