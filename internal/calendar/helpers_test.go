package calendar

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

var (
	t0      = time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	admin   = org.Actor{UserID: 1, Username: "quantri", Roles: []org.Role{org.RoleAdmin}, IP: "10.0.0.1"}
	nonAdmn = org.Actor{UserID: 2, Username: "chuyenvien", Roles: []org.Role{org.RoleBoardSpecialist, org.RoleBoardLeader}, IP: "10.0.0.2"}
)

type env struct {
	t   *testing.T
	ctx context.Context
	db  *sqldb.DB
	svc *Service
	now time.Time
}

func newEnv(t *testing.T, db *sqldb.DB) *env {
	e := &env{t: t, ctx: context.Background(), db: db, now: t0}
	e.svc = NewService(db, Options{Now: func() time.Time { return e.now }})
	return e
}

func (e *env) calendar() *Calendar {
	e.t.Helper()
	c, err := e.svc.Calendar(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

type auditRow struct {
	Action, EntityID, Actor string
	Before, After           string
}

func (e *env) audits() []auditRow {
	e.t.Helper()
	rows, err := e.db.Query(e.ctx, "SELECT action, entity_id, actor, before_json, after_json FROM audit_log WHERE entity = ? ORDER BY seq", auditEntity)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var a auditRow
		if err := rows.Scan(&a.Action, &a.EntityID, &a.Actor, &a.Before, &a.After); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func find(hs []Holiday, day civil.Date) Holiday {
	for _, h := range hs {
		if h.Date == day {
			return h
		}
	}
	return Holiday{}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func checkAudit(t *testing.T, a auditRow, action, id, before, after string) {
	t.Helper()
	if a.Action != action || a.EntityID != id || a.Actor != admin.Username ||
		!json.Valid([]byte(a.Before)) || !json.Valid([]byte(a.After)) ||
		!contains(a.Before, before) || !contains(a.After, after) {
		t.Errorf("audit %+v, want %s %s before~%s after~%s", a, action, id, before, after)
	}
}

// contains reports whether JSON s holds sub ("null" must match exactly).
func contains(s, sub string) bool {
	if sub == "null" {
		return s == "null"
	}
	return strings.Contains(s, sub)
}

func verifyAuditChain(t *testing.T, e *env) {
	t.Helper()
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 1)
	r, err := org.NewService(e.db, org.Options{Hasher: hasher}).VerifyAudit(e.ctx)
	if err != nil || !r.OK {
		t.Errorf("audit chain: %+v, %v", r, err)
	}
}
