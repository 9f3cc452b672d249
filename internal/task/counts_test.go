package task_test

import (
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/task"
)

// TestCountsMatchLists: the dashboards' counts are the totals of the lists
// with the same filter — by status over every task, for a supporting unit,
// for key tasks only, by lead unit — at three moments; Open lists a unit's
// unfinished tasks nearest deadline first.
func TestCountsMatchLists(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		byID := makeFixtures(e)
		key := true
		ok[task.Task](t, "key task of SC")(e.svc.Create(e.ctx, e.spec, task.New{Title: "Trọng tâm của Sở C", LeadUnitID: e.sc.ID,
			Due: day(2020, time.June, 1), Key: true}))
		for _, moment := range []time.Time{ict(2020, time.June, 15, 9), ict(2020, time.June, 16, 0).Add(30 * time.Minute), ict(2021, time.January, 4, 8)} {
			e.clk.Set(moment)
			for _, c := range []struct {
				name string
				a    org.Actor
				f    task.Filter
			}{
				{"board, all", e.spec, task.Filter{}},
				{"board, key", e.lead, task.Filter{Key: &key}},
				{"supporting unit", e.reporter(e.sb), task.Filter{UnitID: e.sb.ID}},
				{"unit without tasks", e.reporter(e.sc), task.Filter{UnitID: e.sc.ID}},
			} {
				counts := ok[map[task.Status]int](t, "count by status")(e.svc.CountByStatus(e.ctx, c.a, c.f))
				sum := 0
				for _, s := range task.Statuses {
					f := c.f
					f.Status = s
					l := ok[task.List](t, "list")(e.svc.List(e.ctx, c.a, f))
					n := ok[int](t, "count")(e.svc.Count(e.ctx, c.a, f))
					if counts[s] != l.Total || n != l.Total {
						t.Errorf("%s, %s on %s: by status %d, count %d, list %d", c.name, s, moment, counts[s], n, l.Total)
					}
					sum += counts[s]
				}
				if all := ok[task.List](t, "list all")(e.svc.List(e.ctx, c.a, c.f)); sum != all.Total {
					t.Errorf("%s on %s: statuses sum to %d, the list holds %d", c.name, moment, sum, all.Total)
				}
			}
			byLead := ok[[]task.UnitCount](t, "by lead")(e.svc.CountByLead(e.ctx, e.lead, task.Overdue))
			for _, uc := range byLead {
				l := ok[task.List](t, "list")(e.svc.List(e.ctx, e.lead, task.Filter{UnitID: uc.UnitID, LeadOnly: true, Status: task.Overdue}))
				if uc.Count != l.Total || uc.Count == 0 {
					t.Errorf("overdue of unit %d on %s: %d, the list %d", uc.UnitID, moment, uc.Count, l.Total)
				}
			}
			if len(byLead) != 2 || byLead[0].UnitID != e.sa.ID || byLead[1].UnitID != e.sc.ID {
				t.Errorf("overdue by lead on %s: %+v, want SA (most) then SC", moment, byLead)
			}
		}
		open := ok[[]task.Task](t, "open")(e.svc.Open(e.ctx, e.reporter(e.sb), e.sb.ID, 3))
		if len(open) != 3 {
			t.Fatalf("open tasks of SB: %d, want 3", len(open))
		}
		for i, tk := range open {
			if tk.Completion != task.NotDone && tk.Completion != task.Rejected || tk.Due.IsZero() || tk.DaysLeft == nil {
				t.Errorf("open task %q: completion %s, due %s", tk.Title, tk.Completion, tk.Due)
			}
			if i > 0 && tk.Due.Before(open[i-1].Due) {
				t.Errorf("open tasks out of order: %s before %s", open[i-1].Due, tk.Due)
			}
			if _, ok := byID[tk.ID]; !ok {
				t.Errorf("open task %q is not SB's", tk.Title)
			}
		}
		if _, err := e.svc.Open(e.ctx, e.reporter(e.sc), e.sb.ID, 3); err == nil {
			t.Error("a unit read another unit's open tasks")
		}
	})
}
