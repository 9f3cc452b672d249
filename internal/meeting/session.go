package meeting

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// touch moves a conference to its next version if version is current: the
// agenda and the attendance are parts of the conference a second editor
// must not overwrite unseen.
func touch(ctx context.Context, tx *sqldb.Tx, m *Meeting, version int, now time.Time) error {
	res, err := tx.Exec(ctx, "UPDATE meetings SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?", now, m.ID, version)
	if err != nil {
		return fmt.Errorf("meeting: touch %d: %w", m.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return conflict("hội nghị", *m)
	}
	m.Version, m.UpdatedAt = version+1, now
	return nil
}

// change runs one guarded change of a conference's parts in a transaction:
// the organiser's permission, the version, the write and its audit entry.
func (s *Service) change(ctx context.Context, a org.Actor, id int64, version int, action string,
	apply func(tx *sqldb.Tx, m *Meeting, now time.Time) (before, after any, err error)) (Meeting, error) {
	if !CanManage(a) {
		return Meeting{}, apperr.Forbidden()
	}
	if version <= 0 {
		return Meeting{}, apperr.InvalidField("version", "Thiếu phiên bản dữ liệu (version) đã đọc.", "The version you read is required.")
	}
	var out Meeting
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		m, err := findMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.Version != version {
			return conflict("hội nghị", m)
		}
		now := s.clock()
		if err := touch(ctx, tx, &m, version, now); err != nil {
			return err
		}
		before, after, err := apply(tx, &m, now)
		if err != nil {
			return err
		}
		out = m
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, action, "meeting", id, before, after))
	})
	if err != nil {
		return Meeting{}, fmt.Errorf("meeting: %s %d: %w", action, id, err)
	}
	return out, nil
}

// Agenda returns a conference's agenda.
func (s *Service) Agenda(ctx context.Context, a org.Actor, id int64) ([]AgendaItem, error) {
	if _, err := s.Find(ctx, a, id); err != nil {
		return nil, err
	}
	items, err := loadAgenda(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	return items, agendaFiles(ctx, s.db, items)
}

// SetAgenda replaces the agenda (version: the conference's, as read).
func (s *Service) SetAgenda(ctx context.Context, a org.Actor, id int64, version int, items []AgendaItem) (Meeting, []AgendaItem, error) {
	if err := ValidateAgenda(items); err != nil {
		return Meeting{}, nil, err
	}
	m, err := s.change(ctx, a, id, version, "meeting_agenda", func(tx *sqldb.Tx, m *Meeting, now time.Time) (any, any, error) {
		before, err := loadAgenda(ctx, tx, id)
		if err != nil {
			return nil, nil, err
		}
		return map[string]any{"agenda": before}, map[string]any{"agenda": items}, replaceAgenda(ctx, tx, id, items)
	})
	if err != nil {
		return Meeting{}, nil, err
	}
	out, err := s.Agenda(ctx, a, id)
	return m, out, err
}

// Attendance returns the attendance rows of a conference.
func (s *Service) Attendance(ctx context.Context, a org.Actor, id int64) ([]Attendance, error) {
	if _, err := s.Find(ctx, a, id); err != nil {
		return nil, err
	}
	return loadAttendance(ctx, s.db, id)
}

// SetAttendance replaces every attendance row of a conference in one
// transaction: all the rows are written, or none.
func (s *Service) SetAttendance(ctx context.Context, a org.Actor, id int64, version int, rows []Attendance) (Meeting, []Attendance, error) {
	m, err := s.change(ctx, a, id, version, "meeting_attendance", func(tx *sqldb.Tx, m *Meeting, now time.Time) (any, any, error) {
		if err := ValidateAttendance(rows, m.UnitIDs); err != nil {
			return nil, nil, err
		}
		before, err := loadAttendance(ctx, tx, id)
		if err != nil {
			return nil, nil, err
		}
		return map[string]any{"attendance": before}, map[string]any{"attendance": rows}, replaceAttendance(ctx, tx, id, rows)
	})
	if err != nil {
		return Meeting{}, nil, err
	}
	out, err := loadAttendance(ctx, s.db, id)
	return m, out, err
}

// SaveMinutes stores the minutes typed so far if minutesVersion is the
// version stored. Otherwise the conflict's Detail carries both texts:
// "current" (the stored minutes) and "mine" (what this caller sent), so
// the page can show them side by side and nothing typed is lost.
func (s *Service) SaveMinutes(ctx context.Context, a org.Actor, id int64, minutesVersion int, text string) (Minutes, error) {
	if !CanManage(a) {
		return Minutes{}, apperr.Forbidden()
	}
	text = vntext.Normalize(text)
	if len(text) > 1<<19 {
		return Minutes{}, apperr.InvalidField("minutes", "Biên bản quá dài (tối đa 512 KB).", "The minutes are too long (512 KB at most).")
	}
	var out Minutes
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		m, err := findMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.clock()
		res, err := tx.Exec(ctx, `UPDATE meetings SET minutes = ?, minutes_version = minutes_version + 1, minutes_by = ?, minutes_at = ?
			WHERE id = ? AND minutes_version = ?`, text, a.Username, now, id, minutesVersion)
		if err != nil {
			return fmt.Errorf("meeting: save minutes: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			e := apperr.Conflict("Biên bản vừa được người khác lưu. Hãy so sánh hai bản trước khi lưu tiếp.",
				"Someone else has just saved the minutes. Compare both texts before saving again.")
			e.Detail = map[string]any{"current": m.Minutes, "mine": text}
			return e
		}
		out = Minutes{Text: text, Version: minutesVersion + 1, By: a.Username, UpdatedAt: &now}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "meeting_minutes", "meeting", id,
			map[string]any{"minutes": m.Minutes.Text, "minutes_version": m.Minutes.Version},
			map[string]any{"minutes": out.Text, "minutes_version": out.Version}))
	})
	if err != nil {
		return Minutes{}, fmt.Errorf("meeting: minutes %d: %w", id, err)
	}
	return out, nil
}
