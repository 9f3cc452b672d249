package press

import (
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// TestCountsMatchLists: the dashboards' figures are the totals of the
// filtered lists — open and late by field for the Board and for a lead
// unit, answers waiting for review, answers due in a window.
func TestCountsMatchLists(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		// Monday 6/7: two environment cases to STNMT (due 13/7), one health
		// case to SYT; on 9/7 one more to SYT (due 16/7); STNMT answers one,
		// SYT's first is closed after review.
		e.figCase(1, Environment, e.stnmt.ID, ict(2020, time.July, 6, 9))
		ans := e.figCase(2, Environment, e.stnmt.ID, ict(2020, time.July, 6, 10))
		closed := e.figCase(3, Health, e.syt.ID, ict(2020, time.July, 6, 11))
		e.figCase(4, Health, e.syt.ID, ict(2020, time.July, 9, 9))
		e.figStep(ict(2020, time.July, 10, 9), ans, func(c Case) (Case, error) { return e.svc.Answer(e.ctx, e.repMT, c.ID, c.Version, "Đã xử lý.") })
		closed = e.figStep(ict(2020, time.July, 10, 10), closed, func(c Case) (Case, error) { return e.svc.Answer(e.ctx, e.repYT, c.ID, c.Version, "Đã xử lý.") })
		closed = e.figStep(ict(2020, time.July, 10, 11), closed, func(c Case) (Case, error) { return e.svc.Review(e.ctx, e.spec, c.ID, c.Version, true, "") })
		e.figStep(ict(2020, time.July, 10, 12), closed, func(c Case) (Case, error) { return e.svc.Close(e.ctx, e.spec, c.ID, c.Version, "Công văn") })
		e.clk.Set(ict(2020, time.July, 14, 9)) // STNMT's open case is late, SYT's not yet

		want := map[Field][3]int{Environment: {2, 1, 1}, Health: {1, 0, 0}} // open, late, answered
		for _, who := range []struct {
			name  string
			board bool
		}{{"board", true}, {"stnmt", false}} {
			a := e.spec
			if !who.board {
				a = e.repMT
			}
			counts, err := e.svc.CountByField(e.ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if len(counts) != len(Fields) {
				t.Fatalf("%d fields counted, want every field", len(counts))
			}
			for _, c := range counts {
				_, open, _ := e.svc.List(e.ctx, a, Filter{Field: c.Field, Open: true})
				_, late, _ := e.svc.List(e.ctx, a, Filter{Field: c.Field, Late: true})
				_, answered, _ := e.svc.List(e.ctx, a, Filter{Field: c.Field, Status: Answered})
				if c.Open != open || c.Late != late || c.Answered != answered {
					t.Errorf("%s, %s: counted %+v, lists %d open %d late %d answered", who.name, c.Field, c, open, late, answered)
				}
				if w := want[c.Field]; who.board && (c.Open != w[0] || c.Late != w[1] || c.Answered != w[2]) {
					t.Errorf("board, %s: %+v, want open %d late %d answered %d", c.Field, c, w[0], w[1], w[2])
				}
				if !who.board && c.Field == Health && c.Open != 0 {
					t.Errorf("STNMT counts SYT's health cases: %+v", c)
				}
			}
		}
		// Answers due this week (14–19/7): SYT's second case only.
		n, err := e.svc.Count(e.ctx, e.spec, Filter{Status: Assigned, DueFrom: civil.D(2020, 7, 14), DueTo: civil.D(2020, 7, 19)})
		if err != nil || n != 1 {
			t.Errorf("answers due 14–19/7: %d (%v), want 1", n, err)
		}
	})
}
