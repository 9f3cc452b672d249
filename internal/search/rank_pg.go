package search

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// PostgreSQL's planner cannot be trusted with "the newest n matches": it
// guesses the matches of several words as if they were independent (a
// phrase's words are not) and then either walks the table in id order for
// a match that is rare, or fetches all of 100,000 matches to sort them —
// seconds either way. So the search measures instead of guessing: it
// counts the matches among the newest probeSize documents, then
//
//   - many (≥ 10 %): walks the id index, newest first, until it has n —
//     a few thousand rows at most;
//   - none: asks the GIN index for every match — there are few;
//   - some: asks the GIN index for the matches in a window of the newest
//     documents expected to hold about 2n, widening it fourfold until it
//     holds n or everything. Each document carries the word of its age
//     bucket (bucketSize documents in a row) to make the window one more
//     GIN key.
//
// Each way fetches a few thousand rows at most, whatever the words.
const (
	bucketSize = 10_000
	probeSize  = 500
)

func bucketOf(id int64) int64 { return (topID - id) / bucketSize }

func bucketWord(b int64) string { return "b" + id(b) }

// pgPlan forbids the plans a way must not use, for its transaction. The
// statements of each way differ in a comment (pgWindow), so the plans the
// driver's prepared statements keep are each way's own.
func pgPlan(ctx context.Context, tx *sql.Tx, gin bool) error {
	index, bitmap := "off", "on"
	if !gin {
		index, bitmap = "on", "off"
	}
	_, err := tx.ExecContext(ctx, `SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', $1, true),
		set_config('enable_bitmapscan', $2, true)`, index, bitmap)
	if err != nil {
		return fmt.Errorf("search: match: %w", err)
	}
	return nil
}

func candidatesPG(ctx context.Context, db *sqldb.DB, f filter, n int) ([]candidate, error) {
	tx, err := db.R.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("search: match: %w", err)
	}
	defer tx.Rollback()
	where, args := pgWhere(f)
	var hits int
	var low *int64 // the newest document's id
	err = tx.QueryRowContext(ctx, db.Rebind(`SELECT COUNT(*) FILTER (WHERE `+where+`), MIN(id)
		FROM (SELECT id, tsv, meta, day FROM search_docs ORDER BY id LIMIT ?) s`), append(args, probeSize)...).Scan(&hits, &low)
	if err != nil || low == nil {
		return nil, err
	}
	gin := hits*10 < probeSize
	if err := pgPlan(ctx, tx, gin); err != nil {
		return nil, err
	}
	if hits == 0 || !gin {
		return pgWindow(ctx, tx, db, f, n, gin, "")
	}
	// Buckets from the newest (partly filled) on, to cover the documents
	// expected to hold 2n matches.
	newest, first := bucketOf(*low), (topID-*low)%bucketSize+1
	w := 1 + max(0, 2*int64(n)*probeSize/int64(hits)-first+bucketSize-1)/bucketSize
	for ; ; w *= 4 {
		var window []string
		if w <= newest {
			for b := newest; b > newest-w; b-- {
				window = append(window, "'"+bucketWord(b)+"'")
			}
		}
		out, err := pgWindow(ctx, tx, db, f, n, true, strings.Join(window, " | "))
		if err != nil || len(out) >= n || window == nil {
			return out, err
		}
	}
}

// pgWhere is the condition of a match: every word, the filter words, the dates.
func pgWhere(f filter) (string, []any) {
	q, args := `tsv @@ to_tsquery('simple', ?)`, []any{"'" + strings.Join(f.terms, "' & '") + "'"}
	if m := metaQuery(f, " & ", " | ", "'", "'"); m != "" {
		q, args = q+` AND meta @@ to_tsquery('simple', ?)`, append(args, m)
	}
	return dayRange(q, args, "day", f)
}

// pgWindow finds the newest n matches among the documents of the buckets
// in window ("" every document), through the GIN index or the id index.
func pgWindow(ctx context.Context, tx *sql.Tx, db *sqldb.DB, f filter, n int, gin bool, window string) ([]candidate, error) {
	where, args := pgWhere(f)
	if window != "" {
		where, args = where+` AND meta @@ to_tsquery('simple', ?)`, append(args, window)
	}
	way := "/* by id */ "
	if gin {
		way = "/* by words */ "
	}
	phrase := "'" + strings.Join(f.terms, "' <-> '") + "'"
	rows, err := tx.QueryContext(ctx, db.Rebind(way+`SELECT id, kind, ftitle, tsv @@ to_tsquery('simple', ?) FROM (SELECT id, kind, ftitle, tsv
		FROM search_docs WHERE `+where+` ORDER BY id LIMIT ?) c ORDER BY id`), append(append([]any{phrase}, args...), n)...)
	if err != nil {
		return nil, fmt.Errorf("search: match: %w", err)
	}
	defer rows.Close()
	var out []candidate
	for rows.Next() {
		var id int64
		var k Kind
		var ftitle string
		var ph bool
		if err := rows.Scan(&id, &k, &ftitle, &ph); err != nil {
			return nil, fmt.Errorf("search: match: %w", err)
		}
		out = append(out, scored(id, k, ftitle, f.terms, ph && len(f.terms) > 1))
	}
	return out, rows.Err()
}
