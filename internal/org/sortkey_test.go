package org_test

import (
	"context"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Stored sort keys are rewritten when the collation marker differs (as after
// an x/text upgrade), and left alone otherwise.
func TestRefreshSortKeys(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		svc := org.NewService(db, org.Options{Hasher: org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 2)})
		a := org.SystemActor("test")
		for i, n := range []string{"Sở Giáo dục", "Đài Phát thanh", "Báo tỉnh"} {
			if _, err := svc.CreateUnit(ctx, a, org.Unit{Code: "U" + string(rune('A'+i)), Name: n, Kind: org.KindOther}); err != nil {
				t.Fatal(err)
			}
		}
		changed, err := svc.RefreshSortKeys(ctx)
		if err != nil || !changed {
			t.Fatalf("first refresh = %v, %v; want a rewrite (no marker yet)", changed, err)
		}
		// Scramble the keys as a different collation would have written them.
		if _, err := db.Exec(ctx, "UPDATE units SET sort_key = ?", []byte{0xff}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, "UPDATE settings SET value = 'old' WHERE key = 'collation_marker'"); err != nil {
			t.Fatal(err)
		}
		if changed, err = svc.RefreshSortKeys(ctx); err != nil || !changed {
			t.Fatalf("refresh after marker change = %v, %v", changed, err)
		}
		list, err := svc.ListUnits(ctx, a, org.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range list.Items {
			names = append(names, u.Name)
		}
		want := []string{"Báo tỉnh", "Đài Phát thanh", "Sở Giáo dục"}
		if len(names) != 3 || names[0] != want[0] || names[1] != want[1] || names[2] != want[2] {
			t.Fatalf("order after refresh = %v, want %v", names, want)
		}
		if changed, _ = svc.RefreshSortKeys(ctx); changed {
			t.Fatal("refresh with an unchanged collation rewrote keys")
		}
	})
}
