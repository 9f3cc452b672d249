package org_test

import (
	"context"
	"os"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// benchUnits returns a service over a fresh database holding the 3,355
// real administrative units.
func benchUnits(b *testing.B, d sqldb.Dialect) *org.Service {
	data, err := os.ReadFile("../../../shared/data/vn-admin-units-2026.json")
	if err != nil {
		b.Skip("admin-unit data not found")
	}
	db := dbtest.Open(b, d)
	svc := org.NewService(db, org.Options{Hasher: org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)})
	rows, err := org.ParseImport(org.FormatJSON, data)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.ImportUnits(context.Background(), org.SystemActor("bench"), rows); err != nil {
		b.Fatal(err)
	}
	return svc
}

// BenchmarkListUnits: the units list over 3,355 real units, as the page and
// GET /api/v1/units ask for it (folded search, Vietnamese order, a page of 50).
func BenchmarkListUnits(b *testing.B) {
	for _, d := range dbtest.Dialects() {
		svc := benchUnits(b, d)
		ctx, a := context.Background(), org.SystemActor("bench")
		for _, q := range []struct{ name, q string }{{"all", ""}, {"q=xa_phu", "xa phu"}, {"q=dak_lak", "Đắk Lắk"}} {
			b.Run(string(d)+"/"+q.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := svc.ListUnits(ctx, a, org.UnitFilter{Q: q.q, Limit: 50}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkPasswordHash measures argon2id with the production parameters
// (the cost of one sign-in).
func BenchmarkPasswordHash(b *testing.B) {
	h := org.NewHasher(org.DefaultArgon2, 0)
	ctx := context.Background()
	enc, err := h.Hash(ctx, "mat-khau-thu-nghiem")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, err := h.Verify(ctx, enc, "mat-khau-thu-nghiem"); !ok || err != nil {
			b.Fatal("verify failed", err)
		}
	}
}
