package calendar

import (
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// seeded is the calendar of the migration's seed (checked against the
// database by TestSeededCalendarMatchesDB).
var seeded = NewCalendar(seedRows())

func TestIsWorkingDay(t *testing.T) {
	for _, tc := range []struct {
		day  string
		want bool
	}{
		{"2024-02-07", true},  // Wednesday before Tết
		{"2024-02-08", false}, // 29 Tết
		{"2024-02-10", false}, // mùng 1, a Saturday
		{"2024-02-15", true},  // first day back
		{"2024-05-04", true},  // Saturday worked for 29/4
		{"2024-05-11", false}, // an ordinary Saturday
		{"2026-01-02", false}, // Friday swapped…
		{"2026-01-10", true},  // …for this Saturday
		{"2026-08-22", true},  // Saturday worked for Monday 31/8
		{"2026-08-31", false},
		{"2023-09-04", false}, // compensation for 2/9 on a Saturday
		{"2022-05-03", false}, // compensation for 1/5 on a Sunday
		{"2030-01-01", true},  // not seeded: an ordinary Tuesday
	} {
		if got := seeded.IsWorkingDay(d(tc.day)); got != tc.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tc.day, got, tc.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	for _, tc := range []struct {
		name string
		from string
		n    int
		want string
	}{
		{"January 2020 window + 5 lands before Tết", "2020-01-14", 5, "2020-01-21"},
		{"+6 is the last day before Tết", "2020-01-14", 6, "2020-01-22"},
		{"+7 skips Tết 23–29/1/2020", "2020-01-14", 7, "2020-01-30"},
		{"from 29 Tết 2024", "2024-02-07", 1, "2024-02-15"},
		{"over a weekend", "2024-03-14", 2, "2024-03-18"},
		{"over 29/4 swap, 30/4 and 1/5 2024", "2024-04-26", 1, "2024-05-02"},
		{"make-up Saturday 4/5/2024 counts", "2024-04-26", 3, "2024-05-04"},
		{"over 30/4–1/5 and the 2/5 swap, 2025", "2025-04-29", 1, "2025-05-05"},
		{"over 1/9 and 2/9 2025", "2025-08-29", 1, "2025-09-03"},
		{"over 2/9 Sat and its Monday compensation, 2023", "2023-08-31", 1, "2023-09-05"},
		{"over Giỗ Tổ 2026 and its compensation", "2026-04-24", 1, "2026-04-28"},
		{"zero on a working day", "2024-02-07", 0, "2024-02-07"},
		{"zero on a Tết Saturday", "2026-02-14", 0, "2026-02-23"},
		{"backwards over Tết 2024", "2024-02-15", -1, "2024-02-07"},
		{"backwards over a weekend", "2024-03-18", -2, "2024-03-14"},
		{"backwards onto a make-up Saturday", "2024-05-06", -1, "2024-05-04"},
	} {
		if got := seeded.AddWorkingDays(d(tc.from), tc.n); got != d(tc.want) {
			t.Errorf("%s: AddWorkingDays(%s, %d) = %s, want %s", tc.name, tc.from, tc.n, got, tc.want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"2024-02-07", "2024-02-15", 1},
		{"2024-02-15", "2024-02-07", -1},
		{"2024-02-07", "2024-02-07", 0},
		{"2024-02-07", "2024-02-14", 0},  // all of Tết: no working day
		{"2024-04-26", "2024-05-06", 4},  // 2/5, 3/5, Saturday 4/5, 6/5
		{"2020-01-14", "2020-01-31", 8},  // 15–17, 20–22, 30, 31
		{"2025-12-31", "2026-01-12", 7},  // 5–9/1, Saturday 10/1, 12/1
		{"2026-01-12", "2025-12-31", -7}, // the same, reversed: 31/12 … 9/1 minus 2/1, plus 10/1
	}
	for _, tc := range cases {
		if got := seeded.WorkingDaysBetween(d(tc.a), d(tc.b)); got != tc.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	// Consistency with AddWorkingDays: the n-th working day after a is n
	// working days away, for every start in 2024.
	for a := d("2024-01-01"); a.Year == 2024; a = a.AddDays(1) {
		for _, n := range []int{1, 5, 10} {
			if got := seeded.WorkingDaysBetween(a, seeded.AddWorkingDays(a, n)); got != n {
				t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(%s, %d)) = %d", a, a, n, got)
			}
		}
	}
}

func TestDue(t *testing.T) {
	wd := func(n int) DeadlineRule { return DeadlineRule{Kind: WorkingDaysAfter, N: n} }
	fd := func(day, off int) DeadlineRule { return DeadlineRule{Kind: FixedDay, Day: day, MonthOffset: off} }
	for _, tc := range []struct {
		name string
		key  string
		rule CutoffRule
		r    DeadlineRule
		want string
	}{
		{"calendar H1, due 10/7", "2020-H1", CalendarPeriods, fd(10, 0), "2020-07-10"},
		{"calendar H1, 10/7/2022 is a Sunday", "2022-H1", CalendarPeriods, fd(10, 1), "2022-07-11"},
		{"calendar H1, two months on", "2020-H1", CalendarPeriods, fd(10, 2), "2020-08-10"},
		{"calendar Q4 2025, 2/1/2026 swapped off", "2025-Q4", CalendarPeriods, fd(2, 0), "2026-01-05"},
		{"day 31 in February (Sat 28/2/2026)", "2026-01", CalendarPeriods, fd(31, 0), "2026-03-02"},
		{"day 31 in leap February 2024", "2024-01", CalendarPeriods, fd(31, 0), "2024-02-29"},
		{"day 31 in March 2024 is a Sunday", "2024-02", CalendarPeriods, fd(31, 0), "2024-04-01"},
		{"15–14 month, due the 20th of the same month", "2024-05", Window15, fd(20, 0), "2024-05-20"},
		{"15–14 month, due the 20th a month later", "2024-05", Window15, fd(20, 2), "2024-06-20"},
		{"15–14 month, due the 10th of the next month", "2024-05", Window15, fd(10, 0), "2024-06-10"},
		{"15–14 year, due 20/12", "2024", Window15, fd(20, 0), "2024-12-20"},
		{"15–14 January, 5 working days", "2026-01", Window15, wd(5), "2026-01-21"},
		{"15–14 February 2026 ends in Tết week", "2026-02", Window15, wd(1), "2026-02-23"},
		{"15–14 February 2026, N = 0", "2026-02", Window15, wd(0), "2026-02-23"},
		{"15–14 January 2020, 7 working days skip Tết", "2020-01", Window15, wd(7), "2020-01-30"},
		{"15–14 April 2024 ends on a Sunday; 4 working days skip Giỗ Tổ 18/4", "2024-04", Window15, wd(4), "2024-04-19"},
		{"calendar April 2024, 3 working days", "2024-04", CalendarPeriods, wd(3), "2024-05-04"},
		{"calendar August 2025, 1 working day after 2/9", "2025-08", CalendarPeriods, wd(1), "2025-09-03"},
	} {
		p, err := ParsePeriodKey(tc.key, tc.rule)
		if err != nil {
			t.Fatal(err)
		}
		if err := tc.r.Validate(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := seeded.Due(p, tc.r); got != d(tc.want) {
			t.Errorf("%s: Due(%s, %+v) = %s, want %s", tc.name, tc.key, tc.r, got, tc.want)
		}
	}
	if got := seeded.Due(per("x", "2024-01-01", "2024-01-31"), DeadlineRule{}); got != d("2024-01-31") {
		t.Errorf("Due with an invalid rule = %s, want the period's end", got)
	}
}

func TestDeadlineRuleValidate(t *testing.T) {
	for _, tc := range []struct {
		r     DeadlineRule
		field string // "" when valid
	}{
		{DeadlineRule{Kind: WorkingDaysAfter, N: 5}, ""},
		{DeadlineRule{Kind: WorkingDaysAfter}, ""},
		{DeadlineRule{Kind: FixedDay, Day: 10}, ""},
		{DeadlineRule{Kind: FixedDay, Day: 31, MonthOffset: 12}, ""},
		{DeadlineRule{}, "kind"},
		{DeadlineRule{Kind: "end_of_month"}, "kind"},
		{DeadlineRule{Kind: WorkingDaysAfter, N: -1}, "n"},
		{DeadlineRule{Kind: WorkingDaysAfter, N: 121}, "n"},
		{DeadlineRule{Kind: FixedDay}, "day"},
		{DeadlineRule{Kind: FixedDay, Day: 32}, "day"},
		{DeadlineRule{Kind: FixedDay, Day: 10, MonthOffset: -1}, "month_offset"},
		{DeadlineRule{Kind: FixedDay, Day: 10, MonthOffset: 13}, "month_offset"},
	} {
		err := tc.r.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("Validate(%+v) = %v, want nil", tc.r, err)
			}
			continue
		}
		if e, ok := apperr.As(err); !ok || e.Kind != apperr.KindInvalid || e.Fields[tc.field] == "" {
			t.Errorf("Validate(%+v) = %v, want invalid %s", tc.r, err, tc.field)
		}
	}
}

func TestLockDate(t *testing.T) {
	if got := LockDate(d("2024-12-25"), 10); got != d("2025-01-04") {
		t.Errorf("LockDate = %s", got)
	}
	if got := LockDate(d("2024-12-25"), 0); got != d("2024-12-25") {
		t.Errorf("LockDate(0) = %s", got)
	}
}

func TestCalendarDayAndVersion(t *testing.T) {
	h, ok := seeded.Day(civil.D(2025, 1, 29))
	if !ok || h.Name != "Tết Nguyên đán (mùng 1 tháng Giêng)" || h.Kind != KindHoliday {
		t.Errorf("Day(2025-01-29) = %+v, %v", h, ok)
	}
	if _, ok := seeded.Day(civil.D(2025, 3, 3)); ok {
		t.Error("an ordinary Monday has a row")
	}
	if seeded.Version() != 0 {
		t.Errorf("NewCalendar version = %d, want 0", seeded.Version())
	}
}
