package reporting

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// UnitReport is a report a unit still has to send, or its leader to
// approve: its regime, period and where it stands.
type UnitReport struct {
	RegimeID   int64      `json:"regime_id"`
	RegimeName string     `json:"regime_name"`
	Period     PeriodInfo `json:"period"`
	Status     Status     `json:"status"` // "" when not started
}

// UnitDue lists the unit's reports still to send: for each active regime
// it reports in, the periods whose window has begun and that are not
// locked yet, without a submission standing (not started, draft, awaiting
// the leader's approval, or returned); nearest deadline first.
func (s *Service) UnitDue(ctx context.Context, a org.Actor, unitID int64) ([]UnitReport, error) {
	if !a.CanSeeUnit(unitID) {
		return nil, apperr.Forbidden()
	}
	unit, err := s.org.FindUnit(ctx, a, unitID)
	if err != nil {
		return nil, err
	}
	regimes, err := listRegimes(ctx, s.db, &unit)
	if err != nil {
		return nil, err
	}
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today := s.today()
	var out []UnitReport
	var keys []any
	for _, r := range regimes {
		if !r.Active {
			continue
		}
		for y := today.Year - 1; y <= today.Year+1; y++ {
			for _, p := range regimePeriods(r, cal, y) {
				if !today.Before(p.From) && !today.After(p.Locks) {
					out = append(out, UnitReport{RegimeID: r.ID, RegimeName: r.Name, Period: p})
					keys = append(keys, p.Key)
				}
			}
		}
	}
	if len(out) == 0 {
		return []UnitReport{}, nil
	}
	states, err := unitStates(ctx, s.db, unitID, keys)
	if err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, ur := range out {
		ur.Status = states[ur.RegimeID][ur.Period.Key]
		if !ur.Status.Counted() {
			kept = append(kept, ur)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Period.Due.Before(kept[j].Period.Due) })
	return kept, nil
}

// unitStates reads the status of a unit's reports of the given periods.
func unitStates(ctx context.Context, q querier, unitID int64, keys []any) (map[int64]map[string]Status, error) {
	rows, err := q.Query(ctx, `SELECT regime_id, period_key, status FROM reports WHERE unit_id = ? AND period_key IN (`+
		strings.TrimSuffix(strings.Repeat("?, ", len(keys)), ", ")+`)`, append([]any{unitID}, keys...)...)
	if err != nil {
		return nil, fmt.Errorf("reporting: unit states: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string]Status{}
	for rows.Next() {
		var regime int64
		var key string
		var st Status
		if err := rows.Scan(&regime, &key, &st); err != nil {
			return nil, err
		}
		if out[regime] == nil {
			out[regime] = map[string]Status{}
		}
		out[regime][key] = st
	}
	return out, rows.Err()
}
