package reporting_test

import (
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// TestSummaryCountsMatchCompleteness: the dashboards' counts in SQL agree
// with Completeness (read unit by unit) for units expected three ways (the
// Bloc, a unit kind, named units) in every state; Waiting counts what waits
// for the Board; UnitDue lists what a unit still has to send.
func TestSummaryCountsMatchCompleteness(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("R1", func(r *reporting.Regime) {
			r.ReporterKinds = []org.UnitKind{org.KindPressAgency}
			r.ReporterUnitIDs = []int64{e.huyen.ID}
		})
		// Due 19/06/2020: SA on time then accepted, SB late then returned,
		// VOV on time and waiting, BAO only a draft, HUYEN nothing.
		e.submitted(r, "2020-H1", e.sa, 3, ict(2020, time.June, 18, 9, 0))
		e.submitted(r, "2020-H1", e.vov, 4, ict(2020, time.June, 19, 16, 0))
		e.submitted(r, "2020-H1", e.sb, 5, ict(2020, time.June, 22, 9, 0))
		e.save(e.leader(e.bao), r, "2020-H1", e.bao, good(0, 1))
		e.clk.Set(ict(2020, time.June, 25, 9, 0))
		if _, err := e.svc.Accept(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Return(e.ctx, e.spec, r.ID, "2020-H1", e.sb.ID, "Thiếu số liệu."); err != nil {
			t.Fatal(err)
		}

		current, due, err := e.svc.BoardPeriods(e.ctx, e.lead, civil.D(2020, 6, 15), civil.D(2020, 6, 21))
		if err != nil {
			t.Fatal(err)
		}
		if len(current) != 1 || current[0].Period.Key != "2020-H1" || len(due) != 1 || due[0].Period.Due != civil.D(2020, 6, 19) {
			t.Fatalf("current %+v, due this week %+v; want 2020-H1 both", current, due)
		}
		counts, err := e.svc.CountPeriods(e.ctx, e.lead, current)
		if err != nil {
			t.Fatal(err)
		}
		c, err := e.svc.Completeness(e.ctx, e.lead, r.ID, "2020-H1")
		if err != nil {
			t.Fatal(err)
		}
		got := counts[0]
		if got.Expected != 5 || got.OnTime != 2 || got.Late != 1 || got.Missing != 2 || got.Overdue != 2 || got.Submitted != 1 {
			t.Errorf("counts %+v, want 5 expected, 2 on time, 1 late, 2 missing and overdue, 1 submitted", got)
		}
		if got.Expected != c.Expected || got.OnTime != c.OnTime || got.Late != c.Late || got.Missing != c.Missing || got.Overdue != c.Overdue {
			t.Errorf("counts %+v disagree with Completeness %+v", got, c)
		}
		waiting, err := e.svc.Waiting(e.ctx, e.spec)
		if err != nil {
			t.Fatal(err)
		}
		if len(waiting) != 1 || waiting[0].Submitted != 1 || waiting[0].RegimeName != r.Name || waiting[0].Period.Due != civil.D(2020, 6, 19) {
			t.Errorf("waiting %+v, want VOV's report of 2020-H1", waiting)
		}
		if _, err := e.svc.CountPeriods(e.ctx, e.reporter(e.sa), current); err == nil {
			t.Error("a unit counted the Board's periods")
		}
		for _, w := range []struct {
			unit   org.Unit
			status reporting.Status
		}{{e.bao, reporting.StatusDraft}, {e.sb, reporting.StatusReturned}, {e.huyen, ""}, {e.sa, "none"}} {
			list, err := e.svc.UnitDue(e.ctx, e.reporter(w.unit), w.unit.ID)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case w.status == "none" && len(list) != 0:
				t.Errorf("%s still has %+v to send after acceptance", w.unit.Code, list)
			case w.status != "none" && (len(list) != 1 || list[0].Status != w.status || list[0].Period.Key != "2020-H1"):
				t.Errorf("%s has %+v to send, want 2020-H1 %q", w.unit.Code, list, w.status)
			}
		}
	})
}
