package training

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

type querier = sqldb.Querier

var errStale = errors.New("training: stale version")

const staffCols = `id, unit_id, full_name, position, birth_date, political_level, qualification, phone, email, active,
	version, created_by, created_at, updated_at`

func scanStaff(sc interface{ Scan(...any) error }) (Staff, error) {
	var s Staff
	err := sc.Scan(&s.ID, &s.UnitID, &s.FullName, &s.Position, &s.BirthDate, &s.PoliticalLevel, &s.Qualification, &s.Phone,
		&s.Email, &s.Active, &s.Version, &s.CreatedBy, &s.CreatedAt, &s.UpdatedAt)
	s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return s, err
}

func findStaff(ctx context.Context, q querier, id int64) (Staff, error) {
	s, err := scanStaff(q.QueryRow(ctx, `SELECT `+staffCols+` FROM training_staff WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Staff{}, apperr.NotFound("cán bộ")
	}
	if err != nil {
		return Staff{}, fmt.Errorf("training: find staff %d: %w", id, err)
	}
	return s, nil
}

// unitFK turns a foreign-key violation on the unit into a field message.
func unitFK(err error, field string) error {
	if sqldb.IsForeignKeyViolation(err) {
		return apperr.InvalidField(field, "Đơn vị không tồn tại.", "The unit does not exist.")
	}
	return err
}

func insertStaff(ctx context.Context, tx *sqldb.Tx, s *Staff, now time.Time) error {
	s.Version, s.CreatedAt, s.UpdatedAt = 1, now, now
	err := tx.QueryRow(ctx, `INSERT INTO training_staff (unit_id, full_name, position, birth_date, political_level, qualification,
		phone, email, active, search_key, sort_key, version, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`,
		s.UnitID, s.FullName, s.Position, s.BirthDate, string(s.PoliticalLevel), s.Qualification, s.Phone, s.Email, s.Active,
		s.searchKey(), sortKey(s.FullName), s.CreatedBy, now, now).Scan(&s.ID)
	if err != nil {
		return fmt.Errorf("training: insert staff: %w", unitFK(err, "unit_id"))
	}
	return nil
}

// saveStaff writes every mutable field if the version is current.
func saveStaff(ctx context.Context, tx *sqldb.Tx, s *Staff, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE training_staff SET unit_id = ?, full_name = ?, position = ?, birth_date = ?, political_level = ?,
		qualification = ?, phone = ?, email = ?, active = ?, search_key = ?, sort_key = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		s.UnitID, s.FullName, s.Position, s.BirthDate, string(s.PoliticalLevel), s.Qualification, s.Phone, s.Email, s.Active,
		s.searchKey(), sortKey(s.FullName), now, s.ID, s.Version)
	if err != nil {
		return fmt.Errorf("training: update staff %d: %w", s.ID, unitFK(err, "unit_id"))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	s.Version++
	s.UpdatedAt = now
	return nil
}

// StaffFilter narrows the staff register.
type StaffFilter struct {
	UnitID int64
	Q      string // folded: "nguyen van" finds "Nguyễn Văn …"
	Active *bool
	Limit  int
	Offset int
}

// StaffList is a page of the register.
type StaffList struct {
	Items []Staff `json:"items"`
	Total int     `json:"total"`
}

func listStaff(ctx context.Context, q querier, f StaffFilter, scope []int64) (StaffList, error) {
	var where []string
	var args []any
	if f.UnitID != 0 {
		where, args = append(where, "unit_id = ?"), append(args, f.UnitID)
	}
	if scope != nil {
		where, args = append(where, "unit_id = ?"), append(args, scope[0])
	}
	if f.Active != nil {
		where, args = append(where, "active = ?"), append(args, *f.Active)
	}
	for _, w := range sqldb.LikeWords(vntext.Fold(f.Q)) {
		where, args = append(where, `search_key LIKE ? ESCAPE '\'`), append(args, w)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	out := StaffList{Items: []Staff{}}
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM training_staff`+cond, args...).Scan(&out.Total); err != nil {
		return out, fmt.Errorf("training: count staff: %w", err)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	rows, err := q.Query(ctx, `SELECT `+staffCols+` FROM training_staff`+cond+` ORDER BY sort_key, id LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return out, fmt.Errorf("training: list staff: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		s, err := scanStaff(rows)
		if err != nil {
			return out, err
		}
		out.Items = append(out.Items, s)
	}
	return out, rows.Err()
}

func insertMove(ctx context.Context, tx *sqldb.Tx, m *Move, actorID int64) error {
	var aid any
	if actorID != 0 {
		aid = actorID
	}
	err := tx.QueryRow(ctx, `INSERT INTO training_staff_moves (staff_id, from_unit_id, to_unit_id, moved_on, note, actor_id, actor, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, m.StaffID, m.FromUnitID, m.ToUnitID, m.MovedOn, m.Note, aid, m.Actor, m.At).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("training: insert move: %w", unitFK(err, "to_unit_id"))
	}
	return nil
}

// loadMoves returns the moves of one staff member (staffID != 0) or of
// everyone, in the order they happened.
func loadMoves(ctx context.Context, q querier, staffID int64) ([]Move, error) {
	query := `SELECT id, staff_id, from_unit_id, to_unit_id, moved_on, note, actor, at FROM training_staff_moves`
	var args []any
	if staffID != 0 {
		query, args = query+` WHERE staff_id = ?`, append(args, staffID)
	}
	rows, err := q.Query(ctx, query+` ORDER BY staff_id, moved_on, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("training: moves: %w", err)
	}
	defer rows.Close()
	out := []Move{}
	for rows.Next() {
		var m Move
		if err := rows.Scan(&m.ID, &m.StaffID, &m.FromUnitID, &m.ToUnitID, &m.MovedOn, &m.Note, &m.Actor, &m.At); err != nil {
			return nil, err
		}
		m.At = m.At.UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}
