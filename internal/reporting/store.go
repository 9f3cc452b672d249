package reporting

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// querier is the reader pool or a write transaction.
type querier = sqldb.Querier

var errStale = errors.New("reporting: stale version")

const regimeCols = `id, code, name, kind, frequency, cutoff, explicit_from, explicit_to, deadline_json, receiver_unit_id,
	reporter_kinds, reporter_bloc, approval_required, lock_days, template_version, active, version, created_at, updated_at`

func scanRegime(sc interface{ Scan(...any) error }) (Regime, error) {
	var r Regime
	var deadline, kinds string
	err := sc.Scan(&r.ID, &r.Code, &r.Name, &r.Kind, &r.Frequency, &r.Cutoff, &r.ExplicitFrom, &r.ExplicitTo, &deadline,
		&r.ReceiverUnitID, &kinds, &r.ReporterBloc, &r.ApprovalRequired, &r.LockDays, &r.Template.Version, &r.Active,
		&r.Version, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(deadline), &r.Deadline); err != nil {
		return r, fmt.Errorf("reporting: deadline of regime %d: %w", r.ID, err)
	}
	r.ReporterKinds = []org.UnitKind{}
	for _, k := range strings.Split(kinds, ",") {
		if k != "" {
			r.ReporterKinds = append(r.ReporterKinds, org.UnitKind(k))
		}
	}
	return r, nil
}

func kindsText(ks []org.UnitKind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ",")
}

// findRegime loads a regime with its current template.
func (s *Service) findRegime(ctx context.Context, q querier, id int64) (Regime, error) {
	r, err := findRegimeRow(ctx, q, id)
	if err != nil {
		return r, err
	}
	r.Template, err = s.template(ctx, q, id, r.Template.Version)
	return r, err
}

// template returns a template version. Versions never change once written,
// so each is read and decoded once per service (per database).
func (s *Service) template(ctx context.Context, q querier, regimeID int64, version int) (Template, error) {
	key := templateKey{regimeID, version}
	if t, ok := s.templates.Load(key); ok {
		return cloneTemplate(t.(Template)), nil
	}
	t, err := readTemplate(ctx, q, regimeID, version)
	if err != nil {
		return t, err
	}
	// A version is only ever read after the transaction that wrote it
	// committed (regime edits read the old version, then insert the new).
	s.templates.Store(key, t)
	return cloneTemplate(t), nil
}

type templateKey struct {
	regime  int64
	version int
}

// cloneTemplate copies the slices so a caller changing its copy (a regime
// edit) never touches the cached version.
func cloneTemplate(t Template) Template {
	t.Sections = slices.Clone(t.Sections)
	t.Indicators = slices.Clone(t.Indicators)
	for i := range t.Indicators {
		t.Indicators[i].Min = clonePtr(t.Indicators[i].Min)
		t.Indicators[i].Max = clonePtr(t.Indicators[i].Max)
	}
	t.Categories = slices.Clone(t.Categories)
	for i := range t.Categories {
		t.Categories[i].Options = slices.Clone(t.Categories[i].Options)
	}
	t.Rules = slices.Clone(t.Rules)
	return t
}

func clonePtr(f *float64) *float64 {
	if f == nil {
		return nil
	}
	v := *f
	return &v
}

// findRegimeRow loads a regime and its chosen units, without the template.
func findRegimeRow(ctx context.Context, q querier, id int64) (Regime, error) {
	r, err := scanRegime(q.QueryRow(ctx, "SELECT "+regimeCols+" FROM regimes WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Regime{}, apperr.NotFound("chế độ báo cáo")
	}
	if err != nil {
		return Regime{}, fmt.Errorf("reporting: find regime %d: %w", id, err)
	}
	r.ReporterUnitIDs, err = regimeUnitIDs(ctx, q, id)
	return r, err
}

func regimeUnitIDs(ctx context.Context, q querier, id int64) ([]int64, error) {
	rows, err := q.Query(ctx, "SELECT unit_id FROM regime_units WHERE regime_id = ? ORDER BY unit_id", id)
	if err != nil {
		return nil, fmt.Errorf("reporting: regime units: %w", err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		ids = append(ids, x)
	}
	return ids, rows.Err()
}

func readTemplate(ctx context.Context, q querier, regimeID int64, version int) (Template, error) {
	var body string
	err := q.QueryRow(ctx, "SELECT body FROM templates WHERE regime_id = ? AND version = ?", regimeID, version).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return Template{}, apperr.NotFound(fmt.Sprintf("mẫu báo cáo phiên bản %d", version))
	}
	if err != nil {
		return Template{}, fmt.Errorf("reporting: template %d/%d: %w", regimeID, version, err)
	}
	var t Template
	if err := json.Unmarshal([]byte(body), &t); err != nil {
		return Template{}, fmt.Errorf("reporting: decode template %d/%d: %w", regimeID, version, err)
	}
	t.Version = version
	return t, nil
}

// listRegimes returns regimes, optionally only those a unit must report in.
func listRegimes(ctx context.Context, q querier, unit *org.Unit) ([]Regime, error) {
	sqlq := "SELECT " + regimeCols + " FROM regimes"
	var args []any
	if unit != nil {
		sqlq += ` WHERE id IN (SELECT regime_id FROM regime_units WHERE unit_id = ?)
			OR (reporter_bloc AND ?) OR (',' || reporter_kinds || ',') LIKE ?`
		args = append(args, unit.ID, unit.Bloc, "%,"+string(unit.Kind)+",%")
	}
	rows, err := q.Query(ctx, sqlq+" ORDER BY sort_key, id", args...)
	if err != nil {
		return nil, fmt.Errorf("reporting: list regimes: %w", err)
	}
	defer rows.Close()
	out := []Regime{}
	for rows.Next() {
		r, err := scanRegime(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func insertRegime(ctx context.Context, tx *sqldb.Tx, r *Regime, by string, now time.Time) error {
	deadline, _ := json.Marshal(r.Deadline)
	r.Version, r.Template.Version, r.CreatedAt, r.UpdatedAt = 1, 1, now, now
	err := tx.QueryRow(ctx, `INSERT INTO regimes (code, name, kind, frequency, cutoff, explicit_from, explicit_to, deadline_json,
		receiver_unit_id, reporter_kinds, reporter_bloc, approval_required, lock_days, template_version, active, search_key, sort_key,
		version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 1, ?, ?) RETURNING id`,
		r.Code, r.Name, string(r.Kind), string(r.Frequency), string(r.Cutoff), r.ExplicitFrom, r.ExplicitTo, string(deadline),
		r.ReceiverUnitID, kindsText(r.ReporterKinds), r.ReporterBloc, r.ApprovalRequired, r.LockDays, r.Active,
		vntext.Fold(r.Code+" "+r.Name), vntext.SortKey(r.Name), now, now).Scan(&r.ID)
	if err != nil {
		return regimeWriteErr(err)
	}
	if err := setRegimeUnits(ctx, tx, r.ID, r.ReporterUnitIDs); err != nil {
		return err
	}
	return insertTemplate(ctx, tx, r.ID, &r.Template, by, now)
}

func insertTemplate(ctx context.Context, tx *sqldb.Tx, regimeID int64, t *Template, by string, now time.Time) error {
	body, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("reporting: encode template: %w", err)
	}
	_, err = tx.Exec(ctx, "INSERT INTO templates (regime_id, version, body, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
		regimeID, t.Version, string(body), now, by)
	if err != nil {
		return fmt.Errorf("reporting: insert template: %w", err)
	}
	return nil
}

func setRegimeUnits(ctx context.Context, tx *sqldb.Tx, regimeID int64, ids []int64) error {
	if _, err := tx.Exec(ctx, "DELETE FROM regime_units WHERE regime_id = ?", regimeID); err != nil {
		return fmt.Errorf("reporting: clear regime units: %w", err)
	}
	for _, id := range ids {
		if _, err := tx.Exec(ctx, "INSERT INTO regime_units (regime_id, unit_id) VALUES (?, ?)", regimeID, id); err != nil {
			return regimeWriteErr(err)
		}
	}
	return nil
}

func updateRegime(ctx context.Context, tx *sqldb.Tx, r *Regime, now time.Time) error {
	deadline, _ := json.Marshal(r.Deadline)
	res, err := tx.Exec(ctx, `UPDATE regimes SET code = ?, name = ?, kind = ?, frequency = ?, cutoff = ?, explicit_from = ?,
		explicit_to = ?, deadline_json = ?, receiver_unit_id = ?, reporter_kinds = ?, reporter_bloc = ?, approval_required = ?,
		lock_days = ?, template_version = ?, active = ?, search_key = ?, sort_key = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		r.Code, r.Name, string(r.Kind), string(r.Frequency), string(r.Cutoff), r.ExplicitFrom, r.ExplicitTo, string(deadline),
		r.ReceiverUnitID, kindsText(r.ReporterKinds), r.ReporterBloc, r.ApprovalRequired, r.LockDays, r.Template.Version,
		r.Active, vntext.Fold(r.Code+" "+r.Name), vntext.SortKey(r.Name), now, r.ID, r.Version)
	if err != nil {
		return regimeWriteErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	r.Version++
	r.UpdatedAt = now
	return setRegimeUnits(ctx, tx, r.ID, r.ReporterUnitIDs)
}

func regimeWriteErr(err error) error {
	switch {
	case err == nil:
		return nil
	case sqldb.IsUniqueViolation(err, "code"):
		return apperr.InvalidField("code", "Mã chế độ báo cáo đã tồn tại.", "This regime code is already used.")
	case sqldb.IsForeignKeyViolation(err):
		return apperr.InvalidField("reporter_unit_ids", "Đơn vị không tồn tại.", "A unit does not exist.")
	}
	return fmt.Errorf("reporting: write regime: %w", err)
}

// expectedUnits lists the active units that must report in a regime:
// chosen one by one, or by kind, or by Bloc membership.
func expectedUnits(ctx context.Context, q querier, r Regime) ([]org.Unit, error) {
	return queryExpected(ctx, q, r, 0)
}

// expectedUnit returns the unit if it must report in the regime (a zero
// Unit otherwise): one indexed lookup, for every report operation.
func expectedUnit(ctx context.Context, q querier, r Regime, unitID int64) (org.Unit, error) {
	units, err := queryExpected(ctx, q, r, unitID)
	if err != nil || len(units) == 0 {
		return org.Unit{}, err
	}
	return units[0], nil
}

func queryExpected(ctx context.Context, q querier, r Regime, only int64) ([]org.Unit, error) {
	cond := "id IN (SELECT unit_id FROM regime_units WHERE regime_id = ?)"
	args := []any{r.ID}
	if r.ReporterBloc {
		cond += " OR bloc = ?"
		args = append(args, true)
	}
	if len(r.ReporterKinds) > 0 {
		cond += " OR kind IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(r.ReporterKinds)), ", ") + ")"
		for _, k := range r.ReporterKinds {
			args = append(args, string(k))
		}
	}
	head, headArgs := "active = ?", []any{true}
	if only != 0 {
		head, headArgs = "id = ? AND active = ?", []any{only, true}
	}
	rows, err := q.Query(ctx, "SELECT id, code, name, short_name, kind, bloc FROM units WHERE "+head+" AND ("+cond+") ORDER BY sort_key, id",
		append(headArgs, args...)...)
	if err != nil {
		return nil, fmt.Errorf("reporting: expected units: %w", err)
	}
	defer rows.Close()
	out := []org.Unit{}
	for rows.Next() {
		var u org.Unit
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &u.ShortName, &u.Kind, &u.Bloc); err != nil {
			return nil, err
		}
		u.Active = true
		out = append(out, u)
	}
	return out, rows.Err()
}

var _ = calendar.Period{}
var _ = civil.Date{}
