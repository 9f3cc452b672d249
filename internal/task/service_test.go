package task_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/task"
)

// TestCreateValidates: the Board assigns; fields are checked together; a
// supporting unit named twice counts once.
func TestCreateValidates(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		n := task.New{Title: "  Tổ chức hội nghị  ", LeadUnitID: e.sa.ID, SupportUnitIDs: []int64{e.sb.ID, e.sc.ID, e.sb.ID}, Due: day(2020, time.July, 31), Key: true}
		for _, a := range []org.Actor{e.reporter(e.sa), e.leader(e.sa), e.viewer(e.sa)} {
			_, err := e.svc.Create(e.ctx, a, n)
			wantKind(t, "create as "+a.Username, err, apperr.KindForbidden)
		}
		tk := ok[task.Task](t, "create")(e.svc.Create(e.ctx, e.lead, n))
		if tk.Title != "Tổ chức hội nghị" || len(tk.SupportUnitIDs) != 2 || tk.Status != task.InProgress || !tk.Key || tk.Version != 1 {
			t.Errorf("created %+v", tk)
		}
		if tk.DaysLeft == nil || *tk.DaysLeft != 34 {
			t.Errorf("working days from 15/06 to 31/07/2020 = %v, want 34", tk.DaysLeft)
		}
		_, err := e.svc.Create(e.ctx, e.spec, task.New{Origin: "email"})
		for _, f := range []string{"title", "origin", "lead_unit_id"} {
			wantField(t, "empty task", err, f)
		}
		_, err = e.svc.Create(e.ctx, e.spec, task.New{Title: "X", LeadUnitID: e.sa.ID, SupportUnitIDs: []int64{e.sa.ID}})
		wantField(t, "lead also supports", err, "support_unit_ids")
		_, err = e.svc.Create(e.ctx, e.spec, task.New{Title: "X", LeadUnitID: 999999})
		wantField(t, "unknown lead", err, "lead_unit_id")
		_, err = e.svc.Create(e.ctx, e.spec, task.New{Title: "X", LeadUnitID: e.sa.ID, SupportUnitIDs: []int64{999999}})
		wantField(t, "unknown support", err, "support_unit_ids")
	})
}

// TestTaskPermissions: a unit sees the tasks it leads or supports, only the
// lead unit's people report on it, and the Board alone confirms.
func TestTaskPermissions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		tk := e.create("Tuyên truyền phòng chống dịch", day(2020, time.June, 30))
		other, err := e.svc.Create(e.ctx, e.spec, task.New{Title: "Nhiệm vụ của Sở C", LeadUnitID: e.sc.ID, Due: day(2020, time.June, 30)})
		if err != nil {
			t.Fatal(err)
		}
		outsider, supporter, viewer := e.reporter(e.sc), e.reporter(e.sb), e.viewer(e.sa)

		// Seeing: lead, supporting unit and the Board; not another unit.
		for _, a := range []org.Actor{e.reporter(e.sa), viewer, supporter, e.spec, e.lead} {
			ok[task.Task](t, "find as "+a.Username)(e.svc.Find(e.ctx, a, tk.ID))
		}
		_, err = e.svc.Find(e.ctx, outsider, tk.ID)
		wantKind(t, "outsider reads", err, apperr.KindForbidden)
		l := ok[task.List](t, "list as SB")(e.svc.List(e.ctx, supporter, task.Filter{}))
		if l.Total != 1 || l.Items[0].ID != tk.ID {
			t.Errorf("SB lists %+v, want only the task it supports", l)
		}
		if l := ok[task.List](t, "list as SC")(e.svc.List(e.ctx, outsider, task.Filter{})); l.Total != 1 || l.Items[0].ID != other.ID {
			t.Errorf("SC lists %+v, want only its own task", l)
		}
		if l := ok[task.List](t, "board list")(e.svc.List(e.ctx, e.lead, task.Filter{})); l.Total != 2 {
			t.Errorf("the Board lists %d tasks, want 2", l.Total)
		}
		_, err = e.svc.List(e.ctx, outsider, task.Filter{UnitID: e.sa.ID})
		wantKind(t, "SC lists SA's tasks", err, apperr.KindForbidden)
		if l := ok[task.List](t, "SA as lead only")(e.svc.List(e.ctx, e.spec, task.Filter{UnitID: e.sb.ID, LeadOnly: true})); l.Total != 0 {
			t.Errorf("SB leads %d tasks, want 0", l.Total)
		}

		// Acting: outsiders, supporters, viewers and the Board cannot report.
		for _, a := range []org.Actor{outsider, supporter, viewer, e.spec} {
			_, err := e.svc.Progress(e.ctx, a, tk.ID, tk.Version, 30, "")
			wantKind(t, "progress as "+a.Username, err, apperr.KindForbidden)
			_, err = e.svc.Complete(e.ctx, a, tk.ID, tk.Version, day(2020, time.June, 14), "Xong")
			wantKind(t, "complete as "+a.Username, err, apperr.KindForbidden)
			_, err = e.svc.RequestExtension(e.ctx, a, tk.ID, day(2020, time.July, 15), "Chờ kinh phí")
			wantKind(t, "extension as "+a.Username, err, apperr.KindForbidden)
		}
		tk = ok[task.Task](t, "complete")(e.svc.Complete(e.ctx, e.leader(e.sa), tk.ID, tk.Version, day(2020, time.June, 14), "Báo cáo số 12"))
		for _, a := range []org.Actor{e.reporter(e.sa), e.leader(e.sa), supporter, outsider} {
			_, err := e.svc.Confirm(e.ctx, a, tk.ID, tk.Version)
			wantKind(t, "confirm as "+a.Username, err, apperr.KindForbidden)
			_, err = e.svc.Reject(e.ctx, a, tk.ID, tk.Version, "Chưa đạt")
			wantKind(t, "reject as "+a.Username, err, apperr.KindForbidden)
		}
		if got := e.find(tk.ID); got.Status != task.AwaitingConfirmation || got.Version != tk.Version {
			t.Errorf("refused calls changed the task: %+v", got)
		}
	})
}

// TestCompleteConfirmReject: reported done → awaiting → sent back (open
// again) → reported again → confirmed; each step in the history.
func TestCompleteConfirmReject(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		rep := e.reporter(e.sa)
		tk := e.create("Sơ kết 6 tháng", day(2020, time.June, 12))
		if tk.Status != task.Overdue {
			t.Fatalf("due 12/06, today 15/06: %s", tk.Status)
		}
		_, err := e.svc.Complete(e.ctx, rep, tk.ID, tk.Version, day(2020, time.June, 16), "")
		wantField(t, "done tomorrow", err, "done_on")
		wantField(t, "no evidence", err, "evidence")
		_, err = e.svc.Confirm(e.ctx, e.spec, tk.ID, tk.Version)
		wantKind(t, "confirm an open task", err, apperr.KindConflict)

		tk = ok[task.Task](t, "complete")(e.svc.Complete(e.ctx, rep, tk.ID, tk.Version, day(2020, time.June, 11), "Kế hoạch số 45-KH"))
		if tk.Status != task.AwaitingConfirmation || tk.Progress != 100 || tk.DoneOn != day(2020, time.June, 11) {
			t.Errorf("after complete: %+v", tk)
		}
		_, err = e.svc.Progress(e.ctx, rep, tk.ID, tk.Version, 50, "")
		wantKind(t, "progress while awaiting", err, apperr.KindConflict)
		_, err = e.svc.Reject(e.ctx, e.spec, tk.ID, tk.Version, "  ")
		wantField(t, "reject without reason", err, "reason")

		tk = ok[task.Task](t, "reject")(e.svc.Reject(e.ctx, e.spec, tk.ID, tk.Version, "Thiếu văn bản chứng minh"))
		if tk.Status != task.Overdue || tk.Completion != task.Rejected || !tk.DoneOn.IsZero() {
			t.Errorf("after reject: %+v", tk)
		}
		tk = ok[task.Task](t, "progress after reject")(e.svc.Progress(e.ctx, rep, tk.ID, tk.Version, 90, "Đang bổ sung"))
		tk = ok[task.Task](t, "complete again")(e.svc.Complete(e.ctx, rep, tk.ID, tk.Version, day(2020, time.June, 15), "Kế hoạch số 45-KH và báo cáo"))
		tk = ok[task.Task](t, "confirm")(e.svc.Confirm(e.ctx, e.lead, tk.ID, tk.Version))
		if tk.Status != task.DoneLate || tk.Completion != task.Confirmed {
			t.Errorf("confirmed 15/06 for 12/06: %+v", tk)
		}
		_, err = e.svc.Reject(e.ctx, e.spec, tk.ID, tk.Version, "Muộn")
		wantKind(t, "reject a confirmed task", err, apperr.KindConflict)
		_, err = e.svc.Complete(e.ctx, rep, tk.ID, tk.Version, day(2020, time.June, 15), "Lại")
		wantKind(t, "complete a confirmed task", err, apperr.KindConflict)

		got := e.find(tk.ID)
		var kinds []string
		for _, ev := range got.Events {
			kinds = append(kinds, ev.Kind)
		}
		want := []string{"created", "complete", "reject", "progress", "complete", "confirm"}
		if len(kinds) != len(want) {
			t.Fatalf("history %v, want %v", kinds, want)
		}
		for i := range want {
			if kinds[i] != want[i] {
				t.Errorf("history %v, want %v", kinds, want)
				break
			}
		}
		if ev := got.Events[2]; ev.Note != "Thiếu văn bản chứng minh" || ev.Actor != "chuyenvien" {
			t.Errorf("reject event %+v", ev)
		}
		if ev := got.Events[3]; ev.Percent == nil || *ev.Percent != 90 || ev.Note != "Đang bổ sung" || ev.Actor != rep.Username {
			t.Errorf("progress event %+v", ev)
		}
	})
}

// TestListPaging: pages in deadline order, tasks without one last; a page
// larger than the default is honoured, search folds Vietnamese.
func TestListPaging(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		for i := range 60 {
			due := day(2020, time.July, 1).AddDays(59 - i)
			if i%10 == 0 {
				due = day(0, 0, 0)
			}
			e.create(fmt.Sprintf("Việc số %02d đảm bảo môi trường", i), due)
		}
		all := ok[task.List](t, "list 1000")(e.svc.List(e.ctx, e.spec, task.Filter{Limit: 1000}))
		if all.Total != 60 || len(all.Items) != 60 {
			t.Fatalf("limit 1000: %d of %d", len(all.Items), all.Total)
		}
		for i := 1; i < len(all.Items); i++ {
			a, b := all.Items[i-1], all.Items[i]
			if (a.Due.IsZero() && !b.Due.IsZero()) || (!a.Due.IsZero() && !b.Due.IsZero() && b.Due.Before(a.Due)) {
				t.Fatalf("out of order at %d: %s then %s", i, a.Due, b.Due)
			}
		}
		page := ok[task.List](t, "page")(e.svc.List(e.ctx, e.spec, task.Filter{Limit: 25, Offset: 50}))
		if len(page.Items) != 10 || page.Total != 60 || page.Items[0].ID != all.Items[50].ID {
			t.Errorf("third page: %d items of %d", len(page.Items), page.Total)
		}
		if l := ok[task.List](t, "default")(e.svc.List(e.ctx, e.spec, task.Filter{})); len(l.Items) != 50 {
			t.Errorf("default page of %d", len(l.Items))
		}
		for _, q := range []string{"dam bao moi truong so 07", "ĐẢM BẢO", "môi trường số 1"} {
			if l := ok[task.List](t, q)(e.svc.List(e.ctx, e.spec, task.Filter{Q: q, Limit: 100})); l.Total == 0 {
				t.Errorf("search %q finds nothing", q)
			}
		}
		if l := ok[task.List](t, "like")(e.svc.List(e.ctx, e.spec, task.Filter{Q: "100%", Limit: 100})); l.Total != 0 {
			t.Errorf(`"100%%" matches %d tasks: LIKE wildcards are not escaped`, l.Total)
		}
	})
}
