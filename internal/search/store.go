package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// What differs between the engines is here: SQLite keeps the folded words
// in an FTS5 table beside search_docs (rowid = search_docs.id, ranked by
// bm25), PostgreSQL in two tsvector columns of search_docs under one GIN
// index (ranked by ts_rank). Both receive text already folded in Go.
//
// "meta" holds words no typed query reaches: the kind (kreport), the units
// concerned (n12) and the readers (ru12, rp5, rall).

// meta is a document's filter words.
func meta(d Doc) string {
	parts := []string{d.Kind.token()}
	for _, u := range d.Units {
		parts = append(parts, "n"+id(u))
	}
	for _, r := range d.Readers {
		parts = append(parts, "r"+r)
	}
	return strings.Join(parts, " ")
}

// put replaces the document of (d.Kind, d.RefID). A replaced document gets
// a new id, so ids follow the order of change: the newest matches are
// found first when a word matches too many to rank all.
func put(ctx context.Context, tx *sqldb.Tx, d Doc) error {
	if err := remove(ctx, tx, d.Kind, d.RefID); err != nil {
		return err
	}
	d.Title, d.Body = vntext.Normalize(d.Title), clip(vntext.Normalize(d.Body), MaxBody)
	var unit any
	if d.UnitID != 0 {
		unit = d.UnitID
	}
	ft, fb, m := vntext.Fold(d.Title), vntext.Fold(d.Body), meta(d)
	cols := `INSERT INTO search_docs (kind, ref_id, unit_id, readers, title, body, url, day, status, stamp`
	args := []any{string(d.Kind), d.RefID, unit, strings.Join(d.Readers, " "), d.Title, d.Body, d.URL, d.Day, d.Status, d.Stamp.UTC()}
	if tx.Dialect == sqldb.Postgres {
		_, err := tx.Exec(ctx, cols+`, tsv, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
			setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D'), to_tsvector('simple', ?))`,
			append(args, ft, fb, m)...)
		if err != nil {
			return fmt.Errorf("search: index %s %d: %w", d.Kind, d.RefID, err)
		}
		return nil
	}
	var docID int64
	if err := tx.QueryRow(ctx, cols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...).Scan(&docID); err != nil {
		return fmt.Errorf("search: index %s %d: %w", d.Kind, d.RefID, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO search_fts (rowid, title, body, meta) VALUES (?, ?, ?, ?)`, docID, ft, fb, m); err != nil {
		return fmt.Errorf("search: index %s %d: %w", d.Kind, d.RefID, err)
	}
	return nil
}

// remove takes an item out of the index (nothing happens if it is not in).
func remove(ctx context.Context, tx *sqldb.Tx, k Kind, ref int64) error {
	var docID int64
	err := tx.QueryRow(ctx, `DELETE FROM search_docs WHERE kind = ? AND ref_id = ? RETURNING id`, string(k), ref).Scan(&docID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err == nil && tx.Dialect == sqldb.SQLite {
		_, err = tx.Exec(ctx, `DELETE FROM search_fts WHERE rowid = ?`, docID)
	}
	if err != nil {
		return fmt.Errorf("search: unindex %s %d: %w", k, ref, err)
	}
	return nil
}

// clear empties the index (Reindex, in its first transaction).
func clear(ctx context.Context, tx *sqldb.Tx) error {
	stmts := []string{`DELETE FROM search_queue`, `DELETE FROM search_docs`, `INSERT INTO search_fts (search_fts) VALUES ('delete-all')`}
	if tx.Dialect == sqldb.Postgres {
		stmts = []string{`DELETE FROM search_queue`, `TRUNCATE search_docs`}
	}
	for _, q := range stmts {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("search: clear: %w", err)
		}
	}
	return nil
}

// filter is what a search asks of the index.
type filter struct {
	terms    []string   // folded words, all required
	readers  []string   // the caller's reader names; nil: the Board (no limit)
	kind     Kind       // "" every kind
	unitID   int64      // 0 every unit
	from, to civil.Date // the item's date, inclusive; zero: open
}

// candidate is a match before ranking.
type candidate struct {
	id    int64
	kind  Kind
	score float64 // higher is better
}

// candidates returns up to n matches, the most recently changed first,
// each with the engine's relevance score.
func candidates(ctx context.Context, db *sqldb.DB, f filter, n int) ([]candidate, error) {
	var q string
	var args []any
	if db.Dialect == sqldb.Postgres {
		text := "'" + strings.Join(f.terms, "' & '") + "'"
		q = `SELECT id, kind, ts_rank(tsv, to_tsquery('simple', ?), 1) FROM (SELECT id, kind, tsv FROM search_docs
			WHERE tsv @@ to_tsquery('simple', ?)`
		args = []any{text, text}
		if m := metaQuery(f, " & ", " | ", "'"); m != "" {
			q += ` AND meta @@ to_tsquery('simple', ?)`
			args = append(args, m)
		}
		q, args = dayRange(q, args, "day", f)
		q += ` ORDER BY id DESC LIMIT ?) c`
	} else {
		match := `{title body}: ("` + strings.Join(f.terms, `" AND "`) + `")`
		if m := metaQuery(f, " AND ", " OR ", `"`); m != "" {
			match += ` AND meta: (` + m + `)`
		}
		q = `SELECT search_docs.id, search_docs.kind, -bm25(search_fts, 5.0, 1.0, 0.0) FROM search_fts
			JOIN search_docs ON search_docs.id = search_fts.rowid WHERE search_fts MATCH ?`
		args = []any{match}
		q, args = dayRange(q, args, "search_docs.day", f)
		q += ` ORDER BY search_fts.rowid DESC LIMIT ?`
	}
	rows, err := db.Query(ctx, q, append(args, n)...)
	if err != nil {
		return nil, fmt.Errorf("search: match: %w", err)
	}
	defer rows.Close()
	var out []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.id, &c.kind, &c.score); err != nil {
			return nil, fmt.Errorf("search: match: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// metaQuery is the filter words of f joined with the engine's and/or,
// each quoted; "" when nothing limits the search.
func metaQuery(f filter, and, or, quote string) string {
	var parts []string
	if f.readers != nil {
		rs := make([]string, len(f.readers))
		for i, r := range f.readers {
			rs[i] = quote + "r" + r + quote
		}
		parts = append(parts, "("+strings.Join(rs, or)+")")
	}
	if f.kind != "" {
		parts = append(parts, quote+f.kind.token()+quote)
	}
	if f.unitID != 0 {
		parts = append(parts, quote+"n"+id(f.unitID)+quote)
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

// bulkInsert adds new documents with ids first, first+1… in few
// statements (Generate: a million documents one by one would take long).
func bulkInsert(ctx context.Context, tx *sqldb.Tx, first int64, docs []Doc) error {
	pg := tx.Dialect == sqldb.Postgres
	row := "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	if pg {
		row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D'), to_tsvector('simple', ?))"
	}
	var rows, fts []string
	var args, ftsArgs []any
	for i, d := range docs {
		docID := first + int64(i)
		ft, fb, m := vntext.Fold(d.Title), vntext.Fold(d.Body), meta(d)
		var unit any
		if d.UnitID != 0 {
			unit = d.UnitID
		}
		rows = append(rows, row)
		args = append(args, docID, string(d.Kind), d.RefID, unit, strings.Join(d.Readers, " "), d.Title, d.Body, d.URL, d.Day, d.Status, d.Stamp.UTC())
		if pg {
			args = append(args, ft, fb, m)
		} else {
			fts, ftsArgs = append(fts, "(?, ?, ?, ?)"), append(ftsArgs, docID, ft, fb, m)
		}
	}
	cols := "id, kind, ref_id, unit_id, readers, title, body, url, day, status, stamp"
	if pg {
		cols += ", tsv, meta"
	}
	if _, err := tx.Exec(ctx, "INSERT INTO search_docs ("+cols+") VALUES "+strings.Join(rows, ", "), args...); err != nil {
		return fmt.Errorf("search: bulk insert: %w", err)
	}
	if !pg {
		if _, err := tx.Exec(ctx, "INSERT INTO search_fts (rowid, title, body, meta) VALUES "+strings.Join(fts, ", "), ftsArgs...); err != nil {
			return fmt.Errorf("search: bulk insert: %w", err)
		}
	}
	return nil
}
