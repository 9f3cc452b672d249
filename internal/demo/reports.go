package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// Period of the seed: the first half of 2020, reviewed on 30 June 2020.
const Period = "2020-H1"

// at is a moment of June 2020 in Asia/Ho_Chi_Minh.
func at(day, hour int) time.Time {
	return time.Date(2020, 6, day, hour, 0, 0, 0, time.FixedZone("ICT", 7*3600))
}

// step is one thing a demo user does to a report at a given time.
type step struct {
	when   time.Time
	who    string // username
	action string // "save", submit, approve, return, accept
	reason string
}

// seedReport is the content and history of one unit's report.
type seedReport struct {
	regime, unit string
	sections     map[string]string
	values       map[string]float64
	explanations map[string]string
	steps        []step
}

// loadReporting creates the regimes and the first-half 2020 reports,
// replaying each step at its own date so timeliness and history are real:
// most on time, two late, one returned and resubmitted, one missing.
func loadReporting(ctx context.Context, d Deps, ids map[string]int64) (int, map[string]int64, error) {
	clock := &demoClock{t: at(1, 8)}
	rep := reporting.NewService(d.Org.DB(), d.Org, d.Calendar, clock.now)
	sys := org.SystemActor("demo")
	existing, err := rep.ListRegimes(ctx, sys)
	if err != nil {
		return 0, nil, err
	}
	have := map[string]int64{}
	for _, r := range existing {
		have[r.Code] = r.ID
	}
	reporters := map[string][]string{"THI-2020": {"SGDDT"}, "CTGDPT-2018": {"SGDDT"}, "COVID-19": {"SYT"},
		"NQ42": {"SLDTBXH"}, "MT-BC": {"STNMT"}, "BC-TUYENTRUYEN": {"BAOTINH", "DPTTH"}}
	created := 0
	for _, r := range Regimes(ids[Board]) {
		if _, ok := have[r.Code]; ok {
			continue
		}
		for _, code := range reporters[r.Code] {
			r.ReporterUnitIDs = append(r.ReporterUnitIDs, ids[code])
		}
		out, err := rep.CreateRegime(ctx, sys, r)
		if err != nil {
			return created, have, fmt.Errorf("demo: regime %s: %w", r.Code, err)
		}
		have[r.Code] = out.ID
		created++
	}
	users, err := actors(ctx, d.Org)
	if err != nil {
		return created, have, err
	}
	for _, sr := range seedReports() {
		// Per report, so a load interrupted halfway finishes the next time.
		if rep, _, err := rep.Report(ctx, sys, have[sr.regime], Period, ids[sr.unit]); err != nil || rep.Exists {
			if err != nil {
				return created, have, err
			}
			continue
		}
		if err := replay(ctx, rep, clock, users, have[sr.regime], ids[sr.unit], sr); err != nil {
			return created, have, fmt.Errorf("demo: report %s/%s: %w", sr.regime, sr.unit, err)
		}
	}
	return created, have, nil
}

func replay(ctx context.Context, rep *reporting.Service, clock *demoClock, users map[string]org.Actor, regimeID, unitID int64, sr seedReport) error {
	version := 0
	for _, st := range sr.steps {
		clock.t = st.when
		a, ok := users[st.who]
		if !ok {
			return apperr.NotFound("demo user " + st.who)
		}
		var r reporting.Report
		var err error
		switch st.action {
		case "save":
			vals := map[string]reporting.Value{}
			for k, v := range sr.values {
				vals[k] = reporting.Number(v)
			}
			r, err = rep.SaveDraft(ctx, a, regimeID, Period, unitID, reporting.Draft{Version: version, Sections: sr.sections, Values: vals, Explanations: sr.explanations})
		case reporting.ActSubmit:
			r, err = rep.Submit(ctx, a, regimeID, Period, unitID)
		case reporting.ActReturn:
			r, err = rep.Return(ctx, a, regimeID, Period, unitID, st.reason)
		case reporting.ActAccept:
			r, err = rep.Accept(ctx, a, regimeID, Period, unitID)
		}
		if err != nil {
			return err
		}
		version = r.Version
	}
	return nil
}

// actors maps the demo usernames to their actors.
func actors(ctx context.Context, svc *org.Service) (map[string]org.Actor, error) {
	list, err := svc.ListUsers(ctx, org.SystemActor("demo"), org.UserFilter{Limit: 1000})
	if err != nil {
		return nil, err
	}
	out := map[string]org.Actor{}
	for i := range list.Items {
		out[list.Items[i].Username] = org.ActorFor(&list.Items[i], "demo")
	}
	return out, nil
}

type demoClock struct{ t time.Time }

func (c *demoClock) now() time.Time { return c.t }

var _ = calendar.Period{}
