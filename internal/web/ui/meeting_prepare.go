package ui

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// reportReadiness is one report the agenda presents and who has sent it.
type reportReadiness struct {
	Regime  reporting.Regime
	Agenda  string
	C       reporting.Completeness
	Missing []reporting.UnitState // units whose report has not reached the Board
}

// statusCount is one line of the summary of the previous tasks.
type statusCount struct {
	Status task.Status
	N      int
}

type preparePage struct {
	P       meeting.Preparation
	Counts  []statusCount
	Reports []reportReadiness
}

// meetingPrepare shows, before a conference, where each task of the
// previous conference's conclusion stands, and the completeness of the
// reports its agenda presents (package reporting, called from here: the
// meeting module does not import its sibling).
func (u *ui) meetingPrepare(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	p, err := u.Meeting.Prepare(ctx, a, mustID(r))
	if err != nil {
		return err
	}
	d := &preparePage{P: p}
	for _, s := range task.Statuses {
		if n := p.Counts[s]; n > 0 {
			d.Counts = append(d.Counts, statusCount{Status: s, N: n})
		}
	}
	for _, due := range p.Reports {
		rg, err := u.Reporting.FindRegime(ctx, a, due.RegimeID)
		if err != nil {
			return err
		}
		c, err := u.Reporting.Completeness(ctx, a, due.RegimeID, due.PeriodKey)
		if err != nil {
			return err
		}
		rr := reportReadiness{Regime: rg, Agenda: due.Agenda, C: c}
		for _, st := range c.Units {
			if st.Status == "missing" {
				rr.Missing = append(rr.Missing, st)
			}
		}
		d.Reports = append(d.Reports, rr)
	}
	pg := u.page(r, "Chuẩn bị hội nghị", "meetings")
	pg.Data = d
	return u.render(w, r, "meeting_prepare.html", pg)
}
