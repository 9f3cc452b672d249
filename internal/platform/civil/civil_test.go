package civil_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want civil.Date
		ok   bool
	}{
		{"2020-06-19", civil.D(2020, time.June, 19), true},     // fast path
		{"2020-01-01", civil.D(2020, time.January, 1), true},   // fast path
		{"2020-02-28", civil.D(2020, time.February, 28), true}, // fast path, its last day
		{"2020-02-29", civil.D(2020, time.February, 29), true}, // slow path: a leap day
		{"2020-12-31", civil.D(2020, time.December, 31), true}, // slow path
		{" 2020-06-19 ", civil.D(2020, time.June, 19), true},   // slow path trims
		{"2021-02-29", civil.Date{}, false},                    // not a leap year
		{"2021-04-31", civil.Date{}, false},                    // April has 30 days
		{"2020-13-01", civil.Date{}, false},                    // no 13th month
		{"2020-00-10", civil.Date{}, false},                    // no month 0
		{"2020-01-00", civil.Date{}, false},                    // no day 0
		{"2020-1-5", civil.Date{}, false},                      // not zero-padded
		{"2020/01/05", civil.Date{}, false},                    // wrong separator
		{"20a0-01-05", civil.Date{}, false},                    // not a number
		{"", civil.Date{}, false},                              // empty
		{"2020-01-05T00:00:00Z", civil.Date{}, false},          // a time, not a date
	} {
		got, err := civil.Parse(tc.in)
		if tc.ok && (err != nil || got != tc.want) {
			t.Errorf("Parse(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if !tc.ok && (err == nil || !got.IsZero()) {
			t.Errorf("Parse(%q) = %v, %v; want an error", tc.in, got, err)
		}
	}
}

func TestJSON(t *testing.T) {
	type doc struct {
		From civil.Date `json:"from"`
		To   civil.Date `json:"to"`
	}
	in := doc{From: civil.D(2020, time.February, 29)}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"from":"2020-02-29","to":null}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back doc
	if err := json.Unmarshal(b, &back); err != nil || back != in {
		t.Fatalf("round trip = %+v, %v; want %+v", back, err, in)
	}
	back.To = civil.D(2000, 1, 1)
	if err := json.Unmarshal([]byte(`{"from":"","to":null}`), &back); err != nil || !back.From.IsZero() || !back.To.IsZero() {
		t.Errorf(`"" and null must unset: %+v, %v`, back, err)
	}
	if err := json.Unmarshal([]byte(`{"from":"2021-02-29"}`), &back); err == nil {
		t.Error("an impossible date was accepted")
	}
}

func TestScanValue(t *testing.T) {
	want := civil.D(2024, time.March, 5)
	hcm := time.FixedZone("ICT", 7*3600)
	for _, tc := range []struct {
		name string
		src  any
		want civil.Date
	}{
		{"time.Time (PostgreSQL DATE)", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), want},
		{"time.Time is read as its UTC day", time.Date(2024, 3, 5, 0, 0, 0, 0, hcm), civil.D(2024, time.March, 4)},
		{"string", "2024-03-05", want},
		{"string with a time (SQLite)", "2024-03-05 00:00:00+00:00", want},
		{"[]byte", []byte("2024-03-05"), want},
		{"nil", nil, civil.Date{}},
	} {
		d := civil.D(1999, 1, 1)
		if err := d.Scan(tc.src); err != nil || d != tc.want {
			t.Errorf("%s: Scan = %v, %v; want %v", tc.name, d, err, tc.want)
		}
	}
	var d civil.Date
	if err := d.Scan(42); err == nil {
		t.Error("Scan(int) must fail")
	}
	if err := d.Scan("05/03/2024"); err == nil {
		t.Error(`Scan("05/03/2024") must fail`)
	}
	if v, err := want.Value(); err != nil || v != "2024-03-05" {
		t.Errorf("Value = %#v, %v", v, err)
	}
	if v, err := (civil.Date{}).Value(); err != nil || v != nil {
		t.Errorf("zero Value = %#v, %v; want NULL", v, err)
	}
}

func TestArithmetic(t *testing.T) {
	for _, tc := range []struct {
		from civil.Date
		n    int
		want civil.Date
	}{
		{civil.D(2020, time.January, 31), 1, civil.D(2020, time.February, 1)},
		{civil.D(2020, time.February, 28), 1, civil.D(2020, time.February, 29)},
		{civil.D(2021, time.February, 28), 1, civil.D(2021, time.March, 1)},
		{civil.D(2020, time.December, 31), 1, civil.D(2021, time.January, 1)},
		{civil.D(2021, time.January, 1), -1, civil.D(2020, time.December, 31)},
		{civil.D(2020, time.March, 1), -1, civil.D(2020, time.February, 29)},
		{civil.D(2020, time.June, 15), 365, civil.D(2021, time.June, 15)},
		{civil.D(2020, time.June, 15), 0, civil.D(2020, time.June, 15)},
	} {
		got := tc.from.AddDays(tc.n)
		if got != tc.want {
			t.Errorf("%v + %d days = %v, want %v", tc.from, tc.n, got, tc.want)
		}
		if back := tc.from.DaysUntil(got); back != tc.n {
			t.Errorf("%v DaysUntil %v = %d, want %d", tc.from, got, back, tc.n)
		}
	}
	a, b := civil.D(2020, time.June, 19), civil.D(2020, time.July, 1)
	if !a.Before(b) || a.After(b) || !b.After(a) || b.Before(a) || a.Before(a) || a.After(a) {
		t.Errorf("Before/After wrong for %v and %v", a, b)
	}
	if n := civil.D(2023, time.December, 25).DaysUntil(civil.D(2024, time.March, 1)); n != 67 {
		t.Errorf("DaysUntil across a leap February = %d, want 67", n)
	}
}

func TestStringAndOf(t *testing.T) {
	if s := civil.D(987, time.May, 4).String(); s != "0987-05-04" {
		t.Errorf("String = %q", s)
	}
	if s := (civil.Date{}).String(); s != "" || !(civil.Date{}).IsZero() {
		t.Errorf("zero date String = %q", s)
	}
	// 23:30 UTC on 31 Dec is already New Year's Day in Ho Chi Minh City.
	at := time.Date(2020, 12, 31, 23, 30, 0, 0, time.UTC)
	if d := civil.Of(at, time.FixedZone("ICT", 7*3600)); d != civil.D(2021, time.January, 1) {
		t.Errorf("Of = %v", d)
	}
	if wd := civil.D(2026, time.January, 1).Weekday(); wd != time.Thursday {
		t.Errorf("Weekday = %v", wd)
	}
}
