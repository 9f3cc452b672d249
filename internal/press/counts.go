package press

import (
	"context"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/org"
)

// The counts below feed the dashboards. They use the list's conditions, so
// a number on a dashboard is the total of the list /press?… it links to.

// openStatuses are the statuses of a case not closed yet (an IN list, so
// the (status, due) index serves it).
const openStatuses = "status IN ('received', 'assigned', 'answered', 'reviewed')"

// lateCond: the lead unit has not answered and the due date has passed.
const lateCond = "status = 'assigned' AND due < ?"

// dashboardConds adds the conditions of Open, Late, DueFrom and DueTo.
func (f Filter) dashboardConds(where []string, args []any) ([]string, []any) {
	if f.Open {
		where = append(where, openStatuses)
	}
	if f.Late {
		where, args = append(where, lateCond), append(args, f.today)
	}
	if !f.DueFrom.IsZero() {
		where, args = append(where, "due >= ?"), append(args, f.DueFrom)
	}
	if !f.DueTo.IsZero() {
		where, args = append(where, "due <= ?"), append(args, f.DueTo)
	}
	return where, args
}

// FieldCount is one field's cases still open, of them those late, and
// the answers waiting for the Board's review.
type FieldCount struct {
	Field    Field `json:"field"`
	Open     int   `json:"open"`
	Late     int   `json:"late"`
	Answered int   `json:"answered"`
}

// CountByField counts the open cases of every field in the actor's scope
// (every field present, in display order) in one GROUP BY. Open is the
// total of /press?field=…&open=1, Late of …&late=1, Answered of
// …&status=answered.
func (s *Service) CountByField(ctx context.Context, a org.Actor) ([]FieldCount, error) {
	cond, args := " WHERE "+openStatuses, []any{s.Today()}
	if sc := a.ScopeIDs(); sc != nil {
		cond, args = cond+" AND lead_unit_id = ?", append(args, sc[0])
	}
	rows, err := s.db.Query(ctx, `SELECT field, COUNT(*),
		COALESCE(SUM(CASE WHEN `+lateCond+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = 'answered' THEN 1 ELSE 0 END), 0)
		FROM press_cases`+cond+` GROUP BY field`, args...)
	if err != nil {
		return nil, fmt.Errorf("press: count by field: %w", err)
	}
	defer rows.Close()
	byField := map[Field]FieldCount{}
	for rows.Next() {
		var fc FieldCount
		if err := rows.Scan(&fc.Field, &fc.Open, &fc.Late, &fc.Answered); err != nil {
			return nil, err
		}
		byField[fc.Field] = fc
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]FieldCount, len(Fields))
	for i, f := range Fields {
		out[i] = byField[f]
		out[i].Field = f
	}
	return out, nil
}

// Count returns how many cases in the actor's scope match f: the total of
// List with the same filter, without reading a page.
func (s *Service) Count(ctx context.Context, a org.Actor, f Filter) (int, error) {
	f.Limit = 1
	_, n, err := s.List(ctx, a, f)
	return n, err
}
