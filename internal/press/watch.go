package press

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// WatchRule picks the articles worth the Board's attention: one phrase a
// line, matched as whole words on the folded title and summary ("hoà",
// "hòa" and "hoa" alike). With UsePlaceNames the province's and communes'
// names (without "Tỉnh", "Xã", "Phường"…) count as phrases of the rule too.
type WatchRule struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Phrases       string `json:"phrases"`
	Fields        string `json:"fields"` // comma-separated press fields; the first is the field of a case made from a match
	UsePlaceNames bool   `json:"use_place_names"`
	Active        bool   `json:"active"`
}

// PhraseList is the rule's non-empty phrases as written.
func (r WatchRule) PhraseList() []string {
	var out []string
	for _, l := range strings.Split(r.Phrases, "\n") {
		if l = vntext.Normalize(l); l != "" && vntext.Fold(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// Field is the rule's first valid field, Other when none.
func (r WatchRule) Field() Field {
	for _, f := range strings.Split(r.Fields, ",") {
		if f := Field(strings.TrimSpace(f)); f.Valid() {
			return f
		}
	}
	return Other
}

// WatchMatch is one phrase found in an item: In is "title" or "summary", and
// Start:End the byte range in that ORIGINAL text, to highlight.
type WatchMatch struct {
	RuleID   int64  `json:"rule_id"`
	RuleName string `json:"rule_name"`
	Phrase   string `json:"phrase"`
	In       string `json:"in"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// ItemText is what Match reads of an item.
type ItemText struct{ Title, Summary string }

type phraseRef struct {
	rest   []string // the phrase's words after the first two (after the first for one word)
	rule   int      // index into Matcher.rules
	phrase string
}

// Matcher is an index of rules: the one-word phrases by their word and the
// longer ones by their first two folded words, so an item is matched with
// two map lookups per word, whatever the number of rules.
type Matcher struct {
	rules []WatchRule
	first map[string][]phraseRef // one-word phrases
	pairs map[string][]phraseRef // "word1 word2" of longer phrases
}

// NewMatcher indexes the active rules; placeNames are folded place names
// (see PlaceName) added to the rules asking for them.
func NewMatcher(rules []WatchRule, placeNames []string) *Matcher {
	m := &Matcher{first: map[string][]phraseRef{}, pairs: map[string][]phraseRef{}}
	add := func(ri int, phrase, folded string) {
		w := strings.Fields(folded)
		switch len(w) {
		case 0:
		case 1:
			m.first[w[0]] = append(m.first[w[0]], phraseRef{rule: ri, phrase: phrase})
		default:
			k := w[0] + " " + w[1]
			m.pairs[k] = append(m.pairs[k], phraseRef{rest: w[2:], rule: ri, phrase: phrase})
		}
	}
	for _, r := range rules {
		if !r.Active {
			continue
		}
		ri := len(m.rules)
		m.rules = append(m.rules, r)
		for _, p := range r.PhraseList() {
			add(ri, p, vntext.Fold(p))
		}
		if r.UsePlaceNames {
			for _, p := range placeNames {
				add(ri, p, vntext.Fold(p))
			}
		}
	}
	return m
}

// Match returns every phrase of the rules found in the item as whole words.
func Match(item ItemText, rules []WatchRule, placeNames []string) []WatchMatch {
	return NewMatcher(rules, placeNames).Match(item)
}

// Match returns the matches in the item's title, then its summary.
func (m *Matcher) Match(item ItemText) []WatchMatch {
	if len(m.first) == 0 && len(m.pairs) == 0 {
		return nil
	}
	out := m.matchText(nil, "title", item.Title)
	return m.matchText(out, "summary", item.Summary)
}

func (m *Matcher) matchText(out []WatchMatch, in, text string) []WatchMatch {
	folded, toks := tokens(text)
	for i, t := range toks {
		for _, p := range m.first[string(folded[t.fs:t.fe])] {
			r := m.rules[p.rule]
			out = append(out, WatchMatch{RuleID: r.ID, RuleName: r.Name, Phrase: p.phrase, In: in, Start: t.start, End: t.end})
		}
		if i+1 >= len(toks) {
			continue
		}
		// The words are separated by one space in folded.
		for _, p := range m.pairs[string(folded[t.fs:toks[i+1].fe])] {
			last := i + 1 + len(p.rest)
			if last >= len(toks) {
				continue
			}
			ok := true
			for j, w := range p.rest {
				if x := toks[i+2+j]; string(folded[x.fs:x.fe]) != w {
					ok = false
					break
				}
			}
			if ok {
				r := m.rules[p.rule]
				out = append(out, WatchMatch{RuleID: r.ID, RuleName: r.Name, Phrase: p.phrase, In: in, Start: t.start, End: toks[last].end})
			}
		}
	}
	return out
}

// RuleIDs are the distinct rules of the matches, in order of first match.
func RuleIDs(ms []WatchMatch) []int64 {
	var ids []int64
	seen := map[int64]bool{}
	for _, x := range ms {
		if !seen[x.RuleID] {
			seen[x.RuleID] = true
			ids = append(ids, x.RuleID)
		}
	}
	return ids
}

type token struct {
	fs, fe     int // the folded word in the folded buffer
	start, end int // the word in the original text
}

// tokens splits text into folded words (as vntext.Fold would), returned
// as ranges of one folded buffer, with their byte ranges in text.
// Combining marks and invisible characters stay in the word they follow,
// so NFD input folds like NFC.
func tokens(text string) ([]byte, []token) {
	folded := make([]byte, 0, len(text))
	toks := make([]token, 0, len(text)/5+1)
	start, end, fs := -1, 0, 0
	flush := func() {
		if start >= 0 {
			toks = append(toks, token{fs: fs, fe: len(folded), start: start, end: end})
			start = -1
		}
	}
	begin := func(i int) {
		if start < 0 {
			if len(folded) > 0 {
				folded = append(folded, ' ')
			}
			start, fs = i, len(folded)
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				flush()
				i++
				continue
			}
			begin(i)
			folded = append(folded, c)
			i++
			end = i
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		f, kind := foldRune(r)
		switch kind {
		case runeVanish:
			// Vanishes without separating; a mark extends its word.
			if start >= 0 {
				end = i + size
			}
		case runeSeparator:
			flush()
		default:
			begin(i)
			folded = append(folded, f...)
			end = i + size
		}
		i += size
	}
	flush()
	return folded, toks
}

const (
	runeWord = iota
	runeVanish
	runeSeparator
)

// foldTable caches foldRune for the runes below 0x2000 and the Vietnamese
// block (U+1E00–U+1EFF is inside it), where nearly every letter falls.
var (
	foldOnce  sync.Once
	foldTable [0x2000]struct {
		s    string
		kind uint8
	}
)

// foldRune folds one rune as vntext.Fold does: its folded letters, or
// that it vanishes (combining marks, invisible characters), or that it
// separates words.
func foldRune(r rune) (string, uint8) {
	if r < 0x2000 {
		foldOnce.Do(func() {
			for c := rune(0); c < 0x2000; c++ {
				foldTable[c].s, foldTable[c].kind = foldRuneSlow(c)
			}
		})
		e := foldTable[r]
		return e.s, e.kind
	}
	return foldRuneSlow(r)
}

func foldRuneSlow(r rune) (string, uint8) {
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) {
		return "", runeVanish
	}
	f := vntext.Fold(string(r))
	if f == "" || strings.IndexByte(f, ' ') >= 0 {
		return "", runeSeparator
	}
	return f, runeWord
}

// placePrefixes are the folded administrative words dropped from a unit's
// name to get the place's name, longest first.
var placePrefixes = []string{"thanh pho ", "thi tran ", "dac khu ", "thi xa ", "phuong ", "huyen ", "quan ", "tinh ", "xa "}

// PlaceName is a unit's name without its administrative prefix, folded:
// "Xã Hòa Bình" → "hoa binh". Names left empty, or only digits ("Phường
// 1"), give "".
func PlaceName(name string) string {
	f := vntext.Fold(name)
	for _, p := range placePrefixes {
		if strings.HasPrefix(f, p) {
			f = f[len(p):]
			break
		}
	}
	if strings.Trim(f, "0123456789 ") == "" {
		return ""
	}
	return f
}
