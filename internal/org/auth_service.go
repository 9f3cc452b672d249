package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func errBadCredentials() error {
	return &apperr.Error{Kind: apperr.KindUnauthenticated, Code: "bad_credentials",
		Message: "Tên đăng nhập hoặc mật khẩu không đúng.", English: "Wrong username or password."}
}

func errLocked(until, now time.Time) error {
	mins := int(math.Ceil(until.Sub(now).Minutes()))
	return apperr.TooMany(
		"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau "+strconv.Itoa(mins)+" phút.",
		"Too many failed sign-ins. Try again in "+strconv.Itoa(mins)+" minutes.")
}

// Authenticate checks a username and password, enforcing the throttle per
// account and per address, and records the attempt in the audit trail.
func (s *Service) Authenticate(ctx context.Context, username, password, ip string) (User, error) {
	now := s.Now()
	username = strings.ToLower(strings.TrimSpace(username))
	acctKey, ipKey := "u:"+username, "ip:"+ip
	for _, k := range []string{acctKey, ipKey} {
		until, err := lockedUntil(ctx, s.db, k, now)
		if err != nil {
			return User{}, err
		}
		if !until.IsZero() {
			return User{}, errLocked(until, now)
		}
	}
	u, err := findUserByUsername(ctx, s.db, username)
	if err != nil && !apperr.Is(err, apperr.KindNotFound) {
		return User{}, err
	}
	hash := s.dummy
	if err == nil {
		hash = u.passwordHash
	}
	ok, verr := s.hasher.Verify(ctx, hash, password)
	if verr != nil && !errors.Is(verr, errBadHash) {
		return User{}, verr
	}
	ok = ok && err == nil && u.Active
	actor := Actor{Username: username, IP: ip}
	if ok {
		actor = ActorFor(&u, ip)
	}
	werr := s.transact(ctx, func(tx *sqldb.Tx) error {
		if ok {
			if err := clearFailures(ctx, tx, acctKey); err != nil {
				return err
			}
			return AppendAudit(ctx, tx, now, NewAudit(actor, ActionSignIn, "user", u.ID, nil, nil))
		}
		if err := recordFailure(ctx, tx, acctKey, s.throttle.AccountLimit, s.throttle, now); err != nil {
			return err
		}
		if err := recordFailure(ctx, tx, ipKey, s.throttle.AddressLimit, s.throttle, now); err != nil {
			return err
		}
		return AppendAudit(ctx, tx, now, NewAudit(actor, ActionSignInFailed, "user", username, nil, nil))
	})
	if werr != nil {
		return User{}, fmt.Errorf("org: record sign-in: %w", werr)
	}
	if !ok {
		return User{}, errBadCredentials()
	}
	return u, nil
}

// RecordSignOut writes the sign-out to the audit trail.
func (s *Service) RecordSignOut(ctx context.Context, a Actor) error {
	return s.transact(ctx, func(tx *sqldb.Tx) error {
		return AppendAudit(ctx, tx, s.Now(), NewAudit(a, ActionSignOut, "user", a.UserID, nil, nil))
	})
}

// ChangePassword lets a signed-in user replace their own password.
func (s *Service) ChangePassword(ctx context.Context, a Actor, current, next string) error {
	u, err := findUser(ctx, s.db, a.UserID)
	if err != nil {
		return err
	}
	ok, err := s.hasher.Verify(ctx, u.passwordHash, current)
	if err != nil && !errors.Is(err, errBadHash) {
		return err
	}
	if !ok {
		return apperr.InvalidField("current_password", "Mật khẩu hiện tại không đúng.", "The current password is wrong.")
	}
	if err := ValidatePassword(u.Username, next); err != nil {
		return err
	}
	if current == next {
		return apperr.InvalidField("password", "Mật khẩu mới phải khác mật khẩu hiện tại.", "The new password must differ from the current one.")
	}
	hash, err := s.hasher.Hash(ctx, next)
	if err != nil {
		return err
	}
	return s.transact(ctx, func(tx *sqldb.Tx) error {
		now := s.Now()
		if err := setPassword(ctx, tx, u.ID, hash, now); err != nil {
			return err
		}
		return AppendAudit(ctx, tx, now, NewAudit(a, ActionPassword, "user", u.ID, nil, map[string]string{"by": "self"}))
	})
}

// UserForSession loads the signed-in user of a session; a session made
// before the latest password change, or for an inactive user, is refused.
func (s *Service) UserForSession(ctx context.Context, userID int64, authAt time.Time) (User, error) {
	u, err := findUser(ctx, s.db, userID)
	if err != nil {
		return User{}, err
	}
	if !u.Active || authAt.Before(u.passwordChangedAt) {
		return User{}, apperr.Unauthenticated()
	}
	return u, nil
}

// CreateToken signs in with a password and issues an API token.
func (s *Service) CreateToken(ctx context.Context, username, password, ip string) (string, Token, error) {
	u, err := s.Authenticate(ctx, username, password, ip)
	if err != nil {
		return "", Token{}, err
	}
	plain, hash, err := newTokenSecret()
	if err != nil {
		return "", Token{}, err
	}
	now := s.Now()
	t := Token{UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.tokenTTL)}
	err = s.transact(ctx, func(tx *sqldb.Tx) error {
		if err := insertToken(ctx, tx, &t, hash); err != nil {
			return err
		}
		return AppendAudit(ctx, tx, now, NewAudit(ActorFor(&u, ip), ActionTokenCreate, "api_token", t.ID, nil, t))
	})
	return plain, t, err
}

// UserForToken resolves a bearer token to its user and token id.
func (s *Service) UserForToken(ctx context.Context, plain string) (User, int64, error) {
	uid, tid, err := userIDForToken(ctx, s.db, plain, s.Now())
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, 0, apperr.Unauthenticated()
	}
	if err != nil {
		return User{}, 0, fmt.Errorf("org: token: %w", err)
	}
	u, err := findUser(ctx, s.db, uid)
	if err != nil {
		return User{}, 0, err
	}
	if !u.Active {
		return User{}, 0, apperr.Unauthenticated()
	}
	return u, tid, nil
}

// ListTokens returns the actor's own tokens.
func (s *Service) ListTokens(ctx context.Context, a Actor) ([]Token, error) {
	return listTokens(ctx, s.db, a.UserID)
}

// RevokeToken revokes one of the actor's tokens (administrators: anyone's).
func (s *Service) RevokeToken(ctx context.Context, a Actor, id int64) error {
	return s.transact(ctx, func(tx *sqldb.Tx) error {
		now := s.Now()
		q := "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"
		args := []any{now, id}
		if !a.Has(RoleAdmin) {
			q += " AND user_id = ?"
			args = append(args, a.UserID)
		}
		res, err := tx.Exec(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("org: revoke token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.NotFound("mã truy cập")
		}
		return AppendAudit(ctx, tx, now, NewAudit(a, ActionTokenRevoke, "api_token", id, nil, nil))
	})
}

// ListAudit returns audit entries (board leaders and administrators).
func (s *Service) ListAudit(ctx context.Context, a Actor, f AuditFilter) (AuditList, error) {
	if !a.CanReadAudit() {
		return AuditList{}, apperr.Forbidden()
	}
	return listAudit(ctx, s.db, f)
}

// VerifyAudit recomputes the whole hash chain.
func (s *Service) VerifyAudit(ctx context.Context) (VerifyResult, error) {
	return verifyAudit(ctx, s.db)
}
