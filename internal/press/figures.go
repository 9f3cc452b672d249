package press

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// The figures press cases give to the reporting regimes, for one lead unit
// and a period's window. They are the state at the end of the window (a
// later step does not change a past period's figures), per round of a case.
const (
	// FigureReceived: cases given to the unit in the window.
	FigureReceived = "press.received"
	// FigureAnswered: answers given in the window (on time + late).
	FigureAnswered = "press.answered"
	// FigureOnTime: answers given in the window on or before the due date.
	FigureOnTime = "press.answered_on_time"
	// FigureLate: answers given in the window after the due date.
	FigureLate = "press.answered_late"
	// FigureOpen: cases not answered at the window's end.
	FigureOpen = "press.open"
)

var figureNames = []struct{ key, vi, en string }{
	{FigureReceived, "Báo chí: số tin, bài đơn vị được giao xử lý trong kỳ", "Press: reports assigned to the unit in the period"},
	{FigureAnswered, "Báo chí: số tin, bài đã trả lời trong kỳ", "Press: reports answered in the period"},
	{FigureOnTime, "Báo chí: số tin, bài trả lời đúng hạn trong kỳ", "Press: reports answered on time in the period"},
	{FigureLate, "Báo chí: số tin, bài trả lời quá hạn trong kỳ", "Press: reports answered late in the period"},
	{FigureOpen, "Báo chí: số tin, bài chưa trả lời đến cuối kỳ", "Press: reports unanswered at the end of the period"},
}

// FigureKeys lists the press figures a report template may take.
func (s *Service) FigureKeys() []string {
	out := make([]string, len(figureNames))
	for i, f := range figureNames {
		out[i] = f.key
	}
	return out
}

// FigureName names a press figure in lang ("vi" or "en").
func (s *Service) FigureName(key, lang string) string {
	for _, f := range figureNames {
		if f.key == key {
			if lang == "en" {
				return f.en
			}
			return f.vi
		}
	}
	return key
}

// FigureOptions: every press figure breaks down by field.
func (s *Service) FigureOptions(key string) []string {
	out := make([]string, len(Fields))
	for i, f := range Fields {
		out[i] = string(f)
	}
	return out
}

// roundState is one round of a case as its events leave it.
type roundState struct {
	field    Field
	unit     int64
	received civil.Date // the day the current lead unit was given the case
	due      civil.Date
	answered civil.Date // zero: no answer stands (none yet, or sent back)
}

// Figures computes the press figures of the cases the unit leads, for
// from..to (inclusive, Asia/Ho_Chi_Minh): key → field → count, "" the
// total. The rounds are replayed from the history up to the window's end.
func (s *Service) Figures(ctx context.Context, unitID int64, from, to civil.Date, keys []string) (map[string]map[string]float64, error) {
	rounds, err := roundsAt(ctx, s.db, unitID, to.AddDays(1).In(vntext.Location))
	if err != nil {
		return nil, err
	}
	counts := map[string]map[string]float64{}
	for _, k := range []string{FigureReceived, FigureAnswered, FigureOnTime, FigureLate, FigureOpen} {
		counts[k] = map[string]float64{"": 0}
		for _, f := range Fields {
			counts[k][string(f)] = 0
		}
	}
	add := func(key string, f Field) { counts[key][string(f)]++; counts[key][""]++ }
	in := func(d civil.Date) bool { return !d.IsZero() && !d.Before(from) && !d.After(to) }
	for _, r := range rounds {
		if r.unit != unitID {
			continue
		}
		if in(r.received) {
			add(FigureReceived, r.field)
		}
		switch {
		case r.answered.IsZero():
			add(FigureOpen, r.field)
		case in(r.answered) && !r.due.IsZero() && r.answered.After(r.due):
			add(FigureLate, r.field)
			add(FigureAnswered, r.field)
		case in(r.answered):
			add(FigureOnTime, r.field)
			add(FigureAnswered, r.field)
		}
	}
	out := make(map[string]map[string]float64, len(keys))
	for _, k := range keys {
		if m, ok := counts[k]; ok {
			out[k] = m
		}
	}
	return out, nil
}

// roundsAt replays, up to end, the history of every case once given to
// the unit: one state per round (a reopened case starts a new round).
func roundsAt(ctx context.Context, q querier, unitID int64, end time.Time) ([]roundState, error) {
	rows, err := q.Query(ctx, `SELECT e.case_id, e.round, e.kind, COALESCE(e.unit_id, 0), e.due, e.at, c.field
		FROM press_case_events e JOIN press_cases c ON c.id = e.case_id
		WHERE e.case_id IN (SELECT case_id FROM press_case_events WHERE kind = 'assigned' AND unit_id = ?)
		  AND e.kind IN ('assigned', 'answered', 'returned') AND e.at < ?
		ORDER BY e.case_id, e.id`, unitID, end.UTC())
	if err != nil {
		return nil, fmt.Errorf("press: figures: %w", err)
	}
	defer rows.Close()
	var out []roundState
	type roundKey struct {
		id    int64
		round int
	}
	last := roundKey{}
	for rows.Next() {
		var k roundKey
		var kind string
		var unit int64
		var due civil.Date
		var at time.Time
		var field Field
		if err := rows.Scan(&k.id, &k.round, &kind, &unit, &due, &at, &field); err != nil {
			return nil, fmt.Errorf("press: figures: %w", err)
		}
		if k != last || len(out) == 0 {
			out, last = append(out, roundState{field: field}), k
		}
		r, day := &out[len(out)-1], civil.Of(at, vntext.Location)
		switch kind {
		case "assigned":
			if unit != r.unit {
				r.unit, r.received = unit, day
			}
			r.due = due
		case "answered":
			r.answered = day
		case "returned":
			r.answered = civil.Date{}
		}
	}
	return out, rows.Err()
}
