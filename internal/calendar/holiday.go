package calendar

import (
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// DayKind says what a row of the holiday table does to its date.
type DayKind string

// The kinds of calendar day.
const (
	// KindHoliday is a day off: a public holiday, a compensation day (nghỉ
	// bù) or a working day swapped for a later Saturday (hoán đổi).
	KindHoliday DayKind = "holiday"
	// KindMakeupWorkday is a Saturday or Sunday worked instead (làm bù).
	KindMakeupWorkday DayKind = "makeup_workday"
)

// Valid reports whether k is a known kind.
func (k DayKind) Valid() bool { return k == KindHoliday || k == KindMakeupWorkday }

// Label returns the kind's name in Vietnamese ("vi") or English ("en").
func (k DayKind) Label(lang string) string {
	switch {
	case k == KindHoliday && lang == "en":
		return "Day off"
	case k == KindHoliday:
		return "Ngày nghỉ"
	case k == KindMakeupWorkday && lang == "en":
		return "Make-up working day"
	case k == KindMakeupWorkday:
		return "Ngày làm bù"
	}
	return string(k)
}

// Holiday is one row of the holiday table: a date that is off although it
// is a weekday, or worked although it is a weekend. Each year's days off
// are announced by the Government (Bộ Nội vụ), so administrators keep them.
type Holiday struct {
	Date      civil.Date `json:"date"`
	Name      string     `json:"name"`
	Kind      DayKind    `json:"kind"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Normalize cleans the name as typed and defaults the kind to a day off.
func (h *Holiday) Normalize() {
	h.Name = vntext.Normalize(h.Name)
	if h.Kind == "" {
		h.Kind = KindHoliday
	}
}

// Validate checks the row. A make-up working day must fall on a weekend:
// a weekday is a working day already.
func (h *Holiday) Validate() error {
	var v apperr.Invalid
	if h.Date.IsZero() {
		v.Add("date", "Ngày là bắt buộc.", "Date is required.")
	} else if h.Date.Year < 1900 || h.Date.Year > 2999 {
		v.Add("date", "Năm phải trong khoảng 1900–2999.", "The year must be between 1900 and 2999.")
	}
	switch n := utf8.RuneCountInString(h.Name); {
	case n == 0:
		v.Add("name", "Tên ngày nghỉ là bắt buộc.", "Name is required.")
	case n > 200:
		v.Add("name", "Tên ngày nghỉ tối đa 200 ký tự.", "Name is at most 200 characters.")
	}
	switch {
	case !h.Kind.Valid():
		v.Add("kind", "Loại ngày không hợp lệ (ngày nghỉ hoặc ngày làm bù).", "Kind must be holiday or makeup_workday.")
	case h.Kind == KindMakeupWorkday && !h.Date.IsZero() && !isWeekend(h.Date):
		v.Add("kind", "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.", "A make-up working day must be a Saturday or Sunday.")
	}
	return v.Err()
}

// auditView is what the audit trail records of a row (no timestamps: the
// entry has its own).
type auditView struct {
	Date civil.Date `json:"date"`
	Name string     `json:"name"`
	Kind DayKind    `json:"kind"`
}

func (h Holiday) audit() auditView { return auditView{h.Date, h.Name, h.Kind} }

func isWeekend(d civil.Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}
