// Package vntext handles Vietnamese text for the web application: input
// clean-up (Normalize), accent-insensitive search keys (Fold), Vietnamese
// alphabetical order (Compare, SortKey, SortStrings), numbers and money in the
// Vietnamese style ("1.234.567", "12,5 %", "1.800.000 đ"), and dates in the
// Asia/Ho_Chi_Minh time zone, including the place-and-date line of Party
// documents ("Hà Nội, ngày 30 tháng 6 năm 2020").
//
// Vietnamese text reaches the system both precomposed (NFC) and decomposed
// (NFD), with stray zero-width characters pasted from word processors and
// with the old tone-mark placement ("hoà" instead of "hòa"). Store text as
// Normalize returns it; search on Fold keys; order with Compare or SortKey,
// never with byte order, which puts "Đ" after "Z".
//
// Everything in this package is safe for concurrent use.
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isZeroWidth reports whether r is one of the invisible characters that
// Normalize removes: zero width space, zero width non-joiner, zero width
// joiner, word joiner, byte order mark / zero width no-break space, and the
// soft hyphen.
func isZeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return true
	}
	return false
}

// The precomposed Hangul syllables, whose decomposition is algorithmic.
const (
	hangulFirst = 0xAC00
	hangulLast  = 0xD7A3
)

// Normalize cleans user input before it is stored or compared: it removes
// zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF and the soft
// hyphen U+00AD), converts the text to Unicode NFC, and trims leading and
// trailing white space. Inner runs of white space are left alone. The result
// is always NFC, and Normalize(Normalize(s)) == Normalize(s).
//
// Normalize does not change the tone-mark placement ("hoà" stays "hoà");
// Fold makes both placements search alike.
func Normalize(s string) string {
	if strings.IndexFunc(s, isZeroWidth) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isZeroWidth(r) {
				return -1
			}
			return r
		}, s)
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return strings.TrimSpace(s)
}

// Fold returns the accent- and case-insensitive search key of s, to be stored
// beside the text and compared with the folded query: "Đảng bộ môi trường"
// becomes "dang bo moi truong", so a user typing "moi truong" or "Môi
// Trường" finds it.
//
// Fold maps đ→d and Đ→D (Unicode does not decompose them), decomposes to NFD,
// drops non-spacing combining marks (unicode.Mn) and invisible format
// characters (unicode.Cf, which includes the zero-width characters), lowers
// the case, and turns every run of characters other than letters and digits
// into a single space, trimmed at both ends. Input may be NFC or NFD, and
// "hoà" and "hòa", "thuỷ" and "thủy" fold alike.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	emit := func(r rune) {
		if r == 'đ' || r == 'Đ' {
			r = 'd'
		}
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
			// Marks and invisible characters vanish without separating.
			return
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		seg := s[i : i+size]
		i += size
		// The canonical decomposition of the single rune is enough:
		// canonical reordering only moves combining marks, which are
		// dropped. Properties holds the full NFD decomposition of every
		// rune except Hangul syllables, which are decomposed by algorithm.
		d := norm.NFD.PropertiesString(seg).Decomposition()
		if d == nil && hangulFirst <= r && r <= hangulLast {
			d = norm.NFD.AppendString(nil, seg)
		}
		if d == nil {
			emit(r)
			continue
		}
		for len(d) > 0 {
			dr, n := utf8.DecodeRune(d)
			d = d[n:]
			emit(dr)
		}
	}
	return b.String()
}
