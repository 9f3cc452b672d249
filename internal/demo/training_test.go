package demo_test

import (
	"context"
	"testing"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/training"
)

// TestTrainingDemo: the register of 2020 gives non-trivial figures — 19
// staff, 11 trained at the September 2020 course, 5 with no course from
// 2018 to 2020 — and the newspaper reporter's move of July 2019 shows in
// the history and in each year's unit.
func TestTrainingDemo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx, s := context.Background(), newServices(db)
		if _, err := demo.Load(ctx, demo.Deps{Org: s.org, Calendar: s.cal}, demo.Options{Password: "mat-khau-demo-2020"}); err != nil {
			t.Fatal(err)
		}
		svc, sys := training.NewService(db, nil), org.SystemActor("test")
		st, err := svc.YearStats(ctx, sys, 2020)
		if err != nil {
			t.Fatal(err)
		}
		if tot := st.Total; tot.Staff != 19 || tot.Trained != 11 || tot.Untrained3y != 5 || tot.Share != 26.3 || len(st.Rows) != 10 {
			t.Errorf("2020: total %+v in %d rows", tot, len(st.Rows))
		}
		unit := func(st training.Stats, code string) training.Counts {
			for _, r := range st.Rows {
				if r.UnitCode == code {
					return r
				}
			}
			t.Fatalf("no row for %s", code)
			return training.Counts{}
		}
		if r := unit(st, "DPTTH"); r.Staff != 2 {
			t.Errorf("DPTTH 2020: %+v", r)
		}
		st18, _ := svc.YearStats(ctx, sys, 2018)
		if r := unit(st18, "BAOTINH"); r.Staff != 3 || r.Trained != 1 {
			t.Errorf("BAOTINH 2018 (before the move): %+v", r)
		}
		l, err := svc.ListStaff(ctx, sys, training.StaffFilter{Q: "dieu hien"})
		if err != nil || l.Total != 1 {
			t.Fatalf("the moved reporter: %+v, %v", l, err)
		}
		hien, err := svc.FindStaff(ctx, sys, l.Items[0].ID)
		if err != nil || len(hien.Moves) != 1 || hien.Moves[0].MovedOn.String() != "2019-07-01" {
			t.Errorf("history: %+v, %v", hien.Moves, err)
		}
		courses, _ := svc.ListCourses(ctx, sys, training.CourseFilter{})
		if courses.Total != 2 || courses.Items[0].Title != "Tập huấn nghiệp vụ công tác khoa giáo năm 2020" || courses.Items[0].Attended != 11 {
			t.Errorf("courses: %+v", courses.Items)
		}
	})
}
