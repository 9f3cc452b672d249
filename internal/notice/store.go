package notice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

type querier = sqldb.Querier

var errStale = errors.New("notice: stale version")

const directiveCols = `id, type_code, number, symbol, title, body, requires_ack, issued_at, issued_by, version, created_by, created_at, updated_at`

func scanDirective(sc interface{ Scan(...any) error }) (Directive, error) {
	var d Directive
	var issued sql.NullTime
	err := sc.Scan(&d.ID, &d.TypeCode, &d.Number, &d.Symbol, &d.Title, &d.Body, &d.RequiresAck, &issued, &d.IssuedBy,
		&d.Version, &d.CreatedBy, &d.CreatedAt, &d.UpdatedAt)
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	if issued.Valid {
		t := issued.Time.UTC()
		d.IssuedAt = &t
	}
	d.UnitIDs = []int64{}
	return d, err
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

func insertDirective(ctx context.Context, tx *sqldb.Tx, d *Directive, now time.Time) error {
	d.Version, d.CreatedAt, d.UpdatedAt = 1, now, now
	err := tx.QueryRow(ctx, `INSERT INTO directives (type_code, title, body, requires_ack, search_key, version, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`,
		d.TypeCode, d.Title, d.Body, d.RequiresAck, d.searchKey(), d.CreatedBy, now, now).Scan(&d.ID)
	if err != nil {
		return fmt.Errorf("notice: insert directive: %w", err)
	}
	for _, u := range d.UnitIDs {
		_, err := tx.Exec(ctx, `INSERT INTO directive_units (directive_id, unit_id) VALUES (?, ?)`, d.ID, u)
		if sqldb.IsForeignKeyViolation(err) {
			return apperr.InvalidField("unit_ids", "Đơn vị nhận không tồn tại.", "A recipient unit does not exist.")
		}
		if err != nil {
			return fmt.Errorf("notice: recipients: %w", err)
		}
	}
	return nil
}

// issueDirective numbers and dates a draft if its version is current.
func issueDirective(ctx context.Context, tx *sqldb.Tx, d *Directive, by string, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE directives SET number = ?, symbol = ?, issued_at = ?, issued_by = ?, search_key = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND issued_at IS NULL`,
		d.Number, d.Symbol, now, by, d.searchKey(), now, d.ID, d.Version)
	if err != nil {
		return fmt.Errorf("notice: issue %d: %w", d.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	d.Version++
	d.IssuedAt, d.IssuedBy, d.UpdatedAt = &now, by, now
	return nil
}

func findDirective(ctx context.Context, q querier, id int64) (Directive, error) {
	d, err := scanDirective(q.QueryRow(ctx, `SELECT `+directiveCols+` FROM directives WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Directive{}, apperr.NotFound("văn bản chỉ đạo")
	}
	if err != nil {
		return Directive{}, fmt.Errorf("notice: find directive %d: %w", id, err)
	}
	d.UnitIDs, err = recipients(ctx, q, id)
	return d, err
}

func recipients(ctx context.Context, q querier, id int64) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT unit_id FROM directive_units WHERE directive_id = ? ORDER BY unit_id`, id)
	if err != nil {
		return nil, fmt.Errorf("notice: recipients: %w", err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var u int64
		if err := rows.Scan(&u); err != nil {
			return nil, err
		}
		ids = append(ids, u)
	}
	return ids, rows.Err()
}

// listDirectives lists, newest first, every directive (unitID 0) or the
// issued ones sent to a unit.
func listDirectives(ctx context.Context, q querier, unitID int64, limit int) ([]Directive, error) {
	where, args := "", []any{}
	if unitID != 0 {
		where = ` WHERE issued_at IS NOT NULL AND id IN (SELECT directive_id FROM directive_units WHERE unit_id = ?)`
		args = append(args, unitID)
	}
	args = append(args, limit)
	rows, err := q.Query(ctx, `SELECT `+directiveCols+` FROM directives`+where+
		` ORDER BY COALESCE(issued_at, created_at) DESC, id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("notice: list directives: %w", err)
	}
	defer rows.Close()
	out := []Directive{}
	for rows.Next() {
		d, err := scanDirective(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// loadReceipts returns one row per recipient unit, by unit name.
func loadReceipts(ctx context.Context, q querier, id int64, unitID int64) ([]Receipt, error) {
	cond, args := "", []any{id}
	if unitID != 0 {
		cond, args = " AND du.unit_id = ?", append(args, unitID)
	}
	rows, err := q.Query(ctx, `SELECT u.id, u.code, u.name, r.first_read_at, COALESCE(r.first_reader, ''), r.acknowledged_at, COALESCE(r.acknowledged_by, '')
		FROM directive_units du JOIN units u ON u.id = du.unit_id
		LEFT JOIN directive_receipts r ON r.directive_id = du.directive_id AND r.unit_id = du.unit_id
		WHERE du.directive_id = ?`+cond+` ORDER BY u.sort_key, u.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("notice: receipts %d: %w", id, err)
	}
	defer rows.Close()
	out := []Receipt{}
	for rows.Next() {
		var r Receipt
		var read, ack sql.NullTime
		if err := rows.Scan(&r.UnitID, &r.UnitCode, &r.UnitName, &read, &r.ReadBy, &ack, &r.AcknowledgedBy); err != nil {
			return nil, err
		}
		if read.Valid {
			t := read.Time.UTC()
			r.ReadAt = &t
		}
		if ack.Valid {
			t := ack.Time.UTC()
			r.AcknowledgedAt = &t
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// recordRead inserts the unit's first reading; a later one changes nothing.
func recordRead(ctx context.Context, tx *sqldb.Tx, id, unitID int64, by string, now time.Time) (bool, error) {
	res, err := tx.Exec(ctx, `INSERT INTO directive_receipts (directive_id, unit_id, first_read_at, first_reader)
		VALUES (?, ?, ?, ?) ON CONFLICT (directive_id, unit_id) DO NOTHING`, id, unitID, now, by)
	if err != nil {
		return false, fmt.Errorf("notice: read %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

func recordAck(ctx context.Context, tx *sqldb.Tx, id, unitID int64, by string, now time.Time) (bool, error) {
	res, err := tx.Exec(ctx, `UPDATE directive_receipts SET acknowledged_at = ?, acknowledged_by = ?
		WHERE directive_id = ? AND unit_id = ? AND acknowledged_at IS NULL`, now, by, id, unitID)
	if err != nil {
		return false, fmt.Errorf("notice: acknowledge %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// unreadPairs lists issued directives and recipient units with no receipt,
// issued before the cut-off.
func unreadPairs(ctx context.Context, q querier, before time.Time) ([]UnreadUnit, error) {
	rows, err := q.Query(ctx, `SELECT d.id, d.symbol, d.title, d.issued_at, u.id, u.name
		FROM directives d JOIN directive_units du ON du.directive_id = d.id JOIN units u ON u.id = du.unit_id
		WHERE d.issued_at IS NOT NULL AND d.issued_at < ?
		AND NOT EXISTS (SELECT 1 FROM directive_receipts r WHERE r.directive_id = d.id AND r.unit_id = du.unit_id)
		ORDER BY d.issued_at, d.id, u.sort_key, u.id`, before)
	if err != nil {
		return nil, fmt.Errorf("notice: unread: %w", err)
	}
	defer rows.Close()
	out := []UnreadUnit{}
	for rows.Next() {
		var x UnreadUnit
		if err := rows.Scan(&x.DirectiveID, &x.Symbol, &x.Title, &x.IssuedAt, &x.UnitID, &x.UnitName); err != nil {
			return nil, err
		}
		x.IssuedAt = x.IssuedAt.UTC()
		out = append(out, x)
	}
	return out, rows.Err()
}

// userIDs returns the active users of the units.
func unitUsers(ctx context.Context, q querier, unitIDs []int64) ([]int64, error) {
	if len(unitIDs) == 0 {
		return nil, nil
	}
	return ids(ctx, q, `SELECT id FROM users WHERE active = ? AND unit_id IN (`+placeholders(len(unitIDs))+`) ORDER BY id`,
		append([]any{true}, int64Args(unitIDs)...)...)
}

// boardUsers returns the active users who follow the units' information:
// the Board's specialists and leaders.
func boardUsers(ctx context.Context, q querier) ([]int64, error) {
	return ids(ctx, q, `SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE u.active = ? AND r.role IN ('board_specialist', 'board_leader') ORDER BY u.id`, true)
}

func ids(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("notice: users: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
