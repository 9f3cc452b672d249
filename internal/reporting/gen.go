package reporting

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// GenOptions shapes a generated nationwide dataset for measurements.
type GenOptions struct {
	Year       int    // the year whose 12 monthly periods get reports
	Indicators int    // indicators in the template (100)
	Seed       uint64 // for repeatable figures
	Tokens     bool   // create a reporter and an API token per unit (for the submission surge)
}

// GenResult says what was generated; Tokens maps unit id → API token.
type GenResult struct {
	RegimeID int64
	Units    int
	Reports  int
	Values   int
	Tokens   map[int64]string
}

// Generate builds a monthly regime over every province and commune with an
// N-indicator template and fills the year's 12 periods: most units accepted
// or submitted (some late), a few missing. Rows are written in large
// multi-row INSERTs straight through the store, one transaction per period:
// this is test data, not user input, so it skips the per-report checks.
func (s *Service) Generate(ctx context.Context, o GenOptions) (GenResult, error) {
	a := org.SystemActor("gen")
	rng := rand.New(rand.NewPCG(o.Seed, 42))
	board, err := s.org.ListUnits(ctx, a, org.UnitFilter{Kind: org.KindBoard, Limit: 1})
	if err != nil || len(board.Items) == 0 {
		return GenResult{}, fmt.Errorf("reporting: gen needs a board unit (load the demo first): %w", err)
	}
	r := Regime{Code: "GEN-" + strconv.Itoa(o.Indicators), Name: fmt.Sprintf("Báo cáo thử nghiệm %d chỉ tiêu", o.Indicators),
		Kind: Periodic, Frequency: calendar.Monthly, Cutoff: calendar.Window15,
		Deadline:       calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5},
		ReceiverUnitID: board.Items[0].ID, ReporterKinds: []org.UnitKind{org.KindProvince, org.KindCommune}, LockDays: 366}
	for i := 1; i <= o.Indicators; i++ {
		r.Template.Indicators = append(r.Template.Indicators, Indicator{Code: fmt.Sprintf("i%03d", i),
			Name: fmt.Sprintf("Chỉ tiêu số %d", i), Unit: "người", Type: TypeInteger, Agg: AggSum})
	}
	r.Template.Sections = []Section{{Key: "summary", Title: "Tóm tắt"}}
	if r, err = s.CreateRegime(ctx, a, r); err != nil {
		return GenResult{}, err
	}
	units, err := expectedUnits(ctx, s.db, r)
	if err != nil {
		return GenResult{}, err
	}
	res := GenResult{RegimeID: r.ID, Units: len(units)}
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return res, err
	}
	for _, p := range calendar.Periods(calendar.Monthly, calendar.Window15, o.Year) {
		due := cal.Due(p, r.Deadline)
		n, v, err := s.genPeriod(ctx, r, p.Key, due, units, o.Indicators, rng)
		if err != nil {
			return res, fmt.Errorf("reporting: gen %s: %w", p.Key, err)
		}
		res.Reports += n
		res.Values += v
	}
	if o.Tokens {
		if res.Tokens, err = s.org.GenReporters(ctx, units, 30*24*time.Hour); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (s *Service) genPeriod(ctx context.Context, r Regime, period string, due civil.Date, units []org.Unit, nInd int, rng *rand.Rand) (int, int, error) {
	reports, values := 0, 0
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		var rows, vals []any
		for _, u := range units {
			x := rng.Float64()
			if x < 0.05 {
				continue // missing
			}
			status := StatusAccepted
			if x < 0.15 {
				status = StatusSubmitted
			}
			day := due.AddDays(rng.IntN(7) - 5) // most before the due date, some late
			at := day.In(vntext.Location).Add(time.Duration(8+rng.IntN(9)) * time.Hour).UTC()
			rows = append(rows, r.ID, period, u.ID, r.Template.Version, string(status), `{"summary":"Số liệu thử nghiệm"}`, "{}", at, day, at, at, at)
		}
		ids, err := genInsertReports(ctx, tx, rows)
		if err != nil {
			return err
		}
		reports = len(ids)
		for _, id := range ids {
			for i := 1; i <= nInd; i++ {
				vals = append(vals, id, fmt.Sprintf("i%03d", i), "", float64(rng.IntN(1000)), "")
				if len(vals) >= 5*900 {
					if err := genInsert(ctx, tx, "report_values (report_id, indicator, opt, num, txt)", 5, vals); err != nil {
						return err
					}
					values += len(vals) / 5
					vals = vals[:0]
				}
			}
		}
		values += len(vals) / 5
		if err := genInsert(ctx, tx, "report_values (report_id, indicator, opt, num, txt)", 5, vals); err != nil {
			return err
		}
		return rebuildTotals(ctx, tx, r.ID, period)
	})
	return reports, values, err
}

func genInsertReports(ctx context.Context, tx *sqldb.Tx, rows []any) ([]int64, error) {
	const cols = 12
	var ids []int64
	for len(rows) > 0 {
		chunk := rows[:min(len(rows), cols*500)]
		rows = rows[len(chunk):]
		q := "INSERT INTO reports (regime_id, period_key, unit_id, template_version, status, sections_json, explanations_json, " +
			"first_submitted_at, first_submitted_on, submitted_at, created_at, updated_at) VALUES " + placeholders(len(chunk)/cols, cols) + " RETURNING id"
		res, err := tx.Query(ctx, q, chunk...)
		if err != nil {
			return nil, err
		}
		for res.Next() {
			var id int64
			if err := res.Scan(&id); err != nil {
				res.Close()
				return nil, err
			}
			ids = append(ids, id)
		}
		res.Close()
		if err := res.Err(); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func genInsert(ctx context.Context, tx *sqldb.Tx, table string, cols int, vals []any) error {
	if len(vals) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, "INSERT INTO "+table+" VALUES "+placeholders(len(vals)/cols, cols), vals...)
	return err
}

func placeholders(rows, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}
