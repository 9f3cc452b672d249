package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// unitFillers: only the unit's reporter and leader fill its reports.
var unitFillers = statuses{403, 403, 403, 200, 200, 403}

// matrixRegimes creates the regimes the matrix reads and writes: "own" is
// reported by the Board itself and every Bloc member (so every caller's unit
// reports in it) and needs the unit leader's approval; "other" is reported
// by SKHCN alone.
func matrixRegimes(t *testing.T, env *webtest.Env) (own, other reporting.Regime) {
	t.Helper()
	mk := func(code string, units []int64, bloc bool) reporting.Regime {
		r, err := env.Reporting.CreateRegime(context.Background(), system, reporting.Regime{Code: code, Name: "Chế độ thử quyền " + code,
			Frequency: calendar.FirstHalf, Deadline: calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5},
			ReceiverUnitID: env.Unit(t, "BTGTU").ID, ReporterUnitIDs: units, ReporterBloc: bloc, ApprovalRequired: true, LockDays: 30,
			Template: reporting.Template{Sections: []reporting.Section{{Key: "results", Title: "Kết quả", Required: true}},
				Indicators: []reporting.Indicator{{Code: "sessions", Name: "Số buổi", Type: reporting.TypeInteger, Min: new(float64)}}}})
		if err != nil {
			t.Fatalf("matrix regime %s: %v", code, err)
		}
		return r
	}
	return mk("PM-OWN", []int64{env.Unit(t, "BTGTU").ID}, true), mk("PM-OTHER", []int64{env.Unit(t, "SKHCN").ID}, false)
}

// prepareReport brings a fresh report to a state through the service, as
// the unit's reporter and leader and the Board would.
func prepareReport(t *testing.T, env *webtest.Env, r reporting.Regime, period string, unit org.Unit, state reporting.Status) {
	t.Helper()
	ctx := context.Background()
	rep := org.Actor{Username: "pm.reporter", UnitID: unit.ID, Roles: []org.Role{org.RoleUnitReporter}}
	lead := org.Actor{Username: "pm.leader", UnitID: unit.ID, Roles: []org.Role{org.RoleUnitLeader}}
	_, err := env.Reporting.SaveDraft(ctx, rep, r.ID, period, unit.ID, reporting.Draft{Sections: map[string]string{"results": "Đạt"},
		Values: map[string]reporting.Value{"sessions": reporting.Number(3)}})
	switch {
	case err != nil || state == reporting.StatusDraft:
	case state == reporting.StatusAwaitingApproval:
		_, err = env.Reporting.Submit(ctx, rep, r.ID, period, unit.ID)
	default:
		if _, err = env.Reporting.Submit(ctx, lead, r.ID, period, unit.ID); err == nil && state == reporting.StatusAccepted {
			_, err = env.Reporting.Accept(ctx, system, r.ID, period, unit.ID)
		}
	}
	if err != nil {
		t.Fatalf("prepare %s report of %s: %v", state, unit.Code, err)
	}
}

// reportingRequest builds the matrix cells of the reporting routes. Every
// cell works on its own period (a year of its own), so the state a route
// needs is fresh and an allowed caller gets exactly 2xx.
func reportingRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	env, ctx, n := f.env, context.Background(), f.next()
	unit, _ := f.target(cl, scope)
	board := org.ActorFor(&cl.user, "").AllUnits()
	reg := f.regOwn
	if scope == "other" {
		reg = f.regOther
	}
	period := fmt.Sprintf("%d-H1", 2030+n)
	rp := path("/reports/%d/%s/%d", f.regOwn.ID, period, unit.ID)
	stored := func(t *testing.T) reporting.Report {
		rep, _, err := env.Reporting.Report(ctx, system, f.regOwn.ID, period, unit.ID)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	// moves checks the report is in state to after a success, else still in from.
	moves := func(from, to reporting.Status) afterFn {
		return func(t *testing.T, r resp) {
			want := from
			if r.Status == http.StatusOK {
				want = to
			}
			if got := stored(t).Status; got != want {
				t.Errorf("status %d: report is %s, want %s", r.Status, got, want)
			}
		}
	}
	download := func(ctype string) afterFn {
		return onOK(func(t *testing.T, r resp) {
			if got := r.Header.Get("Content-Type"); got != ctype || len(r.Body) == 0 {
				t.Errorf("Content-Type %q (%d bytes), want %q", got, len(r.Body), ctype)
			}
		})
	}
	switch key {
	case "GET /regimes":
		return "/regimes", nil, nil, func(t *testing.T, r resp) {
			var l listJSON[reporting.Regime]
			r.decode(t, &l)
			all, err := env.Reporting.ListRegimes(ctx, system)
			if err != nil {
				t.Fatal(err)
			}
			var want, got []string
			for _, x := range all {
				units, _ := env.Reporting.ExpectedUnits(ctx, system, x)
				if board || slices.ContainsFunc(units, func(u org.Unit) bool { return u.ID == cl.unit.ID }) {
					want = append(want, x.Code)
				}
			}
			for _, x := range l.Items {
				got = append(got, x.Code)
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) || l.Total != len(want) {
				t.Errorf("%s lists %v (total %d), want %v", cl.name, got, l.Total, want)
			}
		}, true
	case "POST /regimes":
		code := fmt.Sprintf("PM-NEW-%d", n)
		body := map[string]any{"code": code, "name": "Chế độ mới " + code, "frequency": "year", "deadline": map[string]any{"kind": "working_days_after", "n": 5},
			"receiver_unit_id": env.Unit(t, "BTGTU").ID, "reporter_unit_ids": []int64{f.otherUnit.ID},
			"template": map[string]any{"sections": []map[string]any{{"key": "results", "title": "Kết quả"}}}}
		return "/regimes", body, nil, func(t *testing.T, r resp) {
			all, _ := env.Reporting.ListRegimes(ctx, system)
			if made := slices.ContainsFunc(all, func(x reporting.Regime) bool { return x.Code == code }); made != (r.Status == http.StatusCreated) {
				t.Errorf("status %d but regime %s stored=%v", r.Status, code, made)
			}
		}, true
	case "GET /regimes/{id}":
		return path("/regimes/%d", reg.ID), nil, nil, onOK(func(t *testing.T, r resp) {
			var got reporting.Regime
			if r.decode(t, &got); got.ID != reg.ID || got.Code != reg.Code || len(got.Template.Indicators) != 1 {
				t.Errorf("got regime %d %s", got.ID, got.Code)
			}
		}), true
	case "PATCH /regimes/{id}":
		before, err := env.Reporting.FindRegime(ctx, system, reg.ID)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("Chế độ thử quyền (sửa %d)", n)
		return path("/regimes/%d", reg.ID), map[string]any{"name": name, "version": before.Version}, nil, func(t *testing.T, r resp) {
			now, _ := env.Reporting.FindRegime(ctx, system, reg.ID)
			if changed := now.Name == name && now.Version == before.Version+1; changed != (r.Status == http.StatusOK) {
				t.Errorf("status %d: version %d→%d, name %q", r.Status, before.Version, now.Version, now.Name)
			}
		}, true
	case "GET /regimes/{id}/periods":
		return path("/regimes/%d/periods?year=2020", reg.ID), nil, nil, onOK(func(t *testing.T, r resp) {
			var ps []reporting.PeriodInfo
			if r.decode(t, &ps); len(ps) != 1 || ps[0].Key != "2020-H1" {
				t.Errorf("periods %+v", ps)
			}
		}), true
	case "GET /regimes/{id}/completeness":
		return path("/regimes/%d/completeness?period=2020-H1", reg.ID), nil, nil, onOK(func(t *testing.T, r resp) {
			var c reporting.Completeness
			units, _ := env.Reporting.ExpectedUnits(ctx, system, reg)
			if r.decode(t, &c); c.Expected != len(units) || c.Expected == 0 {
				t.Errorf("expected %d, want %d", c.Expected, len(units))
			}
		}), true
	case "GET /regimes/{id}/aggregate":
		return path("/regimes/%d/aggregate?period=2020-H1&by=kind", reg.ID), nil, nil, onOK(func(t *testing.T, r resp) {
			var a reporting.Aggregate
			if r.decode(t, &a); a.Period != "2020-H1" || a.By != "kind" {
				t.Errorf("aggregate %+v", a)
			}
		}), true
	case "GET /regimes/{id}/export.xlsx":
		return path("/regimes/%d/export.xlsx?period=2020-H1", reg.ID), nil, nil, download(httpx.XLSXType), true
	case "GET /regimes/{id}/consolidated":
		return path("/regimes/%d/consolidated?period=2020-H1", reg.ID), nil, nil, onOK(func(t *testing.T, r resp) {
			var c reporting.Consolidated
			if r.decode(t, &c); c.RegimeID != reg.ID || c.PeriodKey != "2020-H1" || c.Title == "" {
				t.Errorf("consolidated %+v", c)
			}
		}), true
	case "PUT /regimes/{id}/consolidated":
		return path("/regimes/%d/consolidated?period=%s", reg.ID, period), map[string]any{"subject": "Tổng hợp " + period, "version": 0}, nil,
			func(t *testing.T, r resp) {
				c, err := env.Reporting.Consolidated(ctx, system, reg.ID, period)
				if err != nil || c.Stored != (r.Status == http.StatusOK) {
					t.Errorf("status %d but consolidated stored=%v (%v)", r.Status, c.Stored, err)
				}
			}, true
	case "POST /regimes/{id}/consolidated/issue":
		if _, err := env.Reporting.SaveConsolidated(ctx, system, reg.ID, period, reporting.Consolidated{Subject: "Tổng hợp " + period}); err != nil {
			t.Fatal(err)
		}
		return path("/regimes/%d/consolidated/issue?period=%s", reg.ID, period), map[string]int{"version": 1}, nil, func(t *testing.T, r resp) {
			c, _ := env.Reporting.Consolidated(ctx, system, reg.ID, period)
			if issued := c.Number > 0 && c.IssuedAt != nil; issued != (r.Status == http.StatusOK) {
				t.Errorf("status %d but issued=%v (number %d)", r.Status, issued, c.Number)
			}
		}, true
	case "GET /regimes/{id}/consolidated.docx":
		return path("/regimes/%d/consolidated.docx?period=2020-H1", reg.ID), nil, nil, download(httpx.DOCXType), true
	case "GET /reports/{regime_id}/{period_key}/{unit_id}":
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusDraft)
		return rp, nil, nil, onOK(func(t *testing.T, r resp) {
			var got reporting.Report
			if r.decode(t, &got); got.UnitID != unit.ID || got.Status != reporting.StatusDraft || got.Version != 1 {
				t.Errorf("report of unit %d, %s, version %d", got.UnitID, got.Status, got.Version)
			}
		}), true
	case "PUT /reports/{regime_id}/{period_key}/{unit_id}":
		body := map[string]any{"version": 0, "sections": map[string]string{"results": "Đạt"}, "values": map[string]any{"sessions": "1.234"}}
		return rp, body, nil, func(t *testing.T, r resp) {
			if rep := stored(t); rep.Exists != (r.Status == http.StatusOK) || rep.Exists && sessions(rep) != 1234 {
				t.Errorf("status %d but report stored=%v: %+v", r.Status, rep.Exists, rep.Values)
			}
		}, true
	case "POST /reports/{regime_id}/{period_key}/{unit_id}/submit":
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusDraft)
		to := reporting.StatusAwaitingApproval
		if slices.Contains(cl.user.Roles, org.RoleUnitLeader) {
			to = reporting.StatusSubmitted
		}
		return rp + "/submit", nil, nil, moves(reporting.StatusDraft, to), true
	case "POST /reports/{regime_id}/{period_key}/{unit_id}/approve":
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusAwaitingApproval)
		return rp + "/approve", nil, nil, moves(reporting.StatusAwaitingApproval, reporting.StatusSubmitted), true
	case "POST /reports/{regime_id}/{period_key}/{unit_id}/return":
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusSubmitted)
		return rp + "/return", map[string]string{"reason": "Bổ sung số liệu"}, nil, moves(reporting.StatusSubmitted, reporting.StatusReturned), true
	case "POST /reports/{regime_id}/{period_key}/{unit_id}/accept":
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusSubmitted)
		return rp + "/accept", nil, nil, moves(reporting.StatusSubmitted, reporting.StatusAccepted), true
	case "POST /reports/{regime_id}/{period_key}/{unit_id}/reopen":
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusAccepted)
		return rp + "/reopen", map[string]string{"reason": "Sửa số liệu"}, nil, moves(reporting.StatusAccepted, reporting.StatusDraft), true
	case "GET /reports/{regime_id}/{period_key}/{unit_id}/workbook.xlsx":
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusDraft)
		return rp + "/workbook.xlsx", nil, nil, download(httpx.XLSXType), true
	case "POST /reports/{regime_id}/{period_key}/{unit_id}/workbook":
		prepareReport(t, env, f.regOwn, period, unit, reporting.StatusDraft)
		ctype, body := multipartFile(t, "file", "bieu.xlsx", filledWorkbook(t, env, f.regOwn, period, unit, "sessions", 42))
		return rp + "/workbook", body, []string{"Content-Type", ctype}, func(t *testing.T, r resp) {
			if got := sessions(stored(t)); (got == 42) != (r.Status == http.StatusOK) {
				t.Errorf("status %d but sessions = %v", r.Status, got)
			}
		}, true
	}
	return "", nil, nil, nil, false
}

// sessions is a report's value of the matrix template's indicator, -1 when empty.
func sessions(r reporting.Report) float64 {
	if v := r.Values["sessions"]; v.Num != nil {
		return *v.Num
	}
	return -1
}
