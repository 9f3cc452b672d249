package ui

import (
	"net/url"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/press"
)

// pressDashFilters reads the filters the dashboards link with — open=1,
// late=1, due_from, due_to (yyyy-mm-dd) — and the page's offset.
func pressDashFilters(q url.Values, d *pressListPage, f *press.Filter) {
	d.Open, d.Late = q.Get("open") == "1", q.Get("late") == "1"
	f.Open, f.Late = d.Open, d.Late
	if v, err := civil.Parse(q.Get("due_from")); err == nil && q.Get("due_from") != "" {
		d.DueFrom, f.DueFrom = v, v
	}
	if v, err := civil.Parse(q.Get("due_to")); err == nil && q.Get("due_to") != "" {
		d.DueTo, f.DueTo = v, v
	}
	off, _ := strconv.Atoi(q.Get("offset"))
	f.Offset = max(off, 0)
}
