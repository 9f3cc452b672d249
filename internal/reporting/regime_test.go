package reporting_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

func TestCreateRegime(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		base := func(code string) reporting.Regime {
			return reporting.Regime{Code: code, Name: "Báo cáo " + code, Frequency: calendar.FirstHalf,
				Deadline: calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5}, ReceiverUnitID: e.board.ID,
				ReporterBloc: true, Template: aidTemplate()}
		}
		badTemplate := base("BAD-1")
		badTemplate.Template.Indicators[0].Code = "số buổi"
		noReporters := base("BAD-2")
		noReporters.ReporterBloc = false
		for _, tc := range []struct {
			name  string
			actor org.Actor
			in    reporting.Regime
			kind  apperr.Kind // 0: created
			field string
		}{
			{"board specialist", e.spec, base("R-SPEC"), 0, ""},
			{"administrator", e.admin, base("R-ADMIN"), 0, ""},
			{"board leader", e.lead, base("R-LEAD"), apperr.KindForbidden, ""},
			{"unit leader", e.leader(e.sa), base("R-UL"), apperr.KindForbidden, ""},
			{"unit reporter", e.reporter(e.sa), base("R-UR"), apperr.KindForbidden, ""},
			{"duplicate code", e.spec, base("R-SPEC"), apperr.KindInvalid, "code"},
			{"bad template", e.spec, badTemplate, apperr.KindInvalid, "template.indicators[0].code"},
			{"no reporters", e.spec, noReporters, apperr.KindInvalid, "reporter_unit_ids"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before, _ := e.svc.ListRegimes(e.ctx, e.spec)
				r, err := e.svc.CreateRegime(e.ctx, tc.actor, tc.in)
				after, _ := e.svc.ListRegimes(e.ctx, e.spec)
				if tc.kind != 0 {
					if ae := wantErr(t, err, tc.kind); tc.field != "" && ae.Fields[tc.field] == "" {
						t.Errorf("fields %v, want %s", ae.Fields, tc.field)
					}
					if len(after) != len(before) {
						t.Errorf("refused creation stored a regime")
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if r.ID == 0 || r.Version != 1 || r.Template.Version != 1 || len(after) != len(before)+1 {
					t.Errorf("created %+v; %d regimes before, %d after", r, len(before), len(after))
				}
				if got := e.auditActions("regime", strconv.FormatInt(r.ID, 10)); !slices.Equal(got, []string{"create"}) {
					t.Errorf("audit of the new regime: %v", got)
				}
			})
		}
	})
}

// TestTemplateVersions: a template change makes version 2; a report made
// under version 1 keeps its template and still counts in the totals.
func TestTemplateVersions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("VER", nil)
		e.submitted(r, "2020-H1", e.sa, 30, ict(2020, 6, 16, 10, 0))
		baoV1 := e.save(e.reporter(e.bao), r, "2020-H1", e.bao, good(0, 1))

		changed := r
		changed.Name = "Chế độ báo cáo VER (sửa)"
		changed.Template = aidTemplate()
		changed.Template.Indicators = append(changed.Template.Indicators,
			reporting.Indicator{Code: "volunteers", Name: "Số tình nguyện viên", Type: reporting.TypeInteger})
		v2, err := e.svc.UpdateRegime(e.ctx, e.spec, r.ID, changed)
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || v2.Template.Version != 2 {
			t.Fatalf("after a template change: regime version %d, template version %d; want 2, 2", v2.Version, v2.Template.Version)
		}
		if _, err := e.svc.UpdateRegime(e.ctx, e.spec, r.ID, changed); !apperr.Is(err, apperr.KindConflict) {
			t.Errorf("update with the stale version 1: %v, want a conflict", err)
		}
		if _, err := e.svc.UpdateRegime(e.ctx, e.lead, r.ID, v2); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("board leader updating a regime: %v, want forbidden", err)
		}
		renamed := v2
		renamed.Name = "Chế độ báo cáo VER (sửa lần 2)"
		v3, err := e.svc.UpdateRegime(e.ctx, e.spec, r.ID, renamed)
		if err != nil || v3.Version != 3 || v3.Template.Version != 2 {
			t.Errorf("rename without a template change: version %d, template %d, %v; want 3, 2", v3.Version, v3.Template.Version, err)
		}

		old, tmpl, err := e.svc.Report(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, has := tmpl.Indicator("volunteers"); old.TemplateVersion != 1 || tmpl.Version != 1 || has {
			t.Errorf("old report: template version %d (loaded %d, has volunteers %v), want 1", old.TemplateVersion, tmpl.Version, has)
		}
		if v1, err := e.svc.Template(e.ctx, r.ID, 1); err != nil || len(v1.Indicators) != len(aidTemplate().Indicators) {
			t.Errorf("stored version 1: %d indicators, %v", len(v1.Indicators), err)
		}
		fresh, tmpl2, err := e.svc.Report(e.ctx, e.spec, r.ID, "2020-H1", e.sb.ID)
		if _, has := tmpl2.Indicator("volunteers"); err != nil || fresh.TemplateVersion != 2 || !has {
			t.Errorf("new report: template version %d, has volunteers %v, %v", fresh.TemplateVersion, has, err)
		}
		d := good(0, 50)
		d.Values["volunteers"] = num(7)
		e.save(e.reporter(e.sb), r, "2020-H1", e.sb, d)
		d.Version = baoV1.Version
		_, err = e.svc.SaveDraft(e.ctx, e.reporter(e.bao), r.ID, "2020-H1", e.bao.ID, d)
		wantField(t, err, "volunteers") // a draft begun under version 1 keeps its cells
		e.submitted(r, "2020-H1", e.sb, 50, ict(2020, 6, 17, 10, 0))

		agg, err := e.svc.Aggregate(e.ctx, e.spec, r.ID, "2020-H1", "")
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(agg.Rows, func(row reporting.AggRow) bool { return row.Indicator == "sessions" })
		if i < 0 || agg.Reports != 2 || agg.Rows[i].Current.Value == nil || *agg.Rows[i].Current.Value != 80 || agg.Rows[i].Current.Count != 2 {
			t.Errorf("sessions over a v1 and a v2 report (%d reports): %+v, want 80 from 2 reports", agg.Reports, agg.Rows)
		}
		if got := e.auditActions("regime", strconv.FormatInt(r.ID, 10)); !slices.Equal(got, []string{"create", "update", "update"}) {
			t.Errorf("regime audit: %v", got)
		}
	})
}

func TestExpectedUnits(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		for i, tc := range []struct {
			name string
			mod  func(r *reporting.Regime)
			want []org.Unit
		}{
			{"Bloc members", nil, []org.Unit{e.bao, e.sa, e.sb}},
			{"by kind", func(r *reporting.Regime) {
				r.ReporterBloc, r.ReporterKinds = false, []org.UnitKind{org.KindPressAgency}
			}, []org.Unit{e.bao, e.vov}},
			{"one by one", func(r *reporting.Regime) { r.ReporterBloc, r.ReporterUnitIDs = false, []int64{e.huyen.ID, e.sb.ID} }, []org.Unit{e.huyen, e.sb}},
			{"Bloc and one more", func(r *reporting.Regime) { r.ReporterUnitIDs = []int64{e.huyen.ID} }, []org.Unit{e.bao, e.huyen, e.sa, e.sb}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := e.regime("EXP-"+strconv.Itoa(i), tc.mod)
				units, err := e.svc.ExpectedUnits(e.ctx, e.spec, r)
				if err != nil {
					t.Fatal(err)
				}
				codes := func(us []org.Unit) (out []string) {
					for _, u := range us {
						out = append(out, u.Code)
					}
					slices.Sort(out)
					return out
				}
				if got, want := codes(units), codes(tc.want); !slices.Equal(got, want) {
					t.Fatalf("expected units %v, want %v", got, want)
				}
				for _, u := range []org.Unit{e.sa, e.sb, e.bao, e.vov, e.huyen} {
					expected := slices.ContainsFunc(tc.want, func(w org.Unit) bool { return w.ID == u.ID })
					_, err := e.svc.FindRegime(e.ctx, e.reporter(u), r.ID)
					if expected != (err == nil) || (!expected && !apperr.Is(err, apperr.KindForbidden)) {
						t.Errorf("unit %s reads the regime: %v (expected reporter %v)", u.Code, err, expected)
					}
					list, err := e.svc.ListRegimes(e.ctx, e.reporter(u))
					listed := err == nil && slices.ContainsFunc(list, func(x reporting.Regime) bool { return x.ID == r.ID })
					if listed != expected {
						t.Errorf("unit %s lists the regime: %v, want %v (%v)", u.Code, listed, expected, err)
					}
				}
			})
		}
	})
}

// TestExplicitRegime: an ad-hoc regime has one window of its own, keyed by its code.
func TestExplicitRegime(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		set := func(r *reporting.Regime) {
			r.Kind, r.Frequency = reporting.AdHoc, calendar.Explicit
			r.ExplicitFrom, r.ExplicitTo = civil.D(2020, 3, 1), civil.D(2020, 5, 31)
			r.Deadline = calendar.DeadlineRule{Kind: calendar.FixedDay, Day: 10}
		}
		bad := reporting.Regime{Code: "DX-BAD", Name: "Thiếu ngày", Frequency: calendar.Explicit, ReceiverUnitID: e.board.ID,
			ReporterBloc: true, Deadline: calendar.DeadlineRule{Kind: calendar.FixedDay, Day: 10}, Template: aidTemplate()}
		_, err := e.svc.CreateRegime(e.ctx, e.spec, bad)
		wantField(t, err, "explicit_to")
		r := e.regime("COVID-DX", set)
		ps, err := e.svc.Periods(e.ctx, e.leader(e.sa), r.ID, 2020)
		if err != nil || len(ps) != 1 || ps[0].Key != "COVID-DX" || ps[0].From != civil.D(2020, 3, 1) || ps[0].Due != civil.D(2020, 6, 10) {
			t.Fatalf("periods %+v, %v; want the one window 01/03–31/05/2020 due 10/06/2020", ps, err)
		}
		_, err = e.svc.SaveDraft(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID, good(0, 1))
		wantField(t, err, "period")
		rep := e.submitted(r, "COVID-DX", e.sa, 3, ict(2020, 6, 10, 16, 0))
		if rep.PeriodKey != "COVID-DX" || rep.Timeliness.Label != "nộp đúng hạn" {
			t.Errorf("report %s, %+v", rep.PeriodKey, rep.Timeliness)
		}
		agg, err := e.svc.Aggregate(e.ctx, e.spec, r.ID, "COVID-DX", "")
		if err != nil || agg.Reports != 1 || agg.Previous != "" || agg.LastYear != "" {
			t.Errorf("aggregate of an explicit window: %+v, %v", agg, err)
		}
	})
}
