package api

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// reportPath reads {regime_id}/{period_key}/{unit_id}.
func reportPath(r *http.Request) (int64, string, int64, error) {
	regime, err := httpx.PathID(r, "regime_id")
	if err != nil {
		return 0, "", 0, err
	}
	unit, err := httpx.PathID(r, "unit_id")
	if err != nil {
		return 0, "", 0, err
	}
	return regime, r.PathValue("period_key"), unit, nil
}

type reportResponse struct {
	reporting.Report
	Template reporting.Template `json:"template"`
}

func (a *api) getReport(w http.ResponseWriter, r *http.Request) error {
	regime, period, unit, err := reportPath(r)
	if err != nil {
		return err
	}
	rep, tmpl, err := a.Reporting.Report(r.Context(), httpx.Actor(r.Context()), regime, period, unit)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(rep.Version)))
	return ok(w, reportResponse{Report: rep, Template: tmpl})
}

func (a *api) putReport(w http.ResponseWriter, r *http.Request) error {
	regime, period, unit, err := reportPath(r)
	if err != nil {
		return err
	}
	var d reporting.Draft
	if err := httpx.DecodeJSON(w, r, &d); err != nil {
		return err
	}
	ifMatch(r, &d.Version)
	rep, err := a.Reporting.SaveDraft(r.Context(), httpx.Actor(r.Context()), regime, period, unit, d)
	if err != nil {
		return err
	}
	return ok(w, rep)
}

type reasonBody struct {
	Reason string `json:"reason"`
}

// transition handles submit, approve, return, accept and reopen.
func (a *api) transition(action string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		regime, period, unit, err := reportPath(r)
		if err != nil {
			return err
		}
		var body reasonBody
		if err := decodeOptional(w, r, &body); err != nil {
			return err
		}
		ctx, actor := r.Context(), httpx.Actor(r.Context())
		var rep reporting.Report
		switch action {
		case reporting.ActSubmit:
			rep, err = a.Reporting.Submit(ctx, actor, regime, period, unit)
		case reporting.ActApprove:
			rep, err = a.Reporting.Approve(ctx, actor, regime, period, unit)
		case reporting.ActReturn:
			rep, err = a.Reporting.Return(ctx, actor, regime, period, unit, body.Reason)
		case reporting.ActAccept:
			rep, err = a.Reporting.Accept(ctx, actor, regime, period, unit)
		case reporting.ActReopen:
			rep, err = a.Reporting.Reopen(ctx, actor, regime, period, unit, body.Reason)
		}
		if err != nil {
			return err
		}
		return ok(w, rep)
	}
}

func (a *api) entryWorkbook(w http.ResponseWriter, r *http.Request) error {
	regime, period, unit, err := reportPath(r)
	if err != nil {
		return err
	}
	data, err := a.Reporting.EntryWorkbook(r.Context(), httpx.Actor(r.Context()), regime, period, unit)
	if err != nil {
		return err
	}
	httpx.Download(w, "bieu-nhap-lieu-"+period+".xlsx", httpx.XLSXType, data)
	return nil
}

func (a *api) importWorkbook(w http.ResponseWriter, r *http.Request) error {
	regime, period, unit, err := reportPath(r)
	if err != nil {
		return err
	}
	_, data, err := httpx.ReadUpload(w, r, "file")
	if err != nil {
		return err
	}
	rep, err := a.Reporting.ImportEntryWorkbook(r.Context(), httpx.Actor(r.Context()), regime, period, unit, data)
	if err != nil {
		return err
	}
	return ok(w, rep)
}
