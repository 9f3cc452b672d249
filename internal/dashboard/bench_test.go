package dashboard_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
)

// BenchmarkDashboards builds each dashboard over the nationwide dataset of
// `khoagiao gen` (3,355 units, a year of monthly reports, 100,000 tasks,
// 20,000 press cases), named by KHOAGIAO_BENCH_DB (a SQLite file or a
// postgres:// URL); it skips without it. The clock is the real one, as
// gen spreads the tasks around the day it runs.
//
//	khoagiao gen --db /tmp/gen/k.db --year 2026
//	KHOAGIAO_BENCH_DB=/tmp/gen/k.db go test ./internal/dashboard -run '^$' -bench Dashboards -benchtime 100x
func BenchmarkDashboards(b *testing.B) {
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
	o := org.NewService(db, org.Options{})
	cal := calendar.NewService(db, calendar.Options{})
	tasks := task.NewService(db, cal, nil)
	svc := dashboard.New(dashboard.Deps{Org: o, Calendar: cal, Reporting: reporting.NewService(db, o, cal, nil).WithTasks(tasks),
		Task: tasks, Press: press.NewService(db, cal, nil), Notice: notice.NewService(db, o, cal, nil), Training: training.NewService(db, nil)})
	for _, c := range []struct {
		user string
		view dashboard.View
	}{{"lanhdao", dashboard.Leader}, {"chuyenvien", dashboard.Specialist}, {"sgddt.baocao", dashboard.Unit}} {
		a := benchActor(b, o, c.user)
		b.Run(string(c.view), func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := svc.Build(ctx, a, c.view, "vi"); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}

func benchActor(b *testing.B, o *org.Service, username string) org.Actor {
	l, err := o.ListUsers(context.Background(), org.SystemActor("bench"), org.UserFilter{Q: username, Limit: 10})
	if err != nil {
		b.Fatal(err)
	}
	for _, u := range l.Items {
		if u.Username == username {
			return org.ActorFor(&u, "")
		}
	}
	b.Fatalf("no user %s (gen loads the demo users)", username)
	return org.Actor{}
}
