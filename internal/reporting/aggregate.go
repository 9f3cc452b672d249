package reporting

import (
	"context"
	"fmt"
	"sort"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// Cell is an aggregated figure: the combined value by the indicator's rule
// and how many reports gave a value.
type Cell struct {
	Value *float64 `json:"value"`
	Count int      `json:"count"`
}

// AggRow is one line of an aggregate: an indicator (and option), for a
// group (a unit, a unit kind, or everything), with the comparisons.
type AggRow struct {
	Indicator string `json:"indicator"`
	Name      string `json:"name"`
	Unit      string `json:"unit,omitempty"`
	Option    string `json:"option,omitempty"`
	OptionNm  string `json:"option_name,omitempty"`
	Group     string `json:"group,omitempty"` // unit id, unit kind, or "" for all
	GroupName string `json:"group_name,omitempty"`
	Current   Cell   `json:"current"`
	Previous  Cell   `json:"previous"`
	LastYear  Cell   `json:"last_year"`
}

// Aggregate is a period's figures, live from the submitted and accepted reports.
type Aggregate struct {
	RegimeID int64    `json:"regime_id"`
	Period   string   `json:"period"`
	Previous string   `json:"previous_period"`
	LastYear string   `json:"last_year_period"`
	By       string   `json:"by"`
	Reports  int      `json:"reports"`
	Rows     []AggRow `json:"rows"`
}

type aggKey struct{ group, ind, opt string }

type partial struct {
	n             int
	sum, min, max float64
}

// aggregateQuery returns a period's figures grouped by "" (all), "kind"
// (both from the running totals) or "unit" (each unit's own values).
func aggregateQuery(ctx context.Context, q querier, regimeID int64, period, by, indicator string) (map[aggKey]partial, int, error) {
	if by == "unit" {
		return unitValues(ctx, q, regimeID, period, indicator)
	}
	return readTotals(ctx, q, regimeID, period, by == "kind")
}

func combine(p partial, agg AggKind) Cell {
	if p.n == 0 {
		return Cell{}
	}
	var v float64
	switch agg {
	case AggAvg:
		v = p.sum / float64(p.n)
	case AggMin:
		v = p.min
	case AggMax:
		v = p.max
	case AggNone:
		return Cell{Count: p.n}
	default:
		v = p.sum
	}
	return Cell{Value: &v, Count: p.n}
}

// Aggregate computes a period's totals by each indicator's rule, grouped by
// "" (all), "unit", "kind" or "category" (per option, the default for
// broken-down indicators), with the previous period and the same period of
// the year before beside them.
func (s *Service) Aggregate(ctx context.Context, a org.Actor, regimeID int64, period, by string) (Aggregate, error) {
	return s.AggregateIndicator(ctx, a, regimeID, period, by, "")
}

// AggregateIndicator is Aggregate restricted to one indicator (""
// for all): the drill-down by unit of one figure.
func (s *Service) AggregateIndicator(ctx context.Context, a org.Actor, regimeID int64, period, by, indicator string) (Aggregate, error) {
	if !canOversee(a) {
		return Aggregate{}, apperr.Forbidden()
	}
	switch by {
	case "", "all", "unit", "kind", "category":
	default:
		return Aggregate{}, apperr.InvalidField("by", "Tham số by phải là unit, kind hoặc category.", "by must be unit, kind or category.")
	}
	r, err := s.findRegime(ctx, s.db, regimeID)
	if err != nil {
		return Aggregate{}, err
	}
	p, err := r.Period(period)
	if err != nil {
		return Aggregate{}, err
	}
	out := Aggregate{RegimeID: regimeID, Period: p.Key, By: by}
	groupBy := by
	if by == "category" || by == "all" {
		groupBy = ""
	}
	cur, n, err := aggregateQuery(ctx, s.db, regimeID, p.Key, groupBy, indicator)
	if err != nil {
		return Aggregate{}, err
	}
	out.Reports = n
	var prev, last map[aggKey]partial
	if r.Frequency != calendar.Explicit {
		if pp, err := previousOf(r, p); err == nil {
			out.Previous = pp.Key
			if prev, _, err = aggregateQuery(ctx, s.db, regimeID, pp.Key, groupBy, indicator); err != nil {
				return Aggregate{}, err
			}
		}
		if ly, err := calendar.SameLastYear(p, r.Cutoff); err == nil {
			out.LastYear = ly.Key
			if last, _, err = aggregateQuery(ctx, s.db, regimeID, ly.Key, groupBy, indicator); err != nil {
				return Aggregate{}, err
			}
		}
	}
	names, err := s.groupNames(ctx, a, by, cur)
	if err != nil {
		return Aggregate{}, err
	}
	out.Rows = buildRows(r.Template, cur, prev, last, names, by != "category", indicator)
	return out, nil
}

// buildRows lays the figures out in template order; with totals, an
// indicator broken down by a category also gets its total over the options.
func buildRows(t Template, cur, prev, last map[aggKey]partial, names map[string]string, totals bool, only string) []AggRow {
	groups := map[string]bool{}
	for k := range cur {
		groups[k.group] = true
	}
	if len(groups) == 0 {
		groups[""] = true
	}
	gs := make([]string, 0, len(groups))
	for g := range groups {
		gs = append(gs, g)
	}
	sort.Slice(gs, func(i, j int) bool {
		return names[gs[i]] < names[gs[j]] || names[gs[i]] == names[gs[j]] && gs[i] < gs[j]
	})
	var rows []AggRow
	for _, g := range gs {
		for _, ind := range t.Indicators {
			if ind.Agg == AggNone || only != "" && ind.Code != only {
				continue
			}
			base := AggRow{Indicator: ind.Code, Name: ind.Name, Unit: ind.Unit, Group: g, GroupName: names[g]}
			cat, hasCat := t.Category(ind.Category)
			if !hasCat || ind.Category == "" {
				k := aggKey{g, ind.Code, ""}
				base.Current, base.Previous, base.LastYear = combine(cur[k], ind.Agg), combine(prev[k], ind.Agg), combine(last[k], ind.Agg)
				rows = append(rows, base)
				continue
			}
			var tc, tp, tl partial
			for _, o := range cat.Options {
				k := aggKey{g, ind.Code, o.Code}
				row := base
				row.Option, row.OptionNm = o.Code, o.Name
				row.Current, row.Previous, row.LastYear = combine(cur[k], ind.Agg), combine(prev[k], ind.Agg), combine(last[k], ind.Agg)
				rows = append(rows, row)
				tc, tp, tl = merge(tc, cur[k]), merge(tp, prev[k]), merge(tl, last[k])
			}
			if totals {
				tot := base
				tot.Option, tot.OptionNm = "", "Tổng số"
				tot.Current, tot.Previous, tot.LastYear = combine(tc, ind.Agg), combine(tp, ind.Agg), combine(tl, ind.Agg)
				rows = append(rows, tot)
			}
		}
	}
	return rows
}

func merge(a, b partial) partial {
	if b.n == 0 {
		return a
	}
	if a.n == 0 {
		return b
	}
	return partial{n: a.n + b.n, sum: a.sum + b.sum, min: min(a.min, b.min), max: max(a.max, b.max)}
}

func (s *Service) groupNames(ctx context.Context, a org.Actor, by string, cur map[aggKey]partial) (map[string]string, error) {
	names := map[string]string{"": ""}
	switch by {
	case "kind":
		for _, k := range org.UnitKinds {
			names[string(k)] = k.Label("vi")
		}
	case "unit":
		var ids []int64
		seen := map[string]bool{}
		for k := range cur {
			if !seen[k.group] {
				seen[k.group] = true
				var id int64
				fmt.Sscan(k.group, &id)
				ids = append(ids, id)
			}
		}
		units, err := s.org.UnitsByID(ctx, a, ids)
		if err != nil {
			return nil, err
		}
		for id, u := range units {
			names[fmt.Sprint(id)] = u.Name
		}
	}
	return names, nil
}

// previousOf is the regime's own previous period: the month or quarter
// before, or — for a regime reporting one half, nine months or a year —
// the same period a year earlier.
func previousOf(r Regime, p calendar.Period) (calendar.Period, error) {
	pp, err := calendar.Previous(p, r.Cutoff)
	if err == nil && calendar.FrequencyOf(pp.Key) == r.Frequency {
		return pp, nil
	}
	return calendar.SameLastYear(p, r.Cutoff)
}
