package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// SessionStore keeps sign-in sessions (alexedwards/scs) in the product's own
// database, so a session made on one instance is valid on every other one.
type SessionStore struct {
	db  *sqldb.DB
	now func() time.Time
}

// NewSessionStore returns a store over db.
func NewSessionStore(db *sqldb.DB, now func() time.Time) *SessionStore {
	return &SessionStore{db: db, now: now}
}

// FindCtx returns the session data for a token that has not expired.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.W.QueryRowContext(ctx, s.db.Rebind("SELECT data FROM sessions WHERE token = ? AND expiry > ?"),
		token, s.now().UTC()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("org: find session: %w", err)
	}
	return data, true, nil
}

// CommitCtx saves (or replaces) a session.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.db.Exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, token, b, expiry.UTC())
	if err != nil {
		return fmt.Errorf("org: commit session: %w", err)
	}
	return nil
}

// DeleteCtx removes a session (sign-out, renewal).
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	if _, err := s.db.Exec(ctx, "DELETE FROM sessions WHERE token = ?", token); err != nil {
		return fmt.Errorf("org: delete session: %w", err)
	}
	return nil
}

// Find, Commit and Delete satisfy scs.Store for callers without a context.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit satisfies scs.Store.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete satisfies scs.Store.
func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// DeleteExpired removes sessions past their expiry; run periodically.
func (s *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	res, err := s.db.Exec(ctx, "DELETE FROM sessions WHERE expiry <= ?", s.now().UTC())
	if err != nil {
		return 0, fmt.Errorf("org: delete expired sessions: %w", err)
	}
	return res.RowsAffected()
}
