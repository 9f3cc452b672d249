package task_test

import (
	"slices"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/task"
)

// TestStatusOf covers every row of the status table of domain.md on fixed
// dates, with the boundaries (C = D, T = D) and the Board's confirmation.
func TestStatusOf(t *testing.T) {
	d := day(2020, time.June, 30)
	none := civil.Date{}
	cases := []struct {
		name      string
		due, done civil.Date
		c         task.Completion
		today     civil.Date
		want      task.Status
	}{
		{"done, C < D", d, day(2020, time.June, 29), task.Confirmed, day(2020, time.July, 20), task.DoneOnTime},
		{"done, C = D", d, d, task.Confirmed, day(2020, time.July, 20), task.DoneOnTime},
		{"done, C > D", d, day(2020, time.July, 1), task.Confirmed, day(2020, time.July, 20), task.DoneLate},
		{"done late, seen before D", d, day(2020, time.July, 1), task.Confirmed, day(2020, time.June, 1), task.DoneLate},
		{"done, no D: cannot be late", none, day(2020, time.July, 1), task.Confirmed, day(2020, time.July, 20), task.DoneOnTime},
		{"not done, T < D", d, none, task.NotDone, day(2020, time.June, 29), task.InProgress},
		{"not done, T = D", d, none, task.NotDone, d, task.InProgress},
		{"not done, T > D", d, none, task.NotDone, day(2020, time.July, 1), task.Overdue},
		{"not done, T > D across a year", day(2020, time.December, 31), none, task.NotDone, day(2021, time.January, 1), task.Overdue},
		{"sent back, T ≤ D", d, none, task.Rejected, d, task.InProgress},
		{"sent back, T > D", d, none, task.Rejected, day(2020, time.July, 1), task.Overdue},
		{"no D", none, none, task.NotDone, day(2030, time.January, 1), task.NoDeadline},
		{"sent back, no D", none, none, task.Rejected, day(2030, time.January, 1), task.NoDeadline},
		{"awaiting, C ≤ D", d, day(2020, time.June, 29), task.Awaiting, day(2020, time.July, 20), task.AwaitingConfirmation},
		{"awaiting, C > D", d, day(2020, time.July, 2), task.Awaiting, day(2020, time.July, 20), task.AwaitingConfirmation},
		{"awaiting, no D", none, day(2020, time.July, 2), task.Awaiting, day(2020, time.July, 20), task.AwaitingConfirmation},
	}
	for _, c := range cases {
		if got := task.StatusOf(c.due, c.done, c.c, c.today); got != c.want {
			t.Errorf("%s: StatusOf(D=%s, C=%s, %s, T=%s) = %s, want %s", c.name, c.due, c.done, c.c, c.today, got, c.want)
		}
	}
	labels := map[task.Status]string{
		task.DoneOnTime: "Hoàn thành đúng hạn", task.DoneLate: "Hoàn thành quá hạn",
		task.InProgress: "Đang thực hiện trong hạn", task.Overdue: "Đang thực hiện quá hạn",
		task.NoDeadline: "Không thời hạn", task.AwaitingConfirmation: "Chờ xác nhận",
	}
	if len(task.Statuses) != len(labels) {
		t.Errorf("Statuses lists %d, want %d", len(task.Statuses), len(labels))
	}
	for _, s := range task.Statuses {
		if got := s.Label("vi"); got != labels[s] || !s.Valid() {
			t.Errorf("%s: label %q, want %q (valid %v)", s, got, labels[s], s.Valid())
		}
	}
	if task.Status("late").Valid() {
		t.Error(`"late" is accepted as a status`)
	}
}

// fixture is one task brought to a state through the service, with the
// status it must have on 15 June 2020.
type fixture struct {
	title   string
	due     civil.Date
	doneOn  civil.Date // completion reported on this day (zero: never)
	confirm bool       // the Board confirms; else the completion awaits
	reject  bool       // the Board sends it back
	want    task.Status
}

var fixtures = []fixture{
	{title: "Không thời hạn", want: task.NoDeadline},
	{title: "Đến hạn hôm nay", due: day(2020, time.June, 15), want: task.InProgress},
	{title: "Hạn ngày mai", due: day(2020, time.June, 16), want: task.InProgress},
	{title: "Quá hạn từ hôm qua", due: day(2020, time.June, 14), want: task.Overdue},
	{title: "Quá hạn từ tháng Một", due: day(2020, time.January, 10), want: task.Overdue},
	{title: "Chờ xác nhận, đã quá hạn", due: day(2020, time.June, 10), doneOn: day(2020, time.June, 12), want: task.AwaitingConfirmation},
	{title: "Chờ xác nhận, không hạn", doneOn: day(2020, time.June, 12), want: task.AwaitingConfirmation},
	{title: "Xong đúng ngày hạn", due: day(2020, time.June, 12), doneOn: day(2020, time.June, 12), confirm: true, want: task.DoneOnTime},
	{title: "Xong trước hạn", due: day(2020, time.June, 20), doneOn: day(2020, time.June, 14), confirm: true, want: task.DoneOnTime},
	{title: "Xong muộn một ngày", due: day(2020, time.June, 10), doneOn: day(2020, time.June, 11), confirm: true, want: task.DoneLate},
	{title: "Xong, không hạn", doneOn: day(2020, time.June, 1), confirm: true, want: task.DoneOnTime},
	{title: "Bị trả lại, quá hạn", due: day(2020, time.June, 1), doneOn: day(2020, time.June, 5), reject: true, want: task.Overdue},
	{title: "Bị trả lại, trong hạn", due: day(2020, time.June, 30), doneOn: day(2020, time.June, 15), reject: true, want: task.InProgress},
	{title: "Bị trả lại, không hạn", doneOn: day(2020, time.June, 3), reject: true, want: task.NoDeadline},
}

// makeFixtures creates every fixture and returns the tasks by id.
func makeFixtures(e *env) map[int64]fixture {
	e.t.Helper()
	out := map[int64]fixture{}
	rep := e.reporter(e.sa)
	for _, f := range fixtures {
		tk := e.create(f.title, f.due)
		if !f.doneOn.IsZero() {
			tk = ok[task.Task](e.t, "complete "+f.title)(e.svc.Complete(e.ctx, rep, tk.ID, tk.Version, f.doneOn, "Đã ban hành kế hoạch"))
			switch {
			case f.confirm:
				ok[task.Task](e.t, "confirm "+f.title)(e.svc.Confirm(e.ctx, e.spec, tk.ID, tk.Version))
			case f.reject:
				ok[task.Task](e.t, "reject "+f.title)(e.svc.Reject(e.ctx, e.lead, tk.ID, tk.Version, "Chưa có văn bản kèm theo"))
			}
		}
		out[tk.ID] = f
	}
	return out
}

// TestStatusFilterMatchesStatusOf guards the twin rules: for tasks in every
// state, List with each status returns exactly the tasks whose StatusOf is
// that status — at 09:00, just after midnight in Hà Nội (still the previous
// day in UTC), and half a year later.
func TestStatusFilterMatchesStatusOf(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		byID := makeFixtures(e)
		for _, moment := range []time.Time{ict(2020, time.June, 15, 9), ict(2020, time.June, 16, 0).Add(30 * time.Minute), ict(2021, time.January, 4, 8)} {
			e.clk.Set(moment)
			today := e.svc.Today()
			want := map[task.Status][]int64{}
			for id, f := range byID {
				tk := e.find(id)
				s := task.StatusOf(tk.Due, tk.DoneOn, tk.Completion, today)
				if tk.Status != s {
					t.Errorf("%s on %s: Find says %s, StatusOf %s", f.title, today, tk.Status, s)
				}
				if moment.Day() == 15 && s != f.want {
					t.Errorf("%s on %s: status %s, want %s", f.title, today, s, f.want)
				}
				want[s] = append(want[s], id)
			}
			total := 0
			for _, s := range task.Statuses {
				l := ok[task.List](t, "list "+string(s))(e.svc.List(e.ctx, e.spec, task.Filter{Status: s, Limit: 500}))
				var got []int64
				for _, it := range l.Items {
					got = append(got, it.ID)
					if it.Status != s {
						t.Errorf("on %s, list %s holds %q with status %s", today, s, it.Title, it.Status)
					}
				}
				slices.Sort(got)
				slices.Sort(want[s])
				if !slices.Equal(got, want[s]) || l.Total != len(want[s]) {
					t.Errorf("on %s, SQL filter %s returns %v (total %d), StatusOf gives %v", today, s, got, l.Total, want[s])
				}
				total += l.Total
			}
			if total != len(byID) {
				t.Errorf("on %s the status lists hold %d tasks in all, want %d", today, total, len(byID))
			}
			// The scorecard counts with the same rule.
			rows := ok[[]task.ScoreRow](t, "scorecard")(e.svc.Scorecard(e.ctx, e.spec, task.Filter{}))
			if len(rows) != 1 || rows[0].UnitID != e.sa.ID || rows[0].Total != len(byID) {
				t.Fatalf("on %s scorecard %+v, want one row for SA with %d tasks", today, rows, len(byID))
			}
			for _, s := range task.Statuses {
				if rows[0].Counts[s] != len(want[s]) {
					t.Errorf("on %s scorecard counts %d %s, want %d", today, rows[0].Counts[s], s, len(want[s]))
				}
			}
		}
	})
}
