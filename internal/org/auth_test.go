package org_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestAuthenticate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		u := e.user("dau.moi", e.board.ID, org.RoleViewer)
		off := e.user("nghi.huu", e.board.ID, org.RoleViewer)
		_, err := e.svc.UpdateUser(e.ctx, e.admin, off.ID, org.UserPatch{Version: off.Version, Active: ptr(false)})
		mustOK(t, err)
		for _, tc := range []struct {
			name, username, pw string
			ok                 bool
			auditAction        string
		}{
			{"right password", "dau.moi", password, true, "sign_in"},
			{"wrong password", "dau.moi", password + "x", false, "sign_in_failed"},
			{"empty password", "dau.moi", "", false, "sign_in_failed"},
			{"unknown user", "khong.co", password, false, "sign_in_failed"},
			{"inactive user", "nghi.huu", password, false, "sign_in_failed"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := e.svc.Authenticate(e.ctx, tc.username, tc.pw, "10.0.0.9")
				if tc.ok {
					mustOK(t, err)
					if got.ID != u.ID {
						t.Errorf("signed in as %d, want %d", got.ID, u.ID)
					}
				} else {
					wantKind(t, err, apperr.KindUnauthenticated)
				}
				l, err := e.svc.ListAudit(e.ctx, e.sys, org.AuditFilter{Entity: "user", Limit: 1})
				mustOK(t, err)
				last := l.Items[0]
				if last.Action != tc.auditAction || last.Actor != tc.username || last.IP != "10.0.0.9" {
					t.Errorf("last audit entry %+v, want %s by %s", last, tc.auditAction, tc.username)
				}
				if tc.ok && (last.ActorID == nil || *last.ActorID != u.ID || last.EntityID != strconv.FormatInt(u.ID, 10)) {
					t.Errorf("sign-in entry %+v", last)
				}
			})
		}
	})
}

func TestSignInThrottle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		e.user("dau.moi", e.board.ID, org.RoleViewer)
		signIn := func(pw, ip string) error {
			_, err := e.svc.Authenticate(e.ctx, "dau.moi", pw, ip)
			return err
		}
		t.Run("success resets the account count", func(t *testing.T) {
			for range 4 {
				wantKind(t, signIn("sai-mat-khau", "10.1.0.1"), apperr.KindUnauthenticated)
			}
			mustOK(t, signIn(password, "10.1.0.1"))
			for range 4 {
				wantKind(t, signIn("sai-mat-khau", "10.1.0.2"), apperr.KindUnauthenticated)
			}
			mustOK(t, signIn(password, "10.1.0.2"))
		})
		t.Run("five failures lock the account for 15 minutes", func(t *testing.T) {
			for i := range 5 {
				e.clk.Advance(10 * time.Second)
				wantKind(t, signIn("sai-mat-khau", fmt.Sprintf("10.2.0.%d", i)), apperr.KindUnauthenticated)
			}
			locked := e.clk.Now()
			wantKind(t, signIn(password, "10.2.1.1"), apperr.KindTooMany)
			e.clk.Advance(14 * time.Minute)
			wantKind(t, signIn(password, "10.2.1.1"), apperr.KindTooMany)
			e.clk.Advance(locked.Add(15*time.Minute + time.Second).Sub(e.clk.Now()))
			mustOK(t, signIn(password, "10.2.1.1"))
		})
		t.Run("twenty failures from one address lock the address", func(t *testing.T) {
			fail := func(i int) {
				t.Helper()
				_, err := e.svc.Authenticate(e.ctx, fmt.Sprintf("nguoi.%d", i), "sai-mat-khau", "10.3.0.1")
				wantKind(t, err, apperr.KindUnauthenticated)
			}
			for i := range 19 {
				fail(i)
			}
			mustOK(t, signIn(password, "10.3.0.1")) // 19 failures: not yet
			fail(19)
			wantKind(t, signIn(password, "10.3.0.1"), apperr.KindTooMany)
			mustOK(t, signIn(password, "10.3.0.2")) // another address is not locked
			e.clk.Advance(15*time.Minute + time.Second)
			mustOK(t, signIn(password, "10.3.0.1"))
		})
	})
}

func TestChangePassword(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		u := e.user("dau.moi", e.board.ID, org.RoleViewer)
		a := e.actor(u)
		authAt := e.clk.Now()
		const next = "Mat-khau-moi-2026!"
		for _, tc := range []struct{ name, current, next, field string }{
			{"wrong current password", "sai-mat-khau", next, "current_password"},
			{"too short", password, "ngan", "password"},
			{"same as before", password, password, "password"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantField(t, e.svc.ChangePassword(e.ctx, a, tc.current, tc.next), tc.field)
			})
		}
		if _, err := e.svc.UserForSession(e.ctx, u.ID, authAt); err != nil {
			t.Fatalf("session before any change: %v", err)
		}
		e.clk.Advance(time.Hour)
		mustOK(t, e.svc.ChangePassword(e.ctx, a, password, next))
		t.Run("old session refused", func(t *testing.T) {
			_, err := e.svc.UserForSession(e.ctx, u.ID, authAt)
			wantKind(t, err, apperr.KindUnauthenticated)
			got, err := e.svc.UserForSession(e.ctx, u.ID, e.clk.Now())
			mustOK(t, err)
			if got.ID != u.ID {
				t.Errorf("got user %d", got.ID)
			}
		})
		t.Run("only the new password signs in", func(t *testing.T) {
			_, err := e.svc.Authenticate(e.ctx, "dau.moi", password, "10.0.0.1")
			wantKind(t, err, apperr.KindUnauthenticated)
			_, err = e.svc.Authenticate(e.ctx, "dau.moi", next, "10.0.0.1")
			mustOK(t, err)
		})
		t.Run("audited", func(t *testing.T) {
			if !slices.Contains(actions(e.audit("user", u.ID)), "password_change") {
				t.Errorf("no password_change entry: %v", actions(e.audit("user", u.ID)))
			}
		})
	})
}

func TestTokens(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		owner := e.user("chu.so.huu", e.board.ID, org.RoleViewer)
		other := e.user("nguoi.khac", e.board.ID, org.RoleBoardSpecialist)
		issue := func() (string, org.Token) {
			t.Helper()
			plain, tok, err := e.svc.CreateToken(e.ctx, "chu.so.huu", password, "10.0.0.1")
			mustOK(t, err)
			return plain, tok
		}
		plain, tok := issue()
		t.Run("token resolves to its user", func(t *testing.T) {
			u, tid, err := e.svc.UserForToken(e.ctx, plain)
			mustOK(t, err)
			if u.ID != owner.ID || tid != tok.ID || !tok.ExpiresAt.Equal(t0.Add(24*time.Hour)) {
				t.Errorf("got user %d token %d (%+v)", u.ID, tid, tok)
			}
			list, err := e.svc.ListTokens(e.ctx, e.actor(owner))
			mustOK(t, err)
			if len(list) != 1 || list[0].ID != tok.ID || list[0].RevokedAt != nil {
				t.Errorf("list %+v", list)
			}
		})
		t.Run("wrong password issues nothing", func(t *testing.T) {
			_, _, err := e.svc.CreateToken(e.ctx, "chu.so.huu", "sai-mat-khau", "10.0.0.1")
			wantKind(t, err, apperr.KindUnauthenticated)
		})
		t.Run("unknown token", func(t *testing.T) {
			_, _, err := e.svc.UserForToken(e.ctx, plain+"x")
			wantKind(t, err, apperr.KindUnauthenticated)
		})
		t.Run("another user cannot revoke it", func(t *testing.T) {
			wantKind(t, e.svc.RevokeToken(e.ctx, e.actor(other), tok.ID), apperr.KindNotFound)
			if _, _, err := e.svc.UserForToken(e.ctx, plain); err != nil {
				t.Errorf("token stopped working: %v", err)
			}
		})
		t.Run("owner revokes it", func(t *testing.T) {
			mustOK(t, e.svc.RevokeToken(e.ctx, e.actor(owner), tok.ID))
			_, _, err := e.svc.UserForToken(e.ctx, plain)
			wantKind(t, err, apperr.KindUnauthenticated)
			wantKind(t, e.svc.RevokeToken(e.ctx, e.actor(owner), tok.ID), apperr.KindNotFound)
			if got := actions(e.audit("api_token", tok.ID)); !slices.Equal(got, []string{"token_create", "token_revoke"}) {
				t.Errorf("audit %v", got)
			}
		})
		t.Run("administrator revokes anyone's", func(t *testing.T) {
			p2, t2 := issue()
			mustOK(t, e.svc.RevokeToken(e.ctx, e.admin, t2.ID))
			_, _, err := e.svc.UserForToken(e.ctx, p2)
			wantKind(t, err, apperr.KindUnauthenticated)
		})
		t.Run("expired", func(t *testing.T) {
			p3, _ := issue()
			e.clk.Advance(24*time.Hour - time.Second)
			_, _, err := e.svc.UserForToken(e.ctx, p3)
			mustOK(t, err)
			e.clk.Advance(time.Second)
			_, _, err = e.svc.UserForToken(e.ctx, p3)
			wantKind(t, err, apperr.KindUnauthenticated)
		})
		t.Run("inactive user", func(t *testing.T) {
			p4, _ := issue()
			cur, _ := e.svc.FindUser(e.ctx, e.sys, owner.ID)
			_, err := e.svc.UpdateUser(e.ctx, e.admin, owner.ID, org.UserPatch{Version: cur.Version, Active: ptr(false)})
			mustOK(t, err)
			_, _, err = e.svc.UserForToken(e.ctx, p4)
			wantKind(t, err, apperr.KindUnauthenticated)
		})
	})
}

func TestHasher(t *testing.T) {
	ctx := context.Background()
	h := cheapHasher()
	hash, err := h.Hash(ctx, "Mật khẩu có dấu")
	mustOK(t, err)
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q", hash)
	}
	other, _ := h.Hash(ctx, "Mật khẩu có dấu")
	if other == hash {
		t.Errorf("two hashes of one password are equal: salt missing")
	}
	// A hasher with other parameters still checks old hashes by their own.
	stronger := org.NewHasher(org.Argon2Params{Memory: 128, Time: 2, Threads: 1, KeyLen: 32, SaltLen: 16}, 1)
	for _, tc := range []struct {
		name, encoded, pw string
		ok, err           bool
	}{
		{"right", hash, "Mật khẩu có dấu", true, false},
		{"wrong", hash, "Mat khau co dau", false, false},
		{"empty", hash, "", false, false},
		{"not argon2id", "$2a$10$abcdefghijklmnopqrstuv", "x", false, true},
		{"bad version", strings.Replace(hash, "v=19", "v=16", 1), "Mật khẩu có dấu", false, true},
		{"bad salt", strings.Replace(hash, "p=1$", "p=1$!!", 1), "Mật khẩu có dấu", false, true},
		{"empty hash", "", "x", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := stronger.Verify(ctx, tc.encoded, tc.pw)
			if ok != tc.ok || (err != nil) != tc.err {
				t.Errorf("Verify = %v, %v; want %v, error %v", ok, err, tc.ok, tc.err)
			}
		})
	}
}
