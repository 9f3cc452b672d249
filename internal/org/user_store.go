package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

const userCols = "id, username, full_name, email, phone, unit_id, active, lang, version, created_at, updated_at, password_hash, password_changed_at"

func scanUser(sc interface{ Scan(...any) error }) (User, error) {
	var u User
	var changed sql.NullTime
	err := sc.Scan(&u.ID, &u.Username, &u.FullName, &u.Email, &u.Phone, &u.UnitID, &u.Active, &u.Lang,
		&u.Version, &u.CreatedAt, &u.UpdatedAt, &u.passwordHash, &changed)
	u.passwordChangedAt = changed.Time
	return u, err
}

func findUserWhere(ctx context.Context, q querier, cond string, arg any) (User, error) {
	u, err := scanUser(q.QueryRow(ctx, "SELECT "+userCols+" FROM users WHERE "+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, apperr.NotFound("người dùng")
	}
	if err != nil {
		return User{}, fmt.Errorf("org: find user: %w", err)
	}
	u.Roles, err = userRoles(ctx, q, u.ID)
	return u, err
}

func findUser(ctx context.Context, q querier, id int64) (User, error) {
	return findUserWhere(ctx, q, "id = ?", id)
}

func findUserByUsername(ctx context.Context, q querier, username string) (User, error) {
	return findUserWhere(ctx, q, "username = ?", username)
}

func userRoles(ctx context.Context, q querier, id int64) ([]Role, error) {
	rows, err := q.Query(ctx, "SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", id)
	if err != nil {
		return nil, fmt.Errorf("org: roles of %d: %w", id, err)
	}
	defer rows.Close()
	roles := []Role{}
	for rows.Next() {
		var r Role
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		roles = append(roles, r)
	}
	return roles, rows.Err()
}

func listUsers(ctx context.Context, q querier, f UserFilter, scope []int64) (UserList, error) {
	var w where
	for _, p := range likeWords(vntext.Fold(f.Q)) {
		w.add(`search_key LIKE ? ESCAPE '\'`, p)
	}
	if f.Role != "" {
		w.add("id IN (SELECT user_id FROM user_roles WHERE role = ?)", string(f.Role))
	}
	if f.UnitID != 0 {
		w.add("unit_id = ?", f.UnitID)
	}
	if scope != nil {
		w.in("unit_id", scope)
	}
	list := UserList{Items: []User{}}
	if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM users"+w.sql(), w.args...).Scan(&list.Total); err != nil {
		return list, fmt.Errorf("org: count users: %w", err)
	}
	args := append(w.args, clampLimit(f.Limit, 50, 1000), max(f.Offset, 0))
	rows, err := q.Query(ctx, "SELECT "+userCols+" FROM users"+w.sql()+" ORDER BY sort_key, id LIMIT ? OFFSET ?", args...)
	if err != nil {
		return list, fmt.Errorf("org: list users: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return list, fmt.Errorf("org: scan user: %w", err)
		}
		list.Items = append(list.Items, u)
	}
	if err := rows.Err(); err != nil {
		return list, err
	}
	for i := range list.Items {
		if list.Items[i].Roles, err = userRoles(ctx, q, list.Items[i].ID); err != nil {
			return list, err
		}
	}
	return list, nil
}

func insertUser(ctx context.Context, tx *sqldb.Tx, u *User, hash string, now time.Time) error {
	u.Version, u.CreatedAt, u.UpdatedAt = 1, now, now
	err := tx.QueryRow(ctx, `INSERT INTO users (username, full_name, email, phone, unit_id, password_hash, active, lang,
		search_key, sort_key, version, created_at, updated_at, password_changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`,
		u.Username, u.FullName, u.Email, u.Phone, u.UnitID, hash, u.Active, u.Lang,
		u.searchKey(), vntext.SortKey(u.FullName), now, now, now).Scan(&u.ID)
	if err != nil {
		return userWriteErr(err)
	}
	u.passwordHash, u.passwordChangedAt = hash, now
	return setRoles(ctx, tx, u.ID, u.Roles)
}

func updateUser(ctx context.Context, tx *sqldb.Tx, u *User, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE users SET full_name = ?, email = ?, phone = ?, unit_id = ?, active = ?, lang = ?,
		search_key = ?, sort_key = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		u.FullName, u.Email, u.Phone, u.UnitID, u.Active, u.Lang, u.searchKey(), vntext.SortKey(u.FullName),
		now, u.ID, u.Version)
	if err != nil {
		return userWriteErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	u.Version++
	u.UpdatedAt = now
	return setRoles(ctx, tx, u.ID, u.Roles)
}

func setRoles(ctx context.Context, tx *sqldb.Tx, userID int64, roles []Role) error {
	if _, err := tx.Exec(ctx, "DELETE FROM user_roles WHERE user_id = ?", userID); err != nil {
		return fmt.Errorf("org: clear roles: %w", err)
	}
	for _, r := range slices.Compact(slices.Sorted(slices.Values(roles))) {
		if _, err := tx.Exec(ctx, "INSERT INTO user_roles (user_id, role) VALUES (?, ?)", userID, string(r)); err != nil {
			return fmt.Errorf("org: set role %s: %w", r, err)
		}
	}
	return nil
}

func setPassword(ctx context.Context, tx *sqldb.Tx, userID int64, hash string, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ?,
		version = version + 1 WHERE id = ?`, hash, now, now, userID)
	if err != nil {
		return fmt.Errorf("org: set password: %w", err)
	}
	// A new password ends every API token issued under the old one.
	if _, err := tx.Exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, userID); err != nil {
		return fmt.Errorf("org: revoke tokens: %w", err)
	}
	return nil
}

func userWriteErr(err error) error {
	switch {
	case err == nil:
		return nil
	case sqldb.IsUniqueViolation(err, "username"):
		return apperr.InvalidField("username", "Tên đăng nhập đã được dùng.", "This username is taken.")
	case sqldb.IsForeignKeyViolation(err):
		return apperr.InvalidField("unit_id", "Đơn vị không tồn tại.", "The unit does not exist.")
	}
	return fmt.Errorf("org: write user: %w", err)
}
