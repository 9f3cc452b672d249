package meeting

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/task"
)

// Preparation is what the Board reviews before a conference: where each
// item of the previous conference's conclusion stands, and the reports the
// agenda presents. The web layer adds those reports' completeness (package
// reporting is a sibling this package does not import).
type Preparation struct {
	Meeting    Meeting             `json:"meeting"`
	Previous   *Meeting            `json:"previous,omitempty"`   // the latest earlier conference with an issued notice
	Conclusion *Conclusion         `json:"conclusion,omitempty"` // its notice
	Items      []PreparedItem      `json:"items"`
	Counts     map[task.Status]int `json:"counts"` // items by their task's status
	Reports    []ReportDue         `json:"reports"`
}

// PreparedItem is a conclusion item with its task as it stands today.
type PreparedItem struct {
	Item Item       `json:"item"`
	Task *task.Task `json:"task,omitempty"`
}

// ReportDue is a regime's period an agenda item presents.
type ReportDue struct {
	RegimeID  int64  `json:"regime_id"`
	PeriodKey string `json:"period_key"`
	Agenda    string `json:"agenda"` // the agenda item's title
}

// Prepare gathers, for the Board, the previous conference's conclusion
// items with the current status of their tasks, and the reports due for
// this conference's agenda.
func (s *Service) Prepare(ctx context.Context, a org.Actor, id int64) (Preparation, error) {
	if !a.AllUnits() {
		return Preparation{}, apperr.Forbidden()
	}
	m, err := s.Find(ctx, a, id)
	if err != nil {
		return Preparation{}, err
	}
	p := Preparation{Meeting: m, Items: []PreparedItem{}, Counts: map[task.Status]int{}, Reports: []ReportDue{}}
	agenda, err := loadAgenda(ctx, s.db, id)
	if err != nil {
		return Preparation{}, err
	}
	seen := map[ReportDue]bool{}
	for _, it := range agenda {
		r := ReportDue{RegimeID: it.RegimeID, PeriodKey: it.PeriodKey}
		if it.RegimeID != 0 && !seen[r] {
			seen[r] = true
			r.Agenda = it.Title
			p.Reports = append(p.Reports, r)
		}
	}
	prevID, err := previousConcluded(ctx, s.db, m)
	if err != nil || prevID == 0 {
		return p, err
	}
	prev, err := s.Find(ctx, a, prevID)
	if err != nil {
		return Preparation{}, err
	}
	c, err := s.conclusion(ctx, prev)
	if err != nil {
		return Preparation{}, err
	}
	tasks, err := s.ConclusionTasks(ctx, a, prevID)
	if err != nil {
		return Preparation{}, err
	}
	p.Previous, p.Conclusion = &prev, &c
	for _, it := range c.Items {
		pi := PreparedItem{Item: it}
		if t, ok := tasks[it.ID]; ok {
			pi.Task = &t
			p.Counts[t.Status]++
		}
		p.Items = append(p.Items, pi)
	}
	return p, nil
}

// previousConcluded finds the latest conference that started before m and
// has an issued conclusion notice (0 when there is none).
func previousConcluded(ctx context.Context, q querier, m Meeting) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT m.id FROM meetings m JOIN conclusions c ON c.meeting_id = m.id
		WHERE c.issued_at IS NOT NULL AND m.id <> ? AND (m.starts_at < ? OR (m.starts_at = ? AND m.id < ?))
		ORDER BY m.starts_at DESC, m.id DESC LIMIT 1`, m.ID, m.StartsAt, m.StartsAt, m.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("meeting: previous conference of %d: %w", m.ID, err)
	}
	return id, nil
}

// ConclusionTasks returns the tasks a conference's notice created, by
// conclusion item id, as the actor may see them (a unit: its own).
func (s *Service) ConclusionTasks(ctx context.Context, a org.Actor, id int64) (map[int64]task.Task, error) {
	out := map[int64]task.Task{}
	for offset := 0; ; offset += 500 {
		l, err := s.tasks.List(ctx, a, task.Filter{MeetingID: id, Limit: 500, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, t := range l.Items {
			if t.Origin == task.FromConclusion {
				out[t.OriginID] = t
			}
		}
		if offset+len(l.Items) >= l.Total || len(l.Items) == 0 {
			return out, nil
		}
	}
}
