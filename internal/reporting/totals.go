package reporting

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Running totals (table report_totals) hold, per regime, period, unit kind
// and cell, the count, sum, minimum and maximum of the counted reports'
// values. They change in the same transaction as the report that enters or
// leaves the count (submit, approve, return, reopen), so an aggregate read
// at any moment equals a GROUP BY over the counted reports — without
// scanning hundreds of thousands of values at every request.

// totalShards stripes each cell's running total (see the migration).
const totalShards = 16

var shards = strconv.Itoa(totalShards)

func shardOf(reportID int64) int { return int(reportID % totalShards) }

// countReport adds a report's numeric values to the totals, in multi-row
// upserts of up to 200 cells, and remembers under which unit kind, so the
// values leave the same totals even if the unit's kind changes meanwhile.
func countReport(ctx context.Context, tx *sqldb.Tx, r Report, kind org.UnitKind) error {
	if _, err := tx.Exec(ctx, "UPDATE reports SET counted_kind = ? WHERE id = ?", string(kind), r.ID); err != nil {
		return fmt.Errorf("reporting: mark counted: %w", err)
	}
	args := make([]any, 0, 10*min(len(r.Values), 200))
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		_, err := tx.Exec(ctx, `INSERT INTO report_totals (regime_id, period_key, kind, indicator, opt, n, total, lo, hi, shard)
			VALUES `+placeholders(len(args)/10, 10)+`
			ON CONFLICT (regime_id, period_key, kind, indicator, opt, shard) DO UPDATE SET
				n = report_totals.n + 1, total = report_totals.total + excluded.total,
				lo = CASE WHEN report_totals.lo IS NULL OR excluded.lo < report_totals.lo THEN excluded.lo ELSE report_totals.lo END,
				hi = CASE WHEN report_totals.hi IS NULL OR excluded.hi > report_totals.hi THEN excluded.hi ELSE report_totals.hi END`,
			args...)
		args = args[:0]
		return err
	}
	// Cells in sorted order: concurrent submissions then take the rows'
	// locks in the same order on PostgreSQL, and never deadlock.
	for _, key := range slices.Sorted(maps.Keys(r.Values)) {
		v := r.Values[key]
		if v.Num == nil {
			continue
		}
		code, opt := SplitCell(key)
		args = append(args, r.RegimeID, r.PeriodKey, string(kind), code, opt, 1, *v.Num, *v.Num, *v.Num, shardOf(r.ID))
		if len(args) == 10*200 {
			if err := flush(); err != nil {
				return fmt.Errorf("reporting: count values: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("reporting: count values: %w", err)
	}
	return nil
}

// uncountReport takes a report's values out of the totals. A removed value
// that was the minimum or maximum makes that cell's extreme be read again
// from the reports still counted (the report itself is no longer counted
// by then: its status was saved first).
func uncountReport(ctx context.Context, tx *sqldb.Tx, r Report) error {
	var stored string
	if err := tx.QueryRow(ctx, "SELECT counted_kind FROM reports WHERE id = ?", r.ID).Scan(&stored); err != nil {
		return fmt.Errorf("reporting: counted kind: %w", err)
	}
	kind := org.UnitKind(stored)
	for _, key := range slices.Sorted(maps.Keys(r.Values)) {
		v := r.Values[key]
		if v.Num == nil {
			continue
		}
		code, opt := SplitCell(key)
		var lo, hi *float64
		var n int
		shard := shardOf(r.ID)
		err := tx.QueryRow(ctx, `UPDATE report_totals SET n = n - 1, total = total - ?
			WHERE regime_id = ? AND period_key = ? AND kind = ? AND indicator = ? AND opt = ? AND shard = ? RETURNING n, lo, hi`,
			*v.Num, r.RegimeID, r.PeriodKey, string(kind), code, opt, shard).Scan(&n, &lo, &hi)
		if err != nil {
			return fmt.Errorf("reporting: uncount %s: %w", key, err)
		}
		if n == 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM report_totals WHERE regime_id = ? AND period_key = ? AND kind = ? AND indicator = ? AND opt = ? AND shard = ?`,
				r.RegimeID, r.PeriodKey, string(kind), code, opt, shard); err != nil {
				return err
			}
			continue
		}
		if (lo != nil && *v.Num <= *lo) || (hi != nil && *v.Num >= *hi) {
			if err := refreshExtremes(ctx, tx, r.RegimeID, r.PeriodKey, kind, code, opt, shard); err != nil {
				return err
			}
		}
	}
	return nil
}

func refreshExtremes(ctx context.Context, tx *sqldb.Tx, regimeID int64, period string, kind org.UnitKind, code, opt string, shard int) error {
	args := []any{regimeID, period, string(kind), code, opt, totalShards, shard}
	_, err := tx.Exec(ctx, `UPDATE report_totals SET
		lo = (SELECT MIN(v.num) FROM reports r JOIN report_values v ON v.report_id = r.id
			WHERE r.regime_id = ? AND r.period_key = ? AND r.status IN ('submitted', 'accepted') AND r.counted_kind = ?
			AND v.indicator = ? AND v.opt = ? AND r.id % ? = ?),
		hi = (SELECT MAX(v.num) FROM reports r JOIN report_values v ON v.report_id = r.id
			WHERE r.regime_id = ? AND r.period_key = ? AND r.status IN ('submitted', 'accepted') AND r.counted_kind = ?
			AND v.indicator = ? AND v.opt = ? AND r.id % ? = ?)
		WHERE regime_id = ? AND period_key = ? AND kind = ? AND indicator = ? AND opt = ? AND shard = ?`,
		append(append(args, args...), regimeID, period, string(kind), code, opt, shard)...)
	if err != nil {
		return fmt.Errorf("reporting: refresh extremes of %s: %w", code, err)
	}
	return nil
}

// rebuildTotals recomputes a period's totals with one GROUP BY (for the
// data generator, and as the reference the tests compare against).
func rebuildTotals(ctx context.Context, tx *sqldb.Tx, regimeID int64, period string) error {
	if _, err := tx.Exec(ctx, "DELETE FROM report_totals WHERE regime_id = ? AND period_key = ?", regimeID, period); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE reports SET counted_kind = (SELECT kind FROM units WHERE units.id = reports.unit_id)
		WHERE regime_id = ? AND period_key = ? AND status IN ('submitted', 'accepted')`, regimeID, period); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO report_totals (regime_id, period_key, kind, indicator, opt, n, total, lo, hi, shard)
		SELECT r.regime_id, r.period_key, r.counted_kind, v.indicator, v.opt, COUNT(v.num), SUM(v.num), MIN(v.num), MAX(v.num), r.id % `+shards+`
		FROM reports r JOIN report_values v ON v.report_id = r.id
		WHERE r.regime_id = ? AND r.period_key = ? AND r.status IN ('submitted', 'accepted') AND v.num IS NOT NULL
		GROUP BY r.regime_id, r.period_key, r.counted_kind, v.indicator, v.opt, r.id % `+shards, regimeID, period)
	if err != nil {
		return fmt.Errorf("reporting: rebuild totals: %w", err)
	}
	return nil
}

// readTotals returns a period's totals, by unit kind or over all kinds.
func readTotals(ctx context.Context, q querier, regimeID int64, period string, byKind bool) (map[aggKey]partial, int, error) {
	rows, err := q.Query(ctx, `SELECT kind, indicator, opt, n, total, lo, hi FROM report_totals WHERE regime_id = ? AND period_key = ?`,
		regimeID, period)
	if err != nil {
		return nil, 0, fmt.Errorf("reporting: read totals: %w", err)
	}
	defer rows.Close()
	out := map[aggKey]partial{}
	for rows.Next() {
		var kind string
		var k aggKey
		var p partial
		var lo, hi *float64
		if err := rows.Scan(&kind, &k.ind, &k.opt, &p.n, &p.sum, &lo, &hi); err != nil {
			return nil, 0, err
		}
		if lo != nil {
			p.min = *lo
		}
		if hi != nil {
			p.max = *hi
		}
		if byKind {
			k.group = kind
		}
		out[k] = merge(out[k], p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	var n int
	err = q.QueryRow(ctx, `SELECT COUNT(*) FROM reports WHERE regime_id = ? AND period_key = ? AND status IN ('submitted', 'accepted')`,
		regimeID, period).Scan(&n)
	return out, n, err
}

// unitValues reads each counted report's values of a period, per unit
// (drill-down), optionally for one indicator only.
func unitValues(ctx context.Context, q querier, regimeID int64, period, indicator string) (map[aggKey]partial, int, error) {
	cond, args := "", []any{regimeID, period}
	if indicator != "" {
		cond, args = " AND v.indicator = ?", append(args, indicator)
	}
	rows, err := q.Query(ctx, `SELECT CAST(r.unit_id AS TEXT), v.indicator, v.opt, v.num FROM reports r
		JOIN report_values v ON v.report_id = r.id
		WHERE r.regime_id = ? AND r.period_key = ? AND r.status IN ('submitted', 'accepted') AND v.num IS NOT NULL`+cond, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("reporting: unit values: %w", err)
	}
	defer rows.Close()
	out := map[aggKey]partial{}
	units := map[string]bool{}
	for rows.Next() {
		var k aggKey
		var v float64
		if err := rows.Scan(&k.group, &k.ind, &k.opt, &v); err != nil {
			return nil, 0, err
		}
		units[k.group] = true
		out[k] = partial{n: 1, sum: v, min: v, max: v}
	}
	return out, len(units), rows.Err()
}
