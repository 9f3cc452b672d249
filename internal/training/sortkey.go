package training

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// settingCollation remembers the collation the stored staff sort keys were
// made with (org keeps its own marker for units and users).
const settingCollation = "training_collation_marker"

func collationMarker() string {
	h := sha256.New()
	for _, s := range []string{"a", "ă", "â", "b", "d", "đ", "An Nguyễn Văn", "e", "ê", "o", "ô", "ơ", "u", "ư", "hoà", "hòa", "Z"} {
		h.Write(vntext.SortKey(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// RefreshSortKeys recomputes the staff sort keys when the collation changed
// since they were written (an upgrade of golang.org/x/text), so the register
// keeps its Vietnamese order. One read when nothing changed.
func (s *Service) RefreshSortKeys(ctx context.Context) (bool, error) {
	marker := collationMarker()
	var stored string
	err := s.db.QueryRow(ctx, "SELECT value FROM settings WHERE key = ?", settingCollation).Scan(&stored)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("training: read collation marker: %w", err)
	}
	if stored == marker {
		return false, nil
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		// The marker first: its row lock queues instances starting together,
		// so their updates never interleave (and deadlock) on PostgreSQL.
		if _, err := tx.Exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, settingCollation, marker, s.clock()); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT id, full_name FROM training_staff ORDER BY id")
		if err != nil {
			return err
		}
		type staffName struct {
			id   int64
			name string
		}
		var names []staffName
		for rows.Next() {
			var n staffName
			if err := rows.Scan(&n.id, &n.name); err != nil {
				rows.Close()
				return err
			}
			names = append(names, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, n := range names {
			if _, err := tx.Exec(ctx, "UPDATE training_staff SET sort_key = ? WHERE id = ?", sortKey(n.name), n.id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("training: refresh sort keys: %w", err)
	}
	return true, nil
}
