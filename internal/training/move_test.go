package training

import (
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// TestMoveHistory: a unit moves its staff member out; the move, the new
// unit and the audit entry are written together; the history keeps its
// order; the old unit no longer sees the person and the new one does.
func TestMoveHistory(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		s := e.staff("Võ Thị Mai", e.sgd)
		for _, tc := range []struct {
			name  string
			in    MoveInput
			field string
		}{
			{"no unit", MoveInput{Version: s.Version, MovedOn: civil.D(2020, 7, 1)}, "to_unit_id"},
			{"same unit", MoveInput{Version: s.Version, ToUnitID: e.sgd.ID, MovedOn: civil.D(2020, 7, 1)}, "to_unit_id"},
			{"no date", MoveInput{Version: s.Version, ToUnitID: e.syt.ID}, "moved_on"},
			{"tomorrow", MoveInput{Version: s.Version, ToUnitID: e.syt.ID, MovedOn: civil.D(2020, 7, 7)}, "moved_on"},
			{"no version", MoveInput{ToUnitID: e.syt.ID, MovedOn: civil.D(2020, 7, 1)}, "version"},
			{"unknown unit", MoveInput{Version: s.Version, ToUnitID: 99999, MovedOn: civil.D(2020, 7, 1)}, "to_unit_id"},
		} {
			_, err := e.svc.MoveStaff(e.ctx, e.spec, s.ID, tc.in)
			wantField(t, err, tc.field, tc.name)
		}
		_, err := e.svc.MoveStaff(e.ctx, e.repYT, s.ID, MoveInput{Version: s.Version, ToUnitID: e.syt.ID, MovedOn: civil.D(2020, 7, 1)})
		wantKind(t, err, apperr.KindForbidden, "another unit pulls the staff member in")
		_, err = e.svc.MoveStaff(e.ctx, e.repGD, s.ID, MoveInput{Version: s.Version + 1, ToUnitID: e.syt.ID, MovedOn: civil.D(2020, 7, 1)})
		wantKind(t, err, apperr.KindConflict, "stale move")

		moved, err := e.svc.MoveStaff(e.ctx, e.repGD, s.ID, MoveInput{Version: s.Version, ToUnitID: e.syt.ID, MovedOn: civil.D(2020, 7, 1),
			Note: " Điều động theo Quyết định số 15/QĐ-UBND "})
		if err != nil {
			t.Fatal(err)
		}
		if moved.UnitID != e.syt.ID || len(moved.Moves) != 1 || moved.Moves[0].FromUnitID != e.sgd.ID ||
			moved.Moves[0].MovedOn != civil.D(2020, 7, 1) || moved.Moves[0].Actor != "sgddt.baocao" || moved.Moves[0].Note != "Điều động theo Quyết định số 15/QĐ-UBND" {
			t.Fatalf("after the move: %+v", moved)
		}
		_, err = e.svc.FindStaff(e.ctx, e.repGD, s.ID)
		wantKind(t, err, apperr.KindForbidden, "the old unit reads the moved staff member")
		if got, err := e.svc.FindStaff(e.ctx, e.repYT, s.ID); err != nil || got.UnitID != e.syt.ID {
			t.Fatalf("the new unit reads: %+v, %v", got, err)
		}
		_, err = e.svc.MoveStaff(e.ctx, e.spec, s.ID, MoveInput{Version: moved.Version, ToUnitID: e.board.ID, MovedOn: civil.D(2020, 6, 30)})
		wantField(t, err, "moved_on", "a move before the previous one")
		e.clk.Set(time.Date(2021, time.January, 4, 9, 0, 0, 0, vntext.Location))
		back, err := e.svc.MoveStaff(e.ctx, e.spec, s.ID, MoveInput{Version: moved.Version, ToUnitID: e.board.ID, MovedOn: civil.D(2021, 1, 4)})
		if err != nil || back.UnitID != e.board.ID || len(back.Moves) != 2 || back.Moves[1].FromUnitID != e.syt.ID {
			t.Fatalf("second move: %+v, %v", back, err)
		}
		var n int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'training_staff' AND action = ?`, ActionMove).Scan(&n); err != nil || n != 2 {
			t.Errorf("move audit entries: %d, %v", n, err)
		}
		// The unit at a past date comes from the history.
		for _, tc := range []struct {
			day  civil.Date
			want int64
		}{{civil.D(2020, 6, 30), e.sgd.ID}, {civil.D(2020, 7, 1), e.syt.ID}, {civil.D(2020, 12, 31), e.syt.ID}, {civil.D(2021, 1, 4), e.board.ID}} {
			at, err := staffUnitsAt(e.ctx, db, tc.day)
			if err != nil || at[s.ID] != tc.want {
				t.Errorf("unit on %s: %d, %v; want %d", tc.day, at[s.ID], err, tc.want)
			}
		}
	})
}
