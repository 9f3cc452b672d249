package search

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// reindexBatch is how many items one transaction of Reindex indexes.
const reindexBatch = 500

// Reindex rebuilds the whole index from the modules' tables (khoagiao
// search reindex): it empties it, then indexes every item oldest change
// first, in batches, and compacts it; progress, when set, hears how far
// it got. Changes made
// meanwhile are queued by the triggers and indexed by the next Sync.
func (s *Service) Reindex(ctx context.Context, progress func(done, total int)) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		if err := lock(ctx, tx); err != nil {
			return err
		}
		return clear(ctx, tx)
	})
	if err != nil {
		return 0, err
	}
	items, err := s.everything(ctx)
	if err != nil {
		return 0, err
	}
	for done := 0; done < len(items); {
		batch := items[done:min(done+reindexBatch, len(items))]
		refs := make([]ref, len(batch))
		for i, it := range batch {
			refs[i] = it.ref
		}
		err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
			if err := lock(ctx, tx); err != nil {
				return err
			}
			return index(ctx, tx, refs)
		})
		if err != nil {
			return done, err
		}
		done += len(batch)
		if progress != nil {
			progress(done, len(items))
		}
	}
	return len(items), compact(ctx, s.db)
}

type stamped struct {
	ref
	at time.Time
}

// everything lists every item of every kind, the oldest change first.
func (s *Service) everything(ctx context.Context) ([]stamped, error) {
	var out []stamped
	for _, e := range extractors {
		rows, err := s.db.Query(ctx, e.all)
		if err != nil {
			return nil, fmt.Errorf("search: list %s: %w", e.kind, err)
		}
		for rows.Next() {
			it := stamped{ref: ref{kind: e.kind}}
			if err := rows.Scan(&it.id, &it.at); err != nil {
				rows.Close()
				return nil, fmt.Errorf("search: list %s: %w", e.kind, err)
			}
			out = append(out, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("search: list %s: %w", e.kind, err)
		}
	}
	slices.SortStableFunc(out, func(a, b stamped) int { return a.at.Compare(b.at) })
	return out, nil
}
