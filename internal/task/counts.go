package task

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// The counts below feed the dashboards: each is one aggregate query over
// the same conditions as the lists (buildFilter, statusCondition), so a
// number on a dashboard is the total of the list it links to.

// scope returns the unit ids the actor is limited to (nil: every unit).
func scope(a org.Actor) []int64 {
	if a.AllUnits() {
		return nil
	}
	return []int64{a.UnitID}
}

func (s *Service) checkFilter(a org.Actor, f Filter) error {
	if f.Status != "" && !f.Status.Valid() {
		return apperr.InvalidField("status", "Trạng thái không hợp lệ.", "Unknown status.")
	}
	if f.UnitID != 0 && !a.CanSeeUnit(f.UnitID) {
		return apperr.Forbidden()
	}
	return nil
}

// Count returns how many tasks in the actor's scope match f: the Total of
// List with the same filter, without reading a page.
func (s *Service) Count(ctx context.Context, a org.Actor, f Filter) (int, error) {
	if err := s.checkFilter(a, f); err != nil {
		return 0, err
	}
	c, err := buildFilter(f, scope(a), s.Today())
	if err != nil {
		return 0, err
	}
	var n int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM tasks"+c.sql(), c.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("task: count: %w", err)
	}
	return n, nil
}

// CountByStatus counts the tasks in the actor's scope matching f (its
// Status ignored) by status; every status is present. Over every unit it
// is one COUNT per status joined by UNION ALL — each reads one index range,
// where a CASE over every row costs several times more; within one unit it
// is one pass with a CASE over the unit's few tasks, which the database
// finds through the unit's task ids (a COUNT per status would let it scan
// the status's range of every unit instead).
func (s *Service) CountByStatus(ctx context.Context, a org.Actor, f Filter) (map[Status]int, error) {
	f.Status = ""
	if err := s.checkFilter(a, f); err != nil {
		return nil, err
	}
	today := s.Today()
	c, err := buildFilter(f, scope(a), today)
	if err != nil {
		return nil, err
	}
	var query string
	var args []any
	if f.UnitID != 0 || !a.AllUnits() {
		expr, exprArgs := statusCase(today)
		query, args = "SELECT "+expr+", COUNT(*) FROM tasks"+c.sql()+" GROUP BY 1", append(exprArgs, c.args...)
	} else {
		parts := make([]string, len(Statuses))
		for i, st := range Statuses {
			cond, condArgs, _ := statusCondition(st, today)
			parts[i] = "SELECT " + strconv.Itoa(i) + ", COUNT(*) FROM tasks WHERE " + strings.Join(append([]string{cond}, c.parts...), " AND ")
			args = append(append(args, condArgs...), c.args...)
		}
		query = strings.Join(parts, " UNION ALL ")
	}
	rows, err := s.db.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("task: count by status: %w", err)
	}
	defer rows.Close()
	out := make(map[Status]int, len(Statuses))
	for _, st := range Statuses {
		out[st] = 0
	}
	for rows.Next() {
		var i sql.NullInt64
		var n int
		if err := rows.Scan(&i, &n); err != nil {
			return nil, err
		}
		if !i.Valid || i.Int64 < 0 || int(i.Int64) >= len(Statuses) {
			return nil, fmt.Errorf("task: count by status: %d tasks match no status rule", n)
		}
		out[Statuses[i.Int64]] += n
	}
	return out, rows.Err()
}

// statusCase numbers each task's status (its index in Statuses) by the
// list conditions.
func statusCase(today civil.Date) (string, []any) {
	expr, args := "CASE", []any{}
	for i, st := range Statuses {
		cond, a, _ := statusCondition(st, today)
		expr += " WHEN " + cond + " THEN " + strconv.Itoa(i)
		args = append(args, a...)
	}
	return expr + " END", args
}

// UnitCount is how many tasks one lead unit holds.
type UnitCount struct {
	UnitID int64 `json:"unit_id"`
	Count  int   `json:"count"`
}

// CountByLead counts the tasks of one status in the actor's scope by lead
// unit, most first (then by unit id): the Board's "overdue by unit". Each
// count is the total of /tasks?unit_id=…&status=… (the lead unit's list).
func (s *Service) CountByLead(ctx context.Context, a org.Actor, st Status) ([]UnitCount, error) {
	if err := s.checkFilter(a, Filter{Status: st}); err != nil {
		return nil, err
	}
	c, err := buildFilter(Filter{Status: st}, scope(a), s.Today())
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, "SELECT lead_unit_id, COUNT(*) FROM tasks"+c.sql()+" GROUP BY lead_unit_id ORDER BY 2 DESC, 1", c.args...)
	if err != nil {
		return nil, fmt.Errorf("task: count by lead: %w", err)
	}
	defer rows.Close()
	out := []UnitCount{}
	for rows.Next() {
		var uc UnitCount
		if err := rows.Scan(&uc.UnitID, &uc.Count); err != nil {
			return nil, err
		}
		out = append(out, uc)
	}
	return out, rows.Err()
}

// Open returns up to limit unfinished tasks (in progress or overdue) that
// the unit leads or supports, the nearest deadline first, with the working
// days left: a unit's "what is due" list.
func (s *Service) Open(ctx context.Context, a org.Actor, unitID int64, limit int) ([]Task, error) {
	if !a.CanSeeUnit(unitID) {
		return nil, apperr.Forbidden()
	}
	// From the unit's task ids to the tasks: the database would otherwise
	// walk every unit's open tasks in due order looking for this unit's.
	rows, err := s.db.Query(ctx, "SELECT "+taskCols+` FROM (SELECT id AS tid FROM tasks WHERE lead_unit_id = ?
		UNION SELECT task_id FROM task_units WHERE unit_id = ?) mine JOIN tasks ON tasks.id = mine.tid
		WHERE completion IN ('none', 'rejected') AND due IS NOT NULL ORDER BY due, id LIMIT ?`, unitID, unitID, limit)
	if err != nil {
		return nil, fmt.Errorf("task: open: %w", err)
	}
	defer rows.Close()
	out := []Task{}
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	s.derive(ctx, out)
	return out, nil
}
