package task

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Filter selects tasks for a list.
type Filter struct {
	UnitID    int64      // lead or supporting unit
	LeadOnly  bool       // with UnitID: only as lead
	Status    Status     // "" for all
	Key       *bool      // key tasks only (or not)
	MeetingID int64      // from one conference
	DueBefore civil.Date // due on or before
	DueAfter  civil.Date // due on or after
	Q         string     // folded search over title and description
	Limit     int
	Offset    int
}

// List is a page of tasks and the total matching.
type List struct {
	Items []Task `json:"items"`
	Total int    `json:"total"`
}

type conds struct {
	parts []string
	args  []any
}

func (c *conds) add(cond string, args ...any) {
	c.parts = append(c.parts, cond)
	c.args = append(c.args, args...)
}

func (c *conds) sql() string {
	if len(c.parts) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.parts, " AND ")
}

// buildFilter turns a filter into SQL; scope (unit ids, nil = all) limits
// what the caller may see.
func buildFilter(f Filter, scope []int64, today civil.Date) (conds, error) {
	var c conds
	unitCond := func(ids []int64) {
		ph := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
		args := make([]any, 0, 2*len(ids))
		for _, id := range ids {
			args = append(args, id)
		}
		// A UNION of two index lookups rather than an OR: PostgreSQL turns
		// the OR into a scan of every task.
		c.add("id IN (SELECT id FROM tasks WHERE lead_unit_id IN ("+ph+") UNION SELECT task_id FROM task_units WHERE unit_id IN ("+ph+"))", append(args, args...)...)
	}
	if scope != nil {
		if len(scope) == 0 {
			c.add("1 = 0")
		} else {
			unitCond(scope)
		}
	}
	if f.UnitID != 0 {
		if f.LeadOnly {
			c.add("lead_unit_id = ?", f.UnitID)
		} else {
			unitCond([]int64{f.UnitID})
		}
	}
	if f.Status != "" {
		cond, args, ok := statusCondition(f.Status, today)
		if !ok {
			return c, fmt.Errorf("task: unknown status %q", f.Status)
		}
		c.add(cond, args...)
	}
	if f.Key != nil {
		c.add("key_task = ?", *f.Key)
	}
	if f.MeetingID != 0 {
		c.add("meeting_id = ?", f.MeetingID)
	}
	if !f.DueBefore.IsZero() {
		c.add("due <= ?", f.DueBefore)
	}
	if !f.DueAfter.IsZero() {
		c.add("due >= ?", f.DueAfter)
	}
	for _, p := range sqldb.LikeWords(vntext.Fold(f.Q)) {
		c.add(`search_key LIKE ? ESCAPE '\'`, p)
	}
	return c, nil
}

// listTasks returns a page ordered by due date (no deadline last), then id.
func listTasks(ctx context.Context, q querier, f Filter, scope []int64, today civil.Date) (List, error) {
	c, err := buildFilter(f, scope, today)
	if err != nil {
		return List{}, err
	}
	out := List{Items: []Task{}}
	if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM tasks"+c.sql(), c.args...).Scan(&out.Total); err != nil {
		return out, fmt.Errorf("task: count: %w", err)
	}
	// A page of 50 by default; a larger page asked for is capped, not
	// replaced by the default (the API allows up to 1,000).
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	rows, err := q.Query(ctx, "SELECT "+taskCols+" FROM tasks"+c.sql()+
		" ORDER BY due NULLS LAST, id LIMIT ? OFFSET ?", append(c.args, limit, max(f.Offset, 0))...)
	if err != nil {
		return out, fmt.Errorf("task: list: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return out, err
		}
		out.Items = append(out.Items, t)
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	ptrs := make([]*Task, len(out.Items))
	for i := range out.Items {
		ptrs[i] = &out.Items[i]
	}
	return out, loadSupport(ctx, q, ptrs)
}

// ScoreRow is one lead unit's tasks by status.
type ScoreRow struct {
	UnitID int64          `json:"unit_id"`
	Counts map[Status]int `json:"counts"`
	Total  int            `json:"total"`
}

// scorecard counts the tasks each lead unit holds, by status, in one pass:
// a CASE built from the same conditions as the lists names each task's
// status, grouped with its lead unit.
func scorecard(ctx context.Context, q querier, f Filter, scope []int64, today civil.Date) (map[int64]*ScoreRow, error) {
	f.Status = ""
	c, err := buildFilter(f, scope, today)
	if err != nil {
		return nil, err
	}
	expr, args := "CASE", []any{}
	for _, s := range Statuses {
		cond, a, _ := statusCondition(s, today)
		expr += " WHEN " + cond + " THEN '" + string(s) + "'"
		args = append(args, a...)
	}
	rows, err := q.Query(ctx, "SELECT lead_unit_id, "+expr+" END, COUNT(*) FROM tasks"+c.sql()+" GROUP BY 1, 2", append(args, c.args...)...)
	if err != nil {
		return nil, fmt.Errorf("task: scorecard: %w", err)
	}
	defer rows.Close()
	out := map[int64]*ScoreRow{}
	for rows.Next() {
		var unit int64
		var status sql.NullString
		var n int
		if err := rows.Scan(&unit, &status, &n); err != nil {
			return nil, err
		}
		if !status.Valid {
			return nil, fmt.Errorf("task: scorecard: %d tasks of unit %d match no status rule", n, unit)
		}
		row := out[unit]
		if row == nil {
			row = &ScoreRow{UnitID: unit, Counts: map[Status]int{}}
			out[unit] = row
		}
		row.Counts[Status(status.String)] += n
		row.Total += n
	}
	return out, rows.Err()
}
