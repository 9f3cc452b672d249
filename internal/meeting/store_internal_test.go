package meeting

import (
	"context"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// TestReplaceAttendanceRollsBack: when the database refuses a row half-way
// (here the status CHECK), the rows deleted and written before it are
// rolled back with it, on both engines.
func TestReplaceAttendanceRollsBack(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx, sys := context.Background(), org.SystemActor("test")
		o := org.NewService(db, org.Options{})
		var ids []int64
		for _, code := range []string{"SA", "SB"} {
			u, err := o.CreateUnit(ctx, sys, org.Unit{Code: code, Name: "Sở " + code, Kind: org.KindBlocMember})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, u.ID)
		}
		start := time.Date(2020, 6, 30, 1, 0, 0, 0, time.UTC)
		m := Meeting{Kind: SixMonth, Title: "Giao ban", StartsAt: start, EndsAt: start.Add(time.Hour), Status: Draft, CreatedBy: "t", UnitIDs: ids}
		write := func(rows []Attendance) error {
			return db.Transact(ctx, func(tx *sqldb.Tx) error { return replaceAttendance(ctx, tx, m.ID, rows) })
		}
		if err := db.Transact(ctx, func(tx *sqldb.Tx) error { return insertMeeting(ctx, tx, &m, start) }); err != nil {
			t.Fatal(err)
		}
		if err := write([]Attendance{{UnitID: ids[0], Status: Present}}); err != nil {
			t.Fatal(err)
		}
		if err := write([]Attendance{{UnitID: ids[0], Status: Absent}, {UnitID: ids[1], Status: "late"}}); err == nil {
			t.Fatal("the database took an unknown status")
		}
		rows, err := loadAttendance(ctx, db, m.ID)
		if err != nil || len(rows) != 1 || rows[0].Status != Present {
			t.Errorf("after the failed write: %+v, %v", rows, err)
		}
	})
}
