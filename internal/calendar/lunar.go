package calendar

import (
	"math"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// The Vietnamese lunisolar calendar, after Hồ Ngọc Đức's algorithm
// (astronomical new moons and solar terms, reckoned at UTC+7). It differs
// from the Chinese calendar (UTC+8) in some years: Tết 1985 fell on 21/1 in
// Việt Nam and on 20/2 in China. The product uses it to name the days of
// Tết and to check the holiday table; the days off themselves stay data.

// vnZone is Việt Nam's time zone in hours east of UTC.
const vnZone = 7.0

// LunarDate is a date of the Vietnamese lunar calendar.
type LunarDate struct {
	Year  int  `json:"year"`
	Month int  `json:"month"` // 1 = tháng Giêng … 12 = tháng Chạp
	Day   int  `json:"day"`
	Leap  bool `json:"leap"` // a leap month (tháng nhuận) repeats the month before it
}

// unixEpochJDN is the Julian day number of 1970-01-01.
const unixEpochJDN = 2440588

func jdn(d civil.Date) int {
	return unixEpochJDN + int(d.In(time.UTC).Unix()/86400)
}

func fromJDN(n int) civil.Date {
	return civil.Of(time.Unix(int64(n-unixEpochJDN)*86400, 0), time.UTC)
}

// newMoonDay returns the Julian day number of the k-th new moon after
// 1900-01-01 13:52 UTC, in the local time zone.
func newMoonDay(k float64) int {
	t := k / 1236.85
	t2, t3 := t*t, t*t*t
	dr := math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*k + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*k - 0.0000333*t2 - 0.00000347*t3
	mpr := 306.0253 + 385.81691806*k + 0.0107306*t2 + 0.00001236*t3
	f := 21.2964 + 390.67050646*k - 0.0016528*t2 - 0.00000239*t3
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c1 += -0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 += -0.0004 * math.Sin(dr*3*mpr)
	c1 += 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 += -0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 += -0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 += 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return int(math.Floor(jd1 + c1 - deltaT + 0.5 + vnZone/24))
}

// sunLongitude returns the sun's longitude at local midnight of day n, as
// one of 12 sectors of 30° (0 = spring equinox … 9 = winter solstice).
func sunLongitude(n int) int {
	t := (float64(n) - 2451545.5 - vnZone/24) / 36525
	t2 := t * t
	dr := math.Pi / 180
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	l -= math.Pi * 2 * math.Floor(l/(math.Pi*2))
	return int(math.Floor(l / math.Pi * 6))
}

// month11 returns the first day of the 11th lunar month (the one holding
// the winter solstice) of Gregorian year y.
func month11(y int) int {
	off := jdn(civil.D(y, time.December, 31)) - 2415021
	k := math.Floor(float64(off) / 29.530588853)
	nm := newMoonDay(k)
	if sunLongitude(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapMonthOffset returns the position after month 11 (day a11) of the first
// month without a principal solar term: the leap month.
func leapMonthOffset(a11 int) int {
	k := math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5)
	i := 1
	arc := sunLongitude(newMoonDay(k + float64(i)))
	for {
		last := arc
		i++
		arc = sunLongitude(newMoonDay(k + float64(i)))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// ToLunar returns the Vietnamese lunar date of a Gregorian date.
func ToLunar(d civil.Date) LunarDate {
	day := jdn(d)
	k := math.Floor((float64(day) - 2415021.076998695) / 29.530588853)
	start := newMoonDay(k + 1)
	if start > day {
		start = newMoonDay(k)
	}
	a11, b11 := month11(d.Year), 0
	year := d.Year
	if a11 >= start {
		b11, a11 = a11, month11(d.Year-1)
	} else {
		year, b11 = d.Year+1, month11(d.Year+1)
	}
	l := LunarDate{Day: day - start + 1}
	diff := (start - a11) / 29
	l.Month = diff + 11
	if b11-a11 > 365 {
		if leap := leapMonthOffset(a11); diff >= leap {
			l.Month = diff + 10
			l.Leap = diff == leap
		}
	}
	if l.Month > 12 {
		l.Month -= 12
	}
	if l.Month >= 11 && diff < 4 {
		year--
	}
	l.Year = year
	return l
}

// FromLunar returns the Gregorian date of a Vietnamese lunar date; false
// when the month asked to be leap is not that year's leap month.
func FromLunar(l LunarDate) (civil.Date, bool) {
	var a11, b11 int
	if l.Month < 11 {
		a11, b11 = month11(l.Year-1), month11(l.Year)
	} else {
		a11, b11 = month11(l.Year), month11(l.Year+1)
	}
	k := math.Floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853)
	off := l.Month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := leapMonthOffset(a11)
		leapMonth := leapOff - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if l.Leap && l.Month != leapMonth {
			return civil.Date{}, false
		}
		if l.Leap || off >= leapOff {
			off++
		}
	} else if l.Leap {
		return civil.Date{}, false
	}
	return fromJDN(newMoonDay(k+float64(off)) + l.Day - 1), true
}
