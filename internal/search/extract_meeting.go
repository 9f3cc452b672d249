package search

import (
	"context"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Conferences: the Board, the invited units and the people invited by
// name (meeting.canSee). Their minutes and conclusion notice are the
// Board's until the notice is issued (meeting.redact, Service.Conclusion).
const (
	allMeetings    = `SELECT id, updated_at FROM meetings`
	allMinutes     = `SELECT id, updated_at FROM meetings WHERE minutes <> ''` // COALESCE loses the column type on SQLite
	allConclusions = `SELECT meeting_id, updated_at FROM conclusions`
)

type meetingRow struct {
	id                  int64
	title, place, chair string
	status, minutes     string
	startsAt, updated   time.Time
	minutesAt           *time.Time
	readers, agenda     []string
	units               []int64
}

// meetingRows loads conferences with who may read them.
func meetingRows(ctx context.Context, q sqldb.Querier, ids []int64, withAgenda bool) (map[int64]*meetingRow, error) {
	out := map[int64]*meetingRow{}
	err := queryRows(ctx, q, `SELECT id, title, place, chair_name, status, minutes, starts_at, updated_at, minutes_at
		FROM meetings WHERE id IN (?)`, ids, func(scan func(...any) error) error {
		m := &meetingRow{}
		if err := scan(&m.id, &m.title, &m.place, &m.chair, &m.status, &m.minutes, &m.startsAt, &m.updated, &m.minutesAt); err != nil {
			return err
		}
		out[m.id] = m
		return nil
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	units, err := pairs(ctx, q, `SELECT meeting_id, unit_id FROM meeting_units WHERE meeting_id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	people, err := pairs(ctx, q, `SELECT meeting_id, user_id FROM meeting_people WHERE user_id IS NOT NULL AND meeting_id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	for mid, m := range out {
		m.units = units[mid]
		m.readers = unitReaders(m.units...)
		for _, p := range people[mid] {
			m.readers = append(m.readers, userReader(p))
		}
	}
	if withAgenda {
		err = queryRows(ctx, q, `SELECT meeting_id, title FROM agenda_items WHERE meeting_id IN (?) ORDER BY meeting_id, position`, ids,
			func(scan func(...any) error) error {
				var mid int64
				var title string
				if err := scan(&mid, &title); err != nil {
					return err
				}
				if m := out[mid]; m != nil {
					m.agenda = append(m.agenda, title)
				}
				return nil
			})
	}
	return out, err
}

func (m *meetingRow) doc(k Kind) Doc {
	return Doc{Kind: k, RefID: m.id, Units: m.units, Readers: m.readers, URL: "/meetings/" + id(m.id),
		Day: dayOf(m.startsAt), Status: m.status, Stamp: m.updated, Title: m.title}
}

func loadConferences(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	rows, err := meetingRows(ctx, q, ids, true)
	var out []Doc
	for _, m := range rows {
		d := m.doc(KindConference)
		d.Body = joinText(append([]string{m.place, m.chair}, m.agenda...)...)
		out = append(out, d)
	}
	return out, err
}

func loadMinutes(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	rows, err := meetingRows(ctx, q, ids, false)
	var out []Doc
	for _, m := range rows {
		if m.minutes == "" {
			continue
		}
		d := m.doc(KindMinutes)
		d.Title, d.Body, d.URL = "Biên bản: "+m.title, m.minutes, d.URL+"#minutes"
		if m.minutesAt != nil {
			d.Stamp = *m.minutesAt
		}
		if m.status != "concluded" {
			d.Readers = nil // being typed: the Board's
		}
		out = append(out, d)
	}
	return out, err
}

func loadConclusions(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	rows, err := meetingRows(ctx, q, ids, false)
	if err != nil {
		return nil, err
	}
	items := map[int64][]string{}
	err = queryRows(ctx, q, `SELECT c.meeting_id, i.text FROM conclusion_items i JOIN conclusions c ON c.id = i.conclusion_id
		WHERE c.meeting_id IN (?) ORDER BY c.meeting_id, i.position`, ids, func(scan func(...any) error) error {
		var mid int64
		var text string
		if err := scan(&mid, &text); err != nil {
			return err
		}
		items[mid] = append(items[mid], text)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []Doc
	err = queryRows(ctx, q, `SELECT meeting_id, number, symbol, subject, body_intro, body_closing, issued_at, updated_at
		FROM conclusions WHERE meeting_id IN (?)`, ids, func(scan func(...any) error) error {
		var mid int64
		var number *int64
		var symbol, subject, intro, closing string
		var issued *time.Time
		var stamp time.Time
		if err := scan(&mid, &number, &symbol, &subject, &intro, &closing, &issued, &stamp); err != nil {
			return err
		}
		m := rows[mid]
		if m == nil {
			return nil
		}
		d := m.doc(KindConclusion)
		d.URL, d.Stamp, d.Status = d.URL+"/conclusion", stamp, "draft"
		d.Title = "Thông báo kết luận: " + m.title
		if subject != "" {
			d.Title = subject
		}
		line := ""
		if issued != nil {
			d.Status, d.Day = "issued", dayOf(*issued)
			if number != nil {
				line = "Số " + strconv.FormatInt(*number, 10) + "-TB/" + symbol
			}
		} else {
			d.Readers = nil // a draft notice is the Board's
		}
		d.Body = joinText(append(append([]string{line, intro}, items[mid]...), closing)...)
		out = append(out, d)
		return nil
	})
	return out, err
}
