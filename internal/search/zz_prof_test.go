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
		var best [4]time.Duration
		for r := 0; r < 3; r++ {
			f := filter{terms: Terms(q), readers: readersOf(a)}
			t0 := time.Now()
			c, _ := candidates(ctx, db, f, 500)
			t1 := time.Now()
			res, err := s.Search(ctx, a, Query{Q: q})
			t2 := time.Now()
			if err != nil {
				t.Fatal(err)
			}
			_ = res
			best[0], best[1] = t1.Sub(t0), t2.Sub(t1)
			best[2] = time.Duration(len(c))
		}
		t.Logf("%-22s cand %6.1fms  search %6.1fms  n=%d", q, float64(best[0].Microseconds())/1000, float64(best[1].Microseconds())/1000, best[2])
	}
}
