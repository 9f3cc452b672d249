package calendar

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// querier is the reader pool (*sqldb.DB) or a write transaction (*sqldb.Tx).
type querier = sqldb.Querier

var (
	_ querier = (*sqldb.DB)(nil)
	_ querier = (*sqldb.Tx)(nil)
)

const holidayCols = "date, name, kind, created_at, updated_at"

func scanHoliday(sc interface{ Scan(...any) error }) (Holiday, error) {
	var h Holiday
	var kind string
	err := sc.Scan(&h.Date, &h.Name, &kind, &h.CreatedAt, &h.UpdatedAt)
	h.Kind = DayKind(kind)
	h.CreatedAt, h.UpdatedAt = h.CreatedAt.UTC(), h.UpdatedAt.UTC()
	return h, err
}

// listHolidays returns the rows from..to inclusive (all rows when both are
// zero), by date.
func listHolidays(ctx context.Context, q querier, from, to civil.Date) ([]Holiday, error) {
	query, args := "SELECT "+holidayCols+" FROM holidays", []any{}
	if !from.IsZero() || !to.IsZero() {
		query += " WHERE date >= ? AND date <= ?"
		args = append(args, from, to)
	}
	rows, err := q.Query(ctx, query+" ORDER BY date", args...)
	if err != nil {
		return nil, fmt.Errorf("calendar: list holidays: %w", err)
	}
	defer rows.Close()
	out := []Holiday{}
	for rows.Next() {
		h, err := scanHoliday(rows)
		if err != nil {
			return nil, fmt.Errorf("calendar: scan holiday: %w", err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("calendar: list holidays: %w", err)
	}
	return out, nil
}

func findHoliday(ctx context.Context, q querier, d civil.Date) (Holiday, error) {
	h, err := scanHoliday(q.QueryRow(ctx, "SELECT "+holidayCols+" FROM holidays WHERE date = ?", d))
	if errors.Is(err, sql.ErrNoRows) {
		return Holiday{}, apperr.NotFound("ngày nghỉ " + d.String())
	}
	if err != nil {
		return Holiday{}, fmt.Errorf("calendar: find holiday %s: %w", d, err)
	}
	return h, nil
}

func upsertHoliday(ctx context.Context, tx *sqldb.Tx, h Holiday, now time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO holidays (date, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (date) DO UPDATE SET name = excluded.name, kind = excluded.kind, updated_at = excluded.updated_at`,
		h.Date, h.Name, string(h.Kind), now, now)
	if err != nil {
		return fmt.Errorf("calendar: save holiday %s: %w", h.Date, err)
	}
	return nil
}

func deleteHoliday(ctx context.Context, tx *sqldb.Tx, d civil.Date) error {
	if _, err := tx.Exec(ctx, "DELETE FROM holidays WHERE date = ?", d); err != nil {
		return fmt.Errorf("calendar: delete holiday %s: %w", d, err)
	}
	return nil
}

// bumpVersion marks the table changed, in the changing transaction, so every
// instance's cached Calendar reloads.
func bumpVersion(ctx context.Context, tx *sqldb.Tx) error {
	if _, err := tx.Exec(ctx, "UPDATE holiday_version SET version = version + 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("calendar: bump holiday version: %w", err)
	}
	return nil
}

func readVersion(ctx context.Context, q querier) (int64, error) {
	var v int64
	if err := q.QueryRow(ctx, "SELECT version FROM holiday_version WHERE id = 1").Scan(&v); err != nil {
		return 0, fmt.Errorf("calendar: read holiday version: %w", err)
	}
	return v, nil
}

// loadCalendar reads the version first and the rows second: a change
// committed in between makes the rows newer than the version, which only
// causes one extra reload later — never a stale calendar kept as current.
func loadCalendar(ctx context.Context, q querier) (*Calendar, error) {
	v, err := readVersion(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := listHolidays(ctx, q, civil.Date{}, civil.Date{})
	if err != nil {
		return nil, err
	}
	c := NewCalendar(rows)
	c.version = v
	return c, nil
}
