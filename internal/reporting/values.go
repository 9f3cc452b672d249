package reporting

import (
	"context"
	"fmt"
	"strings"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// IndicatorValues is what the units reported on one indicator for a window
// of dates: the periods read and, per unit and category option ("" for an
// indicator without a category), the sum of the values over those periods.
type IndicatorValues struct {
	Periods []string                     `json:"periods"`
	Values  map[int64]map[string]float64 `json:"values"`
}

// IndicatorValues reads one indicator from the submitted and accepted
// reports of the regime's periods that report on from..to (see
// periodsMeeting), so other modules can set their own figures beside the
// reported ones. The Board
// reads every unit's values; anyone else only their own unit's.
func (s *Service) IndicatorValues(ctx context.Context, a org.Actor, regimeID int64, indicator string, from, to civil.Date) (IndicatorValues, error) {
	out := IndicatorValues{Periods: []string{}, Values: map[int64]map[string]float64{}}
	if !a.System && a.UserID == 0 {
		return out, apperr.Forbidden()
	}
	if from.IsZero() || to.IsZero() || to.Before(from) || to.Year-from.Year > 20 {
		return out, apperr.InvalidField("to", "Khoảng thời gian không hợp lệ.", "Invalid window of dates.")
	}
	r, err := s.findRegime(ctx, s.db, regimeID)
	if err != nil {
		return out, err
	}
	out.Periods = periodsMeeting(r, from, to)
	if len(out.Periods) == 0 {
		return out, nil
	}
	args := []any{regimeID, indicator}
	marks := make([]string, len(out.Periods))
	for i, p := range out.Periods {
		marks[i], args = "?", append(args, p)
	}
	cond := ""
	if scope := a.ScopeIDs(); scope != nil {
		cond, args = " AND r.unit_id = ?", append(args, scope[0])
	}
	rows, err := s.db.Query(ctx, `SELECT r.unit_id, v.opt, v.num FROM reports r JOIN report_values v ON v.report_id = r.id
		WHERE r.regime_id = ? AND v.indicator = ? AND v.num IS NOT NULL AND r.status IN ('submitted', 'accepted')
		AND r.period_key IN (`+strings.Join(marks, ", ")+`)`+cond, args...)
	if err != nil {
		return out, fmt.Errorf("reporting: indicator values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var unit int64
		var opt string
		var num float64
		if err := rows.Scan(&unit, &opt, &num); err != nil {
			return out, err
		}
		if out.Values[unit] == nil {
			out.Values[unit] = map[string]float64{}
		}
		out.Values[unit][opt] += num
	}
	return out, rows.Err()
}

// periodsMeeting lists the keys of the regime's periods that report on
// from..to: those whose window ends within it (a 15th–14th half-year ending
// on 14/6/2020 reports on 2020, the next one, from 15/12/2020, does not),
// or, for a window shorter than a period, the period holding it whole.
func periodsMeeting(r Regime, from, to civil.Date) []string {
	var ps []calendar.Period
	if r.Frequency == calendar.Explicit {
		p, _ := r.Period(r.Code)
		ps = []calendar.Period{p}
	} else {
		for y := from.Year - 1; y <= to.Year+1; y++ {
			ps = append(ps, calendar.Periods(r.Frequency, r.Cutoff, y)...)
		}
	}
	out := []string{}
	for _, p := range ps {
		if !p.To.Before(from) && !p.To.After(to) {
			out = append(out, p.Key)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, p := range ps {
		if !p.From.After(from) && !p.To.Before(to) {
			out = append(out, p.Key)
		}
	}
	return out
}
