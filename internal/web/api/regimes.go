package api

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

func (a *api) listRegimes(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Reporting.ListRegimes(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": list, "total": len(list)})
}

func (a *api) createRegime(w http.ResponseWriter, r *http.Request) error {
	var in reporting.Regime
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Reporting.CreateRegime(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/regimes/"+strconv.FormatInt(out.ID, 10))
	return created(w, out)
}

func (a *api) getRegime(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	out, err := a.Reporting.FindRegime(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(out.Version)))
	return ok(w, out)
}

// patchRegime takes the whole regime as read (with its version) and
// changed; a changed template becomes a new version.
func (a *api) patchRegime(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	cur, err := a.Reporting.FindRegime(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	in := cur
	in.Version = 0
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, &in.Version)
	out, err := a.Reporting.UpdateRegime(r.Context(), httpx.Actor(r.Context()), id, in)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (a *api) regimePeriods(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	year, err := httpx.QueryInt(r, "year", int64(a.now().In(vntext.Location).Year()))
	if err != nil {
		return err
	}
	if year < 2000 || year > 2100 {
		return apperr.InvalidField("year", "Năm không hợp lệ.", "Invalid year.")
	}
	ps, err := a.Reporting.Periods(r.Context(), httpx.Actor(r.Context()), id, int(year))
	if err != nil {
		return err
	}
	return ok(w, ps)
}

func (a *api) completeness(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if y := r.URL.Query().Get("year"); y != "" && r.URL.Query().Get("period") == "" {
		year, err := strconv.Atoi(y)
		if err != nil {
			return apperr.InvalidField("year", "Năm không hợp lệ.", "Invalid year.")
		}
		g, err := a.Reporting.CompletenessGrid(r.Context(), httpx.Actor(r.Context()), id, year)
		if err != nil {
			return err
		}
		return ok(w, g)
	}
	c, err := a.Reporting.Completeness(r.Context(), httpx.Actor(r.Context()), id, r.URL.Query().Get("period"))
	if err != nil {
		return err
	}
	return ok(w, c)
}

func (a *api) aggregate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	out, err := a.Reporting.AggregateIndicator(r.Context(), httpx.Actor(r.Context()), id, q.Get("period"), q.Get("by"), q.Get("indicator"))
	if err != nil {
		return err
	}
	return ok(w, out)
}
