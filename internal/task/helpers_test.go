package task_test

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
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
)

// ict is a moment in Asia/Ho_Chi_Minh, where "today" is counted.
func ict(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, vntext.Location)
}

// day is a civil date, for short tables.
func day(y int, m time.Month, d int) civil.Date { return civil.D(y, m, d) }

// clock is a settable clock shared by the services of one test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// env is one test's task service over a fresh database: the Board, three
// Bloc agencies, and the people who act on tasks.
type env struct {
	t     *testing.T
	ctx   context.Context
	db    *sqldb.DB
	org   *org.Service
	svc   *task.Service
	clk   *clock
	board org.Unit
	sa    org.Unit // Sở A: usually the lead unit
	sb    org.Unit // Sở B: usually supporting
	sc    org.Unit // Sở C: neither
	spec  org.Actor
	lead  org.Actor
}

// newEnv starts the clock on Monday 15 June 2020, 09:00 in Hà Nội.
func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	clk := &clock{t: ict(2020, time.June, 15, 9)}
	o := org.NewService(db, org.Options{Now: clk.Now})
	cal := calendar.NewService(db, calendar.Options{Now: clk.Now})
	e := &env{t: t, ctx: context.Background(), db: db, org: o, clk: clk, svc: task.NewService(db, cal, clk.Now)}
	e.board = e.unit("BTG", "Ban Tuyên giáo Tỉnh ủy", org.KindBoard)
	e.sa = e.unit("SA", "Sở A", org.KindBlocMember)
	e.sb = e.unit("SB", "Sở B", org.KindBlocMember)
	e.sc = e.unit("SC", "Sở C", org.KindBlocMember)
	e.spec = org.Actor{UserID: 2, Username: "chuyenvien", UnitID: e.board.ID, Roles: []org.Role{org.RoleBoardSpecialist}}
	e.lead = org.Actor{UserID: 3, Username: "lanhdao", UnitID: e.board.ID, Roles: []org.Role{org.RoleBoardLeader}}
	// Every test ends with the audit chain intact (runs before the database closes).
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

// reporter, leader and viewer are people of a unit.
func (e *env) reporter(u org.Unit) org.Actor {
	return org.Actor{UserID: 100 + u.ID, Username: "baocao." + u.Code, UnitID: u.ID, Roles: []org.Role{org.RoleUnitReporter}}
}

func (e *env) leader(u org.Unit) org.Actor {
	return org.Actor{UserID: 200 + u.ID, Username: "lanhdao." + u.Code, UnitID: u.ID, Roles: []org.Role{org.RoleUnitLeader}}
}

func (e *env) viewer(u org.Unit) org.Actor {
	return org.Actor{UserID: 300 + u.ID, Username: "xem." + u.Code, UnitID: u.ID, Roles: []org.Role{org.RoleViewer}}
}

// create makes a task led by SA and supported by SB, due on due (zero: none).
func (e *env) create(title string, due civil.Date) task.Task {
	e.t.Helper()
	tk, err := e.svc.Create(e.ctx, e.spec, task.New{Title: title, LeadUnitID: e.sa.ID, SupportUnitIDs: []int64{e.sb.ID}, Due: due})
	if err != nil {
		e.t.Fatalf("create %q: %v", title, err)
	}
	return tk
}

// find reads a task as the Board.
func (e *env) find(id int64) task.Task {
	e.t.Helper()
	tk, err := e.svc.Find(e.ctx, e.spec, id)
	if err != nil {
		e.t.Fatalf("find %d: %v", id, err)
	}
	return tk
}

// wantKind checks err is an application error of kind k.
func wantKind(t *testing.T, what string, err error, k apperr.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want kind %d", what, k)
	}
	if got := apperr.KindOf(err); got != k {
		t.Fatalf("%s: %v (kind %d), want kind %d", what, err, got, k)
	}
}

// wantField checks err is a validation error naming field.
func wantField(t *testing.T, what string, err error, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid || e.Fields[field] == "" {
		t.Fatalf("%s: %v, want a validation error on %q", what, err, field)
	}
}

// ok fails the test on an error.
func ok[T any](t *testing.T, what string) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			var ae *apperr.Error
			if errors.As(err, &ae) {
				t.Fatalf("%s: %v (fields %v)", what, err, ae.Fields)
			}
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
}
