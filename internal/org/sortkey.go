package org

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// collationMarker fingerprints the collation in use: stored sort keys are
// bytes from golang.org/x/text, which may change between its versions.
func collationMarker() string {
	h := sha256.New()
	for _, s := range []string{"a", "ă", "â", "b", "d", "đ", "Đà Nẵng", "e", "ê", "o", "ô", "ơ", "u", "ư", "hoà", "hòa", "Z"} {
		h.Write(vntext.SortKey(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

const settingCollation = "collation_marker"

// RefreshSortKeys recomputes the stored sort keys of units and users when
// the collation has changed since they were written (an upgrade of
// golang.org/x/text), so lists keep their Vietnamese order. Cheap when
// nothing changed: one read.
func (s *Service) RefreshSortKeys(ctx context.Context) (bool, error) {
	marker := collationMarker()
	var stored string
	err := s.db.QueryRow(ctx, "SELECT value FROM settings WHERE key = ?", settingCollation).Scan(&stored)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("org: read collation marker: %w", err)
	}
	if stored == marker {
		return false, nil
	}
	err = s.transact(ctx, func(tx *sqldb.Tx) error {
		// The marker first: its row lock queues instances starting together,
		// so their updates never interleave (and deadlock) on PostgreSQL.
		if _, err := tx.Exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			settingCollation, marker, time.Now().UTC()); err != nil {
			return err
		}
		for _, t := range []struct{ table, col string }{{"units", "name"}, {"users", "full_name"}} {
			if err := rekey(ctx, tx, t.table, t.col); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("org: refresh sort keys: %w", err)
	}
	return true, nil
}

func rekey(ctx context.Context, tx *sqldb.Tx, table, col string) error {
	rows, err := tx.Query(ctx, "SELECT id, "+col+" FROM "+table+" ORDER BY id")
	if err != nil {
		return err
	}
	type rec struct {
		id   int64
		text string
	}
	var all []rec
	for rows.Next() {
		var r rec
		if err := rows.Scan(&r.id, &r.text); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	stmt, err := tx.Prepare(ctx, "UPDATE "+table+" SET sort_key = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range all {
		if _, err := stmt.ExecContext(ctx, vntext.SortKey(r.text), r.id); err != nil {
			return err
		}
	}
	return nil
}
