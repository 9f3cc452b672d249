package training

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// CreateCourse records a course (the Board's managers).
func (s *Service) CreateCourse(ctx context.Context, a org.Actor, in Course) (Course, error) {
	if !CanManageAll(a) {
		return Course{}, apperr.Forbidden()
	}
	in.ID, in.CreatedBy, in.Participants, in.Attended = 0, a.Username, nil, 0
	in.Normalize()
	if err := in.Validate(); err != nil {
		return Course{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := insertCourse(ctx, tx, &in, now); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionCreate, "training_course", in.ID, nil, in))
	})
	if err != nil {
		return Course{}, fmt.Errorf("training: create course: %w", err)
	}
	return in, nil
}

// ListCourses returns the courses, latest first. Every signed-in user sees
// the courses; who attended is read per course, within the reader's scope.
func (s *Service) ListCourses(ctx context.Context, a org.Actor, f CourseFilter) (CourseList, error) {
	if f.Kind != "" && !f.Kind.Valid() {
		return CourseList{}, apperr.InvalidField("kind", "Loại hình không hợp lệ.", "Unknown kind.")
	}
	return listCourses(ctx, s.db, f)
}

// FindCourse returns a course with the participants the actor may see:
// the Board every participant, a unit its own staff (with certificates).
func (s *Service) FindCourse(ctx context.Context, a org.Actor, id int64) (Course, error) {
	c, err := findCourse(ctx, s.db, id)
	if err != nil {
		return Course{}, err
	}
	all, err := loadParticipants(ctx, s.db, id)
	if err != nil {
		return Course{}, err
	}
	certs, err := courseCertificates(ctx, s.db, id)
	if err != nil {
		return Course{}, err
	}
	c.Participants = []Participant{}
	for _, p := range all {
		if a.CanSeeUnit(p.UnitID) {
			p.Certificates = certs[p.ID]
			c.Participants = append(c.Participants, p)
		}
	}
	return c, nil
}

// UpdateCourse edits a course under the version read (the Board's managers).
func (s *Service) UpdateCourse(ctx context.Context, a org.Actor, id int64, in Course) (Course, error) {
	if !CanManageAll(a) {
		return Course{}, apperr.Forbidden()
	}
	if err := needVersion(in.Version); err != nil {
		return Course{}, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return Course{}, err
	}
	err := s.changeCourse(ctx, a, id, in.Version, org.ActionUpdate, "training_course", func(tx *sqldb.Tx, c *Course) (any, any, error) {
		before := *c
		c.Title, c.Organiser, c.Kind, c.KindLabel, c.StartsOn, c.EndsOn, c.Place = in.Title, in.Organiser, in.Kind, in.KindLabel, in.StartsOn, in.EndsOn, in.Place
		return before, *c, nil
	})
	if err != nil {
		return Course{}, err
	}
	return s.FindCourse(ctx, a, id)
}

// changeCourse runs fn on the course under its version, saves the course
// (moving the version) and appends the audit entry fn describes, in one
// transaction.
func (s *Service) changeCourse(ctx context.Context, a org.Actor, id int64, version int, action, entity string,
	fn func(tx *sqldb.Tx, c *Course) (before, after any, err error)) error {
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		c, err := findCourse(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.Version != version {
			return conflict("Lớp đào tạo, bồi dưỡng", c)
		}
		stored := c
		before, after, err := fn(tx, &c)
		if err != nil {
			return err
		}
		now := s.clock()
		if err := saveCourse(ctx, tx, &c, now); err != nil {
			if errors.Is(err, errStale) {
				return conflict("Lớp đào tạo, bồi dưỡng", stored)
			}
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, action, entity, id, before, after))
	})
	if err != nil {
		return fmt.Errorf("training: %s course %d: %w", action, id, err)
	}
	return nil
}

// SetParticipants replaces a course's whole participant list — who was
// registered, who came, results and certificate numbers — in one
// transaction, under the course's version (the Board's managers).
func (s *Service) SetParticipants(ctx context.Context, a org.Actor, id int64, version int, rows []Participant) (Course, error) {
	if !CanManageAll(a) {
		return Course{}, apperr.Forbidden()
	}
	if err := needVersion(version); err != nil {
		return Course{}, err
	}
	if rows == nil {
		rows = []Participant{}
	}
	if err := ValidateParticipants(rows); err != nil {
		return Course{}, err
	}
	err := s.changeCourse(ctx, a, id, version, org.ActionUpdate, "training_participants", func(tx *sqldb.Tx, c *Course) (any, any, error) {
		if err := staffExist(ctx, tx, rows); err != nil {
			return nil, nil, err
		}
		before, err := loadParticipants(ctx, tx, id)
		if err != nil {
			return nil, nil, err
		}
		// A participant dropped from the list takes their certificates along:
		// the entry keeps what they were.
		certs, err := courseCertificates(ctx, tx, id)
		if err != nil {
			return nil, nil, err
		}
		if err := replaceParticipants(ctx, tx, id, before, rows); err != nil {
			return nil, nil, err
		}
		return map[string]any{"participants": before, "certificates": certs}, map[string]any{"participants": rows}, nil
	})
	if err != nil {
		return Course{}, err
	}
	return s.FindCourse(ctx, a, id)
}

// staffExist checks every listed staff member is in the register.
func staffExist(ctx context.Context, q querier, rows []Participant) error {
	var v apperr.Invalid
	for i, r := range rows {
		var n int
		if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM training_staff WHERE id = ?`, r.StaffID).Scan(&n); err != nil {
			return fmt.Errorf("training: staff %d: %w", r.StaffID, err)
		}
		if n == 0 {
			v.Add("participants["+strconv.Itoa(i)+"].staff_id", "Cán bộ không có trong danh sách.", "No such staff member.")
		}
	}
	return v.Err()
}
