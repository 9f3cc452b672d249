package calendar

import (
	"fmt"
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

func per(key, from, to string) Period { return Period{Key: key, From: d(from), To: d(to)} }

// Every key of 2020 (a leap year) under both rules, written out by hand
// from the table in docs/domain.md.
func TestPeriods2020(t *testing.T) {
	for _, tc := range []struct {
		freq     Frequency
		window15 []Period
		calendar []Period
	}{
		{Monthly, []Period{
			per("2020-01", "2019-12-15", "2020-01-14"), per("2020-02", "2020-01-15", "2020-02-14"),
			per("2020-03", "2020-02-15", "2020-03-14"), per("2020-04", "2020-03-15", "2020-04-14"),
			per("2020-05", "2020-04-15", "2020-05-14"), per("2020-06", "2020-05-15", "2020-06-14"),
			per("2020-07", "2020-06-15", "2020-07-14"), per("2020-08", "2020-07-15", "2020-08-14"),
			per("2020-09", "2020-08-15", "2020-09-14"), per("2020-10", "2020-09-15", "2020-10-14"),
			per("2020-11", "2020-10-15", "2020-11-14"), per("2020-12", "2020-11-15", "2020-12-14"),
		}, []Period{
			per("2020-01", "2020-01-01", "2020-01-31"), per("2020-02", "2020-02-01", "2020-02-29"),
			per("2020-03", "2020-03-01", "2020-03-31"), per("2020-04", "2020-04-01", "2020-04-30"),
			per("2020-05", "2020-05-01", "2020-05-31"), per("2020-06", "2020-06-01", "2020-06-30"),
			per("2020-07", "2020-07-01", "2020-07-31"), per("2020-08", "2020-08-01", "2020-08-31"),
			per("2020-09", "2020-09-01", "2020-09-30"), per("2020-10", "2020-10-01", "2020-10-31"),
			per("2020-11", "2020-11-01", "2020-11-30"), per("2020-12", "2020-12-01", "2020-12-31"),
		}},
		{Quarterly, []Period{
			per("2020-Q1", "2019-12-15", "2020-03-14"), per("2020-Q2", "2020-03-15", "2020-06-14"),
			per("2020-Q3", "2020-06-15", "2020-09-14"), per("2020-Q4", "2020-09-15", "2020-12-14"),
		}, []Period{
			per("2020-Q1", "2020-01-01", "2020-03-31"), per("2020-Q2", "2020-04-01", "2020-06-30"),
			per("2020-Q3", "2020-07-01", "2020-09-30"), per("2020-Q4", "2020-10-01", "2020-12-31"),
		}},
		{FirstHalf, []Period{per("2020-H1", "2019-12-15", "2020-06-14")}, []Period{per("2020-H1", "2020-01-01", "2020-06-30")}},
		{SecondHalf, []Period{per("2020-H2", "2020-06-15", "2020-12-14")}, []Period{per("2020-H2", "2020-07-01", "2020-12-31")}},
		{NineMonths, []Period{per("2020-9M", "2019-12-15", "2020-09-14")}, []Period{per("2020-9M", "2020-01-01", "2020-09-30")}},
		{Yearly, []Period{per("2020", "2019-12-15", "2020-12-14")}, []Period{per("2020", "2020-01-01", "2020-12-31")}},
		{Explicit, nil, nil},
	} {
		for _, rc := range []struct {
			rule CutoffRule
			want []Period
		}{{Window15, tc.window15}, {"", tc.window15}, {CalendarPeriods, tc.calendar}} {
			t.Run(fmt.Sprintf("%s/%q", tc.freq, rc.rule), func(t *testing.T) {
				got := Periods(tc.freq, rc.rule, 2020)
				if fmt.Sprint(got) != fmt.Sprint(rc.want) {
					t.Fatalf("Periods = %v\nwant      %v", got, rc.want)
				}
			})
		}
	}
}

// Across 2019–2027, under both rules: monthly windows tile the year without
// gap or overlap; every longer period is the union of its months; keys parse
// back to the same window; PeriodContaining finds the period from its first
// and last day and not from the day before.
func TestPeriodsTileEveryYear(t *testing.T) {
	months := map[Frequency][2]int{Quarterly: {3, 0}, FirstHalf: {6, 0}, SecondHalf: {6, 6}, NineMonths: {9, 0}, Yearly: {12, 0}}
	for _, rule := range []CutoffRule{Window15, CalendarPeriods} {
		for year := 2019; year <= 2027; year++ {
			ms := Periods(Monthly, rule, year)
			if len(ms) != 12 {
				t.Fatalf("%s %d: %d months", rule, year, len(ms))
			}
			wantFrom := civil.D(year, 1, 1)
			if rule == Window15 {
				wantFrom = civil.D(year-1, 12, 15)
			}
			if ms[0].From != wantFrom {
				t.Errorf("%s %d: January starts %s, want %s", rule, year, ms[0].From, wantFrom)
			}
			for i := 1; i < 12; i++ {
				if ms[i].From != ms[i-1].To.AddDays(1) {
					t.Errorf("%s: %s ends %s but %s starts %s", rule, ms[i-1].Key, ms[i-1].To, ms[i].Key, ms[i].From)
				}
			}
			for _, f := range []Frequency{Monthly, Quarterly, FirstHalf, SecondHalf, NineMonths, Yearly} {
				for i, p := range Periods(f, rule, year) {
					if f != Monthly {
						n, skip := months[f][0], months[f][1]
						first, last := ms[skip+i*n], ms[skip+i*n+n-1]
						if p.From != first.From || p.To != last.To {
							t.Errorf("%s %s = %s…%s, want %s…%s", rule, p.Key, p.From, p.To, first.From, last.To)
						}
					}
					checkRoundTrip(t, f, rule, p)
				}
			}
		}
	}
}

func checkRoundTrip(t *testing.T, f Frequency, rule CutoffRule, p Period) {
	t.Helper()
	if got, err := ParsePeriodKey(p.Key, rule); err != nil || got != p {
		t.Errorf("ParsePeriodKey(%s, %s) = %v, %v; want %v", p.Key, rule, got, err, p)
	}
	if FrequencyOf(p.Key) != f {
		t.Errorf("FrequencyOf(%s) = %s, want %s", p.Key, FrequencyOf(p.Key), f)
	}
	for _, day := range []civil.Date{p.From, p.To} {
		if got, ok := PeriodContaining(f, rule, day); !ok || got != p {
			t.Errorf("PeriodContaining(%s, %s, %s) = %v, %v; want %v", f, rule, day, got, ok, p)
		}
	}
	if got, ok := PeriodContaining(f, rule, p.From.AddDays(-1)); ok && got == p {
		t.Errorf("PeriodContaining(%s, %s, %s) = %v: the day before the window", f, rule, p.From.AddDays(-1), got)
	}
}

func TestPeriodContainingEdges(t *testing.T) {
	for _, tc := range []struct {
		freq Frequency
		rule CutoffRule
		day  string
		want string // "" when no period of freq holds the day
	}{
		{Monthly, Window15, "2019-12-14", "2019-12"},
		{Monthly, Window15, "2019-12-15", "2020-01"},
		{Monthly, Window15, "2020-02-14", "2020-02"},
		{Monthly, Window15, "2020-02-29", "2020-03"},
		{Quarterly, Window15, "2020-03-14", "2020-Q1"},
		{Quarterly, Window15, "2020-03-15", "2020-Q2"},
		{Quarterly, Window15, "2020-12-15", "2021-Q1"},
		{Yearly, Window15, "2020-12-14", "2020"},
		{Yearly, Window15, "2020-12-15", "2021"},
		{FirstHalf, Window15, "2020-06-14", "2020-H1"},
		{FirstHalf, Window15, "2020-06-15", ""},
		{FirstHalf, Window15, "2020-12-15", "2021-H1"},
		{SecondHalf, Window15, "2020-06-15", "2020-H2"},
		{SecondHalf, Window15, "2020-12-15", ""},
		{NineMonths, Window15, "2020-09-14", "2020-9M"},
		{NineMonths, Window15, "2020-09-15", ""},
		{Monthly, CalendarPeriods, "2020-12-15", "2020-12"},
		{Monthly, CalendarPeriods, "2021-01-01", "2021-01"},
		{FirstHalf, CalendarPeriods, "2020-06-30", "2020-H1"},
		{FirstHalf, CalendarPeriods, "2020-07-01", ""},
		{Quarterly, CalendarPeriods, "2024-02-29", "2024-Q1"},
		{Explicit, CalendarPeriods, "2024-02-29", ""},
	} {
		p, ok := PeriodContaining(tc.freq, tc.rule, d(tc.day))
		if got := map[bool]string{true: p.Key}[ok]; got != tc.want || ok && !p.Contains(d(tc.day)) {
			t.Errorf("PeriodContaining(%s, %s, %s) = %v, %v; want %q", tc.freq, tc.rule, tc.day, p, ok, tc.want)
		}
	}
}

func TestParsePeriodKeyErrors(t *testing.T) {
	for _, key := range []string{"", "2020-", "2020-13", "2020-00", "2020-1", "2020-001", "2020-Q0", "2020-Q5",
		"2020-q1", "2020-H3", "2020-h1", "2020-9m", "2020-6M", "20-01", "0999", "+202-01", "2020/01", "2020-01 ",
		" 2020", "abcd", "2020-Q1x", "２０２０"} {
		_, err := ParsePeriodKey(key, Window15)
		e, ok := apperr.As(err)
		if !ok || e.Kind != apperr.KindInvalid || e.Fields["period"] == "" || e.FieldsEn["period"] == "" {
			t.Errorf("ParsePeriodKey(%q) err = %v, want invalid field period", key, err)
		}
		if FrequencyOf(key) != "" {
			t.Errorf("FrequencyOf(%q) = %q, want empty", key, FrequencyOf(key))
		}
	}
}

func TestPreviousAndSameLastYear(t *testing.T) {
	for _, tc := range []struct {
		key       string
		rule      CutoffRule
		prev, ago Period
	}{
		{"2020-01", Window15, per("2019-12", "2019-11-15", "2019-12-14"), per("2019-01", "2018-12-15", "2019-01-14")},
		{"2020-03", CalendarPeriods, per("2020-02", "2020-02-01", "2020-02-29"), per("2019-03", "2019-03-01", "2019-03-31")},
		{"2021-03", CalendarPeriods, per("2021-02", "2021-02-01", "2021-02-28"), per("2020-03", "2020-03-01", "2020-03-31")},
		{"2020-Q1", Window15, per("2019-Q4", "2019-09-15", "2019-12-14"), per("2019-Q1", "2018-12-15", "2019-03-14")},
		{"2020-Q3", CalendarPeriods, per("2020-Q2", "2020-04-01", "2020-06-30"), per("2019-Q3", "2019-07-01", "2019-09-30")},
		{"2020-H1", Window15, per("2019-H2", "2019-06-15", "2019-12-14"), per("2019-H1", "2018-12-15", "2019-06-14")},
		{"2020-H2", CalendarPeriods, per("2020-H1", "2020-01-01", "2020-06-30"), per("2019-H2", "2019-07-01", "2019-12-31")},
		{"2020-9M", Window15, per("2019-9M", "2018-12-15", "2019-09-14"), per("2019-9M", "2018-12-15", "2019-09-14")},
		{"2020", CalendarPeriods, per("2019", "2019-01-01", "2019-12-31"), per("2019", "2019-01-01", "2019-12-31")},
	} {
		p, err := ParsePeriodKey(tc.key, tc.rule)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := Previous(p, tc.rule); err != nil || got != tc.prev {
			t.Errorf("Previous(%s, %s) = %v, %v; want %v", tc.key, tc.rule, got, err, tc.prev)
		}
		if got, err := SameLastYear(p, tc.rule); err != nil || got != tc.ago {
			t.Errorf("SameLastYear(%s, %s) = %v, %v; want %v", tc.key, tc.rule, got, err, tc.ago)
		}
	}
	explicit := per("DOT-XUAT-1", "2020-04-01", "2020-04-20")
	if _, err := Previous(explicit, Window15); !apperr.Is(err, apperr.KindInvalid) {
		t.Errorf("Previous(explicit) err = %v, want invalid", err)
	}
	if _, err := SameLastYear(explicit, Window15); !apperr.Is(err, apperr.KindInvalid) {
		t.Errorf("SameLastYear(explicit) err = %v, want invalid", err)
	}
}

func TestFrequencyAndRuleValid(t *testing.T) {
	for _, f := range []Frequency{Monthly, Quarterly, FirstHalf, SecondHalf, NineMonths, Yearly, Explicit} {
		if !f.Valid() {
			t.Errorf("%s not valid", f)
		}
	}
	if Frequency("weekly").Valid() || Frequency("").Valid() || CutoffRule("15th").Valid() {
		t.Error("unknown frequency or rule accepted")
	}
}
