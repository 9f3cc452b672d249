package reporting

import (
	"context"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// Column is one value column of a period table: an indicator, or one
// option of a broken-down indicator.
type Column struct {
	Key   string    `json:"key"`
	Title string    `json:"title"`
	Unit  string    `json:"unit"`
	Type  ValueType `json:"type"`
	Agg   AggKind   `json:"agg"`
}

// TableRow is one unit's line; Values follow the table's Columns.
type TableRow struct {
	UnitID     int64      `json:"unit_id"`
	Code       string     `json:"code"`
	Name       string     `json:"name"`
	Status     string     `json:"status"`
	Timeliness Timeliness `json:"timeliness"`
	Values     []Value    `json:"values"`
}

// PeriodTable is a period's data as a table: a row per expected unit, a
// column per cell, and the totals by each indicator's rule.
type PeriodTable struct {
	Regime  Regime     `json:"regime"`
	Period  PeriodInfo `json:"period"`
	Columns []Column   `json:"columns"`
	Rows    []TableRow `json:"rows"`
	Totals  []Cell     `json:"totals"`

	units  []org.Unit
	states map[int64]reportState
	ids    map[int64]int64 // unit → counted report
}

// Table builds the whole period table in memory (for pages and tests);
// exports stream it with TableHeader and TableRows instead.
func (s *Service) Table(ctx context.Context, a org.Actor, regimeID int64, period string) (PeriodTable, error) {
	t, err := s.TableHeader(ctx, a, regimeID, period)
	if err != nil {
		return t, err
	}
	err = s.TableRows(ctx, &t, func(row TableRow) error {
		t.Rows = append(t.Rows, row)
		return nil
	})
	return t, err
}

// TableHeader prepares a period table: columns, the totals (from the
// running totals) and who is expected, without reading any values yet.
func (s *Service) TableHeader(ctx context.Context, a org.Actor, regimeID int64, period string) (PeriodTable, error) {
	if !canOversee(a) {
		return PeriodTable{}, apperr.Forbidden()
	}
	r, err := s.findRegime(ctx, s.db, regimeID)
	if err != nil {
		return PeriodTable{}, err
	}
	pi, err := s.periodInfo(ctx, r, period)
	if err != nil {
		return PeriodTable{}, err
	}
	t := PeriodTable{Regime: r, Period: pi}
	totals, _, err := readTotals(ctx, s.db, regimeID, pi.Key, false)
	if err != nil {
		return t, err
	}
	for _, key := range r.Template.Cells() {
		code, opt := SplitCell(key)
		ind, _ := r.Template.Indicator(code)
		title := ind.Name
		if opt != "" {
			title += " — " + r.Template.optionName(code, opt)
		}
		t.Columns = append(t.Columns, Column{Key: key, Title: title, Unit: ind.Unit, Type: ind.Type, Agg: ind.Agg})
		t.Totals = append(t.Totals, combine(totals[aggKey{"", code, opt}], ind.Agg))
	}
	if t.units, err = expectedUnits(ctx, s.db, r); err != nil {
		return t, err
	}
	states, err := periodStates(ctx, s.db, regimeID, []string{pi.Key}, false)
	if err != nil {
		return t, err
	}
	t.states = states[pi.Key]
	t.ids, err = countedReports(ctx, s.db, regimeID, pi.Key)
	return t, err
}

// TableRows calls fn with each expected unit's row in order, reading one
// report's values at a time, so memory stays flat however many units report.
func (s *Service) TableRows(ctx context.Context, t *PeriodTable, fn func(TableRow) error) error {
	index := make(map[string]int, len(t.Columns))
	for i, c := range t.Columns {
		index[c.Key] = i
	}
	for _, u := range t.units {
		us := s.unitState(u, t.states[u.ID], t.Period)
		row := TableRow{UnitID: u.ID, Code: u.Code, Name: u.Name, Status: us.Status, Timeliness: us.Timeliness,
			Values: make([]Value, len(t.Columns))}
		if id, ok := t.ids[u.ID]; ok {
			vals, err := reportValues(ctx, s.db, id)
			if err != nil {
				return err
			}
			for key, v := range vals {
				if i, ok := index[key]; ok {
					row.Values[i] = v
				}
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return nil
}

// countedReports maps each unit to its counted report of a period.
func countedReports(ctx context.Context, q querier, regimeID int64, period string) (map[int64]int64, error) {
	rows, err := q.Query(ctx, `SELECT unit_id, id FROM reports WHERE regime_id = ? AND period_key = ? AND status IN ('submitted', 'accepted')`,
		regimeID, period)
	if err != nil {
		return nil, fmt.Errorf("reporting: counted reports: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var unit, id int64
		if err := rows.Scan(&unit, &id); err != nil {
			return nil, err
		}
		out[unit] = id
	}
	return out, rows.Err()
}
