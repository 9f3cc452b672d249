package press

import (
	"strconv"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// figCase registers a case of field at t and gives it to unit.
func (e *env) figCase(n int, field Field, unit int64, t time.Time) Case {
	e.t.Helper()
	e.clk.Set(t)
	c, err := e.svc.Create(e.ctx, e.spec, Case{Outlet: "Báo", URL: "https://bao.vn/tin-" + strconv.Itoa(n), Title: "Tin " + strconv.Itoa(n), Field: field})
	if err != nil {
		e.t.Fatal(err)
	}
	if c, err = e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, unit, ""); err != nil {
		e.t.Fatal(err)
	}
	return c
}

// figStep runs one step of a case at t and returns the case after it.
func (e *env) figStep(t time.Time, c Case, fn func(c Case) (Case, error)) Case {
	e.t.Helper()
	e.clk.Set(t)
	cur, err := e.svc.Find(e.ctx, e.spec, c.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	out, err := fn(cur)
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

func TestFigures(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		mt, yt := e.stnmt.ID, e.syt.ID
		answer := func(c Case) (Case, error) { return e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version, "Đã xử lý.") }
		// Five working days after Wednesday 1 July is Wednesday 8 July; after Monday 6 July, Monday 13 July.
		early := e.figCase(1, Environment, mt, ict(2020, time.July, 1, 9))
		onTime := e.figCase(2, Environment, mt, ict(2020, time.July, 6, 9))
		late := e.figCase(3, Health, mt, ict(2020, time.July, 6, 9))
		e.figCase(4, Health, mt, ict(2020, time.July, 6, 9)) // never answered
		sentBack := e.figCase(5, Environment, mt, ict(2020, time.July, 6, 9))
		e.figCase(6, Environment, yt, ict(2020, time.July, 6, 9)) // another unit's
		moved := e.figCase(7, Environment, yt, ict(2020, time.July, 6, 9))
		e.figStep(ict(2020, time.July, 7, 10), early, answer)
		e.figStep(ict(2020, time.July, 7, 11), sentBack, answer)
		e.figStep(ict(2020, time.July, 8, 9), sentBack, func(c Case) (Case, error) {
			return e.svc.Review(e.ctx, e.spec, c.ID, c.Version, false, "Chưa đủ nội dung.")
		})
		e.figStep(ict(2020, time.July, 9, 9), moved, func(c Case) (Case, error) {
			return e.svc.Assign(e.ctx, e.spec, c.ID, c.Version, mt, "Chuyển Sở Tài nguyên và Môi trường.")
		})
		lastMinutes := time.Date(2020, time.July, 13, 23, 30, 0, 0, vntext.Location)
		onTime = e.figStep(lastMinutes, onTime, answer)            // the last minutes of the due day
		late = e.figStep(lastMinutes.Add(time.Hour), late, answer) // half past midnight, the day after
		if onTime.Due != civil.D(2020, 7, 13) || *onTime.Late || !*late.Late {
			t.Fatalf("the cases disagree with the due-date edge: due %s, late %v / %v", onTime.Due, *onTime.Late, *late.Late)
		}
		after := e.figCase(8, Environment, mt, ict(2020, time.July, 15, 9)) // due 22 July
		e.figStep(ict(2020, time.July, 22, 10), after, answer)

		type row struct{ received, answered, onTime, late, open float64 }
		for _, tc := range []struct {
			name     string
			unit     int64
			from, to civil.Date
			option   string
			want     row
		}{
			{"the window", mt, civil.D(2020, 7, 3), civil.D(2020, 7, 20), "", row{6, 3, 2, 1, 4}},
			{"environment", mt, civil.D(2020, 7, 3), civil.D(2020, 7, 20), "environment", row{4, 2, 2, 0, 3}},
			{"health", mt, civil.D(2020, 7, 3), civil.D(2020, 7, 20), "health", row{2, 1, 0, 1, 1}},
			{"ending on the due day", mt, civil.D(2020, 7, 3), civil.D(2020, 7, 13), "", row{5, 2, 2, 0, 4}},
			{"the next window", mt, civil.D(2020, 7, 21), civil.D(2020, 7, 31), "", row{0, 1, 1, 0, 3}},
			{"the other unit keeps only its own", yt, civil.D(2020, 7, 3), civil.D(2020, 7, 20), "", row{1, 0, 0, 0, 1}},
			{"before anything happened", mt, civil.D(2020, 6, 1), civil.D(2020, 6, 30), "", row{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				m, err := e.svc.Figures(e.ctx, tc.unit, tc.from, tc.to, e.svc.FigureKeys())
				if err != nil {
					t.Fatal(err)
				}
				got := row{m[FigureReceived][tc.option], m[FigureAnswered][tc.option], m[FigureOnTime][tc.option],
					m[FigureLate][tc.option], m[FigureOpen][tc.option]}
				if got != tc.want {
					t.Errorf("got %+v, want %+v", got, tc.want)
				}
			})
		}
		m, err := e.svc.Figures(e.ctx, mt, civil.D(2020, 7, 3), civil.D(2020, 7, 20), []string{FigureOpen, "press.unknown"})
		if err != nil || len(m) != 1 || len(m[FigureOpen]) != len(Fields)+1 || len(e.svc.FigureOptions(FigureOpen)) != len(Fields) {
			t.Errorf("asked for open and an unknown key: %v, %v", m, err)
		}
	})
}
