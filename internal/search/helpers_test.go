package search_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
)

func ict(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, vntext.Location)
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// env is one test's modules and search over a fresh database: the Board,
// two Bloc agencies A and B, a specialist and each agency's reporter.
type env struct {
	t          *testing.T
	ctx        context.Context
	db         *sqldb.DB
	org        *org.Service
	rep        *reporting.Service
	tasks      *task.Service
	meet       *meeting.Service
	press      *press.Service
	notice     *notice.Service
	train      *training.Service
	svc        *search.Service
	board      org.Unit
	sa, sb     org.Unit
	spec       org.Actor
	repA, repB org.Actor
}

func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	clk := &clock{t: ict(2020, time.June, 15, 9)}
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
	o := org.NewService(db, org.Options{Now: clk.Now, Hasher: hasher})
	cal := calendar.NewService(db, calendar.Options{Now: clk.Now})
	tasks := task.NewService(db, cal, clk.Now)
	e := &env{t: t, ctx: context.Background(), db: db, org: o, tasks: tasks,
		rep: reporting.NewService(db, o, cal, clk.Now).WithTasks(tasks), meet: meeting.NewService(db, o, tasks, clk.Now),
		press: press.NewService(db, cal, clk.Now), notice: notice.NewService(db, o, cal, clk.Now),
		train: training.NewService(db, clk.Now), svc: search.NewService(db)}
	if err := o.SetSettings(e.ctx, org.SystemActor("test"), map[string]string{org.SettingBoardSymbol: "BTGTU",
		org.SettingBoardName: "BAN TUYÊN GIÁO", org.SettingSuperiorName: "TỈNH ỦY QUẢNG TRỊ", org.SettingProvinceName: "Quảng Trị"}); err != nil {
		t.Fatal(err)
	}
	e.board = e.unit("BTG", "Ban Tuyên giáo Tỉnh ủy", org.KindBoard)
	e.sa = e.unit("SGDDT", "Sở Giáo dục và Đào tạo", org.KindBlocMember)
	e.sb = e.unit("STNMT", "Sở Tài nguyên và Môi trường", org.KindBlocMember)
	e.spec = e.user("chuyenvien", "Trần Thị Hoà", e.board, org.RoleBoardSpecialist)
	e.repA = e.user("sgddt.baocao", "Nguyễn Văn An", e.sa, org.RoleUnitReporter)
	e.repB = e.user("stnmt.baocao", "Lê Thị Bình", e.sb, org.RoleUnitReporter)
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

func (e *env) user(name, full string, unit org.Unit, role org.Role) org.Actor {
	e.t.Helper()
	u, err := e.org.CreateUser(e.ctx, org.SystemActor("test"), org.User{Username: name, FullName: full, UnitID: unit.ID,
		Roles: []org.Role{role}}, "mat-khau-thu-nghiem")
	if err != nil {
		e.t.Fatalf("user %s: %v", name, err)
	}
	return org.ActorFor(&u, "127.0.0.1")
}

// find searches as a, failing the test on error.
func (e *env) find(a org.Actor, q search.Query) search.Result {
	e.t.Helper()
	res, err := e.svc.Search(e.ctx, a, q)
	if err != nil {
		e.t.Fatalf("search %+v as %s: %v", q, a.Username, err)
	}
	return res
}

// has reports whether a search for words as a finds the item.
func (e *env) has(a org.Actor, words string, k search.Kind, id int64) bool {
	e.t.Helper()
	res := e.find(a, search.Query{Q: words, Kind: k, Limit: 100})
	return slices.ContainsFunc(res.Items, func(h search.Hit) bool { return h.ID == id })
}

// regime creates a half-year regime of the Bloc with one narrative section.
func (e *env) regime(code, name string) reporting.Regime {
	e.t.Helper()
	r, err := e.rep.CreateRegime(e.ctx, e.spec, reporting.Regime{Code: code, Name: name, Frequency: calendar.FirstHalf,
		Cutoff: calendar.Window15, Deadline: calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5},
		ReceiverUnitID: e.board.ID, ReporterBloc: true, LockDays: 30,
		Template: reporting.Template{Sections: []reporting.Section{{Key: "results", Title: "Kết quả đạt được"}}}})
	if err != nil {
		e.t.Fatalf("regime %s: %v", code, err)
	}
	return r
}

// draft saves a unit's report text as its reporter.
func (e *env) draft(a org.Actor, r reporting.Regime, u org.Unit, text string) reporting.Report {
	e.t.Helper()
	cur, _, err := e.rep.Report(e.ctx, a, r.ID, "2020-H1", u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	rep, err := e.rep.SaveDraft(e.ctx, a, r.ID, "2020-H1", u.ID, reporting.Draft{Version: cur.Version,
		Sections: map[string]string{"results": text}})
	if err != nil {
		e.t.Fatalf("save report: %v", err)
	}
	return rep
}

// directive creates a directive to units, issued when asked.
func (e *env) directive(title, body string, issue bool, units ...org.Unit) notice.Directive {
	e.t.Helper()
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	d, err := e.notice.Create(e.ctx, e.spec, notice.Directive{TypeCode: "CV", Title: title, Body: body, UnitIDs: ids})
	if err == nil && issue {
		d, err = e.notice.Issue(e.ctx, e.spec, d.ID, d.Version)
	}
	if err != nil {
		e.t.Fatalf("directive %q: %v", title, err)
	}
	return d
}
