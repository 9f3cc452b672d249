package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// Query is a search: the words, and optional filters.
type Query struct {
	Q      string     `json:"q"`
	Kind   Kind       `json:"type,omitempty"`
	UnitID int64      `json:"unit_id,omitempty"`
	From   civil.Date `json:"from"`
	To     civil.Date `json:"to"`
	Limit  int        `json:"limit"`
	Offset int        `json:"offset"`
}

// Hit is one result. TitleParts and SnippetParts are for pages; the API
// gives them as escaped HTML with <mark> around the matched words.
type Hit struct {
	Kind         Kind        `json:"type"`
	KindLabel    string      `json:"type_label"`
	ID           int64       `json:"id"`
	Title        string      `json:"title"`
	TitleHTML    string      `json:"title_html"`
	SnippetHTML  string      `json:"snippet_html"`
	URL          string      `json:"url"`
	UnitID       int64       `json:"unit_id,omitempty"`
	Date         *civil.Date `json:"date,omitempty"`
	Status       string      `json:"status,omitempty"`
	Score        float64     `json:"score"`
	TitleParts   []Fragment  `json:"-"`
	SnippetParts []Fragment  `json:"-"`
}

// Facet counts the matches of one kind.
type Facet struct {
	Kind  Kind   `json:"type"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Result is a page of hits, best first. Total counts the matches ranked;
// More says there were more matches than Candidates, so Total (and the
// facets) are lower bounds and a narrower query finds the rest.
type Result struct {
	Q      string   `json:"q"`
	Terms  []string `json:"terms"`
	Items  []Hit    `json:"items"`
	Total  int      `json:"total"`
	More   bool     `json:"more"`
	Facets []Facet  `json:"facets"`
	Limit  int      `json:"limit"`
	Offset int      `json:"offset"`
}

// syncBudget bounds the queued changes a search indexes before answering.
const syncBudget = 2000

// Search finds what the actor may see — exactly what the modules' pages
// show them — matching every word of q.Q, accents and case aside.
func (s *Service) Search(ctx context.Context, a org.Actor, q Query) (Result, error) {
	f, err := s.check(a, &q)
	if err != nil {
		return Result{}, err
	}
	if _, err := s.sync(ctx, syncBudget); err != nil {
		slog.Warn("search: sync before query", "err", err) // a slightly stale index beats no answer
	}
	// With a type chosen, the facets still count every type: a second,
	// unranked search, run beside the first.
	type found struct {
		c   []candidate
		err error
	}
	var other chan found
	if f.kind != "" {
		other = make(chan found, 1)
		go func() {
			g := f
			g.kind = ""
			c, err := candidates(ctx, s.db, g, s.Candidates, false)
			other <- found{c, err}
		}()
	}
	cands, err := candidates(ctx, s.db, f, s.Candidates, true)
	all := cands
	if other != nil {
		o := <-other
		all, err = o.c, errors.Join(err, o.err)
	}
	if err != nil {
		return Result{}, err
	}
	res := Result{Q: q.Q, Terms: f.terms, Total: len(cands), More: len(cands) >= s.Candidates, Limit: q.Limit, Offset: q.Offset,
		Items: []Hit{}, Facets: facets(all)}
	slices.SortFunc(cands, func(x, y candidate) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.id, y.id)) // newest (lowest id) first among equals
	})
	if q.Offset >= len(cands) {
		return res, nil
	}
	page := cands[q.Offset:min(q.Offset+q.Limit, len(cands))]
	res.Items, err = s.hits(ctx, a, page, f.terms)
	return res, err
}

// check validates a query and turns it into the index filter for the actor.
func (s *Service) check(a org.Actor, q *Query) (filter, error) {
	q.Q = strings.TrimSpace(q.Q)
	f := filter{terms: Terms(q.Q), readers: readersOf(a), kind: q.Kind, unitID: q.UnitID, from: q.From, to: q.To}
	if len(f.terms) == 0 {
		return f, errEmptyQuery()
	}
	var v apperr.Invalid
	if q.Kind != "" && !q.Kind.Valid() {
		v.Add("type", "Loại kết quả không hợp lệ.", "Unknown result type.")
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		v.Add("to", "Ngày kết thúc phải sau ngày bắt đầu.", "The end date must not be before the start date.")
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	q.Limit = min(q.Limit, 100)
	if q.Offset < 0 || q.Offset >= s.Candidates {
		v.Add("offset", fmt.Sprintf("Chỉ xem được %d kết quả đầu; hãy thêm từ hoặc bộ lọc.", s.Candidates),
			fmt.Sprintf("Only the first %d results can be paged; add a word or a filter.", s.Candidates))
	}
	return f, v.Err()
}

// readersOf is the reader names the actor answers to; nil for the Board,
// which sees every kind of item (org.Actor.AllUnits).
func readersOf(a org.Actor) []string {
	if a.AllUnits() {
		return nil
	}
	out := []string{"all"}
	if a.UnitID != 0 {
		out = append(out, unitReaders(a.UnitID)...)
	}
	if a.UserID != 0 {
		out = append(out, userReader(a.UserID))
	}
	return out
}

// mayRead checks a stored document's readers against the actor once more,
// so a mistake in a filter can never show what the pages would not.
func mayRead(a org.Actor, stored string) bool {
	rs := readersOf(a)
	if rs == nil {
		return true
	}
	for _, r := range strings.Fields(stored) {
		if slices.Contains(rs, r) {
			return true
		}
	}
	return false
}

func facets(cands []candidate) []Facet {
	n := map[Kind]int{}
	for _, c := range cands {
		n[c.kind]++
	}
	var out []Facet
	for _, e := range extractors {
		if n[e.kind] > 0 {
			out = append(out, Facet{Kind: e.kind, Label: e.label, Count: n[e.kind]})
		}
	}
	return out
}
