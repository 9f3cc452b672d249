package search

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestZZProf(t *testing.T) {
	dsn := os.Getenv("ZZ_DB")
	if dsn == "" {
		t.Skip()
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	s := NewService(db)
	a := org.Actor{UserID: 1 << 30, Roles: []org.Role{org.RoleBoardSpecialist}}
	if os.Getenv("ZZ_UNIT") != "" {
		a = org.Actor{UserID: 1<<30 + 1, UnitID: 42, Roles: []org.Role{org.RoleUnitReporter}}
	}
	for _, q := range GenQueries {
		var c1, s1 time.Duration
		var n int
		for r := 0; r < 3; r++ {
			f := filter{terms: Terms(q), readers: readersOf(a)}
			t0 := time.Now()
			c, _ := candidates(ctx, db, f, 500, true)
			t1 := time.Now()
			if _, err := s.Search(ctx, a, Query{Q: q}); err != nil {
				t.Fatal(err)
			}
			c1, s1, n = t1.Sub(t0), time.Since(t1), len(c)
		}
		t.Logf("%-22s cand %6.1fms  search %6.1fms  n=%d", q, float64(c1.Microseconds())/1000, float64(s1.Microseconds())/1000, n)
	}
}
