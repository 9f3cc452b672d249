package training

import (
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

func TestWindowStart(t *testing.T) {
	for _, tc := range []struct{ to, want civil.Date }{
		{civil.D(2020, 12, 31), civil.D(2018, 1, 1)},
		{civil.D(2020, 12, 14), civil.D(2017, 12, 15)},
		{civil.D(2020, 2, 29), civil.D(2017, 3, 1)}, // three years back is 28/2/2017 (no 29th)
	} {
		if got := WindowStart(tc.to); got != tc.want {
			t.Errorf("WindowStart(%s) = %s, want %s", tc.to, got, tc.want)
		}
	}
}

// TestStatsYearEdges: a course counts for the year it ends in, to the day;
// the three-year window starts on 1 January two years before; a move after
// the period's end does not change the period's figures; a unit sees its
// own row only; the reporting provider gives the same numbers.
func TestStatsYearEdges(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		e.clk.Set(time.Date(2021, time.March, 1, 9, 0, 0, 0, vntext.Location))
		an, binh, chau, dung := e.staff("Lê Văn An", e.sgd), e.staff("Nguyễn Thị Bình", e.sgd), e.staff("Trần Văn Châu", e.sgd), e.staff("Phạm Thị Dung", e.sgd)
		yen := e.staff("Đỗ Thị Yến", e.syt)
		// Ends 31/12/2019 (for 2019, not 2020), starts in 2019 and ends 1/1/2020 (for 2020).
		e.course("Bồi dưỡng cuối năm 2019", civil.D(2019, 12, 30), civil.D(2019, 12, 31), an)
		e.course("Bồi dưỡng qua năm mới", civil.D(2019, 12, 31), civil.D(2020, 1, 1), binh)
		// Ends 1/1/2018: inside 2020's three years; 31/12/2017: outside.
		e.course("Hội nghị đầu năm 2018", civil.D(2018, 1, 1), civil.D(2018, 1, 1), chau)
		e.course("Tập huấn cuối năm 2017", civil.D(2017, 12, 29), civil.D(2017, 12, 31), dung, yen)
		// Absent does not count.
		c := e.course("Tập huấn 2020", civil.D(2020, 9, 15), civil.D(2020, 9, 16))
		if _, err := e.svc.SetParticipants(e.ctx, e.spec, c.ID, c.Version, []Participant{{StaffID: dung.ID, Attendance: Absent}}); err != nil {
			t.Fatal(err)
		}
		// Châu moves to SYT in 2021: in 2020 Châu still counts for SGD.
		if _, err := e.svc.MoveStaff(e.ctx, e.spec, chau.ID, MoveInput{Version: chau.Version, ToUnitID: e.syt.ID, MovedOn: civil.D(2021, 2, 1)}); err != nil {
			t.Fatal(err)
		}

		from, to := Year(2020)
		st, err := e.svc.Stats(e.ctx, e.leader, from, to)
		if err != nil {
			t.Fatal(err)
		}
		rows := map[string]Counts{}
		for _, r := range st.Rows {
			rows[r.UnitCode] = r
		}
		// SGD 2020: 4 staff; trained: Bình; untrained 2018–2020: Dung (Châu's 1/1/2018 counts, An's 2019 counts).
		if g := rows["SGDDT"]; g.Staff != 4 || g.Trained != 1 || g.Untrained3y != 1 || g.Share != 25 {
			t.Errorf("SGD 2020: %+v", g)
		}
		if y := rows["SYT"]; y.Staff != 1 || y.Trained != 0 || y.Untrained3y != 1 || y.Share != 100 {
			t.Errorf("SYT 2020: %+v", y)
		}
		if _, ok := rows["BTG"]; ok || st.Total.Staff != 5 || st.Total.Untrained3y != 2 || st.Total.Share != 40 || st.WindowStart != civil.D(2018, 1, 1) {
			t.Errorf("table 2020: rows %v, total %+v, window %s", st.Rows, st.Total, st.WindowStart)
		}
		from19, to19 := Year(2019)
		if st19, _ := e.svc.Stats(e.ctx, e.spec, from19, to19); st19.Rows[0].UnitCode != "SGDDT" || st19.Rows[0].Trained != 1 {
			t.Errorf("SGD 2019: %+v", st19.Rows)
		}
		from21, to21 := Year(2021)
		st21, _ := e.svc.Stats(e.ctx, e.repGD, from21, to21)
		// 2021: Châu is in SYT now; SGD has An, Bình, Dung; only An's and Bình's courses are in 2019–2021.
		if len(st21.Rows) != 1 || st21.Rows[0].UnitCode != "SGDDT" || st21.Rows[0].Staff != 3 || st21.Rows[0].Untrained3y != 1 || st21.Rows[0].Share != 33.3 {
			t.Errorf("SGD reads 2021: %+v", st21.Rows)
		}
		if _, err := e.svc.Stats(e.ctx, e.spec, to, from); err == nil {
			t.Error("a period ending before it starts was accepted")
		}

		fig, err := e.svc.Figures(e.ctx, e.sgd.ID, from, to, []string{FigureStaff, FigureTrained, FigureUntrained3y, "press.received"})
		if err != nil || fig[FigureStaff][""] != 4 || fig[FigureTrained][""] != 1 || fig[FigureUntrained3y][""] != 25 || fig["press.received"] != nil {
			t.Errorf("provider figures: %v, %v", fig, err)
		}
		// A reporting window of the 15th–14th kind: 15/12/2019 … 14/12/2020 holds both the 31/12/2019 and the 1/1/2020 course.
		fig, _ = e.svc.Figures(e.ctx, e.sgd.ID, civil.D(2019, 12, 15), civil.D(2020, 12, 14), []string{FigureTrained})
		if fig[FigureTrained][""] != 2 {
			t.Errorf("trained 15/12/2019–14/12/2020: %v", fig)
		}
	})
}
