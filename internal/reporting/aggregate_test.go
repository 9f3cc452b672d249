package reporting_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// file stores a unit's figures for a period at a time, and sends them to
// the Board unless it is only a draft.
func (e *env) file(r reporting.Regime, period string, u org.Unit, at time.Time, values map[string]float64, submit bool) {
	e.t.Helper()
	e.clk.Set(at)
	cur, _, err := e.svc.Report(e.ctx, e.spec, r.ID, period, u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	d := reporting.Draft{Version: cur.Version, Sections: map[string]string{"results": "Kết quả của " + u.Name}, Values: map[string]reporting.Value{}}
	for k, v := range values {
		d.Values[k] = num(v)
	}
	e.save(e.leader(u), r, period, u, d)
	if !submit {
		return
	}
	if _, err := e.svc.Submit(e.ctx, e.leader(u), r.ID, period, u.ID); err != nil {
		e.t.Fatalf("submit %s %s: %v", u.Code, period, err)
	}
}

// aggData: a half-year regime of the Bloc and HUYEN with reports in 2019-H1
// and 2020-H1; HUYEN only has a draft, which never counts.
func aggData(e *env) reporting.Regime {
	r := e.regime("TONGHOP", func(r *reporting.Regime) {
		r.ReporterUnitIDs = []int64{e.huyen.ID}
		r.Template.Indicators = append(r.Template.Indicators,
			reporting.Indicator{Code: "peak", Name: "Cao nhất", Type: reporting.TypeInteger, Agg: reporting.AggMax},
			reporting.Indicator{Code: "low", Name: "Thấp nhất", Type: reporting.TypeInteger, Agg: reporting.AggMin})
	})
	e.file(r, "2019-H1", e.sa, ict(2019, 6, 17, 9, 0), map[string]float64{"sessions": 10, "rate": 50, "peak": 5, "low": 2}, true)
	e.file(r, "2019-H1", e.sb, ict(2019, 6, 17, 9, 0), map[string]float64{"sessions": 20, "rate": 70, "peak": 9, "low": 4}, true)
	at := ict(2020, 6, 16, 9, 0)
	e.file(r, "2020-H1", e.sa, at, map[string]float64{"sessions": 30, "rate": 80, "peak": 7, "low": 3, "eligible|g1": 10, "paid|g1": 8, "eligible|g2": 6, "paid|g2": 6}, true)
	e.file(r, "2020-H1", e.sb, at, map[string]float64{"sessions": 50, "rate": 90, "peak": 12, "low": 1, "eligible|g1": 4, "paid|g1": 4}, true)
	e.file(r, "2020-H1", e.bao, at, map[string]float64{"sessions": 40, "rate": 70, "peak": 3, "low": 6, "eligible|g2": 5, "paid|g2": 2}, true)
	e.file(r, "2020-H1", e.huyen, at, map[string]float64{"sessions": 1000, "rate": 1, "peak": 1000, "low": 0, "paid|g1": 99}, false)
	if _, err := e.svc.Accept(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID); err != nil {
		e.t.Fatal(err)
	}
	return r
}

func TestAggregate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := aggData(e)
		sa := strconv.FormatInt(e.sa.ID, 10)
		v := func(f float64) *float64 { return &f }
		for _, tc := range []struct {
			by, group, ind, opt string
			cur                 *float64
			n                   int
			last                *float64
		}{
			{"", "", "sessions", "", v(120), 3, v(30)},
			{"", "", "rate", "", v(80), 3, v(60)},
			{"", "", "peak", "", v(12), 3, v(9)},
			{"", "", "low", "", v(1), 3, v(2)},
			{"", "", "paid", "g1", v(12), 2, nil},
			{"", "", "paid", "", v(20), 4, nil}, // total over the options
			{"", "", "has_plan", "", nil, 0, nil},
			{"unit", sa, "sessions", "", v(30), 1, v(10)},
			{"unit", sa, "paid", "g2", v(6), 1, nil},
			{"kind", "bloc_member", "sessions", "", v(80), 2, v(30)},
			{"kind", "bloc_member", "rate", "", v(85), 2, v(60)},
			{"kind", "press_agency", "low", "", v(6), 1, nil},
			{"category", "", "paid", "g2", v(8), 2, nil},
		} {
			t.Run(tc.by+"/"+tc.group+"/"+tc.ind+"|"+tc.opt, func(t *testing.T) {
				agg, err := e.svc.Aggregate(e.ctx, e.lead, r.ID, "2020-H1", tc.by)
				if err != nil {
					t.Fatal(err)
				}
				if agg.Reports != 3 || agg.LastYear != "2019-H1" {
					t.Errorf("%d reports, last year %q; want 3, 2019-H1", agg.Reports, agg.LastYear)
				}
				var row *reporting.AggRow
				for i, x := range agg.Rows {
					if x.Group == tc.group && x.Indicator == tc.ind && x.Option == tc.opt {
						row = &agg.Rows[i]
					}
					if x.Indicator == "note" {
						t.Errorf("a text indicator is aggregated: %+v", x)
					}
					if tc.by == "category" && x.OptionNm == "Tổng số" {
						t.Errorf("by category: unexpected total row %+v", x)
					}
				}
				if row == nil {
					t.Fatalf("no row %s/%s|%s in %+v", tc.group, tc.ind, tc.opt, agg.Rows)
				}
				if !same(row.Current.Value, tc.cur) || row.Current.Count != tc.n || !same(row.LastYear.Value, tc.last) {
					t.Errorf("current %v (%d reports), last year %v; want %v (%d), %v", show(row.Current.Value), row.Current.Count, show(row.LastYear.Value), show(tc.cur), tc.n, show(tc.last))
				}
				if tc.by == "unit" && row.GroupName != e.sa.Name {
					t.Errorf("group name %q, want %q", row.GroupName, e.sa.Name)
				}
			})
		}
		t.Run("previous period belongs to the regime", func(t *testing.T) {
			agg, err := e.svc.Aggregate(e.ctx, e.spec, r.ID, "2020-H1", "")
			if err != nil {
				t.Fatal(err)
			}
			// 2019-H2 cannot hold a report of an H1-only regime: "kỳ trước" would always be blank.
			if _, err := r.Period(agg.Previous); agg.Previous != "" && err != nil {
				t.Errorf("previous period %q is not a period of this half-year regime: %v", agg.Previous, err)
			}
		})
		if _, err := e.svc.Aggregate(e.ctx, e.spec, r.ID, "2020-H1", "region"); !apperr.Is(err, apperr.KindInvalid) {
			t.Errorf("by=region: %v", err)
		}
		if _, err := e.svc.Aggregate(e.ctx, e.leader(e.sa), r.ID, "2020-H1", ""); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("aggregate for a unit leader: %v", err)
		}
	})
}

// TestTotalsFollowTheLifecycle: figures leave the totals when a report is
// returned or reopened and come back when it is sent again, even after its
// unit changed kind.
func TestTotalsFollowTheLifecycle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := aggData(e)
		type want struct{ sessions, peak, low float64 }
		check := func(step, by, group string, w want) {
			t.Helper()
			agg, err := e.svc.Aggregate(e.ctx, e.spec, r.ID, "2020-H1", by)
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			got := map[string]*float64{}
			for _, row := range agg.Rows {
				if row.Group == group {
					got[row.Indicator] = row.Current.Value
				}
			}
			if !same(got["sessions"], &w.sessions) || !same(got["peak"], &w.peak) || !same(got["low"], &w.low) {
				t.Errorf("%s (by %q, group %q): sessions %v, peak %v, low %v; want %+v", step, by, group,
					show(got["sessions"]), show(got["peak"]), show(got["low"]), w)
			}
		}
		at := ict(2020, 6, 18, 9, 0)
		if _, err := e.svc.Return(e.ctx, e.spec, r.ID, "2020-H1", e.sb.ID, "Kiểm tra lại"); err != nil {
			t.Fatal(err)
		}
		check("SB returned", "", "", want{70, 7, 3}) // SB held the maximum and the minimum
		e.file(r, "2020-H1", e.sb, at, map[string]float64{"sessions": 55, "peak": 20, "low": 0}, true)
		check("SB sent again", "", "", want{125, 20, 0})
		if _, err := e.svc.Reopen(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID, "Sửa số liệu"); err != nil {
			t.Fatal(err)
		}
		check("SA reopened", "", "", want{95, 20, 0})

		other := org.KindOther
		if _, err := e.org.UpdateUnit(e.ctx, org.SystemActor("test"), e.bao.ID, org.UnitPatch{Kind: &other, Version: e.bao.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Return(e.ctx, e.spec, r.ID, "2020-H1", e.bao.ID, "Đơn vị đã đổi loại"); err != nil {
			t.Fatalf("return after the unit changed kind: %v", err)
		}
		check("BAO returned after changing kind", "", "", want{55, 20, 0})
		e.file(r, "2020-H1", e.bao, at, map[string]float64{"sessions": 41, "peak": 3, "low": 6}, true)
		check("BAO sent again", "kind", "other", want{41, 3, 6})
		check("BAO sent again", "", "", want{96, 20, 0})
	})
}

func TestAggregatePreviousQuarter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("QUY", func(r *reporting.Regime) { r.Frequency = calendar.Quarterly })
		e.file(r, "2020-Q1", e.sa, ict(2020, 3, 16, 9, 0), map[string]float64{"sessions": 11}, true)
		e.file(r, "2020-Q2", e.sa, ict(2020, 6, 16, 9, 0), map[string]float64{"sessions": 22}, true)
		agg, err := e.svc.Aggregate(e.ctx, e.spec, r.ID, "2020-Q2", "")
		if err != nil {
			t.Fatal(err)
		}
		if agg.Previous != "2020-Q1" || agg.LastYear != "2019-Q2" {
			t.Errorf("comparisons %q, %q", agg.Previous, agg.LastYear)
		}
		row := agg.Rows[0]
		if row.Indicator != "sessions" || !same(row.Current.Value, fp(22)) || !same(row.Previous.Value, fp(11)) || row.LastYear.Value != nil {
			t.Errorf("sessions row %+v", row)
		}
	})
}

func TestPeriodTable(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := aggData(e)
		tb, err := e.svc.Table(e.ctx, e.spec, r.ID, "2020-H1")
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.Rows) != 4 || len(tb.Columns) != len(r.Template.Cells()) || len(tb.Totals) != len(tb.Columns) {
			t.Fatalf("%d rows, %d columns, %d totals", len(tb.Rows), len(tb.Columns), len(tb.Totals))
		}
		want := map[string]float64{"sessions": 120, "rate": 80, "peak": 12, "low": 1, "paid|g1": 12, "paid|g2": 8, "eligible|g2": 11}
		for i, c := range tb.Columns {
			if w, ok := want[c.Key]; ok && !same(tb.Totals[i].Value, &w) {
				t.Errorf("total of %s: %v, want %v", c.Key, show(tb.Totals[i].Value), w)
			}
			if c.Key == "paid|g1" && c.Title != "Số đã chi trả — Người lao động" {
				t.Errorf("column title %q", c.Title)
			}
		}
		for _, row := range tb.Rows {
			vals := map[string]reporting.Value{}
			for i, c := range tb.Columns {
				if !row.Values[i].IsEmpty() {
					vals[c.Key] = row.Values[i]
				}
			}
			switch row.Code {
			case "HUYEN":
				if row.Status != "draft" || len(vals) != 0 {
					t.Errorf("a draft shows in the table: %+v", row)
				}
			case "SA":
				if row.Status != "accepted" || numOf(reporting.Report{Values: vals}, "sessions") != 30 {
					t.Errorf("row SA: %+v", row)
				}
			}
		}
		if _, err := e.svc.Table(e.ctx, e.reporter(e.sa), r.ID, "2020-H1"); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("table for a reporter: %v", err)
		}
	})
}

func same(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func show(f *float64) any {
	if f == nil {
		return "nil"
	}
	return *f
}
