package vntext

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Vietnamese number style: "." groups thousands, "," is the decimal mark.
const (
	thousandsSep = '.'
	decimalSep   = ','
)

// ErrSyntax is wrapped by the errors of ParseInt and ParseDecimal when the
// text is not a number written in the Vietnamese style.
var ErrSyntax = errors.New("vntext: invalid number syntax")

// FormatInt writes n with "." between groups of three digits:
// 1234567 → "1.234.567", -1234 → "-1.234", 0 → "0".
func FormatInt(n int64) string {
	var mag uint64
	if n < 0 {
		mag = uint64(-(n + 1)) + 1 // safe for math.MinInt64
	} else {
		mag = uint64(n)
	}
	s := groupDigits(strconv.FormatUint(mag, 10))
	if n < 0 {
		return "-" + s
	}
	return s
}

// groupDigits inserts the thousands separator into a string of digits.
func groupDigits(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteByte(thousandsSep)
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// FormatDecimal writes f with prec digits after the decimal comma and "."
// between thousands: (12.5, 1) → "12,5"; (1234.567, 2) → "1.234,57".
// Rounding is half away from zero, applied to the shortest decimal form of f
// (the number as the user typed it), so 0.125 → "0,13" and 1.005 → "1,01".
// A negative prec writes the shortest form with no rounding. A result that
// rounds to zero has no minus sign. NaN and infinities are written "NaN",
// "∞" and "-∞".
func FormatDecimal(f float64, prec int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return "-∞"
	}
	neg := math.Signbit(f)
	s := strconv.FormatFloat(math.Abs(f), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if prec >= 0 {
		intPart, frac = roundHalfUp(intPart, frac, prec)
	}
	if neg && strings.Trim(intPart+frac, "0") == "" {
		neg = false
	}
	out := groupDigits(intPart)
	if frac != "" {
		out += string(decimalSep) + frac
	}
	if neg {
		return "-" + out
	}
	return out
}

// roundHalfUp rounds the non-negative decimal intPart.frac to prec fraction
// digits, rounding ties up (away from zero), and pads frac with zeros to
// exactly prec digits.
func roundHalfUp(intPart, frac string, prec int) (string, string) {
	if len(frac) <= prec {
		return intPart, frac + strings.Repeat("0", prec-len(frac))
	}
	up := frac[prec] >= '5'
	digits := []byte(intPart + frac[:prec])
	if up {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i >= 0 {
			digits[i]++
		} else {
			digits = append([]byte{'1'}, digits...)
		}
	}
	n := len(digits) - prec
	return string(digits[:n]), string(digits[n:])
}

// FormatPercent writes f as a percentage with prec decimals and a space
// before the sign: (12.5, 1) → "12,5 %". f is already in percent (12.5 means
// 12.5 %, not 1250 %).
func FormatPercent(f float64, prec int) string {
	return FormatDecimal(f, prec) + " %"
}

// FormatMoney writes an amount of Vietnamese đồng, which has no minor unit:
// 1800000 → "1.800.000 đ".
func FormatMoney(vnd int64) string {
	return FormatInt(vnd) + " đ"
}

// ParseInt reads an integer typed by a user: "1.234.567", "1234567",
// " 1 234 567 " and "-12" are accepted. Thousands may be grouped by "." or by
// spaces (including no-break spaces), one kind per number, in groups of three
// after a first group of one to three digits. A decimal comma ("12,5") or
// any other character is an error, as is a value outside int64.
func ParseInt(s string) (int64, error) {
	neg, body, ok := cutSign(strings.TrimSpace(s))
	if !ok {
		return 0, fmt.Errorf("vntext: parse integer %q: %w", s, ErrSyntax)
	}
	digits, ok := ungroup(body)
	if !ok {
		return 0, fmt.Errorf("vntext: parse integer %q: %w", s, ErrSyntax)
	}
	if neg {
		digits = "-" + digits
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("vntext: parse integer %q: %w", s, err)
	}
	return n, nil
}

// ParseDecimal reads a decimal number typed by a user: "12,5", "1.234,57",
// "1 234,5", "-0,75". When there is no comma, dots are ambiguous: several
// dots, or a single dot followed by exactly three digits after a first group
// of one to three digits not starting with 0 ("1.234"), group thousands;
// otherwise a lone dot is the decimal point ("1234.57", "12.5", "0.125").
// Anything else, such as "1,234.5" or "abc", is an error.
func ParseDecimal(s string) (float64, error) {
	fail := func() (float64, error) {
		return 0, fmt.Errorf("vntext: parse decimal %q: %w", s, ErrSyntax)
	}
	neg, body, ok := cutSign(strings.TrimSpace(s))
	if !ok {
		return fail()
	}
	var intPart, frac string
	point := true // the number has a decimal point or comma
	switch {
	case strings.Count(body, string(decimalSep)) > 1:
		return fail()
	case strings.ContainsRune(body, decimalSep):
		intPart, frac, _ = strings.Cut(body, string(decimalSep))
	case strings.Count(body, ".") == 1:
		if isGrouped(body) {
			intPart, point = body, false // "1.234" is one thousand two hundred and thirty-four
		} else {
			intPart, frac, _ = strings.Cut(body, ".")
		}
	default:
		intPart, point = body, false
	}
	digits, ok := ungroup(intPart)
	if !ok || (point && frac == "") || !allDigits(frac) {
		return fail()
	}
	num := digits
	if frac != "" {
		num += "." + frac
	}
	if neg {
		num = "-" + num
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("vntext: parse decimal %q: %w", s, err)
	}
	return f, nil
}

// cutSign removes a leading "-", "+" or "−" (U+2212 minus sign) and the
// spaces after it. ok is false if nothing is left.
func cutSign(s string) (neg bool, rest string, ok bool) {
	if r, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, r
	} else if r, ok := strings.CutPrefix(s, "−"); ok {
		neg, s = true, r
	} else {
		s = strings.TrimPrefix(s, "+")
	}
	s = strings.TrimSpace(s)
	return neg, s, s != ""
}

// groupSeps are the characters accepted between groups of thousands: the
// dot, the space, the no-break space and the narrow no-break space.
const groupSeps = ". \u00A0\u202F"

// ungroup returns the digits of s when s is a non-empty run of ASCII digits
// or a grouped number (see isGrouped).
func ungroup(s string) (string, bool) {
	if s != "" && allDigits(s) {
		return s, true
	}
	if !isGrouped(s) {
		return "", false
	}
	i := strings.IndexAny(s, groupSeps)
	sep := []rune(s[i:])[0]
	return strings.ReplaceAll(s, string(sep), ""), true
}

// isGrouped reports whether s is digits grouped by thousands with one kind of
// separator from groupSeps: a first group of one to three digits not starting
// with 0, then one or more groups of exactly three digits.
func isGrouped(s string) bool {
	i := strings.IndexAny(s, groupSeps)
	if i < 1 || i > 3 || s[0] == '0' {
		return false
	}
	sep := []rune(s[i:])[0]
	groups := strings.Split(s, string(sep))
	if len(groups) < 2 || !allDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return false
		}
	}
	return true
}

// allDigits reports whether s consists only of ASCII digits; it is true for
// the empty string.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
