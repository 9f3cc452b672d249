package reporting_test

import (
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// TestTimelinessAcrossTet: January 2020 (15/12/2019–14/01/2020) is due ten
// working days after the window, which Tết (23–29/01/2020) pushes from
// 28/01 to 04/02; lateness is then counted in calendar days from 04/02.
func TestTimelinessAcrossTet(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("THANG", func(r *reporting.Regime) {
			r.Frequency, r.Deadline = calendar.Monthly, calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 10}
			r.ReporterUnitIDs = []int64{e.huyen.ID}
		})
		ps, err := e.svc.Periods(e.ctx, e.spec, r.ID, 2020)
		if err != nil || len(ps) != 12 {
			t.Fatalf("periods: %d, %v", len(ps), err)
		}
		jan := ps[0]
		if jan.Key != "2020-01" || jan.From != civil.D(2019, 12, 15) || jan.To != civil.D(2020, 1, 14) || jan.Due != civil.D(2020, 2, 4) || jan.Locks != civil.D(2020, 3, 5) {
			t.Fatalf("2020-01: %+v, want 15/12/2019–14/01/2020 due 04/02/2020 locking 05/03/2020", jan)
		}
		fixed := e.regime("THANG-25", func(r *reporting.Regime) {
			r.Frequency, r.Deadline = calendar.Monthly, calendar.DeadlineRule{Kind: calendar.FixedDay, Day: 25}
		})
		if ps, err := e.svc.Periods(e.ctx, e.spec, fixed.ID, 2020); err != nil || ps[0].Due != civil.D(2020, 1, 30) {
			t.Errorf("fixed day 25 falling in Tết: %+v, %v; want moved to 30/01/2020", ps[0], err)
		}
		for _, tc := range []struct {
			unit  org.Unit
			at    time.Time
			state string
			label string
		}{
			{e.sa, ict(2020, 1, 31, 10, 0), "on_time", "nộp đúng hạn"}, // after the date Tết moved
			{e.sb, ict(2020, 2, 4, 23, 30), "on_time", "nộp đúng hạn"},
			{e.bao, ict(2020, 2, 5, 0, 30), "late", "nộp muộn 1 ngày"},
			{e.huyen, ict(2020, 2, 10, 9, 0), "late", "nộp muộn 6 ngày"},
		} {
			t.Run(tc.unit.Code, func(t *testing.T) {
				rep := e.submitted(r, "2020-01", tc.unit, 4, tc.at)
				if rep.Due != jan.Due || rep.Timeliness.State != tc.state || rep.Timeliness.Label != tc.label {
					t.Errorf("due %s, timeliness %+v; want %s %q", rep.Due, rep.Timeliness, tc.state, tc.label)
				}
			})
		}
	})
}

// TestCompleteness: the counts move at once with each step.
func TestCompleteness(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("DU", func(r *reporting.Regime) { r.ReporterUnitIDs = []int64{e.huyen.ID} }) // SA, SB, BAO, HUYEN
		type counts struct{ expected, onTime, late, missing, overdue, accepted, returned int }
		check := func(step string, want counts) reporting.Completeness {
			t.Helper()
			c, err := e.svc.Completeness(e.ctx, e.spec, r.ID, "2020-H1")
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			got := counts{c.Expected, c.OnTime, c.Late, c.Missing, c.Overdue, c.Accepted, c.Returned}
			if got != want || len(c.Units) != c.Expected || c.Period.Due != civil.D(2020, 6, 19) {
				t.Fatalf("%s: %+v (units %d, due %s), want %+v", step, got, len(c.Units), c.Period.Due, want)
			}
			return c
		}
		for _, u := range check("nothing yet", counts{4, 0, 0, 4, 0, 0, 0}).Units {
			if u.Status != "missing" || u.Timeliness.State != "pending" || u.Timeliness.Label != "chưa đến hạn" {
				t.Errorf("%s before the due date: %s %+v", u.Code, u.Status, u.Timeliness)
			}
		}
		e.save(e.reporter(e.sa), r, "2020-H1", e.sa, good(0, 5))
		check("a draft does not count", counts{4, 0, 0, 4, 0, 0, 0})
		e.clk.Set(ict(2020, 6, 16, 9, 0))
		if _, err := e.svc.Submit(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID); err != nil {
			t.Fatal(err)
		}
		check("right after a submission", counts{4, 1, 0, 3, 0, 0, 0})
		e.submitted(r, "2020-H1", e.sb, 7, ict(2020, 6, 19, 16, 0))
		check("on the due date", counts{4, 2, 0, 2, 0, 0, 0})
		e.submitted(r, "2020-H1", e.bao, 2, ict(2020, 6, 22, 9, 0))
		c := check("after the due date", counts{4, 2, 1, 1, 1, 0, 0})
		for _, u := range c.Units {
			want := map[string]string{"SA": "nộp đúng hạn", "SB": "nộp đúng hạn", "BAO": "nộp muộn 3 ngày", "HUYEN": "quá hạn 3 ngày, chưa nộp"}[u.Code]
			if u.Timeliness.Label != want {
				t.Errorf("%s: %q, want %q", u.Code, u.Timeliness.Label, want)
			}
		}
		if _, err := e.svc.Return(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID, "Thiếu số liệu"); err != nil {
			t.Fatal(err)
		}
		check("a returned report keeps its first submission", counts{4, 2, 1, 1, 1, 0, 1})
		if _, err := e.svc.Accept(e.ctx, e.spec, r.ID, "2020-H1", e.sb.ID); err != nil {
			t.Fatal(err)
		}
		c = check("accepted", counts{4, 2, 1, 1, 1, 1, 1})
		if c.Rate != 75 {
			t.Errorf("rate %v, want 75", c.Rate)
		}
		g, err := e.svc.CompletenessGrid(e.ctx, e.lead, r.ID, 2020)
		if err != nil || len(g.Periods) != 1 || len(g.Rows) != 4 {
			t.Fatalf("grid: %+v, %v", g, err)
		}
		for _, row := range g.Rows {
			if row.Code == "BAO" && (row.Cells[0].State != "late" || row.Cells[0].DaysLate != 3) {
				t.Errorf("grid cell of BAO: %+v", row.Cells[0])
			}
		}
		for _, a := range []org.Actor{e.reporter(e.sa), e.leader(e.sa)} {
			if _, err := e.svc.Completeness(e.ctx, a, r.ID, "2020-H1"); !apperr.Is(err, apperr.KindForbidden) {
				t.Errorf("completeness for %s: %v, want forbidden", a.Username, err)
			}
		}
		_, err = e.svc.Completeness(e.ctx, e.spec, r.ID, "2020-Q1")
		wantField(t, err, "period")
	})
}
