package org

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Token is an API bearer token. Only its SHA-256 is stored, so a leaked
// database does not leak usable tokens.
type Token struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

func newTokenSecret() (plain, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("org: token: %w", err)
	}
	plain = "kg_" + base64.RawURLEncoding.EncodeToString(b)
	return plain, hashToken(plain), nil
}

func hashToken(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

func insertToken(ctx context.Context, tx *sqldb.Tx, t *Token, hash string) error {
	err := tx.QueryRow(ctx, `INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at)
		VALUES (?, ?, ?, ?) RETURNING id`, t.UserID, hash, t.CreatedAt, t.ExpiresAt).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("org: insert token: %w", err)
	}
	return nil
}

// userIDForToken returns the user of a live token, or 0.
func userIDForToken(ctx context.Context, q querier, plain string, now time.Time) (userID, tokenID int64, err error) {
	err = q.QueryRow(ctx, `SELECT user_id, id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?`,
		hashToken(plain), now).Scan(&userID, &tokenID)
	return userID, tokenID, err
}

func listTokens(ctx context.Context, q querier, userID int64) ([]Token, error) {
	rows, err := q.Query(ctx, `SELECT id, user_id, created_at, expires_at, revoked_at FROM api_tokens
		WHERE user_id = ? ORDER BY id DESC LIMIT 200`, userID)
	if err != nil {
		return nil, fmt.Errorf("org: list tokens: %w", err)
	}
	defer rows.Close()
	out := []Token{}
	for rows.Next() {
		var t Token
		if err := rows.Scan(&t.ID, &t.UserID, &t.CreatedAt, &t.ExpiresAt, &t.RevokedAt); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
