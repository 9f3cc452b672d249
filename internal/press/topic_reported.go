package press

import (
	"context"
	"sort"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// Reported is what the units reported on one indicator for a window: the
// reporting periods read and, per unit and category option ("" for an
// indicator without a category), the sum of their values over those periods.
type Reported struct {
	Periods []string
	Values  map[int64]map[string]float64
}

// ReportedFunc reads a regime's indicator as the units reported it for the
// window from..to. The web layer supplies it from the reporting module, so
// press does not depend on reporting.
type ReportedFunc func(ctx context.Context, regimeID int64, indicator string, from, to civil.Date) (Reported, error)

// FillReported sets, for each topic linked to a regime, what each agency
// reported for the topic's option (all options summed when it names none)
// and the difference monitored − reported. A topic whose window is open on
// either side is left without reported figures: no period matches it.
func (c *TopicCounts) FillReported(ctx context.Context, fn ReportedFunc) error {
	type key struct {
		regime    int64
		indicator string
		from, to  civil.Date
	}
	cache := map[key]Reported{}
	for i := range c.Topics {
		r := &c.Topics[i]
		if r.Topic.RegimeID == 0 || r.Topic.Indicator == "" || r.From.IsZero() || r.To.IsZero() {
			continue
		}
		k := key{r.Topic.RegimeID, r.Topic.Indicator, r.From, r.To}
		rep, ok := cache[k]
		if !ok {
			var err error
			if rep, err = fn(ctx, k.regime, k.indicator, k.from, k.to); err != nil {
				return err
			}
			cache[k] = rep
		}
		r.ReportedPeriods = append([]string{}, rep.Periods...)
		sort.Strings(r.ReportedPeriods)
		for j := range r.Cells {
			cell := &r.Cells[j]
			opts, ok := rep.Values[cell.UnitID]
			if !ok {
				continue
			}
			v, found := optionValue(opts, r.Topic.Option)
			if !found {
				continue
			}
			d := float64(cell.Monitored) - v
			cell.Reported, cell.Difference = &v, &d
		}
	}
	return nil
}

// optionValue is the option's value, or the sum over all options for "".
func optionValue(opts map[string]float64, option string) (float64, bool) {
	if option != "" {
		v, ok := opts[option]
		return v, ok
	}
	sum := 0.0
	for _, v := range opts {
		sum += v
	}
	return sum, len(opts) > 0
}
