package sqldb

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// ErrReplay is returned by Transact when the request's idempotency key was
// already used by a committed transaction: the write is not done twice.
var ErrReplay = errors.New("sqldb: this request was already processed")

// Idempotency carries a client's idempotency key through a request. The
// first write transaction of the request records the key in the same
// transaction as its writes, so the key exists exactly when the writes do:
// a retry after a crash, a timeout or a lost answer can never apply them a
// second time.
type Idempotency struct {
	Scope   string // who and what: user and route
	Key     string
	claimed atomic.Bool
}

// Claimed reports whether a transaction of this request committed the key.
func (i *Idempotency) Claimed() bool { return i.claimed.Load() }

type idemCtx struct{}

// WithIdempotency attaches i to ctx for Transact.
func WithIdempotency(ctx context.Context, i *Idempotency) context.Context {
	return context.WithValue(ctx, idemCtx{}, i)
}

func idempotencyOf(ctx context.Context) *Idempotency {
	i, _ := ctx.Value(idemCtx{}).(*Idempotency)
	if i == nil || i.claimed.Load() {
		return nil
	}
	return i
}

// claim records the key inside tx; ErrReplay when it is already there.
func (i *Idempotency) claim(ctx context.Context, tx *Tx) error {
	res, err := tx.Exec(ctx, `INSERT INTO idempotency_keys (scope, key, created_at) VALUES (?, ?, ?)
		ON CONFLICT (scope, key) DO NOTHING`, i.Scope, i.Key, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("sqldb: idempotency key: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrReplay
	}
	return nil
}

// StoredResponse is the answer given to the request that used a key.
type StoredResponse struct {
	Found       bool
	Status      int // 0: the writes committed but the answer was never stored
	ContentType string
	Body        []byte
}

// LookupIdempotency finds what a key's request answered.
func (db *DB) LookupIdempotency(ctx context.Context, scope, key string) (StoredResponse, error) {
	var r StoredResponse
	// The reader pool: on SQLite the one writer connection stays free for
	// writes; a race between two attempts is settled by the claim inside
	// the write transaction, not here.
	err := db.R.QueryRowContext(ctx, db.Rebind(`SELECT status, content_type, body FROM idempotency_keys WHERE scope = ? AND key = ?`),
		scope, key).Scan(&r.Status, &r.ContentType, &r.Body)
	if errors.Is(err, errNoRows) {
		return r, nil
	}
	if err != nil {
		return r, fmt.Errorf("sqldb: look up idempotency key: %w", err)
	}
	r.Found = true
	return r, nil
}

// StoreIdempotentResponse keeps a claimed key's answer for replays.
func (db *DB) StoreIdempotentResponse(ctx context.Context, scope, key string, status int, contentType string, body []byte) error {
	_, err := db.W.ExecContext(ctx, db.Rebind(`UPDATE idempotency_keys SET status = ?, content_type = ?, body = ? WHERE scope = ? AND key = ?`),
		status, contentType, body, scope, key)
	if err != nil {
		return fmt.Errorf("sqldb: store idempotent response: %w", err)
	}
	return nil
}

// PurgeIdempotency forgets keys older than the given age.
func (db *DB) PurgeIdempotency(ctx context.Context, olderThan time.Duration) (int64, error) {
	res, err := db.W.ExecContext(ctx, db.Rebind(`DELETE FROM idempotency_keys WHERE created_at < ?`), time.Now().UTC().Add(-olderThan))
	if err != nil {
		return 0, fmt.Errorf("sqldb: purge idempotency keys: %w", err)
	}
	return res.RowsAffected()
}
