package reporting

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// UnitState is one expected unit's standing for a period.
type UnitState struct {
	UnitID      int64      `json:"unit_id"`
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Kind        string     `json:"kind"`
	Status      string     `json:"status"` // a report Status, or "missing" when nothing has reached the Board
	Timeliness  Timeliness `json:"timeliness"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
}

// Completeness is who has reported for a period, on time or late, and who not.
type Completeness struct {
	RegimeID int64       `json:"regime_id"`
	Period   PeriodInfo  `json:"period"`
	Expected int         `json:"expected"`
	OnTime   int         `json:"on_time"`
	Late     int         `json:"late"`
	Missing  int         `json:"missing"`
	Overdue  int         `json:"overdue"`  // missing and past the due date
	Accepted int         `json:"accepted"` // of those submitted
	Returned int         `json:"returned"`
	Units    []UnitState `json:"units"`
	Rate     float64     `json:"rate"` // share of expected units that submitted, 0–100
}

type reportState struct {
	status    Status
	first     civil.Date // date of the first submission, Asia/Ho_Chi_Minh
	submitted *time.Time
}

// periodStates reads the state of every report of a regime for the given
// periods. The year grid reads 40,000 of them: it takes the stored date of
// the first submission rather than parsing timestamps.
func periodStates(ctx context.Context, q querier, regimeID int64, periods []string, withTimes bool) (map[string]map[int64]reportState, error) {
	out := map[string]map[int64]reportState{}
	if len(periods) == 0 {
		return out, nil
	}
	args := []any{regimeID}
	for _, p := range periods {
		args = append(args, p)
	}
	// One text column "status|date" instead of two: the year grid reads
	// 40,000 rows and the driver's cost is per column.
	cols := "status || '|' || COALESCE(CAST(first_submitted_on AS TEXT), '')"
	if withTimes {
		cols += ", submitted_at"
	}
	rows, err := q.Query(ctx, `SELECT period_key, unit_id, `+cols+` FROM reports
		WHERE regime_id = ? AND period_key IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(periods)), ", ")+")", args...)
	if err != nil {
		return nil, fmt.Errorf("reporting: report states: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, state string
		var unit int64
		var st reportState
		var submitted sql.NullTime
		dest := []any{&key, &unit, &state}
		if withTimes {
			dest = append(dest, &submitted)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		status, date, _ := strings.Cut(state, "|")
		st.status, st.submitted = Status(status), timePtr(submitted)
		if date != "" {
			if st.first, err = civil.Parse(date); err != nil {
				return nil, fmt.Errorf("reporting: first submission date %q: %w", date, err)
			}
		}
		if out[key] == nil {
			out[key] = map[int64]reportState{}
		}
		out[key][unit] = st
	}
	return out, rows.Err()
}

// Completeness reports, for a regime and period, the expected units and
// where each stands. Computed at every request: a submission shows at once.
func (s *Service) Completeness(ctx context.Context, a org.Actor, regimeID int64, period string) (Completeness, error) {
	if !canOversee(a) {
		return Completeness{}, apperr.Forbidden()
	}
	r, err := s.findRegime(ctx, s.db, regimeID)
	if err != nil {
		return Completeness{}, err
	}
	pi, err := s.periodInfo(ctx, r, period)
	if err != nil {
		return Completeness{}, err
	}
	units, err := expectedUnits(ctx, s.db, r)
	if err != nil {
		return Completeness{}, err
	}
	states, err := periodStates(ctx, s.db, regimeID, []string{pi.Key}, true)
	if err != nil {
		return Completeness{}, err
	}
	c := Completeness{RegimeID: regimeID, Period: pi, Expected: len(units), Units: make([]UnitState, 0, len(units))}
	for _, u := range units {
		us := s.unitState(u, states[pi.Key][u.ID], pi)
		c.add(us)
		c.Units = append(c.Units, us)
	}
	if c.Expected > 0 {
		c.Rate = float64(c.OnTime+c.Late) * 100 / float64(c.Expected)
	}
	return c, nil
}

func (s *Service) unitState(u org.Unit, st reportState, pi PeriodInfo) UnitState {
	us := UnitState{UnitID: u.ID, Code: u.Code, Name: u.Name, Kind: string(u.Kind), Status: "missing"}
	if st.status != "" {
		us.Status = string(st.status)
		us.SubmittedAt = st.submitted
	}
	// A report reached the Board at its first submission, even if it was
	// returned since; a draft reopened after acceptance is back with the unit.
	first := st.first
	if st.status != StatusReturned && !st.status.Counted() {
		first = civil.Date{}
	}
	us.Timeliness = ComputeTimeliness(first, pi.Due, s.today())
	return us
}

func (c *Completeness) add(us UnitState) {
	switch us.Timeliness.State {
	case "on_time":
		c.OnTime++
	case "late":
		c.Late++
	case "overdue":
		c.Missing++
		c.Overdue++
	default:
		c.Missing++
	}
	switch Status(us.Status) {
	case StatusAccepted:
		c.Accepted++
	case StatusReturned:
		c.Returned++
	}
}

// Grid is completeness for a whole year: expected units × periods.
type Grid struct {
	RegimeID int64        `json:"regime_id"`
	Year     int          `json:"year"`
	Periods  []PeriodInfo `json:"periods"`
	Rows     []GridRow    `json:"rows"`
}

// GridRow is one unit's states across the periods (same order as Grid.Periods).
type GridRow struct {
	UnitID int64      `json:"unit_id"`
	Code   string     `json:"code"`
	Name   string     `json:"name"`
	Cells  []GridCell `json:"cells"`
}

// GridCell is one unit × period: the report's status ("missing" when none
// reached the Board) and its timeliness. Compact: a year of a nationwide
// regime has 40,000 of them.
type GridCell struct {
	Status   string `json:"s"`
	State    string `json:"t"` // on_time, late, pending, overdue
	DaysLate int    `json:"d,omitempty"`
}

// CompletenessGrid returns units × periods of a year, coloured by state.
func (s *Service) CompletenessGrid(ctx context.Context, a org.Actor, regimeID int64, year int) (Grid, error) {
	if !canOversee(a) {
		return Grid{}, apperr.Forbidden()
	}
	periods, err := s.Periods(ctx, a, regimeID, year)
	if err != nil {
		return Grid{}, err
	}
	r, err := s.findRegime(ctx, s.db, regimeID)
	if err != nil {
		return Grid{}, err
	}
	units, err := expectedUnits(ctx, s.db, r)
	if err != nil {
		return Grid{}, err
	}
	keys := make([]string, len(periods))
	for i, p := range periods {
		keys[i] = p.Key
	}
	states, err := periodStates(ctx, s.db, regimeID, keys, false)
	if err != nil {
		return Grid{}, err
	}
	g := Grid{RegimeID: regimeID, Year: year, Periods: periods, Rows: make([]GridRow, 0, len(units))}
	for _, u := range units {
		row := GridRow{UnitID: u.ID, Code: u.Code, Name: u.Name, Cells: make([]GridCell, len(periods))}
		for i, p := range periods {
			us := s.unitState(u, states[p.Key][u.ID], p)
			row.Cells[i] = GridCell{Status: us.Status, State: us.Timeliness.State, DaysLate: us.Timeliness.DaysLate}
		}
		g.Rows = append(g.Rows, row)
	}
	return g, nil
}

var _ = calendar.Period{}
