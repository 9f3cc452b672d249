package reporting_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// TestIndicatorValues: the submitted values of the periods reporting on a
// window of dates, summed per unit and option; drafts do not count; a unit reads
// only its own.
func TestIndicatorValues(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("IV", nil)
		e.submitted(r, "2020-H1", e.sa, 5, ict(2020, time.June, 16, 9, 0))
		e.save(e.leader(e.sb), r, "2020-H1", e.sb, good(0, 9)) // a draft
		e.submitted(r, "2021-H1", e.sa, 7, ict(2021, time.June, 16, 9, 0))
		d := civil.D
		for _, tc := range []struct {
			name      string
			ind       string
			from, to  civil.Date
			periods   []string
			values    map[int64]map[string]float64
			asUnitOfB bool
		}{
			{"year 2020", "eligible", d(2020, 1, 1), d(2020, 12, 31), []string{"2020-H1"}, map[int64]map[string]float64{e.sa.ID: {"g1": 10}}, false},
			{"two years", "sessions", d(2020, 1, 1), d(2021, 12, 31), []string{"2020-H1", "2021-H1"}, map[int64]map[string]float64{e.sa.ID: {"": 12}}, false},
			{"a day inside one window", "sessions", d(2019, 12, 15), d(2019, 12, 15), []string{"2020-H1"}, map[int64]map[string]float64{e.sa.ID: {"": 5}}, false},
			{"no window ends in the second half", "sessions", d(2020, 6, 15), d(2020, 12, 31), []string{}, map[int64]map[string]float64{}, false},
			{"another unit's staff", "sessions", d(2020, 1, 1), d(2020, 12, 31), []string{"2020-H1"}, map[int64]map[string]float64{}, true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				who := e.spec
				if tc.asUnitOfB {
					who = e.reporter(e.sb)
				}
				got, err := e.svc.IndicatorValues(e.ctx, who, r.ID, tc.ind, tc.from, tc.to)
				if err != nil || !reflect.DeepEqual(got.Periods, tc.periods) || !reflect.DeepEqual(got.Values, tc.values) {
					t.Errorf("got %+v, %v; want %v %v", got, err, tc.periods, tc.values)
				}
			})
		}
		own, err := e.svc.IndicatorValues(e.ctx, e.reporter(e.sa), r.ID, "sessions", d(2020, 1, 1), d(2020, 12, 31))
		if err != nil || own.Values[e.sa.ID][""] != 5 {
			t.Errorf("own unit: %+v, %v", own, err)
		}
		_, err = e.svc.IndicatorValues(e.ctx, e.spec, r.ID, "sessions", d(2020, 2, 1), d(2020, 1, 1))
		wantField(t, err, "to")
		_, err = e.svc.IndicatorValues(e.ctx, e.spec, 999999, "sessions", d(2020, 1, 1), d(2020, 12, 31))
		wantErr(t, err, apperr.KindNotFound)
	})
}
