package reporting

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Draft is what a unit sends when it saves: the version it read (0 for a
// report not saved before), narrative sections, values and explanations.
type Draft struct {
	Version      int               `json:"version"`
	Sections     map[string]string `json:"sections"`
	Values       map[string]Value  `json:"values"`
	Explanations map[string]string `json:"explanations"`
}

// reportCtx is everything a report operation needs, loaded once.
type reportCtx struct {
	regime Regime
	tmpl   Template
	period PeriodInfo
	unit   org.Unit
	report Report
}

func (s *Service) load(ctx context.Context, q querier, a org.Actor, regimeID int64, period string, unitID int64) (reportCtx, error) {
	var rc reportCtx
	if !a.CanSeeUnit(unitID) {
		return rc, apperr.Forbidden()
	}
	var err error
	if rc.regime, err = s.findRegime(ctx, q, regimeID); err != nil {
		return rc, err
	}
	if rc.period, err = s.periodInfo(ctx, rc.regime, period); err != nil {
		return rc, err
	}
	if rc.unit, err = expectedUnit(ctx, q, rc.regime, unitID); err != nil {
		return rc, err
	}
	if rc.unit.ID == 0 {
		return rc, apperr.InvalidField("unit_id", "Đơn vị này không thuộc diện báo cáo theo chế độ này.", "This unit does not report in this regime.")
	}
	found := false
	if rc.report, found, err = findReport(ctx, q, regimeID, rc.period.Key, unitID); err != nil {
		return rc, err
	}
	if !found {
		rc.report = Report{RegimeID: regimeID, PeriodKey: rc.period.Key, UnitID: unitID, Status: StatusDraft,
			TemplateVersion: rc.regime.Template.Version, Sections: map[string]string{}, Values: map[string]Value{},
			Explanations: map[string]string{}}
	}
	rc.tmpl = rc.regime.Template
	if rc.report.TemplateVersion != rc.regime.Template.Version {
		if rc.tmpl, err = s.template(ctx, q, regimeID, rc.report.TemplateVersion); err != nil {
			return rc, err
		}
	}
	markBools(rc.tmpl, rc.report.Values)
	s.derive(&rc)
	return rc, nil
}

// derive fills the reader's fields: due and lock dates, timeliness, findings.
func (s *Service) derive(rc *reportCtx) {
	r := &rc.report
	r.Due, r.Locks = rc.period.Due, rc.period.Locks
	r.Timeliness = ComputeTimeliness(submittedOn(r.FirstSubmittedAt), r.Due, s.today())
	r.Locked = s.today().After(r.Locks) && !r.Reopened && r.Status != StatusAccepted
	r.Findings = rc.tmpl.Check(r.Sections, r.Values)
	if r.Sections == nil {
		r.Sections = map[string]string{}
	}
}

// Report returns a unit's report (an empty form when nothing is saved yet)
// with its template version, history and findings.
func (s *Service) Report(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64) (Report, Template, error) {
	rc, err := s.load(ctx, s.db, a, regimeID, period, unitID)
	if err != nil {
		return Report{}, Template{}, err
	}
	if rc.report.Exists {
		if rc.report.Events, err = reportEvents(ctx, s.db, rc.report.ID); err != nil {
			return Report{}, Template{}, err
		}
		if rc.report.Attachments, err = blob.List(ctx, s.db, ownerReport, rc.report.ID); err != nil {
			return Report{}, Template{}, err
		}
	}
	if err := s.withFigures(ctx, a, &rc); err != nil {
		return Report{}, Template{}, err
	}
	if s.tasks != nil {
		if rc.report.Tasks, err = s.tasks.DueBetween(ctx, a, unitID, rc.period.From, rc.period.To); err != nil {
			return Report{}, Template{}, err
		}
	}
	return rc.report, rc.tmpl, nil
}

// canFill: the unit's reporters and leaders fill their own unit's reports.
func canFill(a org.Actor, unitID int64) bool {
	return a.UnitID == unitID && a.Has(org.RoleUnitReporter, org.RoleUnitLeader)
}

// SaveDraft stores what the unit typed if the version it read is current;
// otherwise the second writer gets a conflict carrying the stored report.
func (s *Service) SaveDraft(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64, d Draft) (Report, error) {
	if !canFill(a, unitID) {
		return Report{}, apperr.Forbidden()
	}
	// Read and check on the reader pool; the write transaction only does
	// the writes, guarded by the version (a report changed meanwhile fails
	// the UPDATE … WHERE version = ? and becomes a conflict), so the single
	// SQLite writer is held as briefly as possible at a deadline surge.
	rc, err := s.load(ctx, s.db, a, regimeID, period, unitID)
	if err != nil {
		return Report{}, err
	}
	r := rc.report
	if d.Version != r.Version {
		return Report{}, conflict("báo cáo", r)
	}
	if err := editable(r); err != nil {
		return Report{}, err
	}
	values, err := rc.tmpl.Coerce(d.Values)
	if err != nil {
		return Report{}, err
	}
	before := r
	r.Sections, r.Values, r.Explanations = cleanTexts(d.Sections, rc.tmpl), values, cleanMap(d.Explanations)
	var out Report
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := saveReport(ctx, tx, &r, now); errors.Is(err, errStale) {
			return s.conflictNow(ctx, a, regimeID, period, unitID)
		} else if err != nil {
			return err
		}
		rc.report = r
		s.derive(&rc)
		out = rc.report
		action := org.ActionUpdate
		if !before.Exists {
			action = org.ActionCreate
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, action, "report", r.ID, auditView(before), auditView(r)))
	})
	if err != nil {
		return Report{}, fmt.Errorf("reporting: save draft: %w", err)
	}
	return out, nil
}

func editable(r Report) error {
	if !r.Status.Editable() {
		return apperr.Conflict("Báo cáo ở trạng thái \""+r.Status.Label("vi")+"\" nên không sửa được.",
			"The report is "+r.Status.Label("en")+" and cannot be edited.")
	}
	if r.Locked {
		return apperr.Conflict("Đã quá ngày khóa sổ ("+vntext.FormatDate(r.Locks.In(vntext.Location))+"). Liên hệ chuyên viên Ban để mở lại.",
			"Entry is locked since "+r.Locks.String()+". Ask a Board specialist to reopen it.")
	}
	return nil
}

// cleanTexts keeps only the template's sections, normalised.
func cleanTexts(in map[string]string, t Template) map[string]string {
	out := map[string]string{}
	for _, s := range t.Sections {
		if v := vntext.Normalize(in[s.Key]); v != "" {
			out[s.Key] = v
		}
	}
	return out
}

func cleanMap(in map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range in {
		if v = vntext.Normalize(v); v != "" {
			out[strings.TrimSpace(k)] = v
		}
	}
	return out
}

// auditView is what the audit trail keeps of a report.
func auditView(r Report) any {
	if !r.Exists {
		return nil
	}
	return map[string]any{"id": r.ID, "regime_id": r.RegimeID, "period": r.PeriodKey, "unit_id": r.UnitID,
		"status": r.Status, "version": r.Version, "sections": r.Sections, "values": r.Values, "explanations": r.Explanations}
}

// markBools restores yes/no values read from the database (stored as 1/0)
// to booleans, by their indicators' type.
func markBools(t Template, values map[string]Value) {
	for key, v := range values {
		code, _ := SplitCell(key)
		if ind, ok := t.Indicator(code); ok && ind.Type == TypeBool && v.Num != nil {
			v.Bool = true
			values[key] = v
		}
	}
}

// conflictNow reports a lost race with the report as it is stored now.
func (s *Service) conflictNow(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64) error {
	cur, _, err := s.Report(ctx, a, regimeID, period, unitID)
	if err != nil {
		return err
	}
	return conflict("báo cáo", cur)
}
