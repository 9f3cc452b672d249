package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

const unitCols = "id, code, name, short_name, kind, parent_id, bloc, valid_from, valid_to, active, version, created_at, updated_at"

func scanUnit(sc interface{ Scan(...any) error }) (Unit, error) {
	var u Unit
	var parent sql.NullInt64
	err := sc.Scan(&u.ID, &u.Code, &u.Name, &u.ShortName, &u.Kind, &parent, &u.Bloc,
		&u.ValidFrom, &u.ValidTo, &u.Active, &u.Version, &u.CreatedAt, &u.UpdatedAt)
	if parent.Valid {
		p := parent.Int64
		u.ParentID = &p
	}
	return u, err
}

func findUnit(ctx context.Context, q querier, id int64) (Unit, error) {
	u, err := scanUnit(q.QueryRow(ctx, "SELECT "+unitCols+" FROM units WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Unit{}, apperr.NotFound("đơn vị")
	}
	if err != nil {
		return Unit{}, fmt.Errorf("org: find unit %d: %w", id, err)
	}
	return u, nil
}

func findUnitByCode(ctx context.Context, q querier, code string) (Unit, error) {
	u, err := scanUnit(q.QueryRow(ctx, "SELECT "+unitCols+" FROM units WHERE code = ?", code))
	if errors.Is(err, sql.ErrNoRows) {
		return Unit{}, apperr.NotFound("đơn vị có mã " + code)
	}
	if err != nil {
		return Unit{}, fmt.Errorf("org: find unit %s: %w", code, err)
	}
	return u, nil
}

func listUnits(ctx context.Context, q querier, f UnitFilter) (UnitList, error) {
	var w where
	for _, p := range likeWords(vntext.Fold(f.Q)) {
		w.add(`search_key LIKE ? ESCAPE '\'`, p)
	}
	if f.Kind != "" {
		w.add("kind = ?", string(f.Kind))
	}
	if f.ParentID != nil {
		w.add("parent_id = ?", *f.ParentID)
	}
	if f.Active != nil {
		w.add("active = ?", *f.Active)
	}
	if f.Bloc != nil {
		w.add("bloc = ?", *f.Bloc)
	}
	if f.IDs != nil {
		w.in("id", f.IDs)
	}
	list := UnitList{Items: []Unit{}}
	if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM units"+w.sql(), w.args...).Scan(&list.Total); err != nil {
		return list, fmt.Errorf("org: count units: %w", err)
	}
	args := append(w.args, clampLimit(f.Limit, 50, 1000), max(f.Offset, 0))
	rows, err := q.Query(ctx, "SELECT "+unitCols+" FROM units"+w.sql()+" ORDER BY sort_key, id LIMIT ? OFFSET ?", args...)
	if err != nil {
		return list, fmt.Errorf("org: list units: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return list, fmt.Errorf("org: scan unit: %w", err)
		}
		list.Items = append(list.Items, u)
	}
	return list, rows.Err()
}

func insertUnit(ctx context.Context, tx *sqldb.Tx, u *Unit, now time.Time) error {
	u.Version, u.CreatedAt, u.UpdatedAt = 1, now, now
	err := tx.QueryRow(ctx, `INSERT INTO units (code, name, short_name, kind, parent_id, bloc, valid_from, valid_to,
		active, search_key, sort_key, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
		u.Code, u.Name, u.ShortName, string(u.Kind), u.ParentID, u.Bloc, u.ValidFrom, u.ValidTo,
		u.Active, u.searchKey(), vntext.SortKey(u.Name), now, now).Scan(&u.ID)
	return unitWriteErr(err)
}

// updateUnit writes u if its version is still the stored one; the stored
// version then moves on by one.
func updateUnit(ctx context.Context, tx *sqldb.Tx, u *Unit, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE units SET code = ?, name = ?, short_name = ?, kind = ?, parent_id = ?, bloc = ?,
		valid_from = ?, valid_to = ?, active = ?, search_key = ?, sort_key = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		u.Code, u.Name, u.ShortName, string(u.Kind), u.ParentID, u.Bloc, u.ValidFrom, u.ValidTo, u.Active,
		u.searchKey(), vntext.SortKey(u.Name), now, u.ID, u.Version)
	if err != nil {
		return unitWriteErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	u.Version++
	u.UpdatedAt = now
	return nil
}

var errStale = errors.New("org: stale version")

func unitWriteErr(err error) error {
	switch {
	case err == nil:
		return nil
	case sqldb.IsUniqueViolation(err, "code"):
		return apperr.InvalidField("code", "Mã đơn vị đã tồn tại.", "This unit code is already used.")
	case sqldb.IsForeignKeyViolation(err):
		return apperr.InvalidField("parent_id", "Đơn vị cấp trên không tồn tại.", "The parent unit does not exist.")
	}
	return fmt.Errorf("org: write unit: %w", err)
}

// ancestorIDs walks up from id (inclusive) to detect cycles before a parent change.
func ancestorIDs(ctx context.Context, q querier, id int64) ([]int64, error) {
	rows, err := q.Query(ctx, `WITH RECURSIVE up(id, parent_id, depth) AS (
		SELECT id, parent_id, 0 FROM units WHERE id = ?
		UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 64)
		SELECT id FROM up`, id)
	if err != nil {
		return nil, fmt.Errorf("org: ancestors of %d: %w", id, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		ids = append(ids, x)
	}
	return ids, rows.Err()
}
