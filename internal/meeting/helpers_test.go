package meeting_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
)

// ict is a moment in Asia/Ho_Chi_Minh.
func ict(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, vntext.Location)
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// env is one test's services over a fresh database with the Board, three
// Bloc agencies, and users: a specialist, a leader, a reporter of Sở A.
type env struct {
	t          *testing.T
	ctx        context.Context
	db         *sqldb.DB
	org        *org.Service
	tasks      *task.Service
	svc        *meeting.Service
	clk        *clock
	board      org.Unit
	sa, sb, sc org.Unit
	spec, lead org.Actor
	repA       org.Actor // reporter of Sở A
	repB       org.Actor // reporter of Sở B
}

func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	clk := &clock{t: ict(2020, time.June, 20, 9, 0)}
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
	o := org.NewService(db, org.Options{Now: clk.Now, Hasher: hasher})
	cal := calendar.NewService(db, calendar.Options{Now: clk.Now})
	tasks := task.NewService(db, cal, clk.Now)
	e := &env{t: t, ctx: context.Background(), db: db, org: o, tasks: tasks, clk: clk,
		svc: meeting.NewService(db, o, tasks, clk.Now)}
	sys := org.SystemActor("test")
	if err := o.SetSettings(e.ctx, sys, map[string]string{org.SettingBoardSymbol: "BTGTU", org.SettingBoardName: "BAN TUYÊN GIÁO",
		org.SettingSuperiorName: "TỈNH ỦY QUẢNG TRỊ", org.SettingProvinceName: "Quảng Trị"}); err != nil {
		t.Fatal(err)
	}
	e.board = e.unit("BTG", "Ban Tuyên giáo Tỉnh ủy", org.KindBoard)
	e.sa = e.unit("SA", "Sở A", org.KindBlocMember)
	e.sb = e.unit("SB", "Sở B", org.KindBlocMember)
	e.sc = e.unit("SC", "Sở C", org.KindBlocMember)
	e.spec = e.user("chuyenvien", e.board, org.RoleBoardSpecialist)
	e.lead = e.user("lanhdao", e.board, org.RoleBoardLeader)
	e.repA = e.user("sa.baocao", e.sa, org.RoleUnitReporter)
	e.repB = e.user("sb.baocao", e.sb, org.RoleUnitReporter)
	t.Cleanup(func() {
		v, err := o.VerifyAudit(context.Background())
		if err != nil || !v.OK || v.Entries == 0 {
			t.Errorf("audit chain after the test: %+v, %v", v, err)
		}
	})
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
	return org.ActorFor(&u, "127.0.0.1")
}

// conference creates a six-month conference at start inviting units.
func (e *env) conference(title string, start time.Time, units ...org.Unit) meeting.Meeting {
	e.t.Helper()
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	m, err := e.svc.Create(e.ctx, e.spec, meeting.Meeting{Kind: meeting.SixMonth, Title: title, StartsAt: start,
		EndsAt: start.Add(3 * time.Hour), Place: "Hội trường Tỉnh ủy", ChairName: "Lê Văn Tuấn", UnitIDs: ids})
	if err != nil {
		e.t.Fatalf("conference %q: %v", title, err)
	}
	return m
}

// draft saves a conclusion with items and returns it.
func (e *env) draft(m meeting.Meeting, items ...meeting.Item) meeting.Conclusion {
	e.t.Helper()
	c, err := e.svc.Conclusion(e.ctx, e.spec, m.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	c.Items = items
	c, err = e.svc.SaveConclusion(e.ctx, e.spec, m.ID, c)
	if err != nil {
		e.t.Fatalf("draft of %q: %v", m.Title, err)
	}
	return c
}

// wantKind fails unless err is an apperr of kind k.
func wantKind(t *testing.T, err error, k apperr.Kind, what string) *apperr.Error {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != k {
		t.Fatalf("%s: err = %v, want kind %d", what, err, k)
	}
	return e
}
