package org

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Service is the organisation's rules: who may see and change units and
// users, sign-in, tokens, settings and the audit trail. Handlers call it;
// it never sees net/http.
type Service struct {
	db       *sqldb.DB
	now      func() time.Time
	hasher   *Hasher
	throttle ThrottlePolicy
	tokenTTL time.Duration
	dummy    string // a hash to verify against when the user is unknown (same cost)
}

// Options configures a Service; zero values take the defaults.
type Options struct {
	Now      func() time.Time
	Hasher   *Hasher
	Throttle ThrottlePolicy
	TokenTTL time.Duration
}

// NewService builds the organisation service over db.
func NewService(db *sqldb.DB, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Hasher == nil {
		o.Hasher = NewHasher(DefaultArgon2, 0)
	}
	if o.Throttle.Window == 0 {
		o.Throttle = DefaultThrottle
	}
	if o.TokenTTL == 0 {
		o.TokenTTL = 30 * 24 * time.Hour
	}
	s := &Service{db: db, now: o.Now, hasher: o.Hasher, throttle: o.Throttle, tokenTTL: o.TokenTTL}
	s.dummy, _ = s.hasher.Hash(context.Background(), "khoagiao-dummy-password")
	return s
}

// DB exposes the database to modules built on the organisation.
func (s *Service) DB() *sqldb.DB { return s.db }

// Now is the service clock (UTC, microsecond precision, as both engines store it).
func (s *Service) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Hasher returns the password hasher (benchmarks, CLI).
func (s *Service) Hasher() *Hasher { return s.hasher }

func (s *Service) transact(ctx context.Context, fn func(*sqldb.Tx) error) error {
	return s.db.Transact(ctx, fn)
}

func conflict(entity string, current any) error {
	e := apperr.Conflict(
		"Dữ liệu "+entity+" đã được người khác thay đổi. Hãy tải lại để xem bản mới nhất trước khi lưu.",
		"The "+entity+" was changed by someone else. Reload to see the latest version before saving.")
	e.Detail = map[string]any{"current": current}
	return e
}

// Settings keys known to the product.
const (
	SettingProvinceName = "province_name" // place in document date lines
	SettingBoardSymbol  = "board_symbol"  // e.g. BTGDVTU
	SettingBoardName    = "board_name"
	SettingSuperiorName = "superior_name" // e.g. TỈNH ỦY …
)

// Settings returns all settings as a map.
func (s *Service) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.Query(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return nil, fmt.Errorf("org: settings: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SetSettings stores settings in one transaction (administrators; the
// system actor for demo data). Unknown keys are refused.
func (s *Service) SetSettings(ctx context.Context, a Actor, values map[string]string) error {
	if !a.Has(RoleAdmin) {
		return apperr.Forbidden()
	}
	var v apperr.Invalid
	for k := range values {
		if !KnownSetting(k) {
			v.Add(k, "Thiết lập không tồn tại.", "Unknown setting.")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *sqldb.Tx) error {
		now := s.Now()
		var audit []AuditEntry
		for key, value := range values {
			value = vntext.Normalize(value)
			var before *string
			var old string
			if err := tx.QueryRow(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&old); err == nil {
				if old == value {
					continue
				}
				before = &old
			}
			if _, err := tx.Exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, value, now); err != nil {
				return fmt.Errorf("org: set setting: %w", err)
			}
			audit = append(audit, NewAudit(a, ActionUpdate, "setting", key, before, value))
		}
		return AppendAudit(ctx, tx, now, audit...)
	})
}

// KnownSetting reports whether key is a setting the product uses.
func KnownSetting(key string) bool {
	switch key {
	case SettingProvinceName, SettingBoardSymbol, SettingBoardName, SettingSuperiorName:
		return true
	}
	return false
}
