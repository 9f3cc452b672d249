package reporting_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// The benchmarks run on the nationwide dataset of `khoagiao gen` (3,355
// units, 100 indicators, 12 monthly periods of 2025), named by
// KHOAGIAO_BENCH_DB (a SQLite file or a postgres:// URL); they skip without it.
//
//	khoagiao gen --db /tmp/gen/k.db
//	KHOAGIAO_BENCH_DB=/tmp/gen/k.db go test ./internal/reporting -run '^$' -bench . -benchmem
func benchService(b *testing.B) (*reporting.Service, *sqldb.DB, int64) {
	dsn := os.Getenv("KHOAGIAO_BENCH_DB")
	if dsn == "" {
		b.Skip("KHOAGIAO_BENCH_DB is not set (see khoagiao gen)")
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	orgSvc := org.NewService(db, org.Options{})
	svc := reporting.NewService(db, orgSvc, calendar.NewService(db, calendar.Options{}), nil)
	var id int64
	if err := db.QueryRow(ctx, "SELECT id FROM regimes WHERE code = 'GEN-100'").Scan(&id); err != nil {
		b.Fatalf("no generated regime: %v", err)
	}
	return svc, db, id
}

var board = org.SystemActor("bench")

func BenchmarkCompletenessGrid(b *testing.B) {
	svc, _, id := benchService(b)
	for b.Loop() {
		if _, err := svc.CompletenessGrid(context.Background(), board, id, 2025); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompletenessPeriod(b *testing.B) {
	svc, _, id := benchService(b)
	for b.Loop() {
		if _, err := svc.Completeness(context.Background(), board, id, "2025-06"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAggregate: all 100 indicators of one period, with the previous
// period and the same period of last year.
func BenchmarkAggregate(b *testing.B) {
	svc, _, id := benchService(b)
	for _, by := range []string{"", "kind"} {
		b.Run("by="+by, func(b *testing.B) {
			for b.Loop() {
				if _, err := svc.Aggregate(context.Background(), board, id, "2025-06", by); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHandWrittenGroupBy is the reference: the GROUP BY a developer
// would write over the stored values for the same period, read into Go.
func BenchmarkHandWrittenGroupBy(b *testing.B) {
	_, db, id := benchService(b)
	ctx := context.Background()
	for b.Loop() {
		rows, err := db.Query(ctx, `SELECT v.indicator, v.opt, COUNT(v.num), SUM(v.num), MIN(v.num), MAX(v.num)
			FROM reports r JOIN report_values v ON v.report_id = r.id
			WHERE r.regime_id = ? AND r.period_key = ? AND r.status IN ('submitted', 'accepted') GROUP BY v.indicator, v.opt`, id, "2025-06")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var ind, opt string
			var c int
			var s, lo, hi float64
			if err := rows.Scan(&ind, &opt, &c, &s, &lo, &hi); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		if n != 100 {
			b.Fatalf("%d indicators", n)
		}
	}
}

func BenchmarkPeriodTable(b *testing.B) {
	svc, _, id := benchService(b)
	for b.Loop() {
		if _, err := svc.Table(context.Background(), board, id, "2025-06"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveAndSubmit: one unit's report of 100 values saved and
// submitted (the deadline surge, without HTTP), each iteration another unit.
func BenchmarkSaveAndSubmit(b *testing.B) {
	svc, db, id := benchService(b)
	ctx := context.Background()
	rows, err := db.Query(ctx, `SELECT u.id, u.code, u.kind FROM units u WHERE u.kind IN ('province', 'commune') ORDER BY u.id`)
	if err != nil {
		b.Fatal(err)
	}
	var actors []org.Actor
	for rows.Next() {
		var a org.Actor
		var code, kind string
		if err := rows.Scan(&a.UnitID, &code, &kind); err != nil {
			b.Fatal(err)
		}
		a.Username, a.Roles, a.UserID = "bench."+code, []org.Role{org.RoleUnitReporter}, 1
		actors = append(actors, a)
	}
	rows.Close()
	values := map[string]reporting.Value{}
	for i := 1; i <= 100; i++ {
		values[fmt.Sprintf("i%03d", i)] = reporting.Number(float64(i))
	}
	period := fmt.Sprintf("2030-%02d", 1+os.Getpid()%12)
	i := 0
	for b.Loop() {
		a := actors[i%len(actors)]
		i++
		if _, err := svc.SaveDraft(ctx, a, id, period, a.UnitID, reporting.Draft{Values: values}); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Submit(ctx, a, id, period, a.UnitID); err != nil {
			b.Fatal(err)
		}
	}
}
