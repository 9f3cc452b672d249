package reporting

import (
	"context"
	"fmt"
	"strings"

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

// TableRow is one unit's line.
type TableRow struct {
	UnitID     int64            `json:"unit_id"`
	Code       string           `json:"code"`
	Name       string           `json:"name"`
	Status     string           `json:"status"`
	Timeliness Timeliness       `json:"timeliness"`
	Values     map[string]Value `json:"values"`
}

// PeriodTable is a period's data as a table: a row per expected unit, a
// column per cell, and the totals by each indicator's rule.
type PeriodTable struct {
	Regime  Regime     `json:"regime"`
	Period  PeriodInfo `json:"period"`
	Columns []Column   `json:"columns"`
	Rows    []TableRow `json:"rows"`
	Totals  []Cell     `json:"totals"`
}

// Table builds the period table for export (figures of submitted and
// accepted reports; other units appear with their status and no figures).
func (s *Service) Table(ctx context.Context, a org.Actor, regimeID int64, period string) (PeriodTable, error) {
	if !canOversee(a) {
		return PeriodTable{}, apperr.Forbidden()
	}
	r, err := findRegime(ctx, s.db, regimeID)
	if err != nil {
		return PeriodTable{}, err
	}
	pi, err := s.periodInfo(ctx, r, period)
	if err != nil {
		return PeriodTable{}, err
	}
	t := PeriodTable{Regime: r, Period: pi}
	for _, key := range r.Template.Cells() {
		code, opt := SplitCell(key)
		ind, _ := r.Template.Indicator(code)
		title := ind.Name
		if opt != "" {
			title += " — " + r.Template.optionName(code, opt)
		}
		t.Columns = append(t.Columns, Column{Key: key, Title: title, Unit: ind.Unit, Type: ind.Type, Agg: ind.Agg})
	}
	units, err := expectedUnits(ctx, s.db, r)
	if err != nil {
		return PeriodTable{}, err
	}
	states, err := periodStates(ctx, s.db, regimeID, []string{pi.Key})
	if err != nil {
		return PeriodTable{}, err
	}
	values, err := periodValues(ctx, s.db, regimeID, pi.Key)
	if err != nil {
		return PeriodTable{}, err
	}
	parts := make([]partial, len(t.Columns))
	for _, u := range units {
		us := s.unitState(u, states[pi.Key][u.ID], pi)
		row := TableRow{UnitID: u.ID, Code: u.Code, Name: u.Name, Status: us.Status, Timeliness: us.Timeliness, Values: values[u.ID]}
		for i, c := range t.Columns {
			if v, ok := row.Values[c.Key]; ok && v.Num != nil {
				parts[i] = merge(parts[i], partial{n: 1, sum: *v.Num, min: *v.Num, max: *v.Num})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	for i, c := range t.Columns {
		t.Totals = append(t.Totals, combine(parts[i], c.Agg))
	}
	return t, nil
}

// periodValues reads the counted reports' values of a period, per unit, in
// one query.
func periodValues(ctx context.Context, q querier, regimeID int64, period string) (map[int64]map[string]Value, error) {
	rows, err := q.Query(ctx, `SELECT r.unit_id, v.indicator, v.opt, v.num, v.txt FROM reports r
		JOIN report_values v ON v.report_id = r.id
		WHERE r.regime_id = ? AND r.period_key = ? AND r.status IN ('submitted', 'accepted')`, regimeID, period)
	if err != nil {
		return nil, fmt.Errorf("reporting: period values: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string]Value{}
	for rows.Next() {
		var unit int64
		var code, opt, txt string
		var num *float64
		if err := rows.Scan(&unit, &code, &opt, &num, &txt); err != nil {
			return nil, err
		}
		if out[unit] == nil {
			out[unit] = map[string]Value{}
		}
		out[unit][CellKey(code, opt)] = Value{Num: num, Text: strings.TrimSpace(txt)}
	}
	return out, rows.Err()
}
