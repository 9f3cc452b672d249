// Package calendar knows the reporting calendar: the data cut-off windows of
// the reporting regimes (periods and their keys), the deadline rules, and
// the working days — weekends, public holidays and make-up Saturdays kept in
// an editable table, because each year's days off are announced, not computed.
package calendar

import (
	"fmt"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// Frequency is how often a regime reports.
type Frequency string

// The frequencies. FirstHalf is the six-month review (sơ kết 6 tháng, H1);
// a regime reporting both halves uses SecondHalf for the other one.
const (
	Monthly    Frequency = "month"
	Quarterly  Frequency = "quarter"
	FirstHalf  Frequency = "half"
	SecondHalf Frequency = "second_half"
	NineMonths Frequency = "nine_months"
	Yearly     Frequency = "year"
	Explicit   Frequency = "explicit" // one window with dates of its own, no key
)

// Valid reports whether f is a known frequency.
func (f Frequency) Valid() bool {
	switch f {
	case Monthly, Quarterly, FirstHalf, SecondHalf, NineMonths, Yearly, Explicit:
		return true
	}
	return false
}

// CutoffRule says how a period's data window is cut.
type CutoffRule string

// The cut-off rules. The zero value means Window15, the default of
// Decree 09/2019/NĐ-CP practice.
const (
	Window15        CutoffRule = "window15" // 15th of the month before … 14th of the last month
	CalendarPeriods CutoffRule = "calendar" // 1st of the first month … last day of the last month
)

// Valid reports whether r is a known rule (the empty rule is Window15).
func (r CutoffRule) Valid() bool { return r == "" || r == Window15 || r == CalendarPeriods }

// Period is one reporting period: its key ("2020-01", "2020-Q1", "2020-H1",
// "2020-H2", "2020-9M", "2020") and its data window, both ends inclusive.
type Period struct {
	Key  string     `json:"key"`
	From civil.Date `json:"from"`
	To   civil.Date `json:"to"`
}

// Contains reports whether d lies in the window.
func (p Period) Contains(d civil.Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// span is a period as reporting months first..last of a year; the cut-off
// rule turns it into dates.
type span struct {
	freq        Frequency
	year        int
	first, last int
}

func (s span) key() string {
	switch s.freq {
	case Monthly:
		return fmt.Sprintf("%04d-%02d", s.year, s.first)
	case Quarterly:
		return fmt.Sprintf("%04d-Q%d", s.year, s.last/3)
	case FirstHalf:
		return fmt.Sprintf("%04d-H1", s.year)
	case SecondHalf:
		return fmt.Sprintf("%04d-H2", s.year)
	case NineMonths:
		return fmt.Sprintf("%04d-9M", s.year)
	}
	return fmt.Sprintf("%04d", s.year)
}

func (s span) period(rule CutoffRule) Period {
	p := Period{Key: s.key()}
	if rule == CalendarPeriods {
		p.From = civil.D(s.year, time.Month(s.first), 1)
		// Day 0 of the next month is the last day of this one.
		p.To = civil.Of(time.Date(s.year, time.Month(s.last)+1, 0, 0, 0, 0, 0, time.UTC), time.UTC)
		return p
	}
	// time.Date normalises month 0 to December of the year before.
	p.From = civil.Of(time.Date(s.year, time.Month(s.first-1), 15, 0, 0, 0, 0, time.UTC), time.UTC)
	p.To = civil.D(s.year, time.Month(s.last), 14)
	return p
}

// spanOf returns the span of frequency f holding reporting month m of year y,
// or false when no period of f covers that month (H1 in the second half).
func spanOf(f Frequency, y, m int) (span, bool) {
	switch f {
	case Monthly:
		return span{f, y, m, m}, true
	case Quarterly:
		q := (m-1)/3 + 1
		return span{f, y, 3*q - 2, 3 * q}, true
	case FirstHalf:
		return span{f, y, 1, 6}, m <= 6
	case SecondHalf:
		return span{f, y, 7, 12}, m >= 7
	case NineMonths:
		return span{f, y, 1, 9}, m <= 9
	case Yearly:
		return span{f, y, 1, 12}, true
	}
	return span{}, false
}

// Periods lists the periods of a frequency in a year, in order (none for
// Explicit, whose window is the regime's own).
func Periods(freq Frequency, rule CutoffRule, year int) []Period {
	var out []Period
	for m := 1; m <= 12; m++ {
		s, ok := spanOf(freq, year, m)
		if ok && s.last == m {
			out = append(out, s.period(rule))
		}
	}
	return out
}

// PeriodContaining returns the period of freq whose window holds d; false
// when none does (a date in the second half has no H1 period, and Explicit
// has no keyed periods). Under Window15 a date from the 15th on belongs to
// the next month's report: 15/12/2019 is in 2020-01.
func PeriodContaining(freq Frequency, rule CutoffRule, d civil.Date) (Period, bool) {
	y, m := d.Year, int(d.Month)
	if rule != CalendarPeriods && d.Day >= 15 {
		if m++; m == 13 {
			y, m = y+1, 1
		}
	}
	s, ok := spanOf(freq, y, m)
	if !ok {
		return Period{}, false
	}
	return s.period(rule), true
}

// ParsePeriodKey reads a period key and returns its window under rule.
func ParsePeriodKey(key string, rule CutoffRule) (Period, error) {
	s, ok := parseKey(key)
	if !ok {
		return Period{}, apperr.InvalidField("period",
			"Kỳ báo cáo không hợp lệ: "+strconv.Quote(key)+" (ví dụ 2020-01, 2020-Q1, 2020-H1, 2020-H2, 2020-9M, 2020).",
			"Invalid period "+strconv.Quote(key)+" (e.g. 2020-01, 2020-Q1, 2020-H1, 2020-H2, 2020-9M, 2020).")
	}
	return s.period(rule), nil
}

// FrequencyOf returns the frequency a period key belongs to, or "" when the
// key is not a valid period key.
func FrequencyOf(key string) Frequency {
	s, ok := parseKey(key)
	if !ok {
		return ""
	}
	return s.freq
}

func parseKey(key string) (span, bool) {
	if len(key) < 4 {
		return span{}, false
	}
	y, err := strconv.Atoi(key[:4])
	if err != nil || y < 1000 || !isDigit(key[0]) {
		return span{}, false
	}
	rest := key[4:]
	switch {
	case rest == "":
		return span{Yearly, y, 1, 12}, true
	case rest == "-H1":
		return span{FirstHalf, y, 1, 6}, true
	case rest == "-H2":
		return span{SecondHalf, y, 7, 12}, true
	case rest == "-9M":
		return span{NineMonths, y, 1, 9}, true
	case len(rest) == 3 && rest[:2] == "-Q" && rest[2] >= '1' && rest[2] <= '4':
		q := int(rest[2] - '0')
		return span{Quarterly, y, 3*q - 2, 3 * q}, true
	case len(rest) == 3 && rest[0] == '-' && isDigit(rest[1]) && isDigit(rest[2]):
		m := int(rest[1]-'0')*10 + int(rest[2]-'0')
		return span{Monthly, y, m, m}, m >= 1 && m <= 12
	}
	return span{}, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Previous returns the period just before p of the same frequency, to show
// "so với kỳ trước": the month or quarter before; for H1 the second half of
// the year before and for H2 the first half of the same year (the halves
// alternate); for 9M and the year, the same period a year earlier.
func Previous(p Period, rule CutoffRule) (Period, error) {
	s, ok := parseKey(p.Key)
	if !ok {
		return Period{}, fmt.Errorf("calendar: previous of %q: %w", p.Key, errNoKey)
	}
	switch s.freq {
	case Monthly, Quarterly:
		n := s.last - s.first + 1
		if s.first-n < 1 {
			s.year, s.first, s.last = s.year-1, s.first-n+12, s.last-n+12
		} else {
			s.first, s.last = s.first-n, s.last-n
		}
	case FirstHalf:
		s = span{SecondHalf, s.year - 1, 7, 12}
	case SecondHalf:
		s = span{FirstHalf, s.year, 1, 6}
	default:
		s.year--
	}
	return s.period(rule), nil
}

// SameLastYear returns the period with the same key a year earlier, to show
// "so với cùng kỳ năm trước".
func SameLastYear(p Period, rule CutoffRule) (Period, error) {
	s, ok := parseKey(p.Key)
	if !ok {
		return Period{}, fmt.Errorf("calendar: same period last year of %q: %w", p.Key, errNoKey)
	}
	s.year--
	return s.period(rule), nil
}

var errNoKey = apperr.InvalidField("period", "Kỳ báo cáo không có mã kỳ chuẩn để so sánh.",
	"The period has no standard key to compare with.")
