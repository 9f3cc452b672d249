package training

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// ownerParticipant is the owner kind of certificates in the attachments table.
const ownerParticipant = "training_participant"

const courseCols = `id, title, organiser, kind, starts_on, ends_on, place, version, created_by, created_at, updated_at,
	(SELECT COUNT(*) FROM training_participants p WHERE p.course_id = training_courses.id AND p.attendance = 'attended')`

func scanCourse(sc interface{ Scan(...any) error }) (Course, error) {
	var c Course
	err := sc.Scan(&c.ID, &c.Title, &c.Organiser, &c.Kind, &c.StartsOn, &c.EndsOn, &c.Place, &c.Version, &c.CreatedBy,
		&c.CreatedAt, &c.UpdatedAt, &c.Attended)
	c.CreatedAt, c.UpdatedAt, c.KindLabel = c.CreatedAt.UTC(), c.UpdatedAt.UTC(), c.Kind.Label("vi")
	return c, err
}

func findCourse(ctx context.Context, q querier, id int64) (Course, error) {
	c, err := scanCourse(q.QueryRow(ctx, `SELECT `+courseCols+` FROM training_courses WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Course{}, apperr.NotFound("lớp đào tạo, bồi dưỡng")
	}
	if err != nil {
		return Course{}, fmt.Errorf("training: find course %d: %w", id, err)
	}
	return c, nil
}

func insertCourse(ctx context.Context, tx *sqldb.Tx, c *Course, now time.Time) error {
	c.Version, c.CreatedAt, c.UpdatedAt = 1, now, now
	err := tx.QueryRow(ctx, `INSERT INTO training_courses (title, organiser, kind, starts_on, ends_on, place, search_key, version,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`,
		c.Title, c.Organiser, string(c.Kind), c.StartsOn, c.EndsOn, c.Place, c.searchKey(), c.CreatedBy, now, now).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("training: insert course: %w", err)
	}
	return nil
}

// saveCourse writes the course if the version is current; the version also
// moves when only the participants change, so two lists never cross.
func saveCourse(ctx context.Context, tx *sqldb.Tx, c *Course, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE training_courses SET title = ?, organiser = ?, kind = ?, starts_on = ?, ends_on = ?, place = ?,
		search_key = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		c.Title, c.Organiser, string(c.Kind), c.StartsOn, c.EndsOn, c.Place, c.searchKey(), now, c.ID, c.Version)
	if err != nil {
		return fmt.Errorf("training: update course %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	c.Version++
	c.UpdatedAt = now
	return nil
}

// CourseFilter narrows the course list.
type CourseFilter struct {
	Year   int // courses running in that year
	Kind   Kind
	Q      string
	Limit  int
	Offset int
}

// CourseList is a page of courses, latest first.
type CourseList struct {
	Items []Course `json:"items"`
	Total int      `json:"total"`
}

func listCourses(ctx context.Context, q querier, f CourseFilter) (CourseList, error) {
	var where []string
	var args []any
	if f.Year != 0 {
		where = append(where, "starts_on <= ? AND ends_on >= ?")
		args = append(args, civil.D(f.Year, 12, 31), civil.D(f.Year, 1, 1))
	}
	if f.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, string(f.Kind))
	}
	for _, w := range sqldb.LikeWords(vntext.Fold(f.Q)) {
		where, args = append(where, `search_key LIKE ? ESCAPE '\'`), append(args, w)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	out := CourseList{Items: []Course{}}
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM training_courses`+cond, args...).Scan(&out.Total); err != nil {
		return out, fmt.Errorf("training: count courses: %w", err)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	rows, err := q.Query(ctx, `SELECT `+courseCols+` FROM training_courses`+cond+` ORDER BY starts_on DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return out, fmt.Errorf("training: list courses: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCourse(rows)
		if err != nil {
			return out, err
		}
		out.Items = append(out.Items, c)
	}
	return out, rows.Err()
}

// loadParticipants returns a course's participants in name order, with the
// staff member's name and present unit.
func loadParticipants(ctx context.Context, q querier, courseID int64) ([]Participant, error) {
	rows, err := q.Query(ctx, `SELECT p.id, p.course_id, p.staff_id, s.full_name, s.unit_id, p.attendance, p.result, p.certificate_no
		FROM training_participants p JOIN training_staff s ON s.id = p.staff_id WHERE p.course_id = ? ORDER BY s.sort_key, s.id`, courseID)
	if err != nil {
		return nil, fmt.Errorf("training: participants: %w", err)
	}
	defer rows.Close()
	out := []Participant{}
	for rows.Next() {
		var p Participant
		if err := rows.Scan(&p.ID, &p.CourseID, &p.StaffID, &p.StaffName, &p.UnitID, &p.Attendance, &p.Result, &p.CertificateNo); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// replaceParticipants makes the stored list the given one: rows of staff
// already listed are updated in place (their certificates stay), new ones
// inserted, missing ones deleted with their certificates.
func replaceParticipants(ctx context.Context, tx *sqldb.Tx, courseID int64, before, rows []Participant) error {
	old := map[int64]Participant{}
	for _, p := range before {
		old[p.StaffID] = p
	}
	for _, r := range rows {
		var err error
		if p, ok := old[r.StaffID]; ok {
			delete(old, r.StaffID)
			_, err = tx.Exec(ctx, `UPDATE training_participants SET attendance = ?, result = ?, certificate_no = ? WHERE id = ?`,
				string(r.Attendance), r.Result, r.CertificateNo, p.ID)
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO training_participants (course_id, staff_id, attendance, result, certificate_no)
				VALUES (?, ?, ?, ?, ?)`, courseID, r.StaffID, string(r.Attendance), r.Result, r.CertificateNo)
		}
		if sqldb.IsForeignKeyViolation(err) {
			return apperr.InvalidField("participants", "Có cán bộ không tồn tại trong danh sách.", "The list names an unknown staff member.")
		}
		if err != nil {
			return fmt.Errorf("training: write participant: %w", err)
		}
	}
	for _, p := range old {
		if _, err := tx.Exec(ctx, `DELETE FROM attachments WHERE owner_kind = ? AND owner_id = ?`, ownerParticipant, p.ID); err != nil {
			return fmt.Errorf("training: drop certificates: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM training_participants WHERE id = ?`, p.ID); err != nil {
			return fmt.Errorf("training: drop participant: %w", err)
		}
	}
	return nil
}

// courseCertificates returns the certificate files of a course's
// participants, by participant (metadata only).
func courseCertificates(ctx context.Context, q querier, courseID int64) (map[int64][]blob.File, error) {
	rows, err := q.Query(ctx, `SELECT a.id, a.owner_kind, a.owner_id, a.name, a.content_type, a.size, a.sha256, a.created_at, a.created_by
		FROM attachments a JOIN training_participants p ON p.id = a.owner_id
		WHERE a.owner_kind = ? AND p.course_id = ? ORDER BY a.id`, ownerParticipant, courseID)
	if err != nil {
		return nil, fmt.Errorf("training: certificates: %w", err)
	}
	defer rows.Close()
	out := map[int64][]blob.File{}
	for rows.Next() {
		var f blob.File
		if err := rows.Scan(&f.ID, &f.OwnerKind, &f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt, &f.CreatedBy); err != nil {
			return nil, err
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out[f.OwnerID] = append(out[f.OwnerID], f)
	}
	return out, rows.Err()
}
