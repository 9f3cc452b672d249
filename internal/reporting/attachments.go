package reporting

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// ownerReport is the owner kind of a report's files in the attachments table.
const ownerReport = "report"

// Audit actions on attachments (entity "attachment").
const (
	ActionAttach = "attach"
	ActionDetach = "detach"
)

// Attachments lists a report's files (metadata only) for whoever may read
// the report; a report never saved has none.
func (s *Service) Attachments(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64) ([]blob.File, error) {
	rc, err := s.load(ctx, s.db, a, regimeID, period, unitID)
	if err != nil {
		return nil, err
	}
	if !rc.report.Exists {
		return []blob.File{}, nil
	}
	return blob.List(ctx, s.db, ownerReport, rc.report.ID)
}

// Attach stores a file with a report. Only the unit's reporters and leaders
// may, and only while the report is editable, so a submitted report keeps
// the files the Board received. A report never saved is created as an empty
// draft in the same transaction. The report's version is not changed: an
// attachment does not touch the content another tab may be editing.
func (s *Service) Attach(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64, name string, data []byte) (blob.File, error) {
	rc, err := s.fillable(ctx, a, regimeID, period, unitID)
	if err != nil {
		return blob.File{}, err
	}
	var out blob.File
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		r := rc.report
		if err := holdReport(ctx, tx, a, &r, now); err != nil {
			return err
		}
		f, err := blob.Save(ctx, tx, ownerReport, r.ID, name, data, a.Username, now)
		if err != nil {
			return err
		}
		out = f
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionAttach, "attachment", f.ID, nil, attachmentView(f, r)))
	})
	if err != nil {
		return blob.File{}, fmt.Errorf("reporting: attach: %w", err)
	}
	return out, nil
}

// Detach removes a file from a report, under the same rule as Attach; the
// file must belong to that very report.
func (s *Service) Detach(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64, fileID int64) error {
	rc, err := s.fillable(ctx, a, regimeID, period, unitID)
	if err != nil {
		return err
	}
	f, err := blob.Find(ctx, s.db, fileID)
	if err != nil {
		return err
	}
	if !rc.report.Exists || f.OwnerKind != ownerReport || f.OwnerID != rc.report.ID {
		return apperr.NotFound("tệp đính kèm")
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		r := rc.report
		if err := holdReport(ctx, tx, a, &r, now); err != nil {
			return err
		}
		if err := blob.Delete(ctx, tx, f.ID); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionDetach, "attachment", f.ID, attachmentView(f, r), nil))
	})
	if err != nil {
		return fmt.Errorf("reporting: detach %d: %w", fileID, err)
	}
	return nil
}

// AttachmentFile returns a report's file and its content to a caller who may
// read the report: the Board's roles any, a unit's users their own unit's.
// The scope is checked on the metadata, before the content is loaded.
func (s *Service) AttachmentFile(ctx context.Context, a org.Actor, fileID int64) (blob.File, []byte, error) {
	f, err := blob.Find(ctx, s.db, fileID)
	if err != nil {
		return blob.File{}, nil, err
	}
	if f.OwnerKind != ownerReport {
		return blob.File{}, nil, apperr.NotFound("tệp đính kèm")
	}
	var unitID int64
	err = s.db.QueryRow(ctx, "SELECT unit_id FROM reports WHERE id = ?", f.OwnerID).Scan(&unitID)
	if errors.Is(err, sql.ErrNoRows) {
		return blob.File{}, nil, apperr.NotFound("tệp đính kèm")
	}
	if err != nil {
		return blob.File{}, nil, fmt.Errorf("reporting: owner of attachment %d: %w", fileID, err)
	}
	if !a.CanSeeUnit(unitID) {
		return blob.File{}, nil, apperr.Forbidden()
	}
	return blob.Open(ctx, s.db, fileID)
}

// fillable loads a report the caller may change the files of: their own
// unit's, while it is editable.
func (s *Service) fillable(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64) (reportCtx, error) {
	if !canFill(a, unitID) {
		return reportCtx{}, apperr.Forbidden()
	}
	rc, err := s.load(ctx, s.db, a, regimeID, period, unitID)
	if err != nil {
		return reportCtx{}, err
	}
	return rc, editable(rc.report)
}

// holdReport makes sure the report row exists and is still editable when
// the file is written: it creates a report never saved (an empty draft,
// audited like a first save), or touches the stored row on condition that
// it is still a draft or returned, so a submission that won the race turns
// the attachment into a conflict instead of slipping a file into a report
// the Board has received. On PostgreSQL the UPDATE also holds the row until
// the commit. The version is left alone: a save in another tab is no conflict.
func holdReport(ctx context.Context, tx *sqldb.Tx, a org.Actor, r *Report, now time.Time) error {
	if !r.Exists {
		err := saveReport(ctx, tx, r, now)
		if errors.Is(err, errStale) {
			return errChanged()
		}
		if err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionCreate, "report", r.ID, nil, auditView(*r)))
	}
	res, err := tx.Exec(ctx, "UPDATE reports SET updated_at = ? WHERE id = ? AND status IN (?, ?)",
		now, r.ID, string(StatusDraft), string(StatusReturned))
	if err != nil {
		return fmt.Errorf("reporting: hold report %d: %w", r.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errChanged()
	}
	return nil
}

// errChanged says the report changed state between the check and the write.
func errChanged() error {
	return apperr.Conflict("Báo cáo vừa được thay đổi (có thể đã được gửi). Hãy tải lại trang rồi thử lại.",
		"The report has just changed (it may have been submitted). Reload the page and try again.")
}

// attachmentView is what the audit trail keeps of an attachment: its
// metadata and its report, never the bytes.
func attachmentView(f blob.File, r Report) map[string]any {
	return map[string]any{"id": f.ID, "report_id": r.ID, "regime_id": r.RegimeID, "period": r.PeriodKey, "unit_id": r.UnitID,
		"name": f.Name, "content_type": f.ContentType, "size": f.Size, "sha256": f.SHA256}
}
