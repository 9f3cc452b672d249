package calendar

import (
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// The kinds of deadline rule.
const (
	WorkingDaysAfter = "working_days_after" // N working days after the window ends
	FixedDay         = "fixed_day"          // a day of the month after the window ends
)

// DeadlineRule says when a period's report is due; each regime states its own.
type DeadlineRule struct {
	Kind string `json:"kind"` // WorkingDaysAfter or FixedDay
	// N is the number of working days after the window's last day
	// (WorkingDaysAfter): N = 5 after a window ending Friday 14/6 is 21/6.
	N int `json:"n,omitempty"`
	// Day is the day of the month (FixedDay): 10 makes a calendar H1
	// (01/01–30/06) due 10/07. Past a short month's end, its last day.
	Day int `json:"day,omitempty"`
	// MonthOffset counts the months in which Day occurs after the window
	// ends: 1 (the default when 0) is the first Day after the window, 2 the
	// one a month later. For calendar periods it is "the month after the
	// period's end" (10/07 for H1); for 15–14 windows it lets a monthly
	// report cut on the 14th be due on the 20th of the same month, as
	// regimes commonly ask.
	MonthOffset int `json:"month_offset,omitempty"`
}

// Validate checks the rule's fields.
func (r DeadlineRule) Validate() error {
	var v apperr.Invalid
	switch r.Kind {
	case WorkingDaysAfter:
		if r.N < 0 || r.N > 120 {
			v.Add("n", "Số ngày làm việc từ 0 đến 120.", "Working days must be between 0 and 120.")
		}
	case FixedDay:
		if r.Day < 1 || r.Day > 31 {
			v.Add("day", "Ngày trong tháng từ 1 đến 31.", "Day of month must be between 1 and 31.")
		}
		if r.MonthOffset < 0 || r.MonthOffset > 12 {
			v.Add("month_offset", "Số tháng sau kỳ từ 1 đến 12.", "Month offset must be between 1 and 12.")
		}
	default:
		v.Add("kind", "Cách tính hạn nộp không hợp lệ (số ngày làm việc sau kỳ, hoặc ngày cố định trong tháng).",
			"Deadline kind must be working_days_after or fixed_day.")
	}
	return v.Err()
}

// Due returns the due date of period p under rule r.
//
// WorkingDaysAfter: the N-th working day after p.To (N = 0: p.To itself, or
// the next working day if p.To is not one).
//
// FixedDay: Day of the MonthOffset-th month in which that day comes after
// p.To, clamped to the month's last day; when that date is not a working
// day, the next working day. The move follows the Civil Code 2015, art. 148
// §4: a time limit ending on a weekend or holiday ends on the next working
// day — a unit cannot be late for a deadline that falls in Tết.
//
// An invalid rule yields p.To; validate rules when they are saved.
func (c *Calendar) Due(p Period, r DeadlineRule) civil.Date {
	switch r.Kind {
	case WorkingDaysAfter:
		return c.AddWorkingDays(p.To, r.N)
	case FixedDay:
		if r.Day < 1 {
			return p.To
		}
		return c.AddWorkingDays(fixedDay(p.To, r.Day, max(r.MonthOffset, 1)), 0)
	}
	return p.To
}

func fixedDay(end civil.Date, day, offset int) civil.Date {
	y, m := end.Year, end.Month
	if clampDay(y, m, day) <= end.Day {
		offset++ // Day of end's own month is not after the window
	}
	first := time.Date(y, m+time.Month(offset-1), 1, 0, 0, 0, 0, time.UTC)
	return civil.D(first.Year(), first.Month(), clampDay(first.Year(), first.Month(), day))
}

func clampDay(y int, m time.Month, day int) int {
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return min(day, last)
}

// LockDate returns the date a period's reports lock: days calendar days
// after the due date (0: the due date itself).
func LockDate(due civil.Date, days int) civil.Date { return due.AddDays(days) }
