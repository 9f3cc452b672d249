package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Limits on what is indexed and asked.
const (
	// MaxBody caps the text of one document, in bytes: a report's narrative
	// runs to a few pages, far below it; anything longer is cut at a word.
	MaxBody = 64 << 10
	// maxTerms caps the words of a query: more narrow nothing further.
	maxTerms = 8
	// maxTermLen drops absurd "words" (a pasted hash or URL).
	maxTermLen = 64
)

// Terms folds a query into its distinct search words, in order: "Phòng,
// chống DỊCH" → [phong chong dich]. Every word must appear in a result.
func Terms(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(vntext.Fold(q)) {
		if len(w) > maxTermLen || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
		if len(out) == maxTerms {
			break
		}
	}
	return out
}

// errEmptyQuery is the answer to a search with nothing to look for.
func errEmptyQuery() error {
	return apperr.InvalidField("q", "Nhập từ cần tìm (có dấu hoặc không dấu).", "Type the words to search for (with or without accents).")
}

// span is one word of an original text: its bytes [start, end) and its
// folded keys (usually one; a word Fold splits gives several).
type span struct {
	start, end int
	keys       []string
}

// isWordRune reports whether r belongs to a word as vntext.Fold sees it:
// letters, digits, combining marks and invisible format characters (the
// last two vanish inside a word without splitting it).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Cf, r)
}

// words splits an original text into words with their byte offsets and
// folded keys, so matches found on folded text are marked on the original
// — folding drops marks and merges separators, so offsets differ.
func words(s string) []span {
	var out []span
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		if keys := strings.Fields(vntext.Fold(s[start:end])); len(keys) > 0 {
			out = append(out, span{start: start, end: end, keys: keys})
		}
		start = -1
	}
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// clip cuts s to at most n bytes at a rune boundary, preferring a space.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexAny(s[:cut], " \n\t"); sp > cut-200 && sp > 0 {
		cut = sp
	}
	return s[:cut]
}

// joinText joins the non-empty parts of a document's body with blank lines.
func joinText(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p)
	}
	return b.String()
}
