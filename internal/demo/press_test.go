package demo_test

import (
	"context"
	"testing"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
)

// TestSeedPress: two environment reports routed to STNMT, one answered on
// time and one late, both closed; loading again adds nothing.
func TestSeedPress(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx, s := context.Background(), newServices(db)
		deps := demo.Deps{Org: s.org, Calendar: s.cal}
		for range 2 {
			if _, err := demo.Load(ctx, deps, demo.Options{Password: "mat-khau-demo-2020"}); err != nil {
				t.Fatal(err)
			}
		}
		sys := org.SystemActor("test")
		stnmt, err := s.org.UnitByCode(ctx, sys, "STNMT")
		if err != nil {
			t.Fatal(err)
		}
		svc := press.NewService(db, s.cal, nil)
		cases, total, err := svc.List(ctx, sys, press.Filter{})
		if err != nil || total != 2 {
			t.Fatalf("%d cases, %v", total, err)
		}
		late := 0
		for _, c := range cases {
			if c.Status != press.Closed || c.LeadUnitID != stnmt.ID || c.Late == nil || c.TaskID == 0 || c.Field != press.Environment {
				t.Errorf("case %q: %+v", c.Title, c)
			}
			if c.Late != nil && *c.Late {
				late++
			}
		}
		if late != 1 {
			t.Errorf("%d late answers, want 1", late)
		}
		st, err := svc.Stats(ctx, sys, civil.D(2020, 1, 1), civil.D(2020, 12, 31), "unit")
		if err != nil || len(st) != 1 || st[0].OnTime != 1 || st[0].Late != 1 || st[0].Open != 0 {
			t.Errorf("stats: %+v %v", st, err)
		}
	})
}
