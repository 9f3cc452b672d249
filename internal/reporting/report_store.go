package reporting

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

const reportCols = `id, regime_id, period_key, unit_id, template_version, status, sections_json, explanations_json,
	return_reason, reopened, first_submitted_at, submitted_at, accepted_at, version, created_at, updated_at`

func scanReport(sc interface{ Scan(...any) error }) (Report, error) {
	var r Report
	var sections, expl string
	var first, sub, acc sql.NullTime
	err := sc.Scan(&r.ID, &r.RegimeID, &r.PeriodKey, &r.UnitID, &r.TemplateVersion, &r.Status, &sections, &expl,
		&r.ReturnReason, &r.Reopened, &first, &sub, &acc, &r.Version, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return r, err
	}
	r.Exists = true
	r.FirstSubmittedAt, r.SubmittedAt, r.AcceptedAt = timePtr(first), timePtr(sub), timePtr(acc)
	if err := json.Unmarshal([]byte(sections), &r.Sections); err != nil {
		return r, fmt.Errorf("reporting: sections of report %d: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(expl), &r.Explanations); err != nil {
		return r, fmt.Errorf("reporting: explanations of report %d: %w", r.ID, err)
	}
	return r, nil
}

// submittedOn is the date of a submission in Asia/Ho_Chi_Minh (zero for none).
func submittedOn(t *time.Time) civil.Date {
	if t == nil {
		return civil.Date{}
	}
	return civil.Of(*t, vntext.Location)
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// findReport loads a report with its values; found is false when none is stored.
func findReport(ctx context.Context, q querier, regimeID int64, period string, unitID int64) (Report, bool, error) {
	r, err := scanReport(q.QueryRow(ctx, "SELECT "+reportCols+" FROM reports WHERE regime_id = ? AND period_key = ? AND unit_id = ?",
		regimeID, period, unitID))
	if errors.Is(err, sql.ErrNoRows) {
		return Report{}, false, nil
	}
	if err != nil {
		return Report{}, false, fmt.Errorf("reporting: find report: %w", err)
	}
	r.Values, err = reportValues(ctx, q, r.ID)
	return r, true, err
}

func reportValues(ctx context.Context, q querier, id int64) (map[string]Value, error) {
	rows, err := q.Query(ctx, "SELECT indicator, opt, num, txt FROM report_values WHERE report_id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("reporting: values of %d: %w", id, err)
	}
	defer rows.Close()
	out := map[string]Value{}
	for rows.Next() {
		var code, opt, txt string
		var num sql.NullFloat64
		if err := rows.Scan(&code, &opt, &num, &txt); err != nil {
			return nil, err
		}
		v := Value{Text: txt}
		if num.Valid {
			f := num.Float64
			v.Num = &f
		}
		out[CellKey(code, opt)] = v
	}
	return out, rows.Err()
}

func reportEvents(ctx context.Context, q querier, id int64) ([]Event, error) {
	rows, err := q.Query(ctx, "SELECT id, action, from_status, to_status, actor, reason, at FROM report_events WHERE report_id = ? ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("reporting: events of %d: %w", id, err)
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.Action, &e.From, &e.To, &e.Actor, &e.Reason, &e.At); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

func reportSearchText(r *Report) string {
	s := ""
	for _, t := range r.Sections {
		s += " " + t
	}
	return vntext.Fold(s)
}

// saveReport inserts the report or updates it if its version is current,
// and replaces its values.
func saveReport(ctx context.Context, tx *sqldb.Tx, r *Report, now time.Time) error {
	sections, _ := json.Marshal(r.Sections)
	expl, _ := json.Marshal(r.Explanations)
	if !r.Exists {
		r.Version, r.CreatedAt = 1, now
		err := tx.QueryRow(ctx, `INSERT INTO reports (regime_id, period_key, unit_id, template_version, status, sections_json,
			explanations_json, return_reason, reopened, first_submitted_at, first_submitted_on, submitted_at, accepted_at, search_text, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
			r.RegimeID, r.PeriodKey, r.UnitID, r.TemplateVersion, string(r.Status), string(sections), string(expl), r.ReturnReason,
			r.Reopened, r.FirstSubmittedAt, submittedOn(r.FirstSubmittedAt), r.SubmittedAt, r.AcceptedAt, reportSearchText(r), now, now).Scan(&r.ID)
		if sqldb.IsUniqueViolation(err, "") {
			return errStale // created meanwhile by someone else: a conflict
		}
		if err != nil {
			return fmt.Errorf("reporting: insert report: %w", err)
		}
		r.Exists = true
	} else {
		res, err := tx.Exec(ctx, `UPDATE reports SET status = ?, sections_json = ?, explanations_json = ?, return_reason = ?,
			reopened = ?, first_submitted_at = ?, first_submitted_on = ?, submitted_at = ?, accepted_at = ?, search_text = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			string(r.Status), string(sections), string(expl), r.ReturnReason, r.Reopened, r.FirstSubmittedAt, submittedOn(r.FirstSubmittedAt), r.SubmittedAt,
			r.AcceptedAt, reportSearchText(r), now, r.ID, r.Version)
		if err != nil {
			return fmt.Errorf("reporting: update report: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errStale
		}
		r.Version++
	}
	r.UpdatedAt = now
	return replaceValues(ctx, tx, r.ID, r.Values)
}

func replaceValues(ctx context.Context, tx *sqldb.Tx, id int64, values map[string]Value) error {
	if _, err := tx.Exec(ctx, "DELETE FROM report_values WHERE report_id = ?", id); err != nil {
		return fmt.Errorf("reporting: clear values: %w", err)
	}
	if len(values) == 0 {
		return nil
	}
	// One multi-row INSERT per 200 values: a report of 100 figures is one
	// statement, not a hundred round trips.
	args := make([]any, 0, 5*min(len(values), 200))
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		_, err := tx.Exec(ctx, "INSERT INTO report_values (report_id, indicator, opt, num, txt) VALUES "+placeholders(len(args)/5, 5), args...)
		args = args[:0]
		return err
	}
	for key, v := range values {
		code, opt := SplitCell(key)
		args = append(args, id, code, opt, v.Num, v.Text)
		if len(args) == 5*200 {
			if err := flush(); err != nil {
				return fmt.Errorf("reporting: insert values: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("reporting: insert values: %w", err)
	}
	return nil
}

func insertEvent(ctx context.Context, tx *sqldb.Tx, reportID int64, e Event, actorID int64) error {
	var aid any
	if actorID != 0 {
		aid = actorID
	}
	_, err := tx.Exec(ctx, `INSERT INTO report_events (report_id, action, from_status, to_status, actor_id, actor, reason, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, reportID, e.Action, string(e.From), string(e.To), aid, e.Actor, e.Reason, e.At)
	if err != nil {
		return fmt.Errorf("reporting: insert event: %w", err)
	}
	return nil
}
