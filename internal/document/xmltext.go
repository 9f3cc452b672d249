package document

import (
	"encoding/xml"
	"strings"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// clean prepares text from the database for a document: NFC without
// zero-width characters and trimmed (vntext.Normalize), line ends as "\n",
// and none of the characters XML 1.0 cannot carry (C0 controls other than
// tab and line feed, U+FFFE, U+FFFF); bytes that are not UTF-8 become U+FFFD.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\t' || r == '\n':
			return r
		case !isXMLChar(r):
			return -1
		}
		return r
	}, s)
	return vntext.Normalize(s)
}

// isXMLChar reports whether r may appear in an XML 1.0 document:
// #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// esc escapes text for element content or a quoted attribute value.
// Text has been through clean, so EscapeText never meets an illegal
// character; tabs and line feeds are split off by the callers.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
