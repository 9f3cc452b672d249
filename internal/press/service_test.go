package press

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
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

type env struct {
	t            *testing.T
	ctx          context.Context
	db           *sqldb.DB
	org          *org.Service
	tasks        *task.Service
	svc          *Service
	clk          *clock
	board        org.Unit
	stnmt, syt   org.Unit
	spec         org.Actor
	repMT, repYT org.Actor
}

func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	clk := &clock{t: ict(2020, time.July, 6, 9)} // a Monday
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
	o := org.NewService(db, org.Options{Now: clk.Now, Hasher: hasher})
	cal := calendar.NewService(db, calendar.Options{Now: clk.Now})
	e := &env{t: t, ctx: context.Background(), db: db, org: o, tasks: task.NewService(db, cal, clk.Now), clk: clk,
		svc: NewService(db, cal, clk.Now)}
	e.board = e.unit("BTG", org.KindBoard)
	e.stnmt = e.unit("STNMT", org.KindBlocMember)
	e.syt = e.unit("SYT", org.KindBlocMember)
	e.spec = e.user("chuyenvien", e.board, org.RoleBoardSpecialist)
	e.repMT = e.user("stnmt.baocao", e.stnmt, org.RoleUnitReporter)
	e.repYT = e.user("syt.baocao", e.syt, org.RoleUnitReporter)
	t.Cleanup(func() {
		v, err := o.VerifyAudit(context.Background())
		if err != nil || !v.OK {
			t.Errorf("audit chain: %+v, %v", v, err)
		}
	})
	return e
}

func (e *env) unit(code string, kind org.UnitKind) org.Unit {
	e.t.Helper()
	u, err := e.org.CreateUnit(e.ctx, org.SystemActor("test"), org.Unit{Code: code, Name: "Đơn vị " + code, Kind: kind, Bloc: kind == org.KindBlocMember})
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
	return org.ActorFor(&u, "127.0.0.1")
}

func (e *env) newCase(url string) Case {
	e.t.Helper()
	c, err := e.svc.Create(e.ctx, e.spec, Case{Outlet: "Báo Tài nguyên và Môi trường", URL: url,
		Title: "Mùi hôi từ khu xử lý rác", Field: Environment, LocalityCode: "XA1"})
	if err != nil {
		e.t.Fatalf("case %s: %v", url, err)
	}
	return c
}

func wantKind(t *testing.T, err error, k apperr.Kind, what string) {
	t.Helper()
	if e, ok := apperr.As(err); !ok || e.Kind != k {
		t.Fatalf("%s: err = %v, want kind %d", what, err, k)
	}
}

func TestCanonical(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://BaoMoi.VN/a/b/?utm_source=fb&id=2#top", "https://baomoi.vn/a/b?id=2"},
		{"HTTP://example.com/", "http://example.com"},
		{"https://example.com/x?b=2&a=1&UTM_medium=z", "https://example.com/x?a=1&b=2"},
	} {
		if got, err := Canonical(tc.in); err != nil || got != tc.want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "ftp://x/y", "example.com/a"} {
		if _, err := Canonical(bad); err == nil {
			t.Errorf("Canonical(%q) accepted", bad)
		}
	}
}

func TestRoutingSpecificity(t *testing.T) {
	r := Routing{Rules: []Rule{{UnitID: 1}, {Field: Environment, UnitID: 2}, {Field: Environment, LocalityCode: "XA1", UnitID: 3}, {Field: Health, UnitID: 4}}}
	for _, tc := range []struct {
		f    Field
		loc  string
		want int64
	}{{Environment, "XA1", 3}, {Environment, "xa1", 3}, {Environment, "XA2", 2}, {Health, "XA1", 4}, {Labour, "", 1}} {
		if got, _ := r.Pick(tc.f, tc.loc); got != tc.want {
			t.Errorf("Pick(%s, %s) = %d, want %d", tc.f, tc.loc, got, tc.want)
		}
	}
	if _, ok := (Routing{}).Pick(Health, ""); ok {
		t.Error("an empty table picked a unit")
	}
}

func TestPressCaseFlow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		if _, err := e.svc.SetRouting(e.ctx, e.spec, Routing{Rules: []Rule{{UnitID: e.syt.ID}, {Field: Environment, UnitID: e.stnmt.ID}},
			Days: map[Field]int{Environment: 5}}); err != nil {
			t.Fatal(err)
		}
		_, err := e.svc.Create(e.ctx, e.repMT, Case{Outlet: "Báo", URL: "https://a.vn/x", Title: "T", Field: Environment})
		wantKind(t, err, apperr.KindForbidden, "unit registers")
		c := e.newCase("https://baotnmt.vn/mui-hoi/?utm_source=zalo")
		_, err = e.svc.Create(e.ctx, e.spec, Case{Outlet: "Báo khác", URL: "https://BAOTNMT.vn/mui-hoi#p2", Title: "Bài lặp", Field: Environment})
		if ae, ok := apperr.As(err); !ok || ae.Kind != apperr.KindInvalid || ae.Fields["url"] == "" {
			t.Fatalf("duplicate article: %v", err)
		}
		// Assign by routing: 5 working days after Monday 6 July is Monday 13 July.
		c, err = e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		if c.LeadUnitID != e.stnmt.ID || c.Due != civil.D(2020, 7, 13) || c.TaskID == 0 || c.Status != Assigned {
			t.Fatalf("assigned: %+v", c)
		}
		l, err := e.tasks.List(e.ctx, org.SystemActor("t"), task.Filter{Limit: 100})
		if err != nil || l.Total != 1 || l.Items[0].Origin != task.FromPressCase || l.Items[0].OriginID != c.ID || l.Items[0].LeadUnitID != e.stnmt.ID {
			t.Fatalf("tasks after assign: %+v, %v", l, err)
		}
		// Units see only their cases; another unit cannot answer.
		if _, n, _ := e.svc.List(e.ctx, e.repYT, Filter{}); n != 0 {
			t.Errorf("SYT sees %d cases", n)
		}
		if _, n, _ := e.svc.List(e.ctx, e.repMT, Filter{}); n != 1 {
			t.Errorf("STNMT sees %d cases", n)
		}
		_, err = e.svc.Find(e.ctx, e.repYT, c.ID)
		wantKind(t, err, apperr.KindForbidden, "SYT reads")
		_, err = e.svc.Answer(e.ctx, e.repYT, c.ID, c.Version, "Trả lời")
		wantKind(t, err, apperr.KindForbidden, "SYT answers")
		_, err = e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version+1, "Trả lời")
		wantKind(t, err, apperr.KindConflict, "stale answer")
		e.clk.Set(ict(2020, time.July, 13, 16))
		c, err = e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version, "Đã kiểm tra, yêu cầu khắc phục.")
		if err != nil || c.Late == nil || *c.Late {
			t.Fatalf("answer on the due day: %+v, %v", c.Late, err)
		}
		c, err = e.svc.Review(e.ctx, e.spec, c.ID, c.Version, false, "Bổ sung số liệu quan trắc.")
		if err != nil || c.Status != Assigned {
			t.Fatalf("send back: %v %v", c.Status, err)
		}
		e.clk.Set(ict(2020, time.July, 14, 9))
		if c, err = e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version, "Bổ sung số liệu."); err != nil || c.Late == nil || !*c.Late {
			t.Fatalf("answer a day late: %+v, %v", c.Late, err)
		}
		if c, err = e.svc.Review(e.ctx, e.spec, c.ID, c.Version, true, "Đạt."); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Close(e.ctx, e.spec, c.ID, c.Version, "")
		wantKind(t, err, apperr.KindInvalid, "close without feedback")
		if c, err = e.svc.Close(e.ctx, e.spec, c.ID, c.Version, "Gửi văn bản trả lời cho Báo TN&MT."); err != nil || c.Status != Closed {
			t.Fatal(c.Status, err)
		}
		st, err := e.svc.Stats(e.ctx, e.spec, civil.D(2020, 1, 1), civil.D(2020, 12, 31), "field")
		if err != nil || len(st) != 1 || st[0].Received != 1 || st[0].Late != 1 {
			t.Errorf("stats: %+v %v", st, err)
		}
		c, err = e.svc.Reopen(e.ctx, e.spec, c.ID, c.Version, "Báo phản ánh lại.")
		if err != nil || c.Round != 2 || c.Status != Assigned || c.LeadUnitID != e.stnmt.ID || c.Answer != "" {
			t.Fatalf("reopen: %+v %v", c, err)
		}
		got, _ := e.svc.Find(e.ctx, e.spec, c.ID)
		kinds := ""
		for _, ev := range got.Events {
			kinds += ev.Kind + " "
		}
		if want := "received assigned answered returned answered accepted closed reopened "; kinds != want {
			t.Errorf("history %q, want %q", kinds, want)
		}
		var n int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'press_case'`).Scan(&n); err != nil || n != 8 {
			t.Errorf("audit entries for the case: %d, %v", n, err)
		}
	})
}

func TestAssignRollsBackWhenTaskFails(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		c := e.newCase("https://a.vn/kenh")
		boom := errors.New("task store down")
		e.svc.createTasks = func(context.Context, *sqldb.Tx, org.Actor, time.Time, []task.New) ([]task.Task, error) {
			return nil, boom
		}
		if _, err := e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, e.stnmt.ID, ""); !errors.Is(err, boom) {
			t.Fatalf("assign: %v", err)
		}
		got, _ := e.svc.Find(e.ctx, e.spec, c.ID)
		if got.Status != Received || got.LeadUnitID != 0 || got.Version != c.Version || len(got.Events) != 1 {
			t.Errorf("after a failed assignment: %+v", got)
		}
		// No routing rule and no unit: refused on the field.
		e.svc.createTasks = task.CreateInTx
		_, err := e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, 0, "")
		wantKind(t, err, apperr.KindInvalid, "assign without a rule")
	})
}
