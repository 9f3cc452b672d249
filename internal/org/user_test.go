package org_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestCreateUser(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		syt := e.unit("SYT", "Sở Y tế", org.KindBlocMember, nil)
		closed := e.unit("CU", "Đơn vị đã giải thể", org.KindOther, nil)
		_, err := e.svc.UpdateUnit(e.ctx, e.sys, closed.ID, org.UnitPatch{Version: 1, Active: ptr(false)})
		mustOK(t, err)
		e.user("taken", syt.ID, org.RoleViewer)
		reporter := e.actor(e.user("dau.moi", syt.ID, org.RoleUnitReporter))
		specialist := e.actor(e.user("chuyen.vien", e.board.ID, org.RoleBoardSpecialist))
		ok := func(name string, unit int64, roles ...org.Role) org.User {
			return org.User{Username: name, FullName: "Nguyễn Văn An", UnitID: unit, Roles: roles}
		}
		for _, tc := range []struct {
			name  string
			actor org.Actor
			u     org.User
			pw    string
			field string      // "" means accepted
			kind  apperr.Kind // when field is "": KindInternal means accepted
		}{
			{"unit roles", e.admin, ok("  Nguyen.An ", syt.ID, org.RoleUnitReporter, org.RoleUnitLeader), password, "", 0},
			{"board roles on the board", e.admin, ok("lanh.dao", e.board.ID, org.RoleBoardLeader), password, "", 0},
			{"board leader outside the board", e.admin, ok("bl.syt", syt.ID, org.RoleBoardLeader), password, "roles", 0},
			{"board specialist outside the board", e.admin, ok("bs.syt", syt.ID, org.RoleBoardSpecialist), password, "roles", 0},
			{"duplicate username", e.admin, ok("taken", syt.ID, org.RoleViewer), password, "username", 0},
			{"duplicate username in capitals", e.admin, ok("TAKEN", syt.ID, org.RoleViewer), password, "username", 0},
			{"short password", e.admin, ok("pw.short", syt.ID, org.RoleViewer), "ngan123", "password", 0},
			{"password is the username", e.admin, ok("pw.same.as.name", syt.ID, org.RoleViewer), "PW.SAME.AS.NAME", "password", 0},
			{"bad username", e.admin, ok("a b", syt.ID, org.RoleViewer), password, "username", 0},
			{"no roles", e.admin, ok("no.roles", syt.ID), password, "roles", 0},
			{"unknown role", e.admin, ok("bad.role", syt.ID, "root"), password, "roles", 0},
			{"unknown unit", e.admin, ok("no.unit", 9999, org.RoleViewer), password, "unit_id", 0},
			{"inactive unit", e.admin, ok("closed.unit", closed.ID, org.RoleViewer), password, "unit_id", 0},
			{"by a unit reporter", reporter, ok("by.reporter", syt.ID, org.RoleViewer), password, "", apperr.KindForbidden},
			{"by a board specialist", specialist, ok("by.specialist", syt.ID, org.RoleViewer), password, "", apperr.KindForbidden},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.count("users")
				u, err := e.svc.CreateUser(e.ctx, tc.actor, tc.u, tc.pw)
				switch {
				case tc.field != "":
					wantField(t, err, tc.field)
				case tc.kind != 0:
					wantKind(t, err, tc.kind)
				default:
					mustOK(t, err)
					if u.ID == 0 || !u.Active || u.Version != 1 || u.Lang != "vi" {
						t.Errorf("created %+v", u)
					}
					if got, _ := e.svc.FindUser(e.ctx, e.sys, u.ID); got.Username != u.Username || !slices.Equal(got.Roles, u.Roles) {
						t.Errorf("stored %+v, returned %+v", got, u)
					}
					return
				}
				if n := e.count("users"); n != before {
					t.Errorf("users: %d, want %d", n, before)
				}
			})
		}
		t.Run("username is trimmed and lowercased", func(t *testing.T) {
			l, err := e.svc.ListUsers(e.ctx, e.admin, org.UserFilter{UnitID: syt.ID, Role: org.RoleUnitLeader})
			mustOK(t, err)
			if len(l.Items) != 1 || l.Items[0].Username != "nguyen.an" ||
				!slices.Equal(l.Items[0].Roles, []org.Role{org.RoleUnitLeader, org.RoleUnitReporter}) {
				t.Errorf("got %+v", l.Items)
			}
		})
	})
}

func TestListUsersScope(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		x := e.unit("SGDDT", "Sở Giáo dục và Đào tạo", org.KindBlocMember, nil)
		y := e.unit("SYT", "Sở Y tế", org.KindBlocMember, nil)
		leader := e.user("lanh.dao.x", x.ID, org.RoleUnitLeader)
		e.user("dau.moi.x", x.ID, org.RoleUnitReporter)
		other := e.user("dau.moi.y", y.ID, org.RoleUnitReporter)
		la := e.actor(leader)
		for _, tc := range []struct {
			name  string
			actor org.Actor
			f     org.UserFilter
			want  []string
			kind  apperr.Kind
		}{
			{"leader sees own unit", la, org.UserFilter{}, []string{"dau.moi.x", "lanh.dao.x"}, 0},
			{"leader filters own unit", la, org.UserFilter{UnitID: x.ID, Role: org.RoleUnitLeader}, []string{"lanh.dao.x"}, 0},
			{"leader asks for another unit", la, org.UserFilter{UnitID: y.ID}, nil, apperr.KindForbidden},
			{"search stays in scope", la, org.UserFilter{Q: "dau moi"}, []string{"dau.moi.x"}, 0},
			{"admin sees every unit", e.admin, org.UserFilter{Role: org.RoleUnitReporter}, []string{"dau.moi.x", "dau.moi.y"}, 0},
			{"anonymous", org.Actor{}, org.UserFilter{}, nil, apperr.KindForbidden},
		} {
			t.Run(tc.name, func(t *testing.T) {
				l, err := e.svc.ListUsers(e.ctx, tc.actor, tc.f)
				if tc.kind != 0 {
					wantKind(t, err, tc.kind)
					return
				}
				mustOK(t, err)
				var got []string
				for _, u := range l.Items {
					got = append(got, u.Username)
				}
				slices.Sort(got)
				if !slices.Equal(got, tc.want) || l.Total != len(tc.want) {
					t.Errorf("got %v (total %d), want %v", got, l.Total, tc.want)
				}
			})
		}
		t.Run("find user", func(t *testing.T) {
			_, err := e.svc.FindUser(e.ctx, la, other.ID)
			wantKind(t, err, apperr.KindForbidden)
			if _, err := e.svc.FindUser(e.ctx, la, leader.ID); err != nil {
				t.Errorf("own user: %v", err)
			}
		})
	})
}

func TestUpdateUser(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		syt := e.unit("SYT", "Sở Y tế", org.KindBlocMember, nil)
		u := e.user("dau.moi", syt.ID, org.RoleUnitReporter)
		t.Run("roles change is audited", func(t *testing.T) {
			roles := []org.Role{org.RoleUnitLeader, org.RoleUnitReporter}
			v2, err := e.svc.UpdateUser(e.ctx, e.admin, u.ID, org.UserPatch{Version: u.Version, Roles: &roles})
			mustOK(t, err)
			if v2.Version != 2 || !slices.Equal(v2.Roles, roles) {
				t.Fatalf("updated %+v", v2)
			}
			entries := e.audit("user", u.ID)
			if got := actions(entries); !slices.Equal(got, []string{"create", "update", "roles_change"}) {
				t.Fatalf("actions %v", got)
			}
			var before, after []org.Role
			mustOK(t, json.Unmarshal(entries[0].Before, &before))
			mustOK(t, json.Unmarshal(entries[0].After, &after))
			if !slices.Equal(before, []org.Role{org.RoleUnitReporter}) || !slices.Equal(after, roles) ||
				entries[0].ActorID == nil || *entries[0].ActorID != e.admin.UserID {
				t.Errorf("roles entry %+v", entries[0])
			}
			u = v2
		})
		t.Run("other change has no roles entry", func(t *testing.T) {
			v3, err := e.svc.UpdateUser(e.ctx, e.admin, u.ID, org.UserPatch{Version: u.Version, FullName: ptr("Trần Thị Bình")})
			mustOK(t, err)
			if got := actions(e.audit("user", u.ID)); got[len(got)-1] != "update" || len(got) != 4 {
				t.Errorf("actions %v", got)
			}
			u = v3
		})
		t.Run("stale version", func(t *testing.T) {
			audits := e.count("audit_log")
			_, err := e.svc.UpdateUser(e.ctx, e.admin, u.ID, org.UserPatch{Version: u.Version - 1, FullName: ptr("Cũ")})
			wantKind(t, err, apperr.KindConflict)
			got, _ := e.svc.FindUser(e.ctx, e.sys, u.ID)
			if got.FullName != "Trần Thị Bình" || got.Version != u.Version || e.count("audit_log") != audits {
				t.Errorf("stale update changed %+v", got)
			}
		})
		t.Run("board role outside the board", func(t *testing.T) {
			roles := []org.Role{org.RoleBoardSpecialist}
			_, err := e.svc.UpdateUser(e.ctx, e.admin, u.ID, org.UserPatch{Version: u.Version, Roles: &roles})
			wantField(t, err, "roles")
		})
		t.Run("not by a non-admin", func(t *testing.T) {
			_, err := e.svc.UpdateUser(e.ctx, e.actor(u), u.ID, org.UserPatch{Version: u.Version, FullName: ptr("Tự sửa")})
			wantKind(t, err, apperr.KindForbidden)
		})
		// An administrator must be able to switch off the accounts of a unit
		// that was abolished; today checkUserUnit refuses any edit of them.
		t.Run("users of a closed unit can still be deactivated", func(t *testing.T) {
			_, err := e.svc.UpdateUnit(e.ctx, e.sys, syt.ID, org.UnitPatch{Version: syt.Version, Active: ptr(false)})
			mustOK(t, err)
			got, err := e.svc.UpdateUser(e.ctx, e.admin, u.ID, org.UserPatch{Version: u.Version, Active: ptr(false)})
			mustOK(t, err)
			if got.Active {
				t.Errorf("still active")
			}
		})
	})
}
