package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// What differs between the engines is here and in rank.go: SQLite keeps
// the words in an FTS5 table beside search_docs (rowid = search_docs.id),
// PostgreSQL in two tsvector columns of search_docs under one GIN index.
// Both receive text already folded in Go.
//
// The filter words say what no typed query may reach: the kind (kreport),
// the units concerned (n12) and the readers (ru12, rp5, rall). PostgreSQL
// keeps them in their own column (with the age bucket, rank.go); SQLite in
// the same column as the text, marked with "#", which folded text never
// holds — and the readers as a suffix of every word ("phong@u12").

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

// topID is above every document id: ids count down from it, so the newest
// document has the lowest id and a walk up the index — the direction FTS5
// walks fastest — meets the newest matches first.
const topID = int64(1) << 62

// ftsWords is the FTS5 text of a document: its distinct folded words and
// word pairs (the phrase tier of rank.go), the same for each of its
// readers ("phong@u12"), and its filter words marked with "#".
func ftsWords(ftitle, fbody string, readers []string, meta string) string {
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, s := range []string{ftitle, fbody} {
		ws := strings.Fields(s)
		for i, w := range ws {
			add(w)
			if i+1 < len(ws) {
				add(w + "_" + ws[i+1])
			}
		}
	}
	var b strings.Builder
	b.Grow((len(ftitle) + len(fbody)) * 2 * (1 + len(readers)))
	b.WriteString(strings.Join(words, " "))
	for _, r := range readers {
		for _, w := range words {
			b.WriteString(" " + w + "@" + r)
		}
	}
	for _, m := range strings.Fields(meta) {
		if !strings.HasPrefix(m, "r") { // the readers are in the words already
			b.WriteString(" #" + m)
		}
	}
	return b.String()
}

// put replaces the document of (d.Kind, d.RefID). A replaced document gets
// a new, lower id: ids follow the order of change, and a word matching
// more documents than are ranked finds the latest first.
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
	cols := `INSERT INTO search_docs (kind, ref_id, unit_id, readers, title, ftitle, body, url, day, status, stamp`
	args := []any{string(d.Kind), d.RefID, unit, strings.Join(d.Readers, " "), d.Title, ft, d.Body, d.URL, d.Day, d.Status, d.Stamp.UTC()}
	if tx.Dialect == sqldb.Postgres { // the id first: its age bucket is one of the filter words
		var docID int64
		err := tx.QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence('search_docs', 'id'))`).Scan(&docID)
		if err == nil {
			_, err = tx.Exec(ctx, cols+`, id, tsv, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
				setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D'), to_tsvector('simple', ?))`,
				append(args, docID, ft, fb, m+" "+bucketWord(bucketOf(docID)))...)
		}
		if err != nil {
			return fmt.Errorf("search: index %s %d: %w", d.Kind, d.RefID, err)
		}
		return nil
	}
	var docID int64
	err := tx.QueryRow(ctx, cols+`, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
		(SELECT COALESCE(MIN(id), ?) - 1 FROM search_docs)) RETURNING id`, append(args, topID)...).Scan(&docID)
	if err != nil {
		return fmt.Errorf("search: index %s %d: %w", d.Kind, d.RefID, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO search_fts (rowid, words) VALUES (?, ?)`, docID, ftsWords(ft, fb, d.Readers, m)); err != nil {
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

// compact tidies the index after a bulk load (Reindex, Generate): SQLite
// merges the FTS5 segments of many small transactions into one, which
// halves the walks; PostgreSQL refreshes the planner's statistics.
func compact(ctx context.Context, db *sqldb.DB) error {
	q := `INSERT INTO search_fts (search_fts) VALUES ('optimize')`
	if db.Dialect == sqldb.Postgres {
		q = `ANALYZE search_docs`
	}
	if _, err := db.Exec(ctx, q); err != nil {
		return fmt.Errorf("search: compact: %w", err)
	}
	return nil
}

// bulkInsert adds new documents with ids first, first-1… in few
// statements (Generate: a million documents one by one would take long).
func bulkInsert(ctx context.Context, tx *sqldb.Tx, first int64, docs []Doc) error {
	pg := tx.Dialect == sqldb.Postgres
	row := "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	if pg {
		row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D'), to_tsvector('simple', ?))"
	}
	var rows, fts []string
	var args, ftsArgs []any
	for i, d := range docs {
		docID := first - int64(i)
		ft, fb, m := vntext.Fold(d.Title), vntext.Fold(d.Body), meta(d)
		var unit any
		if d.UnitID != 0 {
			unit = d.UnitID
		}
		rows = append(rows, row)
		args = append(args, docID, string(d.Kind), d.RefID, unit, strings.Join(d.Readers, " "), d.Title, ft, d.Body, d.URL, d.Day, d.Status, d.Stamp.UTC())
		if pg {
			args = append(args, ft, fb, m+" "+bucketWord(bucketOf(docID)))
		} else {
			fts, ftsArgs = append(fts, "(?, ?)"), append(ftsArgs, docID, ftsWords(ft, fb, d.Readers, m))
		}
	}
	cols := "id, kind, ref_id, unit_id, readers, title, ftitle, body, url, day, status, stamp"
	if pg {
		cols += ", tsv, meta"
	}
	if _, err := tx.Exec(ctx, "INSERT INTO search_docs ("+cols+") VALUES "+strings.Join(rows, ", "), args...); err != nil {
		return fmt.Errorf("search: bulk insert: %w", err)
	}
	if !pg {
		if _, err := tx.Exec(ctx, "INSERT INTO search_fts (rowid, words) VALUES "+strings.Join(fts, ", "), ftsArgs...); err != nil {
			return fmt.Errorf("search: bulk insert: %w", err)
		}
	}
	return nil
}
