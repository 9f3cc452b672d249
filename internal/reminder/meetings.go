package reminder

import (
	"context"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// meetingHorizon bounds how far ahead the scan looks for conferences: the
// working day before one is never further back than a long holiday.
const meetingHorizon = 30 * 24 * time.Hour

// upcoming is a planned conference ahead.
type upcoming struct {
	id           int64
	title, place string
	startsAt     time.Time
}

// meetings reminds, on the working day before a planned conference (the
// Friday before a Monday, the last day before Tết), the users of its
// invited units and its invited people. The invitations themselves are
// sent when the conference is saved (meeting.Service.WithInviter).
func (s *Scanner) meetings(ctx context.Context, cal *calendar.Calendar, today civil.Date) ([]reminder, error) {
	now := s.now().UTC()
	rows, err := s.db.Query(ctx, `SELECT id, title, place, starts_at FROM meetings
		WHERE status = 'draft' AND starts_at > ? AND starts_at < ? ORDER BY id`, now, now.Add(meetingHorizon))
	if err != nil {
		return nil, err
	}
	var due []upcoming
	for rows.Next() {
		var m upcoming
		if err := rows.Scan(&m.id, &m.title, &m.place, &m.startsAt); err != nil {
			rows.Close()
			return nil, err
		}
		if day := civil.Of(m.startsAt, vntext.Location); cal.AddWorkingDays(day, -1) == today {
			due = append(due, m)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []reminder
	for _, m := range due {
		rs, err := s.meetingReminders(ctx, m)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// meetingReminders is one reminder per invited unit, and one for the
// invited people who are users; a user invited both ways is told once
// (the subject is the same).
func (s *Scanner) meetingReminders(ctx context.Context, m upcoming) ([]reminder, error) {
	id := strconv.FormatInt(m.id, 10)
	subject := "meeting:" + id + ":eve:" + civil.Of(m.startsAt, vntext.Location).String()
	title := "Nhắc lịch họp: " + m.title + " — " + meeting.When(m.startsAt)
	if m.place != "" {
		title += ", " + m.place
	}
	units, err := s.int64s(ctx, `SELECT unit_id FROM meeting_units WHERE meeting_id = ? ORDER BY unit_id`, m.id)
	if err != nil {
		return nil, err
	}
	out := make([]reminder, 0, len(units)+1)
	for _, u := range units {
		out = append(out, reminder{unitID: u, subject: subject, title: title, link: meeting.Link(m.id), kind: notice.KindMeeting})
	}
	people, err := s.int64s(ctx, `SELECT DISTINCT u.id FROM meeting_people p JOIN users u ON u.id = p.user_id
		WHERE p.meeting_id = ? AND u.active = ? ORDER BY u.id`, m.id, true)
	if err != nil {
		return nil, err
	}
	if len(people) > 0 {
		out = append(out, reminder{subject: subject, title: title, link: meeting.Link(m.id), kind: notice.KindMeeting, users: people})
	}
	return out, nil
}

func (s *Scanner) int64s(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.db.Query(ctx, query, args...)
	if err != nil {
		return nil, err
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
