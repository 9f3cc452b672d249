package calendar

import (
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// Calendar is an immutable in-memory view of the holiday table, for date
// arithmetic: which days are worked, the n-th working day after a date,
// and how many working days lie between two dates. Get one from
// Service.Calendar (cached, reloaded after every change) or NewCalendar.
// It is safe for concurrent use.
type Calendar struct {
	days    map[civil.Date]Holiday
	version int64
}

// NewCalendar builds a calendar from holiday rows (the last row for a date
// wins).
func NewCalendar(rows []Holiday) *Calendar {
	c := &Calendar{days: make(map[civil.Date]Holiday, len(rows))}
	for _, h := range rows {
		c.days[h.Date] = h
	}
	return c
}

// Version is the holiday table's version the calendar was loaded at.
func (c *Calendar) Version() int64 { return c.version }

// Day returns the holiday-table row of d, if any (to show "Tết Nguyên đán"
// beside a date).
func (c *Calendar) Day(d civil.Date) (Holiday, bool) {
	h, ok := c.days[d]
	return h, ok
}

// IsWorkingDay reports whether d is worked in state agencies: Monday to
// Friday unless the table makes it a day off, or a weekend day the table
// makes a make-up working day.
func (c *Calendar) IsWorkingDay(d civil.Date) bool {
	if h, ok := c.days[d]; ok {
		return h.Kind == KindMakeupWorkday
	}
	return !isWeekend(d)
}

// AddWorkingDays moves by working days: for n > 0 the n-th working day
// after d; for n < 0 the |n|-th working day before d; for n == 0 d itself
// when it is a working day, else the next working day.
func (c *Calendar) AddWorkingDays(d civil.Date, n int) civil.Date {
	if n == 0 {
		for !c.IsWorkingDay(d) {
			d = d.AddDays(1)
		}
		return d
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days after a up to and including
// b; negative (the count after b up to and including a) when b is before a.
// With a = the due date and b = the submission date it is "nộp muộn N ngày
// làm việc"; with a = today and b = the due date, "còn N ngày làm việc".
func (c *Calendar) WorkingDaysBetween(a, b civil.Date) int {
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a.AddDays(1); !d.After(b); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}
