package org_test

import (
	"slices"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func codes(l org.UnitList) []string {
	out := []string{}
	for _, u := range l.Items {
		out = append(out, u.Code)
	}
	return out
}

func TestListUnitsFoldedSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		e.unit("66", "Tỉnh Đắk Lắk", org.KindProvince, nil)
		e.unit("68", "Tỉnh Lâm Đồng", org.KindProvince, nil)
		e.unit("SNNMT", "Sở Nông nghiệp và Môi trường", org.KindBlocMember, nil)
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"dak lak", []string{"66"}},
			{"Đắk Lắk", []string{"66"}},
			{"ĐẮK LẮK", []string{"66"}},
			{norm.NFD.String("Đắk Lắk"), []string{"66"}},
			{"lak dak", []string{"66"}},
			{"nong nghiep", []string{"SNNMT"}},
			{"  Môi   TRƯỜNG ", []string{"SNNMT"}},
			{"66", []string{"66"}},
			{"dak lak nong", []string{}},
			{"100%", []string{}},
		} {
			t.Run(tc.q, func(t *testing.T) {
				l, err := e.svc.ListUnits(e.ctx, e.admin, org.UnitFilter{Q: tc.q})
				mustOK(t, err)
				if got := codes(l); !slices.Equal(got, tc.want) || l.Total != len(tc.want) {
					t.Errorf("got %v (total %d), want %v", got, l.Total, tc.want)
				}
			})
		}
	})
}

func TestListUnitsVietnameseOrderKindAndPaging(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		// Created out of order; byte order would put Ă and Đ after X.
		for _, n := range []string{"Sở Xây dựng", "Sở Đo lường", "Sở Ăn uống", "Sở Giáo dục", "Sở Du lịch", "Sở An ninh", "Sở Em"} {
			e.unit("S"+string(rune('A'+e.count("units"))), n, org.KindBlocMember, nil)
		}
		e.unit("01", "Thành phố Hà Nội", org.KindProvince, nil)
		want := []string{"Sở An ninh", "Sở Ăn uống", "Sở Du lịch", "Sở Đo lường", "Sở Em", "Sở Giáo dục", "Sở Xây dựng"}
		l, err := e.svc.ListUnits(e.ctx, e.admin, org.UnitFilter{Kind: org.KindBlocMember})
		mustOK(t, err)
		var got []string
		for _, u := range l.Items {
			got = append(got, u.Name)
		}
		if !slices.Equal(got, want) || l.Total != 7 {
			t.Fatalf("order: got %q (total %d), want %q", got, l.Total, want)
		}
		for _, tc := range []struct {
			name          string
			f             org.UnitFilter
			total         int
			first, length int
		}{
			{"page 2", org.UnitFilter{Kind: org.KindBlocMember, Limit: 3, Offset: 3}, 7, 3, 3},
			{"last page", org.UnitFilter{Kind: org.KindBlocMember, Limit: 3, Offset: 6}, 7, 6, 1},
			{"past the end", org.UnitFilter{Kind: org.KindBlocMember, Limit: 3, Offset: 9}, 7, 0, 0},
			{"province kind", org.UnitFilter{Kind: org.KindProvince}, 1, -1, 1},
			{"all kinds", org.UnitFilter{}, 9, -1, 9},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p, err := e.svc.ListUnits(e.ctx, e.admin, tc.f)
				mustOK(t, err)
				if p.Total != tc.total || len(p.Items) != tc.length {
					t.Fatalf("got total %d and %d items, want %d and %d", p.Total, len(p.Items), tc.total, tc.length)
				}
				for i := range p.Items {
					if tc.first >= 0 && p.Items[i].Name != want[tc.first+i] {
						t.Errorf("item %d = %q, want %q", i, p.Items[i].Name, want[tc.first+i])
					}
				}
			})
		}
	})
}

func TestCreateUnitValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		e.unit("66", "Tỉnh Đắk Lắk", org.KindProvince, nil)
		for _, tc := range []struct {
			name  string
			u     org.Unit
			field string // "" means accepted
		}{
			{"duplicate code", org.Unit{Code: "66", Name: "Tỉnh khác", Kind: org.KindProvince}, "code"},
			{"unknown parent", org.Unit{Code: "X1", Name: "Đơn vị", Kind: org.KindOther, ParentID: ptr(int64(9999))}, "parent_id"},
			{"province 1 digit", org.Unit{Code: "6", Name: "Tỉnh", Kind: org.KindProvince}, "code"},
			{"province 3 digits", org.Unit{Code: "066", Name: "Tỉnh", Kind: org.KindProvince}, "code"},
			{"province letters", org.Unit{Code: "AB", Name: "Tỉnh", Kind: org.KindProvince}, "code"},
			{"commune 4 digits", org.Unit{Code: "2409", Name: "Xã", Kind: org.KindCommune}, "code"},
			{"commune 6 digits", org.Unit{Code: "240911", Name: "Xã", Kind: org.KindCommune}, "code"},
			{"empty code", org.Unit{Name: "Đơn vị", Kind: org.KindOther}, "code"},
			{"code with space", org.Unit{Code: "A B", Name: "Đơn vị", Kind: org.KindOther}, "code"},
			{"empty name", org.Unit{Code: "X2", Name: " \u200b ", Kind: org.KindOther}, "name"},
			{"unknown kind", org.Unit{Code: "X3", Name: "Đơn vị", Kind: "district"}, "kind"},
			{"commune 5 digits", org.Unit{Code: "24091", Name: "Xã Ea Kao", Kind: org.KindCommune}, ""},
			{"province 2 digits", org.Unit{Code: "01", Name: "Thành phố Hà Nội", Kind: org.KindProvince}, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.count("units")
				u, err := e.svc.CreateUnit(e.ctx, e.sys, tc.u)
				if tc.field == "" {
					mustOK(t, err)
					if u.ID == 0 || u.Version != 1 || !u.Active || !u.CreatedAt.Equal(t0) {
						t.Errorf("created unit = %+v", u)
					}
					return
				}
				wantField(t, err, tc.field)
				if n := e.count("units"); n != before {
					t.Errorf("units: %d, want %d", n, before)
				}
			})
		}
	})
}

func TestUpdateUnit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		a := e.unit("A", "Đơn vị A", org.KindOther, nil)
		b := e.unit("B", "Đơn vị B", org.KindOther, &a.ID)
		c := e.unit("C", "Đơn vị C", org.KindOther, &b.ID)
		for _, tc := range []struct {
			name   string
			parent int64
		}{{"grandchild as parent", c.ID}, {"child as parent", b.ID}, {"itself as parent", a.ID}} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := e.svc.UpdateUnit(e.ctx, e.sys, a.ID, org.UnitPatch{Version: a.Version,
					ParentID: org.OptionalID{Set: true, Value: ptr(tc.parent)}})
				wantField(t, err, "parent_id")
				got, _ := e.svc.FindUnit(e.ctx, e.sys, a.ID)
				if got.ParentID != nil || got.Version != a.Version {
					t.Errorf("unit A changed: %+v", got)
				}
			})
		}
		t.Run("stale version", func(t *testing.T) {
			e.clk.Advance(time.Minute)
			v2, err := e.svc.UpdateUnit(e.ctx, e.sys, c.ID, org.UnitPatch{Version: 1, Name: ptr("Đơn vị C mới")})
			mustOK(t, err)
			if v2.Version != 2 || !v2.UpdatedAt.Equal(e.clk.Now()) {
				t.Fatalf("after update: %+v", v2)
			}
			audits := e.count("audit_log")
			_, err = e.svc.UpdateUnit(e.ctx, e.sys, c.ID, org.UnitPatch{Version: 1, Name: ptr("Tên cũ")})
			wantKind(t, err, apperr.KindConflict)
			got, _ := e.svc.FindUnit(e.ctx, e.sys, c.ID)
			if got.Name != "Đơn vị C mới" || got.Version != 2 || e.count("audit_log") != audits {
				t.Errorf("stale update changed something: %+v", got)
			}
			_, err = e.svc.UpdateUnit(e.ctx, e.sys, c.ID, org.UnitPatch{Name: ptr("x")})
			wantField(t, err, "version")
		})
		t.Run("deactivate and activate are audited", func(t *testing.T) {
			u, err := e.svc.UpdateUnit(e.ctx, e.sys, b.ID, org.UnitPatch{Version: b.Version, Active: ptr(false)})
			mustOK(t, err)
			_, err = e.svc.UpdateUnit(e.ctx, e.sys, b.ID, org.UnitPatch{Version: u.Version, Active: ptr(true)})
			mustOK(t, err)
			want := []string{"create", "deactivate", "activate"}
			if got := actions(e.audit("unit", b.ID)); !slices.Equal(got, want) {
				t.Errorf("actions %v, want %v", got, want)
			}
		})
	})
}

func TestUnitScope(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		x := e.unit("SGDDT", "Sở Giáo dục và Đào tạo", org.KindBlocMember, nil)
		y := e.unit("SYT", "Sở Y tế", org.KindBlocMember, nil)
		actors := map[org.Role]org.Actor{}
		for _, r := range []org.Role{org.RoleUnitReporter, org.RoleUnitLeader, org.RoleViewer} {
			actors[r] = e.actor(e.user("x."+string(r), x.ID, r))
		}
		for _, r := range []org.Role{org.RoleBoardLeader, org.RoleBoardSpecialist} {
			actors[r] = e.actor(e.user("b."+string(r), e.board.ID, r))
		}
		for _, tc := range []struct {
			role      org.Role
			seesAll   bool
			mayCreate bool
		}{
			{org.RoleUnitReporter, false, false},
			{org.RoleUnitLeader, false, false},
			{org.RoleViewer, false, false},
			{org.RoleBoardLeader, true, false},
			{org.RoleBoardSpecialist, true, true},
		} {
			t.Run(string(tc.role), func(t *testing.T) {
				a := actors[tc.role]
				l, err := e.svc.ListUnits(e.ctx, a, org.UnitFilter{})
				mustOK(t, err)
				_, errY := e.svc.FindUnit(e.ctx, a, y.ID)
				byID, _ := e.svc.UnitsByID(e.ctx, a, []int64{x.ID, y.ID})
				if tc.seesAll {
					if l.Total != 3 || errY != nil || len(byID) != 2 {
						t.Errorf("board role sees %v (total %d), find Y: %v, by id %d", codes(l), l.Total, errY, len(byID))
					}
				} else {
					if !slices.Equal(codes(l), []string{"SGDDT"}) || l.Total != 1 {
						t.Errorf("lists %v (total %d), want only SGDDT", codes(l), l.Total)
					}
					wantKind(t, errY, apperr.KindForbidden)
					if _, ok := byID[y.ID]; ok || len(byID) != 1 {
						t.Errorf("UnitsByID leaks another unit: %v", byID)
					}
					if _, err := e.svc.FindUnit(e.ctx, a, x.ID); err != nil {
						t.Errorf("own unit: %v", err)
					}
				}
				_, err = e.svc.CreateUnit(e.ctx, a, org.Unit{Code: "N" + string(tc.role[:4]), Name: "Đơn vị mới", Kind: org.KindOther})
				if tc.mayCreate {
					mustOK(t, err)
				} else {
					wantKind(t, err, apperr.KindForbidden)
					_, err = e.svc.UpdateUnit(e.ctx, a, x.ID, org.UnitPatch{Version: x.Version, Name: ptr("Đổi tên")})
					wantKind(t, err, apperr.KindForbidden)
				}
			})
		}
	})
}
