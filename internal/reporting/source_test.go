package reporting_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// tally is a figure provider standing for another module: fixed figures,
// and a record of what it was asked.
type tally struct {
	mu    sync.Mutex
	calls []tallyCall
	data  map[string]map[string]float64
}

type tallyCall struct {
	unit     int64
	from, to civil.Date
	keys     string
}

func newTally() *tally {
	return &tally{data: map[string]map[string]float64{
		"test.received": {"": 3},
		"test.by_field": {"": 3, "environment": 2, "health": 1, "other": 0},
	}}
}

func (p *tally) FigureKeys() []string { return []string{"test.received", "test.by_field"} }

func (p *tally) FigureName(key, lang string) string {
	if lang == "en" {
		return "Test " + key
	}
	return "Thử " + key
}

func (p *tally) FigureOptions(key string) []string {
	if key == "test.by_field" {
		return []string{"environment", "health", "other"}
	}
	return nil
}

func (p *tally) Figures(_ context.Context, unit int64, from, to civil.Date, keys []string) (map[string]map[string]float64, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, tallyCall{unit, from, to, strings.Join(keys, ",")})
	out := map[string]map[string]float64{}
	for _, k := range keys {
		out[k] = p.data[k]
	}
	return out, nil
}

// sourcedRegime adds to the aid template two indicators taken from the
// system: a total, and one by field.
func (e *env) sourcedRegime(code string) reporting.Regime {
	return e.regime(code, func(r *reporting.Regime) {
		r.Template.Categories = append(r.Template.Categories, reporting.Category{Code: "field", Name: "Lĩnh vực",
			Options: []reporting.Option{{Code: "environment", Name: "Môi trường"}, {Code: "health", Name: "Y tế"}}})
		r.Template.Indicators = append(r.Template.Indicators,
			reporting.Indicator{Code: "received", Name: "Số tin tiếp nhận", Type: reporting.TypeInteger, Source: "test.received"},
			reporting.Indicator{Code: "by_field", Name: "Theo lĩnh vực", Type: reporting.TypeInteger, Category: "field", Source: "test.by_field"})
	})
}

func TestSourcedFiguresReachTheReport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		src := newTally()
		e.svc.WithSources(src)
		r := e.sourcedRegime("NQ42")
		want := map[string]float64{"received": 3, "by_field|environment": 2, "by_field|health": 1}

		rep, _, err := e.svc.Report(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID)
		if err != nil {
			t.Fatal(err)
		}
		for cell, v := range want {
			if rep.Figures[cell] != v || numOf(rep, cell) != v {
				t.Errorf("%s: figure %v, value %v; want both %v", cell, rep.Figures[cell], numOf(rep, cell), v)
			}
		}
		if len(rep.Figures) != len(want) || rep.Exists {
			t.Errorf("figures %v (exists %v), want %v on an unsaved form", rep.Figures, rep.Exists, want)
		}
		if len(src.calls) != 1 || src.calls[0] != (tallyCall{e.sa.ID, civil.D(2019, 12, 15), civil.D(2020, 6, 14), "test.received,test.by_field"}) {
			t.Errorf("provider asked %+v, want one call for SA over 15/12/2019–14/06/2020", src.calls)
		}

		// The Board sees the figures but no value the unit has not given.
		board, _, err := e.svc.Report(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID)
		if err != nil {
			t.Fatal(err)
		}
		if board.Figures["received"] != 3 || numOf(board, "received") != -1 {
			t.Errorf("board view: figures %v, value %v; want the figure and no value", board.Figures, numOf(board, "received"))
		}

		// The entry workbook starts from the figures too.
		wb := e.workbook(e.reporter(e.sa), r, "2020-H1", e.sa)
		if v, _ := wb.f.GetCellValue("Số liệu", wb.ref("by_field|environment")); v != "2" {
			t.Errorf("workbook by_field|environment = %q, want 2", v)
		}

		// The reporter corrects a figure: the value is theirs, the figure stays beside it.
		d := good(0, 12)
		d.Values["received"] = num(4)
		e.save(e.reporter(e.sa), r, "2020-H1", e.sa, d)
		rep, _, err = e.svc.Report(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID)
		if err != nil {
			t.Fatal(err)
		}
		if numOf(rep, "received") != 4 || rep.Figures["received"] != 3 || numOf(rep, "by_field|health") != -1 {
			t.Errorf("after saving: received %v (figure %v), by_field|health %v; want 4, 3 and nothing (saved empty)",
				numOf(rep, "received"), rep.Figures["received"], numOf(rep, "by_field|health"))
		}

		// Past the lock date an unsaved form is not filled in.
		e.clk.Set(time.Date(2020, 8, 20, 9, 0, 0, 0, time.UTC))
		late, _, err := e.svc.Report(e.ctx, e.reporter(e.sb), r.ID, "2020-H1", e.sb.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !late.Locked || late.Figures["received"] != 3 || numOf(late, "received") != -1 {
			t.Errorf("locked form: locked %v, figure %v, value %v", late.Locked, late.Figures["received"], numOf(late, "received"))
		}
	})
}

func TestSourceValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		// Before any source is registered only the key's form is checked.
		e.regime("FREE", func(r *reporting.Regime) { r.Template.Indicators[0].Source = "training.courses" })
		e.svc.WithSources(newTally())
		for _, tc := range []struct {
			name, want string
			mod        func(*reporting.Template)
		}{
			{"unknown key", "press.nothing", func(t *reporting.Template) { t.Indicators[0].Source = "press.nothing" }},
			{"malformed key", "Press Received", func(t *reporting.Template) { t.Indicators[0].Source = "Press Received" }},
			{"text indicator", "kiểu số", func(t *reporting.Template) { t.Indicators[6].Source = "test.received" }},
			{"total-only source by category", "không tách", func(t *reporting.Template) { t.Indicators[2].Source = "test.received" }},
			{"option the source does not know", "g1", func(t *reporting.Template) { t.Indicators[2].Source = "test.by_field" }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := reporting.Regime{Code: "BAD", Name: "Sai nguồn", Frequency: calendar.FirstHalf, Cutoff: calendar.Window15,
					Deadline: calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5}, ReceiverUnitID: e.board.ID,
					ReporterBloc: true, Template: aidTemplate()}
				tc.mod(&r.Template)
				_, err := e.svc.CreateRegime(e.ctx, e.spec, r)
				var field string
				for i, in := range r.Template.Indicators {
					if in.Source != "" {
						field = "template.indicators[" + strconv.Itoa(i) + "].source"
					}
				}
				ae := wantField(t, err, field)
				if !strings.Contains(ae.Fields[field], tc.want) {
					t.Errorf("%s: %q, want it to mention %q", field, ae.Fields[field], tc.want)
				}
			})
		}
		if got := e.svc.Sources(); len(got) != 2 || got[1].Key != "test.by_field" || got[1].Label("en") != "Test test.by_field" || len(got[1].Options) != 3 {
			t.Errorf("sources for the editor: %+v", got)
		}
	})
}
