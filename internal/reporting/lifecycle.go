package reporting

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Transition names, as recorded in a report's history.
const (
	ActSubmit  = "submit"
	ActApprove = "approve"
	ActReturn  = "return"
	ActAccept  = "accept"
	ActReopen  = "reopen"
)

// step is one lifecycle transition: who may take it, from which states,
// and what it changes.
type step struct {
	action string
	allow  func(a org.Actor, rc *reportCtx) bool
	from   []Status
	apply  func(s *Service, a org.Actor, rc *reportCtx, reason string, now time.Time) error
}

func wrongState(r Report, action string) error {
	return apperr.Conflict("Báo cáo đang ở trạng thái \""+r.Status.Label("vi")+"\", không thể thực hiện thao tác này.",
		"The report is "+r.Status.Label("en")+"; "+action+" is not possible.")
}

// Submit sends the report: to the unit leader when the regime needs
// approval (unless a leader submits), otherwise straight to the Board.
// Hard findings and unexplained soft ones refuse it.
func (s *Service) Submit(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64) (Report, error) {
	return s.transition(ctx, a, regimeID, period, unitID, "", step{action: ActSubmit,
		allow: func(a org.Actor, rc *reportCtx) bool { return canFill(a, rc.unit.ID) },
		from:  []Status{StatusDraft, StatusReturned},
		apply: func(s *Service, a org.Actor, rc *reportCtx, _ string, now time.Time) error {
			r := &rc.report
			if !r.Exists {
				return apperr.InvalidField("version", "Báo cáo chưa được lưu.", "Save the report first.")
			}
			if err := editable(*r); err != nil {
				return err
			}
			if err := blocking(r.Findings, r.Explanations); err != nil {
				return err
			}
			if rc.regime.ApprovalRequired && !a.Has(org.RoleUnitLeader) {
				r.Status = StatusAwaitingApproval
				return nil
			}
			reachBoard(r, now)
			return nil
		}})
}

func reachBoard(r *Report, now time.Time) {
	r.Status, r.SubmittedAt, r.ReturnReason, r.Reopened = StatusSubmitted, &now, "", false
	if r.FirstSubmittedAt == nil {
		r.FirstSubmittedAt = &now
	}
}

// Approve is the unit leader's approval of a report awaiting it.
func (s *Service) Approve(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64) (Report, error) {
	return s.transition(ctx, a, regimeID, period, unitID, "", step{action: ActApprove,
		allow: func(a org.Actor, rc *reportCtx) bool { return a.UnitID == rc.unit.ID && a.Has(org.RoleUnitLeader) },
		from:  []Status{StatusAwaitingApproval},
		apply: func(s *Service, a org.Actor, rc *reportCtx, _ string, now time.Time) error {
			reachBoard(&rc.report, now)
			return nil
		}})
}

// Return sends a submitted report back to the unit with a reason.
func (s *Service) Return(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64, reason string) (Report, error) {
	reason = vntext.Normalize(reason)
	if strings.TrimSpace(reason) == "" {
		return Report{}, apperr.InvalidField("reason", "Cần ghi rõ lý do trả lại.", "A reason is required.")
	}
	return s.transition(ctx, a, regimeID, period, unitID, reason, step{action: ActReturn,
		allow: func(a org.Actor, _ *reportCtx) bool { return canDesign(a) },
		from:  []Status{StatusSubmitted, StatusAwaitingApproval},
		apply: func(s *Service, a org.Actor, rc *reportCtx, reason string, now time.Time) error {
			rc.report.Status, rc.report.ReturnReason = StatusReturned, reason
			return nil
		}})
}

// Accept takes a submitted report in; it is then locked.
func (s *Service) Accept(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64) (Report, error) {
	return s.transition(ctx, a, regimeID, period, unitID, "", step{action: ActAccept,
		allow: func(a org.Actor, _ *reportCtx) bool { return canDesign(a) },
		from:  []Status{StatusSubmitted},
		apply: func(s *Service, a org.Actor, rc *reportCtx, _ string, now time.Time) error {
			rc.report.Status, rc.report.AcceptedAt = StatusAccepted, &now
			return nil
		}})
}

// Reopen lets the unit edit again: an accepted report, or one past its
// lock date. Only a board specialist may.
func (s *Service) Reopen(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64, reason string) (Report, error) {
	return s.transition(ctx, a, regimeID, period, unitID, vntext.Normalize(reason), step{action: ActReopen,
		allow: func(a org.Actor, _ *reportCtx) bool { return canDesign(a) },
		from:  []Status{StatusAccepted, StatusSubmitted, StatusReturned, StatusDraft, StatusAwaitingApproval},
		apply: func(s *Service, a org.Actor, rc *reportCtx, _ string, now time.Time) error {
			// A report never saved is created here, so a unit past the
			// lock date can still be let in to write it.
			rc.report.Status, rc.report.Reopened, rc.report.AcceptedAt = StatusDraft, true, nil
			return nil
		}})
}

func (s *Service) transition(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64, reason string, st step) (Report, error) {
	// Checked on the reader pool, written under the version guard (see SaveDraft).
	rc, err := s.load(ctx, s.db, a, regimeID, period, unitID)
	if err != nil {
		return Report{}, fmt.Errorf("reporting: %s: %w", st.action, err)
	}
	if !st.allow(a, &rc) {
		return Report{}, apperr.Forbidden()
	}
	if !slices.Contains(st.from, rc.report.Status) {
		return Report{}, wrongState(rc.report, st.action)
	}
	before := rc.report
	var out Report
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := st.apply(s, a, &rc, reason, now); err != nil {
			return err
		}
		if err := saveReport(ctx, tx, &rc.report, now); errors.Is(err, errStale) {
			return s.conflictNow(ctx, a, regimeID, period, unitID)
		} else if err != nil {
			return err
		}
		ev := Event{Action: st.action, From: before.Status, To: rc.report.Status, Actor: a.Username, Reason: reason, At: now}
		if err := insertEvent(ctx, tx, rc.report.ID, ev, a.UserID); err != nil {
			return err
		}
		// The shared rows (running totals, then the audit head) come last, so
		// their locks are held only until the commit that follows.
		var err error
		switch {
		case !before.Status.Counted() && rc.report.Status.Counted():
			err = countReport(ctx, tx, rc.report, rc.unit.Kind)
		case before.Status.Counted() && !rc.report.Status.Counted():
			err = uncountReport(ctx, tx, rc.report)
		}
		if err != nil {
			return err
		}
		s.derive(&rc)
		out = rc.report
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "report_"+st.action, "report", rc.report.ID,
			map[string]any{"status": before.Status}, map[string]any{"status": rc.report.Status, "reason": reason}))
	})
	if err != nil {
		return Report{}, fmt.Errorf("reporting: %s: %w", st.action, err)
	}
	if out.Events, err = reportEvents(ctx, s.db, out.ID); err != nil {
		return Report{}, err
	}
	return out, nil
}
