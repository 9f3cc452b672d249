package search

import (
	"html"
	"strings"
)

// Fragment is a piece of a title or snippet; Mark pieces matched the
// query. Pages print them with html/template (<mark> around Mark pieces),
// so no text is ever trusted as HTML.
type Fragment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// snippetWords is the length of a snippet, in words.
const snippetWords = 32

// HTML renders fragments as escaped HTML with <mark> around the matches
// (the API's title_html and snippet_html).
func HTML(fs []Fragment) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Mark {
			b.WriteString("<mark>" + html.EscapeString(f.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(f.Text))
		}
	}
	return b.String()
}

// hits marks which words of ws match a term.
func hits(ws []span, terms map[string]bool) []bool {
	out := make([]bool, len(ws))
	for i, w := range ws {
		for _, k := range w.keys {
			if terms[k] {
				out[i] = true
				break
			}
		}
	}
	return out
}

// fragments cuts s[from:to] into plain and marked pieces.
func fragments(s string, ws []span, hit []bool, from, to int) []Fragment {
	var out []Fragment
	pos := from
	for i, w := range ws {
		if !hit[i] || w.start < from || w.end > to {
			continue
		}
		if w.start > pos {
			out = append(out, Fragment{Text: s[pos:w.start]})
		}
		out = append(out, Fragment{Text: s[w.start:w.end], Mark: true})
		pos = w.end
	}
	if pos < to {
		out = append(out, Fragment{Text: s[pos:to]})
	}
	return out
}

// Highlight marks every word of a short text (a title) that matches a term.
func Highlight(s string, terms []string) []Fragment {
	ws := words(s)
	return fragments(s, ws, hits(ws, termSet(terms)), 0, len(s))
}

// Snippet picks the window of about snippetWords words of a long text that
// holds the most distinct terms (the earliest such window), and marks them;
// "…" shows where the text was cut. Without a match it is the text's start.
func Snippet(s string, terms []string) []Fragment {
	ws := words(s)
	if len(ws) == 0 {
		return nil
	}
	set := termSet(terms)
	hit := hits(ws, set)
	best, bestScore := 0, -1
	for i := range ws {
		if i > 0 && !hit[i] {
			continue // windows worth having start at a match
		}
		if sc := windowScore(ws[i:min(i+snippetWords, len(ws))], set); sc > bestScore {
			best, bestScore = i, sc
		}
	}
	start := max(0, best-4) // a little context before the first match
	if end := start + snippetWords; end > len(ws) {
		start = max(0, len(ws)-snippetWords)
	}
	last := min(start+snippetWords, len(ws)) - 1
	from, to := ws[start].start, ws[last].end
	if start == 0 {
		from = 0
	}
	if last == len(ws)-1 {
		to = len(s)
	}
	out := fragments(s, ws, hit, from, to)
	if from > 0 {
		out = append([]Fragment{{Text: "… "}}, out...)
	}
	if to < len(s) {
		out = append(out, Fragment{Text: " …"})
	}
	return squeeze(out)
}

// windowScore counts the distinct terms in a window, then all its matches
// as a tie-break.
func windowScore(ws []span, set map[string]bool) int {
	seen, n := map[string]bool{}, 0
	for _, w := range ws {
		for _, k := range w.keys {
			if set[k] {
				seen[k] = true
				n++
			}
		}
	}
	return len(seen)*1000 + n
}

// squeeze turns line breaks inside a snippet into spaces: a result line is
// one paragraph.
func squeeze(fs []Fragment) []Fragment {
	for i := range fs {
		if fs[i].Mark {
			continue
		}
		t := fs[i].Text
		var b strings.Builder
		space := false
		for _, r := range t {
			if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
				space = true
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
		if space {
			b.WriteByte(' ')
		}
		fs[i].Text = b.String()
	}
	return fs
}

func termSet(terms []string) map[string]bool {
	m := make(map[string]bool, len(terms))
	for _, t := range terms {
		m[t] = true
	}
	return m
}
