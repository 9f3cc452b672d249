// Package dashboard composes the role dashboards — the Board leader's
// overview, the Board specialist's review queue, a unit's own deadlines —
// from aggregate counts of the domain modules, computed at every request.
// Every figure carries the link of the list it counts, so a number on a
// dashboard is the number of rows that list shows. It never sees HTTP.
package dashboard

import (
	"slices"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// View is one of the dashboards.
type View string

// The dashboards.
const (
	Leader     View = "leader"     // the Board's leader: the whole picture
	Specialist View = "specialist" // the Board's specialist: what waits for review, what is due this week
	Unit       View = "unit"       // a unit's reporter or leader: the unit's own deadlines
)

// Valid reports whether v is a known view.
func (v View) Valid() bool { return v == Leader || v == Specialist || v == Unit }

// Label names the view in lang.
func (v View) Label(lang string) string {
	switch v {
	case Leader:
		return tr("Lãnh đạo Ban", lang)
	case Specialist:
		return tr("Chuyên viên Ban", lang)
	}
	return tr("Đơn vị", lang)
}

// Views lists the dashboards the actor may open, the default first: the
// Board's people have both Board views, everyone else their unit's.
func Views(a org.Actor) []View {
	switch {
	case a.Has(org.RoleBoardLeader), a.Has(org.RoleAdmin) && !a.Has(org.RoleBoardSpecialist):
		return []View{Leader, Specialist}
	case a.Has(org.RoleBoardSpecialist):
		return []View{Specialist, Leader}
	}
	return []View{Unit}
}

// Allowed reports whether the actor may open view v.
func Allowed(a org.Actor, v View) bool { return slices.Contains(Views(a), v) }

// Dashboard is one person's dashboard at one moment.
type Dashboard struct {
	View     View       `json:"view"`
	Views    []View     `json:"views"`
	Today    civil.Date `json:"today"`
	WeekEnd  civil.Date `json:"week_end"`
	UnitID   int64      `json:"unit_id,omitempty"`
	UnitName string     `json:"unit_name,omitempty"`
	Widgets  []Widget   `json:"widgets"`
}

// Widget finds a widget by key (nil when the dashboard has none).
func (d *Dashboard) Widget(key string) *Widget {
	for i := range d.Widgets {
		if d.Widgets[i].Key == key {
			return &d.Widgets[i]
		}
	}
	return nil
}

// Chart is how a widget's rows are drawn beside its table.
type Chart string

// The charts.
const (
	NoChart  Chart = ""         // the table only
	Bars     Chart = "bar"      // horizontal bars, a row each; several columns stack
	Grouped  Chart = "grouped"  // horizontal bars, the columns side by side (one contains the other)
	Doughnut Chart = "doughnut" // one column; each row a slice in its own colour
)

// Widget is one panel: a table of figures (Columns × Rows, with a total),
// drawn as a chart, and/or a list of items with deadlines.
type Widget struct {
	Key        string   `json:"key"`
	Title      string   `json:"title"`
	Note       string   `json:"note,omitempty"`
	Chart      Chart    `json:"chart"`
	Columns    []Column `json:"columns"`
	Rows       []Row    `json:"rows"`
	Total      *Row     `json:"total,omitempty"`
	Items      []Item   `json:"items,omitempty"`
	ItemsTitle string   `json:"items_title,omitempty"` // above the items when the panel has figures too
	More       string   `json:"more,omitempty"`        // the whole list behind the items
	Empty      string   `json:"empty,omitempty"`
}

// Column is one figure of every row.
type Column struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Color   string `json:"color,omitempty"` // ok, warn, bad, info, muted, accent
	Plot    bool   `json:"plot"`            // drawn in the chart
	Percent bool   `json:"percent,omitempty"`
}

// Row is one line of figures.
type Row struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Sub   string `json:"sub,omitempty"`
	Link  string `json:"link,omitempty"`
	Color string `json:"color,omitempty"` // a doughnut's slice
	Cells []Cell `json:"cells"`
}

// Cell is one figure and the list it counts.
type Cell struct {
	Value int    `json:"value"`
	Link  string `json:"link,omitempty"`
}

// Item is one thing with a deadline: a report to send, a task, a case to
// answer, a directive to read.
type Item struct {
	Kind        string     `json:"kind"` // report, task, press_case, directive
	Label       string     `json:"label"`
	Sub         string     `json:"sub,omitempty"`
	Link        string     `json:"link"`
	Status      string     `json:"status,omitempty"`
	Class       string     `json:"class,omitempty"` // ok, warn, bad, info: the status badge
	Date        civil.Date `json:"date"`            // the due date (a directive: the day it was issued)
	WorkingDays *int       `json:"working_days,omitempty"`
	DateNote    string     `json:"date_note,omitempty"` // "còn 3 ngày làm việc", "quá hạn 2 ngày làm việc"
	Late        bool       `json:"late,omitempty"`      // the due date has passed
}

// Sum returns the total of column i over the rows.
func (w *Widget) Sum(i int) int {
	n := 0
	for _, r := range w.Rows {
		if i < len(r.Cells) {
			n += r.Cells[i].Value
		}
	}
	return n
}
