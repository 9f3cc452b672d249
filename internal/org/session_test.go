package org_test

import (
	"maps"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestSessionStore(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		s := org.NewSessionStore(db, e.clk.Now)
		find := func(token string) (string, bool) {
			t.Helper()
			b, ok, err := s.FindCtx(e.ctx, token)
			mustOK(t, err)
			return string(b), ok
		}
		mustOK(t, s.Commit("ngan", []byte("a"), t0.Add(time.Hour)))
		// An expiry in another zone is the same instant.
		hcm := time.FixedZone("ICT", 7*3600)
		mustOK(t, s.CommitCtx(e.ctx, "dai", []byte("\x00\xffdữ liệu"), t0.Add(3*time.Hour).In(hcm)))
		t.Run("find", func(t *testing.T) {
			for _, tc := range []struct {
				token, data string
				ok          bool
			}{{"ngan", "a", true}, {"dai", "\x00\xffdữ liệu", true}, {"khong-co", "", false}} {
				if got, ok := find(tc.token); got != tc.data || ok != tc.ok {
					t.Errorf("%s: got %q %v, want %q %v", tc.token, got, ok, tc.data, tc.ok)
				}
			}
		})
		t.Run("commit replaces", func(t *testing.T) {
			mustOK(t, s.Commit("ngan", []byte("b"), t0.Add(2*time.Hour)))
			if got, ok := find("ngan"); got != "b" || !ok {
				t.Errorf("got %q %v", got, ok)
			}
		})
		t.Run("expiry", func(t *testing.T) {
			e.clk.Advance(2*time.Hour - time.Second)
			if _, ok := find("ngan"); !ok {
				t.Fatal("expired a second early")
			}
			e.clk.Advance(time.Second)
			if _, ok := find("ngan"); ok {
				t.Error("found at its expiry")
			}
			n, err := s.DeleteExpired(e.ctx)
			mustOK(t, err)
			if n != 1 || e.count("sessions") != 1 {
				t.Errorf("deleted %d, %d left", n, e.count("sessions"))
			}
		})
		t.Run("delete", func(t *testing.T) {
			mustOK(t, s.Delete("dai"))
			if _, ok := find("dai"); ok {
				t.Error("found after delete")
			}
			mustOK(t, s.Delete("dai")) // deleting twice is fine
		})
	})
}

func TestSettings(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		viewer := e.actor(e.user("chi.xem", e.board.ID, org.RoleViewer))
		audits := e.count("audit_log")
		for _, tc := range []struct {
			name    string
			actor   org.Actor
			values  map[string]string
			kind    apperr.Kind       // 0: accepted
			entries map[string]string // key → before JSON of the new audit entries
		}{
			{"not by a viewer", viewer, map[string]string{org.SettingProvinceName: "Đắk Lắk"}, apperr.KindForbidden, nil},
			{"unknown key", e.admin, map[string]string{org.SettingProvinceName: "Đắk Lắk", "theme": "dark"}, apperr.KindInvalid, nil},
			{"first values", e.admin, map[string]string{org.SettingProvinceName: "Đắk Lắk", org.SettingBoardSymbol: "BTGDVTU"},
				0, map[string]string{org.SettingProvinceName: "null", org.SettingBoardSymbol: "null"}},
			{"unchanged writes nothing", e.admin, map[string]string{org.SettingProvinceName: "\u200bĐắk Lắk "}, 0, map[string]string{}},
			{"change keeps the old value", e.admin, map[string]string{org.SettingProvinceName: "Khánh Hòa", org.SettingBoardSymbol: "BTGDVTU"},
				0, map[string]string{org.SettingProvinceName: `"Đắk Lắk"`}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := e.svc.SetSettings(e.ctx, tc.actor, tc.values)
				if tc.kind != 0 {
					wantKind(t, err, tc.kind)
					if tc.kind == apperr.KindInvalid {
						wantField(t, err, "theme")
					}
				} else {
					mustOK(t, err)
				}
				l, err := e.svc.ListAudit(e.ctx, e.sys, org.AuditFilter{Entity: "setting", Limit: len(tc.entries) + 1})
				mustOK(t, err)
				audits += len(tc.entries)
				if n := e.count("audit_log"); n != audits {
					t.Fatalf("audit entries %d, want %d", n, audits)
				}
				for _, x := range l.Items[:len(tc.entries)] {
					if want, ok := tc.entries[x.EntityID]; !ok || string(x.Before) != want || x.Action != "update" ||
						x.ActorID == nil || *x.ActorID != e.admin.UserID || x.Seq <= int64(audits-len(tc.entries)) {
						t.Errorf("entry %+v, want before %s", x, want)
					}
				}
			})
		}
		got, err := e.svc.Settings(e.ctx)
		mustOK(t, err)
		want := map[string]string{org.SettingProvinceName: "Khánh Hòa", org.SettingBoardSymbol: "BTGDVTU"}
		if !maps.Equal(got, want) {
			t.Errorf("settings %v, want %v", got, want)
		}
	})
}
