package task_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/task"
)

// benchTasks is the size of the benchmark's task table.
const benchTasks = 100_000

// benchDB returns a fresh database holding the 3,355 real administrative
// units (34 provinces, 3,321 communes) and 100,000 tasks spread over them,
// written with multi-row INSERTs: dues over two years around the clock's
// day, a tenth with no deadline, every completion state, a supporting unit
// on every third task. It returns the unit ids in insertion order.
func benchDB(b *testing.B, d sqldb.Dialect) (*sqldb.DB, []int64) {
	data, err := os.ReadFile("../../../shared/data/vn-admin-units-2026.json")
	if err != nil {
		b.Skip("admin-unit data not found")
	}
	db := dbtest.Open(b, d)
	ctx := context.Background()
	orgSvc := org.NewService(db, org.Options{})
	rows, err := org.ParseImport(org.FormatJSON, data)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := orgSvc.ImportUnits(ctx, org.SystemActor("bench"), rows); err != nil {
		b.Fatal(err)
	}
	var units []int64
	r, err := db.Query(ctx, "SELECT id FROM units ORDER BY id")
	if err != nil {
		b.Fatal(err)
	}
	for r.Next() {
		var id int64
		if err := r.Scan(&id); err != nil {
			b.Fatal(err)
		}
		units = append(units, id)
	}
	r.Close()
	if len(units) != 3355 {
		b.Fatalf("%d units imported, want 3,355", len(units))
	}
	const batch = 1000
	start := civil.D(2019, time.July, 1)
	err = db.Transact(ctx, func(tx *sqldb.Tx) error {
		for lo := 1; lo <= benchTasks; lo += batch {
			var tv, uv []string
			for i := lo; i < lo+batch && i <= benchTasks; i++ {
				lead := units[i%len(units)]
				due, done, completion := "NULL", "NULL", "none"
				if i%10 != 0 {
					dd := start.AddDays(i * 7919 % 730)
					due = "'" + dd.String() + "'"
					switch i % 7 {
					case 0, 1:
						completion, done = "confirmed", "'"+dd.AddDays(i%5-2).String()+"'"
					case 2:
						completion, done = "awaiting", "'"+dd.String()+"'"
					case 3:
						completion = "rejected"
					}
				}
				title := fmt.Sprintf("Nhiệm vụ số %d về công tác khoa giáo", i)
				tv = append(tv, fmt.Sprintf("(%d, 'manual', '%s', %d, 'bench', %s, %v, %d, '%s', %s, 'nhiem vu so %d ve cong tac khoa giao', 1, '2019-06-01 00:00:00+00:00', '2019-06-01 00:00:00+00:00')",
					i, title, lead, due, i%5 == 0, i%101, completion, done, i))
				if i%3 == 0 {
					uv = append(uv, fmt.Sprintf("(%d, %d)", i, units[(i*31+7)%len(units)]))
				}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO tasks (id, origin, title, lead_unit_id, assigner, due, key_task, progress, completion, done_on,
				search_key, version, created_at, updated_at) VALUES `+strings.Join(tv, ", ")); err != nil {
				return err
			}
			if len(uv) > 0 {
				if _, err := tx.Exec(ctx, "INSERT INTO task_units (task_id, unit_id) VALUES "+strings.Join(uv, ", ")); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatalf("insert tasks: %v", err)
	}
	if d == sqldb.Postgres {
		if _, err := db.Exec(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
	return db, units
}

// BenchmarkListTasks lists a page of 50 (and counts the matches) over
// 100,000 tasks and 3,355 units, as GET /api/v1/tasks and /tasks ask: a
// unit's own tasks (led or supported), one status over everything, both,
// the Board's search, and the per-unit scorecard.
//
//	go test ./internal/task -run '^$' -bench ListTasks -benchmem
//	KHOAGIAO_TEST_POSTGRES=postgres://… go test ./internal/task -run '^$' -bench ListTasks -benchmem
func BenchmarkListTasks(b *testing.B) {
	for _, d := range dbtest.Dialects() {
		db, units := benchDB(b, d)
		now := func() time.Time { return time.Date(2020, time.June, 15, 2, 0, 0, 0, time.UTC) }
		svc := task.NewService(db, calendar.NewService(db, calendar.Options{Now: now}), now)
		ctx, board := context.Background(), org.SystemActor("bench")
		unit := units[1234]
		reporter := org.Actor{UserID: 1, Username: "bench", UnitID: unit, Roles: []org.Role{org.RoleUnitReporter}}
		cases := []struct {
			name string
			a    org.Actor
			f    task.Filter
		}{
			{"unit", reporter, task.Filter{}},
			{"unit/status=overdue", reporter, task.Filter{Status: task.Overdue}},
			{"board/unit_id", board, task.Filter{UnitID: unit}},
			{"board/status=overdue", board, task.Filter{Status: task.Overdue}},
			{"board/status=awaiting", board, task.Filter{Status: task.AwaitingConfirmation}},
			{"board/unit_id+status=in_progress", board, task.Filter{UnitID: unit, Status: task.InProgress}},
			{"board/q", board, task.Filter{Q: "so 4242"}},
		}
		for _, c := range cases {
			c.f.Limit = 50
			b.Run(string(d)+"/"+c.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := svc.List(ctx, c.a, c.f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(string(d)+"/scorecard", func(b *testing.B) {
			for b.Loop() {
				rows, err := svc.Scorecard(ctx, board, task.Filter{})
				if err != nil || len(rows) != len(units) {
					b.Fatalf("%d rows, %v", len(rows), err)
				}
			}
		})
	}
}
