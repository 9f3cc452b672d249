package dashboard_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func ict(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, vntext.Location)
}

// today is the fixture's day: Wednesday 13 January 2021; its week ends on
// Sunday the 17th.
var today = ict(2021, time.January, 13, 9)

type env struct {
	t                 *testing.T
	ctx               context.Context
	clk               *clock
	org               *org.Service
	rep               *reporting.Service
	tasks             *task.Service
	press             *press.Service
	notice            *notice.Service
	train             *training.Service
	dash              *dashboard.Service
	board             org.Unit
	sgddt, syt, mt    org.Unit
	leader, spec      org.Actor
	repGD, repYT, mtR org.Actor
}

func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	clk := &clock{t: today}
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
	o := org.NewService(db, org.Options{Now: clk.Now, Hasher: hasher})
	cal := calendar.NewService(db, calendar.Options{Now: clk.Now})
	tasks := task.NewService(db, cal, clk.Now)
	e := &env{t: t, ctx: context.Background(), clk: clk, org: o, tasks: tasks,
		rep: reporting.NewService(db, o, cal, clk.Now).WithTasks(tasks), press: press.NewService(db, cal, clk.Now),
		notice: notice.NewService(db, o, cal, clk.Now)}
	e.train = training.NewService(db, clk.Now)
	e.dash = dashboard.New(dashboard.Deps{Org: o, Calendar: cal, Reporting: e.rep, Task: tasks, Press: e.press, Notice: e.notice,
		Training: e.train, Now: clk.Now})
	if err := o.SetSettings(e.ctx, org.SystemActor("test"), map[string]string{org.SettingBoardSymbol: "BTGTU"}); err != nil {
		t.Fatal(err)
	}
	e.board = e.unit("BTG", "Ban Tuyên giáo", org.KindBoard)
	e.sgddt = e.unit("SGDDT", "Sở Giáo dục và Đào tạo", org.KindBlocMember)
	e.syt = e.unit("SYT", "Sở Y tế", org.KindBlocMember)
	e.mt = e.unit("STNMT", "Sở Tài nguyên và Môi trường", org.KindBlocMember)
	e.leader = e.user("lanhdao", e.board, org.RoleBoardLeader)
	e.spec = e.user("chuyenvien", e.board, org.RoleBoardSpecialist)
	e.repGD = e.user("sgddt.baocao", e.sgddt, org.RoleUnitReporter)
	e.repYT = e.user("syt.baocao", e.syt, org.RoleUnitReporter)
	e.mtR = e.user("stnmt.baocao", e.mt, org.RoleUnitReporter)
	return e
}

func (e *env) unit(code, name string, kind org.UnitKind) org.Unit {
	e.t.Helper()
	u, err := e.org.CreateUnit(e.ctx, org.SystemActor("test"), org.Unit{Code: code, Name: name, Kind: kind, Bloc: kind == org.KindBlocMember})
	if err != nil {
		e.t.Fatalf("unit %s: %v", code, err)
	}
	return u
}

func (e *env) user(name string, unit org.Unit, role org.Role) org.Actor {
	e.t.Helper()
	u, err := e.org.CreateUser(e.ctx, org.SystemActor("test"), org.User{Username: name, FullName: "Người " + name,
		UnitID: unit.ID, Roles: []org.Role{role}}, "mat-khau-thu-nghiem")
	if err != nil {
		e.t.Fatalf("user %s: %v", name, err)
	}
	return org.ActorFor(&u, "")
}

// must returns v, or stops the test with a panic on err: for setting up
// fixtures and reading results, where any error is a failure.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("dashboard test: %v", err))
	}
	return v
}

// fixture lays out one state of everything the dashboards count, as of
// 13/01/2021 (see the expectations in dashboard_test.go).
func (e *env) fixture() (regime reporting.Regime) {
	// A monthly regime of the Bloc, due five working days after the 14th:
	// its current period on the 13th is 2020-12 (due 21/12/2020).
	regime = must(e.rep.CreateRegime(e.ctx, e.spec, reporting.Regime{Code: "THANG", Name: "Báo cáo tháng", Frequency: calendar.Monthly,
		Cutoff: calendar.Window15, Deadline: calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5}, ReceiverUnitID: e.board.ID,
		ReporterBloc: true, LockDays: 60, Template: reporting.Template{Sections: []reporting.Section{{Key: "summary", Title: "Tóm tắt"}},
			Indicators: []reporting.Indicator{{Code: "n", Name: "Số buổi", Type: reporting.TypeInteger, Agg: reporting.AggSum}}}}))
	send := func(a org.Actor, u org.Unit, at time.Time) {
		e.clk.Set(at)
		_ = must(e.rep.SaveDraft(e.ctx, a, regime.ID, "2020-12", u.ID, reporting.Draft{Sections: map[string]string{"summary": "Đã làm."},
			Values: map[string]reporting.Value{"n": reporting.Number(3)}}))
		_ = must(e.rep.Submit(e.ctx, a, regime.ID, "2020-12", u.ID))
	}
	send(e.repGD, e.sgddt, ict(2020, 12, 18, 9)) // on time
	send(e.repYT, e.syt, ict(2020, 12, 28, 9))   // late; STNMT sends nothing
	e.clk.Set(ict(2021, 1, 4, 9))
	_ = must(e.rep.Accept(e.ctx, e.spec, regime.ID, "2020-12", e.sgddt.ID))

	// Tasks, as of the 13th: SGDDT overdue (key) and due on the 15th;
	// SYT overdue (key) and one without deadline (key); STNMT done and
	// waiting for confirmation, supported by SGDDT.
	e.clk.Set(today)
	mk := func(title string, lead org.Unit, due civil.Date, key bool, support ...int64) task.Task {
		return must(e.tasks.Create(e.ctx, e.spec, task.New{Title: title, LeadUnitID: lead.ID, Due: due, Key: key, SupportUnitIDs: support}))
	}
	mk("Bồi dưỡng cán bộ khoa giáo", e.sgddt, civil.D(2021, 1, 5), true)
	mk("Tổng kết năm học", e.sgddt, civil.D(2021, 1, 15), false)
	mk("Phòng, chống dịch", e.syt, civil.D(2021, 1, 8), true)
	mk("Theo dõi dịch bệnh", e.syt, civil.Date{}, true)
	done := mk("Kế hoạch bảo vệ môi trường", e.mt, civil.D(2021, 2, 1), false, e.sgddt.ID)
	_ = must(e.tasks.Complete(e.ctx, e.mtR, done.ID, done.Version, civil.D(2021, 1, 12), "Đã xong."))

	// Press cases: one assigned to SGDDT on 4/1 (due 11/1, late on the
	// 13th), one on 8/1 (due 15/1, this week), one to SYT answered.
	pc := func(n int, title string, f press.Field, unit org.Unit, at time.Time) press.Case {
		e.clk.Set(at)
		c := must(e.press.Create(e.ctx, e.spec, press.Case{Outlet: "Báo Tỉnh", URL: "https://baotinh.example/bai-" + string(rune('a'+n)),
			Title: title, Field: f}))
		return must(e.press.Assign(e.ctx, e.spec, c.ID, c.Version, unit.ID, ""))
	}
	pc(0, "Rác thải ở chợ", press.Environment, e.sgddt, ict(2021, 1, 4, 9))
	pc(1, "Học phí tăng", press.Education, e.sgddt, ict(2021, 1, 8, 9))
	ans := pc(2, "Bệnh viện quá tải", press.Health, e.syt, ict(2021, 1, 11, 9))
	_ = must(e.press.Answer(e.ctx, e.repYT, ans.ID, ans.Version, "Đã tăng cường bác sĩ."))

	// A directive to the three units, read by SYT only.
	e.clk.Set(ict(2021, 1, 11, 9))
	d := must(e.notice.Create(e.ctx, e.spec, notice.Directive{TypeCode: "CV", Title: "Về tuyên truyền phòng dịch",
		UnitIDs: []int64{e.sgddt.ID, e.syt.ID, e.mt.ID}}))
	_ = must(e.notice.Issue(e.ctx, e.spec, d.ID, d.Version))
	_ = must(e.notice.MarkRead(e.ctx, e.repYT, d.ID))
	e.clk.Set(today)
	return regime
}
