package org

import (
	"context"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// GenReporters gives each unit a reporter account with an API token, for
// load tests that submit as every unit at once (`khoagiao gen --tokens`).
// All accounts share one password hash: hashing thousands of distinct
// passwords with argon2id would take minutes and measure nothing.
func (s *Service) GenReporters(ctx context.Context, units []Unit, ttl time.Duration) (map[int64]string, error) {
	out := make(map[int64]string, len(units))
	hash, err := s.hasher.Hash(ctx, "gen-reporter-password")
	if err != nil {
		return nil, err
	}
	err = s.transact(ctx, func(tx *sqldb.Tx) error {
		now := s.Now()
		for _, unit := range units {
			u := User{Username: "gen." + strings.ToLower(unit.Code), FullName: "Cán bộ báo cáo " + unit.Code,
				UnitID: unit.ID, Roles: []Role{RoleUnitReporter}, Active: true, Lang: "vi"}
			if err := insertUser(ctx, tx, &u, hash, now); err != nil {
				return err
			}
			plain, th, err := newTokenSecret()
			if err != nil {
				return err
			}
			if err := insertToken(ctx, tx, &Token{UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(ttl)}, th); err != nil {
				return err
			}
			out[unit.ID] = plain
		}
		return nil
	})
	return out, err
}
