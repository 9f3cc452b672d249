package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// ThrottlePolicy limits failed sign-ins per account and per address. Counts
// live in the database so every instance enforces the same limit.
type ThrottlePolicy struct {
	Window       time.Duration // failures older than this are forgotten
	AccountLimit int           // failures per account in Window before locking
	AddressLimit int           // failures per address in Window before locking
	LockFor      time.Duration
}

// DefaultThrottle: 5 failures per account or 20 per address in 15 minutes
// lock that key for 15 minutes.
var DefaultThrottle = ThrottlePolicy{Window: 15 * time.Minute, AccountLimit: 5, AddressLimit: 20, LockFor: 15 * time.Minute}

func lockedUntil(ctx context.Context, q querier, key string, now time.Time) (time.Time, error) {
	var until sql.NullTime
	err := q.QueryRow(ctx, "SELECT locked_until FROM login_throttle WHERE key = ?", key).Scan(&until)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, fmt.Errorf("org: read throttle: %w", err)
	case !until.Valid || !until.Time.After(now):
		return time.Time{}, nil
	}
	return until.Time, nil
}

// recordFailure counts one failure for key and locks it at limit.
func recordFailure(ctx context.Context, tx *sqldb.Tx, key string, limit int, p ThrottlePolicy, now time.Time) error {
	var failures int
	var first time.Time
	err := tx.QueryRow(ctx, "SELECT failures, first_at FROM login_throttle WHERE key = ?", key).Scan(&failures, &first)
	switch {
	case errors.Is(err, sql.ErrNoRows), err == nil && now.Sub(first) > p.Window:
		failures, first = 0, now
	case err != nil:
		return fmt.Errorf("org: read throttle: %w", err)
	}
	failures++
	var until any
	if failures >= limit {
		until = now.Add(p.LockFor)
	}
	_, err = tx.Exec(ctx, `INSERT INTO login_throttle (key, failures, first_at, locked_until) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, first_at = excluded.first_at,
		locked_until = excluded.locked_until`, key, failures, first, until)
	if err != nil {
		return fmt.Errorf("org: write throttle: %w", err)
	}
	return nil
}

func clearFailures(ctx context.Context, tx *sqldb.Tx, key string) error {
	if _, err := tx.Exec(ctx, "DELETE FROM login_throttle WHERE key = ?", key); err != nil {
		return fmt.Errorf("org: clear throttle: %w", err)
	}
	return nil
}
