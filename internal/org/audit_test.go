package org_test

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// someChanges makes a few audited changes, one minute apart.
func someChanges(e *env) org.Unit {
	e.t.Helper()
	u := e.unit("SYT", "Sở Y tế", org.KindBlocMember, nil)
	for i := range 3 {
		e.clk.Advance(time.Minute)
		var err error
		u, err = e.svc.UpdateUnit(e.ctx, e.sys, u.ID, org.UnitPatch{Version: u.Version, ShortName: ptr(fmt.Sprintf("SYT%d", i))})
		mustOK(e.t, err)
	}
	return u
}

func verify(e *env) org.VerifyResult {
	e.t.Helper()
	r, err := e.svc.VerifyAudit(e.ctx)
	mustOK(e.t, err)
	return r
}

func TestVerifyAudit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		someChanges(e)
		n := int64(e.count("audit_log"))
		if r := verify(e); !r.OK || r.Entries != n || n != 6 {
			t.Fatalf("intact trail: %+v, %d rows", r, n)
		}
	})
	exec := func(q string, args ...any) func(*env, int64) {
		return func(e *env, last int64) {
			for i, a := range args {
				if a == "last" {
					args[i] = last
				}
			}
			_, err := e.db.Exec(e.ctx, q, args...)
			mustOK(e.t, err)
		}
	}
	for _, tc := range []struct {
		name     string
		tamper   func(e *env, last int64)
		brokenAt func(last int64) int64
	}{
		{"after_json edited", exec("UPDATE audit_log SET after_json = ? WHERE seq = ?", `{"name":"Sở Y tế giả"}`, 3),
			func(int64) int64 { return 3 }},
		{"actor edited", exec("UPDATE audit_log SET actor = ? WHERE seq = ?", "someone", 2), func(int64) int64 { return 2 }},
		{"time edited", exec("UPDATE audit_log SET at = ? WHERE seq = ?", t0.Add(-time.Hour), 5), func(int64) int64 { return 5 }},
		{"row edited and rehashed", func(e *env, _ int64) {
			l, err := e.svc.ListAudit(e.ctx, e.sys, org.AuditFilter{Limit: 500})
			mustOK(e.t, err)
			x := l.Items[len(l.Items)-4] // seq 4
			x.EntityID = "99"
			_, err = e.db.Exec(e.ctx, "UPDATE audit_log SET entity_id = ?, hash = ? WHERE seq = ?", x.EntityID, x.ComputeHash(), x.Seq)
			mustOK(e.t, err)
		}, func(int64) int64 { return 5 }},
		{"first row deleted", exec("DELETE FROM audit_log WHERE seq = ?", 1), func(int64) int64 { return 2 }},
		{"middle row deleted", exec("DELETE FROM audit_log WHERE seq = ?", 3), func(int64) int64 { return 4 }},
		{"last row deleted", exec("DELETE FROM audit_log WHERE seq = ?", "last"), func(last int64) int64 { return last }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
				e := newEnv(t, db)
				someChanges(e)
				last := int64(e.count("audit_log"))
				tc.tamper(e, last)
				r := verify(e)
				if r.OK || r.BrokenAt != tc.brokenAt(last) || r.Reason == "" {
					t.Errorf("got %+v, want broken at %d", r, tc.brokenAt(last))
				}
			})
		})
	}
}

func TestListAudit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)  // 2 entries at t0: board unit, admin user
		u := someChanges(e) // unit at t0, updates at t0+1m, +2m, +3m
		id := strconv.FormatInt(u.ID, 10)
		leader := e.actor(e.user("lanh.dao", e.board.ID, org.RoleBoardLeader)) // at t0+3m
		reporter := e.actor(e.user("dau.moi", u.ID, org.RoleUnitReporter))
		for _, tc := range []struct {
			name  string
			f     org.AuditFilter
			seqs  []int64
			total int
		}{
			{"entity", org.AuditFilter{Entity: "unit"}, []int64{6, 5, 4, 3, 1}, 5},
			{"entity and id", org.AuditFilter{Entity: "unit", EntityID: id}, []int64{6, 5, 4, 3}, 4},
			{"from is inclusive", org.AuditFilter{Entity: "unit", From: t0.Add(2 * time.Minute)}, []int64{6, 5}, 2},
			{"to is exclusive", org.AuditFilter{To: t0.Add(time.Minute)}, []int64{3, 2, 1}, 3},
			{"window", org.AuditFilter{From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}, []int64{5, 4}, 2},
			{"window in another zone", org.AuditFilter{From: t0.Add(time.Minute).In(time.FixedZone("ICT", 7*3600)),
				To: t0.Add(3 * time.Minute).In(time.FixedZone("ICT", 7*3600))}, []int64{5, 4}, 2},
			{"actor", org.AuditFilter{ActorID: e.admin.UserID}, []int64{}, 0},
			{"by name", org.AuditFilter{Actor: "system:test", Entity: "user"}, []int64{8, 7, 2}, 3},
			{"paged", org.AuditFilter{Limit: 2, Offset: 1}, []int64{7, 6}, 8},
		} {
			t.Run(tc.name, func(t *testing.T) {
				l, err := e.svc.ListAudit(e.ctx, leader, tc.f)
				mustOK(t, err)
				got := []int64{}
				for _, x := range l.Items {
					got = append(got, x.Seq)
				}
				if fmt.Sprint(got) != fmt.Sprint(tc.seqs) || l.Total != tc.total {
					t.Errorf("got seqs %v (total %d), want %v (total %d)", got, l.Total, tc.seqs, tc.total)
				}
			})
		}
		t.Run("entries carry what changed", func(t *testing.T) {
			l, _ := e.svc.ListAudit(e.ctx, e.admin, org.AuditFilter{Entity: "unit", EntityID: id, Limit: 1})
			x := l.Items[0]
			if x.Action != "update" || !x.At.Equal(t0.Add(3*time.Minute)) || x.Actor != "system:test" || x.IP != "local" ||
				x.ActorID != nil || len(x.Before) == 0 || string(x.Before) == string(x.After) {
				t.Errorf("entry %+v", x)
			}
		})
		t.Run("unit reporter may not read", func(t *testing.T) {
			_, err := e.svc.ListAudit(e.ctx, reporter, org.AuditFilter{})
			wantKind(t, err, apperr.KindForbidden)
		})
	})
}

func TestAuditConcurrentWriters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		const n = 20
		var wg sync.WaitGroup
		errs := make(chan error, n)
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				_, err := e.svc.CreateUnit(e.ctx, e.sys, org.Unit{Code: fmt.Sprintf("C%02d", i), Name: fmt.Sprintf("Đơn vị %d", i), Kind: org.KindOther})
				errs <- err
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			mustOK(t, err)
		}
		if r := verify(e); !r.OK || r.Entries != n+2 {
			t.Errorf("after %d concurrent writers: %+v", n, r)
		}
	})
}

// AppendAudit is exported for every module; the trail must verify whatever
// precision and zone the caller's clock gives.
func TestAppendAuditAnyClock(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		at := time.Date(2026, 3, 2, 9, 30, 0, 123456789, time.FixedZone("ICT", 7*3600))
		mustOK(t, db.Transact(e.ctx, func(tx *sqldb.Tx) error {
			return org.AppendAudit(e.ctx, tx, at, org.NewAudit(e.admin, "create", "report", "R1", nil, map[string]int{"n": 1}))
		}))
		if r := verify(e); !r.OK {
			t.Errorf("trail broken after an entry stamped %v: %+v", at, r)
		}
		l, err := e.svc.ListAudit(e.ctx, e.admin, org.AuditFilter{Entity: "report", From: at.Add(-time.Second), To: at.Add(time.Second)})
		mustOK(t, err)
		if len(l.Items) != 1 {
			t.Errorf("time filter around %v found %d entries", at, len(l.Items))
		}
	})
}
