package vntext

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // embed the zone database so Asia/Ho_Chi_Minh always loads
)

// Location is the Asia/Ho_Chi_Minh time zone (UTC+7, no daylight saving
// time), in which dates are shown, parsed and cut off. Should the zone
// database ever be missing it is the equivalent fixed zone "ICT".
var Location = loadLocation()

// loadLocation loads Asia/Ho_Chi_Minh, falling back to a fixed UTC+7 zone.
func loadLocation() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// Layouts of dates on screen, in the Vietnamese day-first order.
const (
	dateLayout     = "02/01/2006"
	dateTimeLayout = "02/01/2006 15:04"
)

// FormatDate shows the calendar date of t in Asia/Ho_Chi_Minh as
// "dd/mm/yyyy", e.g. "30/06/2020".
func FormatDate(t time.Time) string {
	return t.In(Location).Format(dateLayout)
}

// FormatDateTime shows t in Asia/Ho_Chi_Minh as "dd/mm/yyyy HH:MM" on the
// 24-hour clock, e.g. "30/06/2020 14:05".
func FormatDateTime(t time.Time) string {
	return t.In(Location).Format(dateTimeLayout)
}

// ParseDate reads a date typed by a user or sent by a form: "dd/mm/yyyy",
// "d/m/yyyy" (e.g. "5/7/2020") and ISO "yyyy-mm-dd", surrounded by optional
// white space. It returns midnight of that day in Location. Dates that do not
// exist, such as "31/02/2020", are errors.
func ParseDate(s string) (time.Time, error) {
	str := strings.TrimSpace(s)
	var y, m, d int
	var ok bool
	if parts := strings.Split(str, "/"); len(parts) == 3 {
		d, ok = atoi(parts[0], 1, 2)
		if ok {
			m, ok = atoi(parts[1], 1, 2)
		}
		if ok {
			y, ok = atoi(parts[2], 4, 4)
		}
	} else if parts := strings.Split(str, "-"); len(parts) == 3 {
		y, ok = atoi(parts[0], 4, 4)
		if ok {
			m, ok = atoi(parts[1], 2, 2)
		}
		if ok {
			d, ok = atoi(parts[2], 2, 2)
		}
	}
	if !ok {
		return time.Time{}, fmt.Errorf("vntext: parse date %q: want dd/mm/yyyy or yyyy-mm-dd", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, Location)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("vntext: parse date %q: no such date", s)
	}
	return t, nil
}

// atoi parses s as a decimal number of minLen to maxLen ASCII digits.
func atoi(s string, minLen, maxLen int) (int, bool) {
	if len(s) < minLen || len(s) > maxLen || !allDigits(s) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// DateLine writes the place-and-date line of a Party document (Hướng dẫn
// 36-HD/VPTW): DateLine("Hà Nội", 30 June 2020) → "Hà Nội, ngày 30 tháng 6
// năm 2020". The day is padded below 10 ("ngày 05"); the month is padded
// only for January and February ("tháng 01", "tháng 02"), never otherwise
// ("tháng 7"). The date is taken in Location. The place is normalised with
// Normalize; when it is empty the line starts with "ngày".
func DateLine(place string, t time.Time) string {
	t = t.In(Location)
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	line := fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
	if p := Normalize(place); p != "" {
		return p + ", " + line
	}
	return line
}
