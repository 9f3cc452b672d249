package meeting

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

var errStale = errors.New("meeting: stale version")

const meetingCols = `id, kind, title, starts_at, ends_at, place, online_link, COALESCE(chair_user_id, 0), chair_name,
	secretary, status, minutes, minutes_version, minutes_by, minutes_at, version, created_by, created_at, updated_at`

func scanMeeting(sc interface{ Scan(...any) error }) (Meeting, error) {
	var m Meeting
	var minutesAt sql.NullTime
	err := sc.Scan(&m.ID, &m.Kind, &m.Title, &m.StartsAt, &m.EndsAt, &m.Place, &m.OnlineLink, &m.ChairUserID, &m.ChairName,
		&m.Secretary, &m.Status, &m.Minutes.Text, &m.Minutes.Version, &m.Minutes.By, &minutesAt, &m.Version, &m.CreatedBy,
		&m.CreatedAt, &m.UpdatedAt)
	m.StartsAt, m.EndsAt, m.CreatedAt, m.UpdatedAt = m.StartsAt.UTC(), m.EndsAt.UTC(), m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	if minutesAt.Valid {
		t := minutesAt.Time.UTC()
		m.Minutes.UpdatedAt = &t
	}
	m.UnitIDs, m.People, m.Units = []int64{}, []Person{}, []UnitRef{}
	return m, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func insertMeeting(ctx context.Context, tx *sqldb.Tx, m *Meeting, now time.Time) error {
	m.Version, m.CreatedAt, m.UpdatedAt = 1, now, now
	err := tx.QueryRow(ctx, `INSERT INTO meetings (kind, title, starts_at, ends_at, place, online_link, chair_user_id, chair_name,
		secretary, status, search_key, version, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`,
		string(m.Kind), m.Title, m.StartsAt, m.EndsAt, m.Place, m.OnlineLink, nullID(m.ChairUserID), m.ChairName,
		m.Secretary, string(m.Status), m.searchKey(), m.CreatedBy, now, now).Scan(&m.ID)
	if sqldb.IsForeignKeyViolation(err) {
		return apperr.InvalidField("chair_user_id", "Người chủ trì không tồn tại.", "The chair is not a known user.")
	}
	if err != nil {
		return fmt.Errorf("meeting: insert: %w", err)
	}
	return replaceInvitees(ctx, tx, m)
}

// updateMeeting writes the details if the version is current.
func updateMeeting(ctx context.Context, tx *sqldb.Tx, m *Meeting, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE meetings SET kind = ?, title = ?, starts_at = ?, ends_at = ?, place = ?, online_link = ?,
		chair_user_id = ?, chair_name = ?, secretary = ?, status = ?, search_key = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		string(m.Kind), m.Title, m.StartsAt, m.EndsAt, m.Place, m.OnlineLink, nullID(m.ChairUserID), m.ChairName,
		m.Secretary, string(m.Status), m.searchKey(), now, m.ID, m.Version)
	if sqldb.IsForeignKeyViolation(err) {
		return apperr.InvalidField("chair_user_id", "Người chủ trì không tồn tại.", "The chair is not a known user.")
	}
	if err != nil {
		return fmt.Errorf("meeting: update %d: %w", m.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	m.Version++
	m.UpdatedAt = now
	if err := replaceInvitees(ctx, tx, m); err != nil {
		return err
	}
	// Attendance is kept for invited units only.
	args := []any{m.ID}
	cond := ""
	if len(m.UnitIDs) > 0 {
		cond = " AND unit_id NOT IN (" + placeholders(len(m.UnitIDs)) + ")"
		args = append(args, anyIDs(m.UnitIDs)...)
	}
	if _, err := tx.Exec(ctx, "DELETE FROM attendance WHERE meeting_id = ?"+cond, args...); err != nil {
		return fmt.Errorf("meeting: prune attendance: %w", err)
	}
	return nil
}

// replaceInvitees writes the invited units and people of a conference.
func replaceInvitees(ctx context.Context, tx *sqldb.Tx, m *Meeting) error {
	for _, q := range []string{"DELETE FROM meeting_units WHERE meeting_id = ?", "DELETE FROM meeting_people WHERE meeting_id = ?"} {
		if _, err := tx.Exec(ctx, q, m.ID); err != nil {
			return fmt.Errorf("meeting: clear invitees: %w", err)
		}
	}
	for _, u := range m.UnitIDs {
		_, err := tx.Exec(ctx, "INSERT INTO meeting_units (meeting_id, unit_id) VALUES (?, ?)", m.ID, u)
		if sqldb.IsForeignKeyViolation(err) {
			return apperr.InvalidField("unit_ids", "Đơn vị được mời không tồn tại.", "An invited unit does not exist.")
		} else if err != nil {
			return fmt.Errorf("meeting: invite unit: %w", err)
		}
	}
	for i, p := range m.People {
		_, err := tx.Exec(ctx, "INSERT INTO meeting_people (meeting_id, position, user_id, name, note) VALUES (?, ?, ?, ?, ?)",
			m.ID, i+1, nullID(p.UserID), p.Name, p.Note)
		if sqldb.IsForeignKeyViolation(err) {
			return apperr.InvalidField("people", "Người được mời không phải người dùng của hệ thống.", "An invited person is not a known user.")
		} else if err != nil {
			return fmt.Errorf("meeting: invite person: %w", err)
		}
	}
	return nil
}

func findMeeting(ctx context.Context, q querier, id int64) (Meeting, error) {
	m, err := scanMeeting(q.QueryRow(ctx, "SELECT "+meetingCols+" FROM meetings WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Meeting{}, apperr.NotFound("hội nghị")
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("meeting: find %d: %w", id, err)
	}
	ms := []Meeting{m}
	if err := loadInvitees(ctx, q, ms); err != nil {
		return Meeting{}, err
	}
	return ms[0], nil
}

// loadInvitees fills the invited units and people of conferences.
func loadInvitees(ctx context.Context, q querier, ms []Meeting) error {
	if len(ms) == 0 {
		return nil
	}
	byID := map[int64]*Meeting{}
	ids := make([]int64, len(ms))
	for i := range ms {
		byID[ms[i].ID], ids[i] = &ms[i], ms[i].ID
	}
	in := "(" + placeholders(len(ids)) + ")"
	rows, err := q.Query(ctx, `SELECT mu.meeting_id, u.id, u.code, u.name, u.short_name FROM meeting_units mu
		JOIN units u ON u.id = mu.unit_id WHERE mu.meeting_id IN `+in+` ORDER BY u.sort_key, u.id`, anyIDs(ids)...)
	if err != nil {
		return fmt.Errorf("meeting: invited units: %w", err)
	}
	for rows.Next() {
		var mid int64
		var u UnitRef
		if err := rows.Scan(&mid, &u.ID, &u.Code, &u.Name, &u.ShortName); err != nil {
			rows.Close()
			return err
		}
		byID[mid].Units = append(byID[mid].Units, u)
		byID[mid].UnitIDs = append(byID[mid].UnitIDs, u.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.Query(ctx, `SELECT meeting_id, COALESCE(user_id, 0), name, note FROM meeting_people
		WHERE meeting_id IN `+in+` ORDER BY meeting_id, position`, anyIDs(ids)...)
	if err != nil {
		return fmt.Errorf("meeting: invited people: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var mid int64
		var p Person
		if err := rows.Scan(&mid, &p.UserID, &p.Name, &p.Note); err != nil {
			return err
		}
		byID[mid].People = append(byID[mid].People, p)
	}
	return rows.Err()
}

// Filter selects conferences for a list.
type Filter struct {
	From, To time.Time // starting in [From, To); zero: unbounded
	Q        string    // folded search over title, place, chair
	Limit    int
	Offset   int
}

// listMeetings returns conferences by start time; unitID and userID, when
// not zero, keep those the unit or the person is invited to.
func listMeetings(ctx context.Context, q querier, f Filter, unitID, userID int64, desc bool) ([]Meeting, error) {
	var conds []string
	var args []any
	if unitID != 0 || userID != 0 {
		conds = append(conds, "(id IN (SELECT meeting_id FROM meeting_units WHERE unit_id = ?) OR id IN (SELECT meeting_id FROM meeting_people WHERE user_id = ?))")
		args = append(args, unitID, userID)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "starts_at >= ?"), append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "starts_at < ?"), append(args, f.To.UTC())
	}
	for _, w := range sqldb.LikeWords(vntext.Fold(f.Q)) {
		conds, args = append(conds, `search_key LIKE ? ESCAPE '\'`), append(args, w)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	order := " ORDER BY starts_at, id"
	if desc {
		order = " ORDER BY starts_at DESC, id DESC"
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := q.Query(ctx, "SELECT "+meetingCols+" FROM meetings"+where+order+" LIMIT ? OFFSET ?", append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("meeting: list: %w", err)
	}
	out := []Meeting{}
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, loadInvitees(ctx, q, out)
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

func anyIDs(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
