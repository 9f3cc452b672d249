package dashboard

import (
	"net/url"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/task"
)

// The lists behind the figures. Each link names a list page with the
// filter whose total is the figure.

func link(path string, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// RegimeLink lists a period's expected units; state (on_time, late,
// missing, overdue, pending) or status (a report status) keeps only those.
func RegimeLink(regimeID int64, period, key, value string) string {
	if key == "" {
		return link("/regimes/"+id(regimeID), "period", period)
	}
	return link("/regimes/"+id(regimeID), "period", period, key, value)
}

// TaskLink lists tasks of a view (all, mine, key, overdue, awaiting) and
// status, of a lead unit, due on or before a date.
func TaskLink(view string, st task.Status, unitID int64, dueBefore civil.Date) string {
	kv := []string{"view", view}
	if st != "" {
		kv = append(kv, "status", string(st))
	}
	if unitID != 0 {
		kv = append(kv, "unit_id", id(unitID))
	}
	if !dueBefore.IsZero() {
		kv = append(kv, "due_before", dueBefore.String())
	}
	return link("/tasks", kv...)
}

// PressLink lists press cases: "open" or "late" or a status, of a field.
func PressLink(what string, field press.Field) string {
	var kv []string
	switch what {
	case "open", "late":
		kv = append(kv, what, "1")
	case "":
	default:
		kv = append(kv, "status", what)
	}
	if field != "" {
		kv = append(kv, "field", string(field))
	}
	return link("/press", kv...)
}

// PressDueLink lists the cases waiting for an answer due from..to.
func PressDueLink(from, to civil.Date) string {
	return link("/press", "status", string(press.Assigned), "due_from", from.String(), "due_to", to.String())
}

// UnreadLink lists the unread directives (one directive's unread units).
func UnreadLink(directiveID int64) string {
	if directiveID == 0 {
		return link("/directives", "unread", "1")
	}
	return link("/directives", "unread", "1", "directive", id(directiveID))
}

// ReportLink is a unit's report form.
func ReportLink(regimeID int64, period string, unitID int64) string {
	return "/reports/" + id(regimeID) + "/" + period + "/" + id(unitID)
}
