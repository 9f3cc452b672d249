package press

import (
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/task"
)

// The lead unit's task follows the case: re-routing, answering, review and
// reopening each leave exactly one open task, held by the unit that answers.

func (e *env) task(id int64) task.Task {
	e.t.Helper()
	t, err := e.tasks.Find(e.ctx, org.SystemActor("t"), id)
	if err != nil {
		e.t.Fatalf("task %d: %v", id, err)
	}
	return t
}

// openTasks counts the open (not confirmed) press tasks a unit leads.
func (e *env) openTasks(unit org.Unit) int {
	e.t.Helper()
	l, err := e.tasks.List(e.ctx, org.SystemActor("t"), task.Filter{UnitID: unit.ID, LeadOnly: true, Limit: 100})
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, t := range l.Items {
		if t.Origin == task.FromPressCase && t.Completion != task.Confirmed {
			n++
		}
	}
	return n
}

func (e *env) assigned(url string, unit org.Unit) Case {
	e.t.Helper()
	c := e.newCase(url)
	c, err := e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, unit.ID, "")
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func TestRerouteMovesTheTask(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		c := e.assigned("https://a.vn/kenh-den", e.syt)
		first := c.TaskID
		if e.openTasks(e.syt) != 1 {
			t.Fatalf("SYT holds %d tasks after the assignment", e.openTasks(e.syt))
		}
		e.clk.Set(ict(2020, time.July, 7, 9)) // a day later: a new deadline
		c, err := e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, e.stnmt.ID, "Thuộc lĩnh vực môi trường.")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := e.openTasks(e.syt), 0; got != want {
			t.Errorf("the old unit still holds %d open tasks, want %d", got, want)
		}
		if got := e.openTasks(e.stnmt); got != 1 {
			t.Errorf("the new unit holds %d tasks, want 1", got)
		}
		tk := e.task(c.TaskID)
		if c.TaskID != first || tk.LeadUnitID != e.stnmt.ID || tk.Due != c.Due || c.Due != civil.D(2020, 7, 14) {
			t.Errorf("task after re-routing: id %d (was %d), lead %d, due %s; case due %s", c.TaskID, first, tk.LeadUnitID, tk.Due, c.Due)
		}
		if ev := tk.Events[len(tk.Events)-1]; ev.Kind != "reassigned" || ev.Note != "Thuộc lĩnh vực môi trường." {
			t.Errorf("last task event %+v", ev)
		}
		// The old unit can no longer act on it; the new one can.
		if _, err := e.tasks.Progress(e.ctx, e.repYT, tk.ID, tk.Version, 10, ""); err == nil {
			t.Error("the old unit posted progress on a task it no longer leads")
		}
		if _, err := e.tasks.Progress(e.ctx, e.repMT, tk.ID, tk.Version, 10, "Đã khảo sát."); err != nil {
			t.Errorf("the new unit's progress: %v", err)
		}
		// Re-routing to the same unit moves nothing but keeps one task.
		c, _ = e.svc.Find(e.ctx, e.spec, c.ID)
		if c, err = e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, e.stnmt.ID, ""); err != nil || c.TaskID != first || e.openTasks(e.stnmt) != 1 {
			t.Errorf("assigned again to the same unit: task %d, %d open, %v", c.TaskID, e.openTasks(e.stnmt), err)
		}
	})
}

func TestAnswerAndReviewKeepTheTaskInStep(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		c := e.assigned("https://a.vn/rac-thai", e.stnmt) // due Monday 13 July
		e.clk.Set(ict(2020, time.July, 10, 10))
		c, err := e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version, "Đã xử phạt cơ sở gây ô nhiễm.")
		if err != nil {
			t.Fatal(err)
		}
		tk := e.task(c.TaskID)
		if tk.Completion != task.Awaiting || tk.Progress != 100 || tk.DoneOn != civil.D(2020, 7, 10) ||
			tk.Evidence != "Đã xử phạt cơ sở gây ô nhiễm." || tk.Status != task.AwaitingConfirmation {
			t.Errorf("task after the answer: %+v", tk)
		}
		c, err = e.svc.Review(e.ctx, e.spec, c.ID, c.Version, false, "Bổ sung kết quả quan trắc.")
		if err != nil {
			t.Fatal(err)
		}
		if tk = e.task(c.TaskID); tk.Completion != task.Rejected || !tk.DoneOn.IsZero() || tk.Status != task.InProgress {
			t.Errorf("task after the answer was sent back: %s %s %s", tk.Completion, tk.DoneOn, tk.Status)
		}
		e.clk.Set(ict(2020, time.July, 15, 9)) // two days after the deadline
		if c, err = e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version, "Kết quả quan trắc đạt chuẩn."); err != nil {
			t.Fatal(err)
		}
		if c, err = e.svc.Review(e.ctx, e.spec, c.ID, c.Version, true, "Đạt."); err != nil {
			t.Fatal(err)
		}
		tk = e.task(c.TaskID)
		if tk.Completion != task.Confirmed || tk.Status != task.DoneLate || c.Late == nil || !*c.Late {
			t.Errorf("accepted late answer: task %s %s, case late %v", tk.Completion, tk.Status, c.Late)
		}
		var kinds string
		for _, ev := range tk.Events {
			kinds += ev.Kind + " "
		}
		if want := "created complete reject complete confirm "; kinds != want {
			t.Errorf("task history %q, want %q", kinds, want)
		}
	})
}

func TestReopenGivesTheLeadUnitATaskAgain(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		c := e.assigned("https://a.vn/khoi-bui", e.stnmt)
		first := c.TaskID
		steps := []func(Case) (Case, error){
			func(c Case) (Case, error) { return e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version, "Đã xử lý.") },
			func(c Case) (Case, error) { return e.svc.Review(e.ctx, e.spec, c.ID, c.Version, true, "") },
			func(c Case) (Case, error) {
				return e.svc.Close(e.ctx, e.spec, c.ID, c.Version, "Công văn gửi tòa soạn.")
			},
		}
		for _, f := range steps {
			var err error
			if c, err = f(c); err != nil {
				t.Fatal(err)
			}
		}
		if n := e.openTasks(e.stnmt); n != 0 {
			t.Fatalf("%d open tasks after the case closed", n)
		}
		e.clk.Set(ict(2020, time.August, 3, 9)) // a Monday
		c, err := e.svc.Reopen(e.ctx, e.spec, c.ID, c.Version, "Báo phản ánh lại.")
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != Assigned || c.TaskID == 0 || c.TaskID == first || c.Due != civil.D(2020, 8, 10) {
			t.Fatalf("reopened: status %s, task %d (first %d), due %s", c.Status, c.TaskID, first, c.Due)
		}
		tk := e.task(c.TaskID)
		if tk.LeadUnitID != e.stnmt.ID || tk.Completion != task.NotDone || tk.Due != c.Due || tk.Title != "Trả lời thông tin báo chí phản ánh: Mùi hôi từ khu xử lý rác (vòng 2)" {
			t.Errorf("round-2 task: %+v", tk)
		}
		if old := e.task(first); old.Completion != task.Confirmed {
			t.Errorf("the first round's task became %s", old.Completion)
		}
		if n := e.openTasks(e.stnmt); n != 1 {
			t.Errorf("%d open tasks after reopening, want 1", n)
		}
		if _, err := e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version, "Đã kiểm tra lại."); err != nil {
			t.Errorf("answer in round 2: %v", err)
		}
	})
}

func TestReopenNeverAssignedStaysReceived(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		c := e.newCase("https://a.vn/chua-giao")
		// A case closed without an assignment (registered in the past) is
		// written directly: the service has no such path.
		if _, err := db.Exec(e.ctx, `UPDATE press_cases SET status = 'closed', version = version + 1 WHERE id = ?`, c.ID); err != nil {
			t.Fatal(err)
		}
		c, err := e.svc.Reopen(e.ctx, e.spec, c.ID, c.Version+1, "")
		if err != nil || c.Status != Received || c.TaskID != 0 {
			t.Errorf("reopened without a lead unit: %s task %d %v", c.Status, c.TaskID, err)
		}
	})
}
