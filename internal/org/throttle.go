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

// recordFailure counts one failure for key in a single statement (so
// concurrent failures on several instances are all counted) and locks the
// key once the count reaches limit within the window.
func recordFailure(ctx context.Context, tx *sqldb.Tx, key string, limit int, p ThrottlePolicy, now time.Time) error {
	windowStart := now.Add(-p.Window)
	var failures int
	err := tx.QueryRow(ctx, `INSERT INTO login_throttle (key, failures, first_at) VALUES (?, 1, ?)
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN login_throttle.first_at < ? THEN 1 ELSE login_throttle.failures + 1 END,
			first_at = CASE WHEN login_throttle.first_at < ? THEN excluded.first_at ELSE login_throttle.first_at END
		RETURNING failures`, key, now, windowStart, windowStart).Scan(&failures)
	if err != nil {
		return fmt.Errorf("org: count failure: %w", err)
	}
	if failures >= limit {
		if _, err := tx.Exec(ctx, "UPDATE login_throttle SET locked_until = ? WHERE key = ?", now.Add(p.LockFor), key); err != nil {
			return fmt.Errorf("org: lock %s: %w", key, err)
		}
	}
	return nil
}

func clearFailures(ctx context.Context, tx *sqldb.Tx, key string) error {
	if _, err := tx.Exec(ctx, "DELETE FROM login_throttle WHERE key = ?", key); err != nil {
		return fmt.Errorf("org: clear throttle: %w", err)
	}
	return nil
}
