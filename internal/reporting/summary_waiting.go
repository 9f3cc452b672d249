package reporting

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// Waiting returns, for the Board, the submitted reports waiting to be
// accepted or returned, counted by regime and period (active regimes,
// expected units only, as the regime page lists them), newest period
// first. One GROUP BY over reports_status_idx.
func (s *Service) Waiting(ctx context.Context, a org.Actor) ([]PeriodCount, error) {
	if !canOversee(a) {
		return nil, apperr.Forbidden()
	}
	regimes, err := listRegimes(ctx, s.db, nil)
	if err != nil {
		return nil, err
	}
	byID := map[int64]Regime{}
	var conds []string
	args := []any{true}
	for _, r := range regimes {
		if !r.Active {
			continue
		}
		byID[r.ID] = r
		cond, condArgs := expectedCond(r)
		conds = append(conds, "(r.regime_id = ? AND ("+cond+"))")
		args = append(append(args, r.ID), condArgs...)
	}
	if len(conds) == 0 {
		return []PeriodCount{}, nil
	}
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT r.regime_id, r.period_key, COUNT(*) FROM reports r JOIN units u ON u.id = r.unit_id
		WHERE r.status = 'submitted' AND u.active = ? AND (`+strings.Join(conds, " OR ")+`)
		GROUP BY r.regime_id, r.period_key`, args...)
	if err != nil {
		return nil, fmt.Errorf("reporting: waiting: %w", err)
	}
	defer rows.Close()
	out := []PeriodCount{}
	for rows.Next() {
		var c PeriodCount
		if err := rows.Scan(&c.RegimeID, &c.Period.Key, &c.Submitted); err != nil {
			return nil, err
		}
		r := byID[c.RegimeID]
		c.RegimeName = r.Name
		if p, err := r.Period(c.Period.Key); err == nil {
			due := cal.Due(p, r.Deadline)
			c.Period = PeriodInfo{Key: p.Key, From: p.From, To: p.To, Due: due, Locks: calendar.LockDate(due, r.LockDays)}
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Period.Due != out[j].Period.Due {
			return out[i].Period.Due.After(out[j].Period.Due)
		}
		return out[i].RegimeID < out[j].RegimeID
	})
	return out, rows.Err()
}
