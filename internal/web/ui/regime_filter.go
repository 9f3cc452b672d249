package ui

import (
	"net/url"

	"github.com/khoagiao/khoagiao/internal/reporting"
)

// unitStates are the ?state= values of the regime page: a timeliness
// state, or "missing" for every unit whose report has not reached the
// Board (pending or overdue), as Completeness counts them.
var unitStates = map[string]string{"on_time": "Nộp đúng hạn", "late": "Nộp muộn", "missing": "Chưa nộp",
	"overdue": "Quá hạn, chưa nộp", "pending": "Chưa đến hạn"}

// filterUnits keeps the units of a period's table that the dashboards'
// links ask for — ?state= (above) or ?status= (a report status, e.g.
// submitted) — and says, in the page's language, what it kept ("" when
// no filter applies).
func filterUnits(p *Page, c *reporting.Completeness, q url.Values) string {
	state, status := q.Get("state"), reporting.Status(q.Get("status"))
	label, byState := unitStates[state]
	if !byState && (status == "" || status.Label("vi") == string(status)) {
		return ""
	}
	kept := c.Units[:0:0]
	for _, us := range c.Units {
		switch {
		case byState && state == "missing" && (us.Timeliness.State == "pending" || us.Timeliness.State == "overdue"),
			byState && us.Timeliness.State == state,
			!byState && reporting.Status(us.Status) == status:
			kept = append(kept, us)
		}
	}
	c.Units = kept
	if byState {
		return p.T(label)
	}
	return status.Label(p.Lang)
}
