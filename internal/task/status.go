package task

import "github.com/khoagiao/khoagiao/internal/platform/civil"

// Status is a task's standing, computed from its due date D, completion date
// C and today T (domain.md), never stored, so it is never stale.
type Status string

// The statuses, with the wording of the government's task-tracking reports.
const (
	DoneOnTime           Status = "done_on_time"          // Hoàn thành đúng hạn: done, C ≤ D
	DoneLate             Status = "done_late"             // Hoàn thành quá hạn: done, C > D
	InProgress           Status = "in_progress"           // Đang thực hiện trong hạn: T ≤ D
	Overdue              Status = "overdue"               // Đang thực hiện quá hạn: T > D
	NoDeadline           Status = "no_deadline"           // Không thời hạn
	AwaitingConfirmation Status = "awaiting_confirmation" // Chờ xác nhận: marked done, the Board has not confirmed
)

// Statuses lists them in the order views show them.
var Statuses = []Status{Overdue, InProgress, AwaitingConfirmation, NoDeadline, DoneOnTime, DoneLate}

var statusLabels = map[Status][2]string{
	DoneOnTime:           {"Hoàn thành đúng hạn", "Done on time"},
	DoneLate:             {"Hoàn thành quá hạn", "Done late"},
	InProgress:           {"Đang thực hiện trong hạn", "In progress, on time"},
	Overdue:              {"Đang thực hiện quá hạn", "In progress, overdue"},
	NoDeadline:           {"Không thời hạn", "No deadline"},
	AwaitingConfirmation: {"Chờ xác nhận", "Awaiting confirmation"},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

// Label returns the official wording (Vietnamese) or English.
func (s Status) Label(lang string) string {
	l, ok := statusLabels[s]
	if !ok {
		return string(s)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// StatusOf computes the status. A confirmed task without a deadline counts
// as done on time: it cannot be late.
func StatusOf(due, doneOn civil.Date, c Completion, today civil.Date) Status {
	switch c {
	case Confirmed:
		if due.IsZero() || !doneOn.After(due) {
			return DoneOnTime
		}
		return DoneLate
	case Awaiting:
		return AwaitingConfirmation
	}
	switch {
	case due.IsZero():
		return NoDeadline
	case today.After(due):
		return Overdue
	}
	return InProgress
}

// statusCondition is the same rule as SQL over the tasks table, so lists
// filter by status in the database at any size; today is the only
// parameter. It must agree with StatusOf (a test checks every case).
func statusCondition(s Status, today civil.Date) (string, []any, bool) {
	open := "completion IN ('none', 'rejected')"
	switch s {
	case DoneOnTime:
		return "completion = 'confirmed' AND (due IS NULL OR done_on IS NULL OR done_on <= due)", nil, true
	case DoneLate:
		return "completion = 'confirmed' AND due IS NOT NULL AND done_on > due", nil, true
	case AwaitingConfirmation:
		return "completion = 'awaiting'", nil, true
	case NoDeadline:
		return open + " AND due IS NULL", nil, true
	case Overdue:
		return open + " AND due < ?", []any{today}, true
	case InProgress:
		return open + " AND due >= ?", []any{today}, true
	}
	return "", nil, false
}
