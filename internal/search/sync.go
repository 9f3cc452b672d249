package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// syncBatch is how many queued changes one transaction indexes: small
// enough not to hold SQLite's one writer for long.
const syncBatch = 200

// lockKey serialises drains across PostgreSQL instances: two drains
// reading the same item at different moments could otherwise commit the
// older version last.
const lockKey = 0x6b6773656172 // "kgsear"

type ref struct {
	kind Kind
	id   int64
}

// Sync indexes every queued change (triggers queue them in the writing
// transaction) and returns how many items it looked at. It costs one read
// when nothing is queued.
func (s *Service) Sync(ctx context.Context) (int, error) { return s.sync(ctx, 0) }

// sync drains the queue; budget > 0 stops after about that many items (a
// search does not wait for a backlog: the background loop takes it).
func (s *Service) sync(ctx context.Context, budget int) (int, error) {
	var one int
	err := s.db.QueryRow(ctx, `SELECT 1 FROM search_queue LIMIT 1`).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("search: queue: %w", err)
	}
	if budget > 0 {
		// A search does not queue behind a drain already running (under a
		// burst of writes every search would wait its turn): that drain and
		// the background loop index the rest.
		if !s.mu.TryLock() {
			return 0, nil
		}
	} else {
		s.mu.Lock()
	}
	defer s.mu.Unlock()
	total := 0
	for {
		n, err := s.drain(ctx)
		total += n
		if err != nil || n < syncBatch || (budget > 0 && total >= budget) {
			return total, err
		}
	}
}

// drain indexes one batch of queued changes in one transaction.
func (s *Service) drain(ctx context.Context) (int, error) {
	n := 0
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		if err := lock(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT id, kind, ref_id FROM search_queue ORDER BY id LIMIT ?`, syncBatch)
		if err != nil {
			return fmt.Errorf("search: queue: %w", err)
		}
		var qids []int64
		var refs []ref
		for rows.Next() {
			var qid int64
			var r ref
			if err := rows.Scan(&qid, &r.kind, &r.id); err != nil {
				rows.Close()
				return fmt.Errorf("search: queue: %w", err)
			}
			qids, refs = append(qids, qid), append(refs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("search: queue: %w", err)
		}
		n = len(qids)
		if n == 0 {
			return nil
		}
		if err := index(ctx, tx, refs); err != nil {
			return err
		}
		in, args := inIDs(qids)
		if _, err := tx.Exec(ctx, `DELETE FROM search_queue WHERE id IN `+in, args...); err != nil {
			return fmt.Errorf("search: dequeue: %w", err)
		}
		return nil
	})
	return n, err
}

func lock(ctx context.Context, tx *sqldb.Tx) error {
	if tx.Dialect != sqldb.Postgres {
		return nil // one writer connection: transactions are serial already
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(lockKey)); err != nil {
		return fmt.Errorf("search: lock: %w", err)
	}
	return nil
}

// index re-extracts the items and replaces their documents, in the order
// given (the last mention of an item counts); an item its extractor no
// longer finds leaves the index.
func index(ctx context.Context, tx *sqldb.Tx, refs []ref) error {
	last := map[ref]int{}
	byKind := map[Kind][]int64{}
	for i, r := range refs {
		if _, seen := last[r]; !seen {
			byKind[r.kind] = append(byKind[r.kind], r.id)
		}
		last[r] = i
	}
	docs := map[ref]Doc{}
	for k, ids := range byKind {
		e, ok := extractorOf(k)
		if !ok {
			continue
		}
		ds, err := e.load(ctx, tx, ids)
		if err != nil {
			return fmt.Errorf("search: extract %s: %w", k, err)
		}
		for _, d := range ds {
			docs[ref{d.Kind, d.RefID}] = d
		}
	}
	order := make([]ref, 0, len(last))
	for r := range last {
		order = append(order, r)
	}
	slices.SortFunc(order, func(a, b ref) int { return last[a] - last[b] })
	for _, r := range order {
		if !r.kind.Valid() {
			continue
		}
		d, ok := docs[r]
		if !ok {
			if err := remove(ctx, tx, r.kind, r.id); err != nil {
				return err
			}
			continue
		}
		if err := put(ctx, tx, d); err != nil {
			return err
		}
	}
	return nil
}

// Run keeps the index current in the background: a sync every interval
// until ctx ends (searches sync too, so this only takes the backlog of
// busy moments off their path).
func (s *Service) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.Sync(ctx); err != nil && ctx.Err() == nil {
			slog.Error("search sync", "err", err)
		} else if n > 0 {
			slog.Debug("search sync", "items", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
