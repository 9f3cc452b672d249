package search

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Ranking. FTS5's bm25 cannot serve a million documents: for every query it
// counts the documents holding each word by reading the word's whole list
// (80–550 ms a query for common words, docs/performance.md). So both
// engines find the newest n documents holding every word — a walk along the
// index that stops at n — and rank those by where the words stand:
//
//	+4 the words as a phrase in the title
//	+3 every word in the title
//	+2 the words as a phrase anywhere
//	+1 every word somewhere (every candidate)
//
// newest first among equals. The title tiers are read from the folded
// title stored beside each document. The phrase tier is a test of the
// candidates' tsvectors on PostgreSQL (word positions), and one more
// bounded walk on SQLite, whose index keeps no positions but the pairs of
// neighbouring words: for three words and more, "every neighbouring pair
// somewhere" stands in for the phrase.
const (
	tierTitlePhrase = 4
	tierTitle       = 3
	tierPhrase      = 2
	tierMatch       = 1
)

// filter is what a search asks of the index.
type filter struct {
	terms    []string   // folded words, all required
	readers  []string   // the caller's reader names; nil: the Board (no limit)
	kind     Kind       // "" every kind
	unitID   int64      // 0 every unit
	from, to civil.Date // the item's date, inclusive; zero: open
}

// candidate is a match with its rank.
type candidate struct {
	id    int64
	kind  Kind
	score float64 // higher is better
}

// candidates returns up to n matches, the most recently changed first,
// each with its score (rank false: without the phrase tier, for counts).
func candidates(ctx context.Context, db *sqldb.DB, f filter, n int, rank bool) ([]candidate, error) {
	var out []candidate
	var err error
	if db.Dialect == sqldb.Postgres {
		out, err = candidatesPG(ctx, db, f, n)
	} else {
		out, err = candidatesSQLite(ctx, db, f, n, rank)
	}
	if len(f.terms) == 1 { // one word is its own phrase
		for i := range out {
			out[i].score += tierPhrase
		}
	}
	return out, err
}

// scored ranks a candidate by its folded title; phrase says the words
// stand together somewhere.
func scored(id int64, k Kind, ftitle string, terms []string, phrase bool) candidate {
	c := candidate{id: id, kind: k, score: tierMatch}
	words := strings.Fields(ftitle)
	all := true
	for _, t := range terms {
		all = all && slices.Contains(words, t)
	}
	if all {
		c.score += tierTitle
		for i := 0; i+len(terms) <= len(words); i++ {
			if slices.Equal(words[i:i+len(terms)], terms) {
				c.score += tierTitlePhrase
				break
			}
		}
	}
	if phrase {
		c.score += tierPhrase
	}
	return c
}

func candidatesSQLite(ctx context.Context, db *sqldb.DB, f filter, n int, rank bool) ([]candidate, error) {
	// The Board's words are the plain words; anyone else's are the words
	// of the documents they read ("phong@u12"), one group per reader name.
	words := func(ws []string) string {
		if f.readers == nil {
			return `"` + strings.Join(ws, `" AND "`) + `"`
		}
		groups := make([]string, len(f.readers))
		for i, r := range f.readers {
			groups[i] = `("` + strings.Join(ws, "@"+r+`" AND "`) + "@" + r + `")`
		}
		return "(" + strings.Join(groups, " OR ") + ")"
	}
	g := f
	g.readers = nil // the reader names are in the words
	filters := ""
	if m := metaQuery(g, " AND ", " OR ", `"#`, `"`); m != "" {
		filters = " AND " + m
	}
	// walk lists the matches of an FTS5 expression up to id below, newest first.
	walk := func(match string, below int64, fn func(id int64, kind Kind, ftitle string)) error {
		q, args := dayRange(`SELECT search_docs.id, search_docs.kind, search_docs.ftitle FROM search_fts
			JOIN search_docs ON search_docs.id = search_fts.rowid WHERE search_fts MATCH ? AND search_fts.rowid <= ?`,
			[]any{match, below}, "search_docs.day", f)
		rows, err := db.Query(ctx, q+` ORDER BY search_fts.rowid LIMIT ?`, append(args, n)...)
		if err != nil {
			return fmt.Errorf("search: match: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var k Kind
			var ftitle string
			if err := rows.Scan(&id, &k, &ftitle); err != nil {
				return fmt.Errorf("search: match: %w", err)
			}
			fn(id, k, ftitle)
		}
		return rows.Err()
	}
	var out []candidate
	at := map[int64]int{}
	err := walk(words(f.terms)+filters, topID, func(id int64, k Kind, ftitle string) {
		at[id] = len(out)
		out = append(out, scored(id, k, ftitle, f.terms, false))
	})
	if err != nil || len(out) < 1 || len(f.terms) == 1 || !rank {
		return out, err
	}
	// The phrase tier: every pair of neighbouring words stands together
	// (a pair word "phong_chong", which implies both words). Its matches up
	// to the oldest candidate are candidates.
	pairs := make([]string, len(f.terms)-1)
	for i := range pairs {
		pairs[i] = f.terms[i] + "_" + f.terms[i+1]
	}
	err = walk(words(pairs)+filters, out[len(out)-1].id, func(id int64, _ Kind, _ string) {
		if j, ok := at[id]; ok {
			out[j].score += tierPhrase
		}
	})
	return out, err
}

// metaQuery is the filter words of f joined with the engine's and/or,
// each between open and end; "" when nothing limits the search.
func metaQuery(f filter, and, or, open, end string) string {
	var parts []string
	if f.readers != nil {
		rs := make([]string, len(f.readers))
		for i, r := range f.readers {
			rs[i] = open + "r" + r + end
		}
		parts = append(parts, "("+strings.Join(rs, or)+")")
	}
	if f.kind != "" {
		parts = append(parts, open+f.kind.token()+end)
	}
	if f.unitID != 0 {
		parts = append(parts, open+"n"+id(f.unitID)+end)
	}
	return strings.Join(parts, and)
}

func dayRange(q string, args []any, col string, f filter) (string, []any) {
	if !f.from.IsZero() {
		q, args = q+" AND "+col+" >= ?", append(args, f.from)
	}
	if !f.to.IsZero() {
		q, args = q+" AND "+col+" <= ?", append(args, f.to)
	}
	return q, args
}
