package training

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// Year is the calendar year y as a period (1 January … 31 December).
func Year(y int) (from, to civil.Date) { return civil.D(y, 1, 1), civil.D(y, 12, 31) }

// WindowStart is the first day of the three years that end on to: a staff
// member is "not trained in the last three years" when no course they
// attended ended from this day to to. For the year 2020 it is 1 January 2018.
func WindowStart(to civil.Date) civil.Date {
	back := civil.D(to.Year-3, to.Month, to.Day)
	if civil.Of(back.In(time.UTC), time.UTC) != back { // 29 February three years back: the 28th
		back = civil.D(back.Year, back.Month, 28)
	}
	return back.AddDays(1)
}

// Counts are one unit's figures for a period.
type Counts struct {
	UnitID   int64  `json:"unit_id"`
	UnitCode string `json:"unit_code"`
	UnitName string `json:"unit_name"`
	// Staff: active staff members in the unit at the period's end (moves
	// after the end are undone).
	Staff int `json:"staff"`
	// Trained: of those, who attended a course ending in the period.
	Trained int `json:"trained"`
	// Untrained3y: of those, who attended no course ending in the three
	// years up to the period's end; Share is it in percent of Staff.
	Untrained3y int     `json:"untrained_3y"`
	Share       float64 `json:"untrained_3y_share"`
}

func (c *Counts) share() {
	c.Share = 0
	if c.Staff > 0 {
		c.Share = math.Round(float64(c.Untrained3y)*1000/float64(c.Staff)) / 10
	}
}

// Stats is the figures table of a period: a row per unit and the total.
type Stats struct {
	From        civil.Date `json:"from"`
	To          civil.Date `json:"to"`
	WindowStart civil.Date `json:"window_start"`
	Rows        []Counts   `json:"rows"`
	Total       Counts     `json:"total"`
}

func validPeriod(from, to civil.Date) error {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return apperr.InvalidField("to", "Chọn kỳ: từ ngày đến ngày (ngày cuối không trước ngày đầu).", "Choose the period: from and to, to not before from.")
	}
	return nil
}

// Stats computes the figures per unit from..to (inclusive) in the actor's
// scope: the Board sees every unit with staff and every active Bloc member
// (a member with nobody registered shows as zero), a unit its own row.
func (s *Service) Stats(ctx context.Context, a org.Actor, from, to civil.Date) (Stats, error) {
	if err := validPeriod(from, to); err != nil {
		return Stats{}, err
	}
	byUnit, err := s.count(ctx, from, to)
	if err != nil {
		return Stats{}, err
	}
	units, err := s.figureUnits(ctx, a, byUnit)
	if err != nil {
		return Stats{}, err
	}
	st := Stats{From: from, To: to, WindowStart: WindowStart(to), Rows: []Counts{}}
	for _, u := range units {
		c := Counts{UnitID: u.ID, UnitCode: u.Code, UnitName: u.Name}
		if got := byUnit[u.ID]; got != nil {
			c.Staff, c.Trained, c.Untrained3y = got.Staff, got.Trained, got.Untrained3y
		}
		c.share()
		st.Rows = append(st.Rows, c)
		st.Total.Staff, st.Total.Trained, st.Total.Untrained3y = st.Total.Staff+c.Staff, st.Total.Trained+c.Trained, st.Total.Untrained3y+c.Untrained3y
	}
	st.Total.share()
	return st, nil
}

// YearStats is Stats for the calendar year y.
func (s *Service) YearStats(ctx context.Context, a org.Actor, y int) (Stats, error) {
	from, to := Year(y)
	return s.Stats(ctx, a, from, to)
}

// count reads the register once and counts every unit's figures.
func (s *Service) count(ctx context.Context, from, to civil.Date) (map[int64]*Counts, error) {
	unitAt, err := staffUnitsAt(ctx, s.db, to)
	if err != nil {
		return nil, err
	}
	win := WindowStart(to)
	earliest := win
	if from.Before(earliest) {
		earliest = from
	}
	rows, err := s.db.Query(ctx, `SELECT p.staff_id, c.ends_on FROM training_participants p
		JOIN training_courses c ON c.id = p.course_id
		WHERE p.attendance = 'attended' AND c.ends_on >= ? AND c.ends_on <= ?`, earliest, to)
	if err != nil {
		return nil, fmt.Errorf("training: attended courses: %w", err)
	}
	defer rows.Close()
	inPeriod, inWindow := map[int64]bool{}, map[int64]bool{}
	for rows.Next() {
		var id int64
		var ends civil.Date
		if err := rows.Scan(&id, &ends); err != nil {
			return nil, err
		}
		inPeriod[id] = inPeriod[id] || !ends.Before(from)
		inWindow[id] = inWindow[id] || !ends.Before(win)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[int64]*Counts{}
	for id, unit := range unitAt {
		c := out[unit]
		if c == nil {
			c = &Counts{UnitID: unit}
			out[unit] = c
		}
		c.Staff++
		if inPeriod[id] {
			c.Trained++
		}
		if !inWindow[id] {
			c.Untrained3y++
		}
	}
	return out, nil
}

// staffUnitsAt returns the unit of every active staff member on day d:
// the present unit, with the moves dated after d undone, latest first.
func staffUnitsAt(ctx context.Context, q querier, d civil.Date) (map[int64]int64, error) {
	rows, err := q.Query(ctx, `SELECT id, unit_id FROM training_staff WHERE active = ?`, true)
	if err != nil {
		return nil, fmt.Errorf("training: staff units: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, unit int64
		if err := rows.Scan(&id, &unit); err != nil {
			return nil, err
		}
		out[id] = unit
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	moves, err := loadMoves(ctx, q, 0)
	if err != nil {
		return nil, err
	}
	for i := len(moves) - 1; i >= 0; i-- {
		m := moves[i]
		if _, ok := out[m.StaffID]; ok && m.MovedOn.After(d) {
			out[m.StaffID] = m.FromUnitID
		}
	}
	return out, nil
}

type unitRow struct {
	ID         int64
	Code, Name string
}

// figureUnits lists the rows of the table in Vietnamese order of names.
func (s *Service) figureUnits(ctx context.Context, a org.Actor, counted map[int64]*Counts) ([]unitRow, error) {
	var where string
	var args []any
	if scope := a.ScopeIDs(); scope != nil {
		where, args = "id = ?", []any{scope[0]}
	} else {
		where, args = "(bloc = ? AND active = ?)", []any{true, true}
		if len(counted) > 0 {
			marks := make([]string, 0, len(counted))
			for id := range counted {
				marks, args = append(marks, "?"), append(args, id)
			}
			where += " OR id IN (" + strings.Join(marks, ", ") + ")"
		}
	}
	rows, err := s.db.Query(ctx, `SELECT id, code, name FROM units WHERE `+where+` ORDER BY sort_key, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("training: figure units: %w", err)
	}
	defer rows.Close()
	var out []unitRow
	for rows.Next() {
		var u unitRow
		if err := rows.Scan(&u.ID, &u.Code, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
