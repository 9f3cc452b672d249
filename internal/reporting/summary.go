package reporting

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// The figures below feed the dashboards: completeness counted in SQL
// (not a list of units read and counted in Go), by the same rule as
// Completeness, so a number is the count of rows the regime page shows
// with the matching state.

// PeriodRef is one period of one regime.
type PeriodRef struct {
	Regime Regime     `json:"-"`
	Period PeriodInfo `json:"period"`
}

// PeriodCount is a regime's period in figures (see Completeness).
type PeriodCount struct {
	RegimeID   int64      `json:"regime_id"`
	RegimeName string     `json:"regime_name"`
	Period     PeriodInfo `json:"period"`
	Expected   int        `json:"expected"`
	OnTime     int        `json:"on_time"`
	Late       int        `json:"late"`
	Missing    int        `json:"missing"`
	Overdue    int        `json:"overdue"`   // missing and past the due date
	Submitted  int        `json:"submitted"` // waiting for the Board to accept or return
}

// regimePeriods lists a regime's periods of a year with their dates, as
// Periods does, from a regime already read.
func regimePeriods(r Regime, cal *calendar.Calendar, year int) []PeriodInfo {
	var ps []calendar.Period
	if r.Frequency == calendar.Explicit {
		p, _ := r.Period(r.Code)
		if p.To.Year != year {
			return nil
		}
		ps = []calendar.Period{p}
	} else {
		ps = calendar.Periods(r.Frequency, r.Cutoff, year)
	}
	out := make([]PeriodInfo, 0, len(ps))
	for _, p := range ps {
		due := cal.Due(p, r.Deadline)
		out = append(out, PeriodInfo{Key: p.Key, From: p.From, To: p.To, Due: due, Locks: calendar.LockDate(due, r.LockDays)})
	}
	return out
}

// BoardPeriods returns, for the Board, each active regime's current period
// — the latest whose deadline has come (last year's or this year's), or a
// one-off regime's period until it locks — and the periods whose deadline
// falls in from..to.
func (s *Service) BoardPeriods(ctx context.Context, a org.Actor, from, to civil.Date) (current, due []PeriodRef, err error) {
	if !canOversee(a) {
		return nil, nil, apperr.Forbidden()
	}
	regimes, err := listRegimes(ctx, s.db, nil)
	if err != nil {
		return nil, nil, err
	}
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	today := s.today()
	for _, r := range regimes {
		if !r.Active {
			continue
		}
		var cur *PeriodInfo
		for y := today.Year - 1; y <= today.Year+1; y++ {
			for _, p := range regimePeriods(r, cal, y) {
				switch {
				case r.Frequency == calendar.Explicit:
					if !today.Before(p.From) && !today.After(p.Locks) {
						cur = &p
					}
				case !p.Due.After(today) && (cur == nil || p.Due.After(cur.Due)):
					cur = &p
				}
				if !p.Due.Before(from) && !p.Due.After(to) {
					due = append(due, PeriodRef{Regime: r, Period: p})
				}
			}
		}
		if cur != nil {
			current = append(current, PeriodRef{Regime: r, Period: *cur})
		}
	}
	return current, due, nil
}

// countedStates are the report states that reached the Board at their
// first submission (see unitState).
const countedStates = "r.status IN ('submitted', 'accepted', 'returned')"

// CountPeriods counts, for the Board, each period's expected units by
// state in one query (a UNION ALL of one aggregate per period).
func (s *Service) CountPeriods(ctx context.Context, a org.Actor, refs []PeriodRef) ([]PeriodCount, error) {
	if !canOversee(a) {
		return nil, apperr.Forbidden()
	}
	if len(refs) == 0 {
		return []PeriodCount{}, nil
	}
	// Per period: the expected units, each with its report if any (status
	// and date read from reports_period_state_idx, not the reports' texts).
	var parts []string
	var args []any
	for i, ref := range refs {
		cond, condArgs := expectedCond(ref.Regime)
		parts = append(parts, `SELECT `+strconv.Itoa(i)+`, COUNT(*),
			COALESCE(SUM(CASE WHEN `+countedStates+` AND r.first_submitted_on <= ? THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN `+countedStates+` AND r.first_submitted_on > ? THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN r.status = 'submitted' THEN 1 ELSE 0 END), 0)
			FROM units u LEFT JOIN reports r ON r.unit_id = u.id AND r.regime_id = ? AND r.period_key = ?
			WHERE u.active = ? AND (`+cond+`)`)
		args = append(args, ref.Period.Due, ref.Period.Due, ref.Regime.ID, ref.Period.Key, true)
		args = append(args, condArgs...)
	}
	rows, err := s.db.Query(ctx, strings.Join(parts, " UNION ALL "), args...)
	if err != nil {
		return nil, fmt.Errorf("reporting: count periods: %w", err)
	}
	defer rows.Close()
	out := make([]PeriodCount, len(refs))
	today := s.today()
	for rows.Next() {
		var i int
		var c PeriodCount
		if err := rows.Scan(&i, &c.Expected, &c.OnTime, &c.Late, &c.Submitted); err != nil {
			return nil, err
		}
		ref := refs[i]
		c.RegimeID, c.RegimeName, c.Period = ref.Regime.ID, ref.Regime.Name, ref.Period
		c.Missing = c.Expected - c.OnTime - c.Late
		if today.After(ref.Period.Due) {
			c.Overdue = c.Missing
		}
		out[i] = c
	}
	return out, rows.Err()
}

// expectedCond is queryExpected's rule over units aliased u.
func expectedCond(r Regime) (string, []any) {
	cond := "u.id IN (SELECT unit_id FROM regime_units WHERE regime_id = ?)"
	args := []any{r.ID}
	if r.ReporterBloc {
		cond, args = cond+" OR u.bloc = ?", append(args, true)
	}
	if len(r.ReporterKinds) > 0 {
		cond += " OR u.kind IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(r.ReporterKinds)), ", ") + ")"
		for _, k := range r.ReporterKinds {
			args = append(args, string(k))
		}
	}
	return cond, args
}
