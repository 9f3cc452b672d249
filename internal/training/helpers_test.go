package training

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

var (
	pdfFile  = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	htmlFile = []byte("<!doctype html><html><script>alert(1)</script></html>")
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

type env struct {
	t            *testing.T
	ctx          context.Context
	db           *sqldb.DB
	org          *org.Service
	svc          *Service
	clk          *clock
	board        org.Unit
	sgd, syt     org.Unit
	spec, leader org.Actor
	repGD, repYT org.Actor
	viewGD       org.Actor
}

// newEnv builds the Board and two Bloc units, a Board specialist and
// leader, a reporter of each unit and a viewer of SGD; the clock stands on
// Monday 6 July 2020. The audit chain is verified when the test ends.
func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	clk := &clock{t: time.Date(2020, time.July, 6, 9, 0, 0, 0, vntext.Location)}
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
	o := org.NewService(db, org.Options{Now: clk.Now, Hasher: hasher})
	e := &env{t: t, ctx: context.Background(), db: db, org: o, svc: NewService(db, clk.Now), clk: clk}
	e.board = e.unit("BTG", "Ban Tuyên giáo", org.KindBoard)
	e.sgd = e.unit("SGDDT", "Sở Giáo dục và Đào tạo", org.KindBlocMember)
	e.syt = e.unit("SYT", "Sở Y tế", org.KindBlocMember)
	e.spec = e.user("chuyenvien", e.board, org.RoleBoardSpecialist)
	e.leader = e.user("lanhdao", e.board, org.RoleBoardLeader)
	e.repGD = e.user("sgddt.baocao", e.sgd, org.RoleUnitReporter)
	e.repYT = e.user("syt.baocao", e.syt, org.RoleUnitReporter)
	e.viewGD = e.user("sgddt.xem", e.sgd, org.RoleViewer)
	t.Cleanup(func() {
		v, err := o.VerifyAudit(context.Background())
		if err != nil || !v.OK {
			t.Errorf("audit chain: %+v, %v", v, err)
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

// staff registers a staff member through the Board specialist.
func (e *env) staff(name string, unit org.Unit) Staff {
	e.t.Helper()
	s, err := e.svc.CreateStaff(e.ctx, e.spec, Staff{UnitID: unit.ID, FullName: name, Position: "Chuyên viên",
		PoliticalLevel: LevelMiddle, BirthDate: civil.D(1985, 3, 12)})
	if err != nil {
		e.t.Fatalf("staff %s: %v", name, err)
	}
	return s
}

// course records a course ending on ends, with the given staff attending.
func (e *env) course(title string, starts, ends civil.Date, attended ...Staff) Course {
	e.t.Helper()
	c, err := e.svc.CreateCourse(e.ctx, e.spec, Course{Title: title, Organiser: "Ban Tuyên giáo Tỉnh ủy", Kind: KindTraining,
		StartsOn: starts, EndsOn: ends, Place: "Hội trường Tỉnh ủy"})
	if err != nil {
		e.t.Fatalf("course %s: %v", title, err)
	}
	if len(attended) == 0 {
		return c
	}
	var rows []Participant
	for _, s := range attended {
		rows = append(rows, Participant{StaffID: s.ID, Attendance: Attended, Result: "Hoàn thành"})
	}
	if c, err = e.svc.SetParticipants(e.ctx, e.spec, c.ID, c.Version, rows); err != nil {
		e.t.Fatalf("participants of %s: %v", title, err)
	}
	return c
}

func wantKind(t *testing.T, err error, k apperr.Kind, what string) {
	t.Helper()
	if e, ok := apperr.As(err); !ok || e.Kind != k {
		t.Fatalf("%s: err = %v, want kind %d", what, err, k)
	}
}

func wantField(t *testing.T, err error, field, what string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid || e.Fields[field] == "" {
		t.Fatalf("%s: err = %v, want a message on %q", what, err, field)
	}
}
