package search

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// hits loads the page's documents and marks the matched words in their
// titles and snippets.
func (s *Service) hits(ctx context.Context, a org.Actor, page []candidate, terms []string) ([]Hit, error) {
	ids := make([]int64, len(page))
	for i, c := range page {
		ids[i] = c.id
	}
	in, args := inIDs(ids)
	rows, err := s.db.Query(ctx, `SELECT id, kind, ref_id, unit_id, readers, title, body, url, day, status
		FROM search_docs WHERE id IN `+in, args...)
	if err != nil {
		return nil, fmt.Errorf("search: load hits: %w", err)
	}
	defer rows.Close()
	type stored struct {
		hit           Hit
		readers, body string
	}
	byID := map[int64]stored{}
	for rows.Next() {
		var st stored
		var docID int64
		var unit *int64
		var day civil.Date
		h := &st.hit
		if err := rows.Scan(&docID, &h.Kind, &h.ID, &unit, &st.readers, &h.Title, &st.body, &h.URL, &day, &h.Status); err != nil {
			return nil, fmt.Errorf("search: load hits: %w", err)
		}
		if unit != nil {
			h.UnitID = *unit
		}
		if !day.IsZero() {
			h.Date = &day
		}
		byID[docID] = st
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: load hits: %w", err)
	}
	out := make([]Hit, 0, len(page))
	for _, c := range page {
		st, ok := byID[c.id]
		if !ok {
			continue // replaced since it matched
		}
		if !mayRead(a, st.readers) {
			slog.Error("search: a filtered match is not readable", "kind", st.hit.Kind, "id", st.hit.ID, "user", a.Username)
			continue
		}
		h := st.hit
		h.Score, h.KindLabel = c.score, h.Kind.Label()
		h.TitleParts, h.SnippetParts = Highlight(h.Title, terms), Snippet(st.body, terms)
		h.TitleHTML, h.SnippetHTML = HTML(h.TitleParts), HTML(h.SnippetParts)
		out = append(out, h)
	}
	return out, nil
}
