package task_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/task"
)

// TestExtension: an approved request moves the deadline (an overdue task
// is in time again on the same day); a refused one keeps it; the Board
// decides once.
func TestExtension(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		rep := e.reporter(e.sa)
		tk := e.create("Khảo sát môi trường", day(2020, time.June, 10))
		if tk.Status != task.Overdue {
			t.Fatalf("status %s, want overdue", tk.Status)
		}
		_, err := e.svc.RequestExtension(e.ctx, rep, tk.ID, day(2020, time.June, 9), "")
		wantField(t, "earlier date, no reason", err, "requested_due")
		wantField(t, "earlier date, no reason", err, "reason")
		_, err = e.svc.RequestExtension(e.ctx, rep, tk.ID, day(2020, time.June, 12), "Chờ số liệu")
		wantField(t, "a date already past", err, "requested_due")

		x := ok[task.Extension](t, "request")(e.svc.RequestExtension(e.ctx, rep, tk.ID, day(2020, time.June, 30), "Chờ kết quả quan trắc"))
		if x.Status != "pending" || x.RequestedBy != rep.Username {
			t.Errorf("request %+v", x)
		}
		_, err = e.svc.RequestExtension(e.ctx, rep, tk.ID, day(2020, time.July, 30), "Lần nữa")
		wantKind(t, "a second pending request", err, apperr.KindConflict)
		_, err = e.svc.DecideExtension(e.ctx, rep, tk.ID, x.ID, true, "")
		wantKind(t, "the unit approves itself", err, apperr.KindForbidden)
		_, err = e.svc.DecideExtension(e.ctx, e.lead, tk.ID, x.ID+100, true, "")
		wantKind(t, "unknown request", err, apperr.KindNotFound)
		if got := e.find(tk.ID); got.Status != task.Overdue || got.Due != day(2020, time.June, 10) {
			t.Fatalf("before the decision: %+v", got)
		}

		tk = ok[task.Task](t, "approve")(e.svc.DecideExtension(e.ctx, e.lead, tk.ID, x.ID, true, "Đồng ý"))
		if tk.Due != day(2020, time.June, 30) || tk.Status != task.InProgress {
			t.Errorf("after approval: due %s, status %s; want 30/06, in progress", tk.Due, tk.Status)
		}
		_, err = e.svc.DecideExtension(e.ctx, e.spec, tk.ID, x.ID, false, "")
		wantKind(t, "decide twice", err, apperr.KindConflict)

		// A refusal keeps the deadline; the clock then passes it.
		y := ok[task.Extension](t, "second request")(e.svc.RequestExtension(e.ctx, rep, tk.ID, day(2020, time.July, 31), "Thêm thời gian"))
		tk = ok[task.Task](t, "refuse")(e.svc.DecideExtension(e.ctx, e.spec, tk.ID, y.ID, false, "Không có lý do chính đáng"))
		if tk.Due != day(2020, time.June, 30) || tk.Status != task.InProgress {
			t.Errorf("after refusal: due %s, status %s", tk.Due, tk.Status)
		}
		e.clk.Set(ict(2020, time.July, 1, 8))
		got := e.find(tk.ID)
		if got.Status != task.Overdue {
			t.Errorf("1 July, due 30 June: %s", got.Status)
		}
		if len(got.Extensions) != 2 || got.Extensions[0].Status != "approved" || got.Extensions[1].Status != "refused" ||
			got.Extensions[1].DecidedBy != "chuyenvien" || got.Extensions[1].DecisionNote != "Không có lý do chính đáng" || got.Extensions[1].DecidedAt == nil {
			t.Errorf("extensions %+v", got.Extensions)
		}
		var moved bool
		for _, ev := range got.Events {
			moved = moved || (ev.Kind == "extension_approved" && ev.DueFrom == day(2020, time.June, 10) && ev.DueTo == day(2020, time.June, 30))
		}
		if !moved {
			t.Errorf("no event records the deadline moving 10/06 → 30/06: %+v", got.Events)
		}
	})
}

// TestConcurrentDecisions: two Board members answer the same request at
// once; one decision applies, the other is told it came too late.
func TestConcurrentDecisions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		tk := e.create("Tổng kết năm học", day(2020, time.June, 20))
		x := ok[task.Extension](t, "request")(e.svc.RequestExtension(e.ctx, e.reporter(e.sa), tk.ID, day(2020, time.July, 20), "Lùi lịch thi"))
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, approve := range []bool{true, false} {
			wg.Go(func() {
				_, errs[i] = e.svc.DecideExtension(context.Background(), e.spec, tk.ID, x.ID, approve, "")
			})
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("both or neither decision applied: %v / %v", errs[0], errs[1])
		}
		for _, err := range errs {
			if err != nil && !apperr.Is(err, apperr.KindConflict) {
				t.Errorf("the late decision: %v, want a conflict", err)
			}
		}
		got := e.find(tk.ID)
		if approved := got.Extensions[0].Status == "approved"; approved != (got.Due == day(2020, time.July, 20)) {
			t.Errorf("extension %s but due %s", got.Extensions[0].Status, got.Due)
		}
	})
}

// TestProgressVersionConflict: a stale version is refused with the current
// task (and its status) in the error; nothing is written.
func TestProgressVersionConflict(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		rep, lead := e.reporter(e.sa), e.leader(e.sa)
		tk := e.create("Hội thi giáo viên giỏi", day(2020, time.June, 25))
		_, err := e.svc.Progress(e.ctx, rep, tk.ID, tk.Version, 101, "")
		wantField(t, "101 %", err, "percent")
		first := ok[task.Task](t, "progress")(e.svc.Progress(e.ctx, rep, tk.ID, tk.Version, 40, "Đã có kế hoạch"))
		_, err = e.svc.Progress(e.ctx, lead, tk.ID, tk.Version, 60, "Theo số liệu cũ")
		wantKind(t, "stale progress", err, apperr.KindConflict)
		ae, _ := apperr.As(err)
		cur, okCur := ae.Detail.(map[string]any)["current"].(task.Task)
		if !okCur || cur.Version != first.Version || cur.Progress != 40 || cur.Status != task.InProgress {
			t.Errorf("conflict carries %+v, want version %d at 40 %% in progress", ae.Detail, first.Version)
		}
		_, err = e.svc.Complete(e.ctx, lead, tk.ID, tk.Version, day(2020, time.June, 15), "Xong")
		wantKind(t, "stale completion", err, apperr.KindConflict)
		if got := e.find(tk.ID); got.Progress != 40 || got.Version != first.Version || len(got.Events) != 2 {
			t.Errorf("a refused update wrote: %+v", got)
		}
	})
}

// TestAuditTrail: every change is in the audit log, with before and after.
func TestAuditTrail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		rep := e.reporter(e.sa)
		tk := e.create("Tập huấn chuyển đổi số", day(2020, time.June, 30))
		tk = ok[task.Task](t, "progress")(e.svc.Progress(e.ctx, rep, tk.ID, tk.Version, 20, "Bắt đầu"))
		x := ok[task.Extension](t, "request")(e.svc.RequestExtension(e.ctx, rep, tk.ID, day(2020, time.July, 10), "Chờ giảng viên"))
		tk = ok[task.Task](t, "approve")(e.svc.DecideExtension(e.ctx, e.lead, tk.ID, x.ID, true, ""))
		tk = ok[task.Task](t, "complete")(e.svc.Complete(e.ctx, rep, tk.ID, tk.Version, day(2020, time.June, 15), "Đã tập huấn 120 người"))
		tk = ok[task.Task](t, "reject")(e.svc.Reject(e.ctx, e.spec, tk.ID, tk.Version, "Thiếu danh sách"))
		tk = ok[task.Task](t, "complete")(e.svc.Complete(e.ctx, rep, tk.ID, tk.Version, day(2020, time.June, 15), "Kèm danh sách"))
		ok[task.Task](t, "confirm")(e.svc.Confirm(e.ctx, e.spec, tk.ID, tk.Version))

		l := ok[org.AuditList](t, "audit")(e.org.ListAudit(e.ctx, org.SystemActor("test"), org.AuditFilter{Entity: "task", Limit: 100}))
		var actions []string
		for i := len(l.Items) - 1; i >= 0; i-- { // oldest first
			actions = append(actions, l.Items[i].Action)
		}
		want := []string{"create", "task_progress", "task_extension_request", "task_extension_approved", "task_complete", "task_reject", "task_complete", "task_confirm"}
		if len(actions) != len(want) {
			t.Fatalf("audit actions %v, want %v", actions, want)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Fatalf("audit actions %v, want %v", actions, want)
			}
		}
		approval := l.Items[len(l.Items)-4]
		var before, after task.Task
		if err := json.Unmarshal(approval.Before, &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(approval.After, &after); err != nil {
			t.Fatal(err)
		}
		if before.Due != day(2020, time.June, 30) || after.Due != day(2020, time.July, 10) || approval.Actor != "lanhdao" {
			t.Errorf("approval audited as %s: due %s → %s", approval.Actor, before.Due, after.Due)
		}
	})
}
