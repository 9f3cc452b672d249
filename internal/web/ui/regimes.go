package ui

import (
	"net/http"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type regimePage struct {
	Regime    reporting.Regime
	Year      int
	Years     []int
	Periods   []reporting.PeriodInfo
	Period    reporting.PeriodInfo
	C         *reporting.Completeness
	Grid      reporting.Grid
	Agg       reporting.Aggregate
	Indicator string // the one figure shown by unit
	Filter    string // the units listed: by ?state= or ?status= (the dashboards' links)
}

// regimeBase loads the regime, the year's periods and the chosen period
// (?period=, else the latest period whose deadline has passed, else the first).
func (u *ui) regimeBase(r *http.Request) (*regimePage, error) {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if !a.AllUnits() {
		return nil, apperr.Forbidden()
	}
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	d := &regimePage{Years: yearChoices(u.now())}
	if d.Regime, err = u.Reporting.FindRegime(ctx, a, id); err != nil {
		return nil, err
	}
	key := r.URL.Query().Get("period")
	d.Year = yearParam(r, u.now())
	if key != "" && len(key) >= 4 {
		if y, err := time.Parse("2006", key[:4]); err == nil && r.URL.Query().Get("year") == "" {
			d.Year = y.Year()
		}
	}
	if d.Periods, err = u.Reporting.Periods(ctx, a, id, d.Year); err != nil {
		return nil, err
	}
	if len(d.Periods) == 0 {
		return d, nil
	}
	today := civil.Of(u.now(), vntext.Location)
	d.Period = d.Periods[0]
	for _, p := range d.Periods {
		if p.Key == key {
			d.Period = p
			return d, nil
		}
		if key == "" && !p.Due.After(today) {
			d.Period = p
		}
	}
	return d, nil
}

func (u *ui) regimeView(w http.ResponseWriter, r *http.Request) error {
	d, err := u.regimeBase(r)
	if err != nil {
		return err
	}
	if d.Period.Key != "" {
		c, err := u.Reporting.Completeness(r.Context(), httpx.Actor(r.Context()), d.Regime.ID, d.Period.Key)
		if err != nil {
			return err
		}
		d.C = &c
	}
	p := u.page(r, d.Regime.Name, "reports")
	if d.C != nil {
		d.Filter = filterUnits(p, d.C, r.URL.Query())
	}
	p.Data = d
	return u.render(w, r, "regime.html", p)
}

func (u *ui) regimeGrid(w http.ResponseWriter, r *http.Request) error {
	d, err := u.regimeBase(r)
	if err != nil {
		return err
	}
	if d.Grid, err = u.Reporting.CompletenessGrid(r.Context(), httpx.Actor(r.Context()), d.Regime.ID, d.Year); err != nil {
		return err
	}
	p := u.page(r, d.Regime.Name, "reports")
	p.Data = d
	return u.render(w, r, "regime_grid.html", p)
}

func (u *ui) regimeAggregate(w http.ResponseWriter, r *http.Request) error {
	d, err := u.regimeBase(r)
	if err != nil {
		return err
	}
	by, ind := r.URL.Query().Get("by"), r.URL.Query().Get("indicator")
	if by == "unit" && ind == "" && len(d.Regime.Template.Indicators) > 0 {
		ind = d.Regime.Template.Indicators[0].Code // one figure at a time across thousands of units
	}
	d.Indicator = ind
	if d.Agg, err = u.Reporting.AggregateIndicator(r.Context(), httpx.Actor(r.Context()), d.Regime.ID, d.Period.Key, by, ind); err != nil {
		return err
	}
	p := u.page(r, d.Regime.Name, "reports")
	p.Data = d
	return u.render(w, r, "aggregate.html", p)
}

var _ = calendar.Period{}
