package calendar

import (
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

func d(s string) civil.Date {
	v, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// Tết (1/1 lunar) and Giỗ Tổ Hùng Vương (10/3 lunar), as published each
// year; the converter must reproduce them.
var lunarFixtures = []struct {
	year       int
	tet, gioTo string
}{
	{2019, "2019-02-05", "2019-04-14"},
	{2020, "2020-01-25", "2020-04-02"},
	{2021, "2021-02-12", "2021-04-21"},
	{2022, "2022-02-01", "2022-04-10"},
	{2023, "2023-01-22", "2023-04-29"},
	{2024, "2024-02-10", "2024-04-18"},
	{2025, "2025-01-29", "2025-04-07"},
	{2026, "2026-02-17", "2026-04-26"},
	{2027, "2027-02-06", "2027-04-16"},
}

func TestLunarTetAndGioTo(t *testing.T) {
	for _, f := range lunarFixtures {
		t.Run(time.Date(f.year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"), func(t *testing.T) {
			if got, ok := FromLunar(LunarDate{Year: f.year, Month: 1, Day: 1}); !ok || got != d(f.tet) {
				t.Errorf("Tết %d = %v, want %s", f.year, got, f.tet)
			}
			if got, ok := FromLunar(LunarDate{Year: f.year, Month: 3, Day: 10}); !ok || got != d(f.gioTo) {
				t.Errorf("Giỗ Tổ %d = %v, want %s", f.year, got, f.gioTo)
			}
			if got := ToLunar(d(f.tet)); got != (LunarDate{Year: f.year, Month: 1, Day: 1}) {
				t.Errorf("ToLunar(%s) = %+v, want 1/1/%d", f.tet, got, f.year)
			}
			if got := ToLunar(d(f.gioTo)); got != (LunarDate{Year: f.year, Month: 3, Day: 10}) {
				t.Errorf("ToLunar(%s) = %+v, want 10/3/%d", f.gioTo, got, f.year)
			}
		})
	}
}

func TestLunarKnownDates(t *testing.T) {
	for _, tc := range []struct {
		solar string
		lunar LunarDate
	}{
		{"2020-01-24", LunarDate{2019, 12, 30, false}}, // giao thừa Canh Tý
		{"2022-01-31", LunarDate{2021, 12, 29, false}}, // Nhâm Dần: no 30 Tết
		{"2020-05-23", LunarDate{2020, 4, 1, true}},    // tháng 4 nhuận Canh Tý
		{"2023-03-22", LunarDate{2023, 2, 1, true}},    // tháng 2 nhuận Quý Mão
		{"2025-07-25", LunarDate{2025, 6, 1, true}},    // tháng 6 nhuận Ất Tỵ
		{"2025-10-06", LunarDate{2025, 8, 15, false}},  // Tết Trung thu 2025
		{"2026-02-16", LunarDate{2025, 12, 29, false}}, // 29 tháng Chạp Ất Tỵ
		{"1985-01-21", LunarDate{1985, 1, 1, false}},   // Tết 1985: a month before China's (20/2)
	} {
		if got := ToLunar(d(tc.solar)); got != tc.lunar {
			t.Errorf("ToLunar(%s) = %+v, want %+v", tc.solar, got, tc.lunar)
		}
		if got, ok := FromLunar(tc.lunar); !ok || got != d(tc.solar) {
			t.Errorf("FromLunar(%+v) = %v, %v; want %s", tc.lunar, got, ok, tc.solar)
		}
	}
	if _, ok := FromLunar(LunarDate{2021, 4, 1, true}); ok {
		t.Error("2021 has no leap month, FromLunar accepted one")
	}
	if _, ok := FromLunar(LunarDate{2020, 5, 1, true}); ok {
		t.Error("2020's leap month is the 4th, FromLunar accepted a leap 5th")
	}
}

// Every day of 2018–2028 converts to lunar and back to itself, and lunar
// days run 1, 2, … 29 or 30 without gaps.
func TestLunarRoundTrip(t *testing.T) {
	prev := ToLunar(d("2017-12-31"))
	for day := d("2018-01-01"); day.Year < 2029; day = day.AddDays(1) {
		l := ToLunar(day)
		if back, ok := FromLunar(l); !ok || back != day {
			t.Fatalf("%s → %+v → %v", day, l, back)
		}
		switch {
		case l.Day == prev.Day+1 && l.Month == prev.Month && l.Leap == prev.Leap:
		case l.Day == 1 && (prev.Day == 29 || prev.Day == 30):
		default:
			t.Fatalf("lunar days jump from %+v to %+v at %s", prev, l, day)
		}
		prev = l
	}
}
