package org_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// t0 is the fixed start of every test clock (09:00 in Hà Nội).
var t0 = time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)

// password is the initial password of every seeded user.
const password = "Mat-khau-an-toan-2026"

// clock is a settable test clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is one test's service over a fresh database, with a Board unit and an
// administrator already seeded.
type env struct {
	t     *testing.T
	ctx   context.Context
	db    *sqldb.DB
	svc   *org.Service
	clk   *clock
	sys   org.Actor
	board org.Unit
	admin org.Actor
}

func cheapHasher() *org.Hasher {
	return org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
}

func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	clk := &clock{t: t0}
	e := &env{t: t, ctx: context.Background(), db: db, clk: clk, sys: org.SystemActor("test"),
		svc: org.NewService(db, org.Options{Now: clk.Now, Hasher: cheapHasher(), TokenTTL: 24 * time.Hour})}
	e.board = e.unit("BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy", org.KindBoard, nil)
	e.admin = e.actor(e.user("quantri", e.board.ID, org.RoleAdmin))
	return e
}

// unit creates a unit as the system, failing the test on error.
func (e *env) unit(code, name string, kind org.UnitKind, parent *int64) org.Unit {
	e.t.Helper()
	u, err := e.svc.CreateUnit(e.ctx, e.sys, org.Unit{Code: code, Name: name, Kind: kind, ParentID: parent})
	if err != nil {
		e.t.Fatalf("create unit %s: %v", code, err)
	}
	return u
}

// user creates a user with the shared password, failing the test on error.
func (e *env) user(username string, unitID int64, roles ...org.Role) org.User {
	e.t.Helper()
	u, err := e.svc.CreateUser(e.ctx, e.sys, org.User{Username: username, FullName: "Người dùng " + username,
		UnitID: unitID, Roles: roles}, password)
	if err != nil {
		e.t.Fatalf("create user %s: %v", username, err)
	}
	return u
}

func (e *env) actor(u org.User) org.Actor { return org.ActorFor(&u, "10.0.0.1") }

// count returns the number of rows in table.
func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	if err := e.db.QueryRow(e.ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		e.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// audit returns the audit entries about one entity, newest first.
func (e *env) audit(entity string, id int64) []org.AuditEntry {
	e.t.Helper()
	l, err := e.svc.ListAudit(e.ctx, e.sys, org.AuditFilter{Entity: entity, EntityID: strconv.FormatInt(id, 10), Limit: 500})
	if err != nil {
		e.t.Fatalf("list audit: %v", err)
	}
	return l.Items
}

// actions lists the actions of entries, oldest first.
func actions(entries []org.AuditEntry) []string {
	out := make([]string, len(entries))
	for i, x := range entries {
		out[len(entries)-1-i] = x.Action
	}
	return out
}

// wantKind fails unless err is an apperr of kind k.
func wantKind(t *testing.T, err error, k apperr.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want kind %d", k)
	}
	if got := apperr.KindOf(err); got != k {
		t.Fatalf("got kind %d (%v), want %d", got, err, k)
	}
}

// wantField fails unless err is KindInvalid with a message for field.
func wantField(t *testing.T, err error, field string) *apperr.Error {
	t.Helper()
	wantKind(t, err, apperr.KindInvalid)
	ae, _ := apperr.As(err)
	if ae.Fields[field] == "" {
		t.Fatalf("error %v has no message for field %q", err, field)
	}
	return ae
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }
