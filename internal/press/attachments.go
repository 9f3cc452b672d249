package press

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// OwnerCase is the owner kind of a case's files in the attachments table:
// the Board's documents, the lead unit's evidence for its answer and the
// saved copies of the article.
const OwnerCase = "press_case"

// Audit actions on the files of a case (entity "attachment").
const (
	ActionAttach   = "attach"
	ActionDetach   = "detach"
	ActionSnapshot = "snapshot"
)

// CanAttach reports whether the actor may add files to the case: the
// Board at any step; the lead unit's reporters and leaders while the case
// waits for their answer, as evidence for it.
func CanAttach(a org.Actor, c Case) bool {
	return CanManage(a) || (CanAnswer(a, c) && c.Status == Assigned)
}

// CanDetach reports whether the actor may remove a file of the case: the
// Board any; the lead unit those it added itself, while it may still attach.
func CanDetach(a org.Actor, c Case, f blob.File) bool {
	return CanManage(a) || (CanAttach(a, c) && f.CreatedBy == a.Username)
}

// Attachments lists a case's files (metadata) for whoever may see the case.
func (s *Service) Attachments(ctx context.Context, a org.Actor, id int64) ([]blob.File, error) {
	if _, err := s.visible(ctx, a, id); err != nil {
		return nil, err
	}
	return blob.List(ctx, s.db, OwnerCase, id)
}

// Attach stores a file with a case (blob checks size and content).
func (s *Service) Attach(ctx context.Context, a org.Actor, id int64, name string, data []byte) (blob.File, error) {
	var out blob.File
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		c, now, err := s.hold(ctx, tx, a, id, func(c Case) error { return attachRule(a, c, CanAttach(a, c)) })
		if err != nil {
			return err
		}
		if out, err = blob.Save(ctx, tx, OwnerCase, id, name, data, a.Username, now); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionAttach, "attachment", out.ID, nil, fileView(out, c)))
	})
	if err != nil {
		return blob.File{}, fmt.Errorf("press: attach to %d: %w", id, err)
	}
	return out, nil
}

// Detach removes a file of the case.
func (s *Service) Detach(ctx context.Context, a org.Actor, id, fileID int64) error {
	f, err := s.caseFile(ctx, a, id, fileID)
	if err != nil {
		return err
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		c, now, err := s.hold(ctx, tx, a, id, func(c Case) error { return attachRule(a, c, CanDetach(a, c, f)) })
		if err != nil {
			return err
		}
		if err := blob.Delete(ctx, tx, f.ID); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionDetach, "attachment", f.ID, fileView(f, c), nil))
	})
	if err != nil {
		return fmt.Errorf("press: detach %d: %w", fileID, err)
	}
	return nil
}

// AttachmentFile returns a file of the case with its content to whoever
// may see the case; the scope is checked before the content is loaded.
func (s *Service) AttachmentFile(ctx context.Context, a org.Actor, id, fileID int64) (blob.File, []byte, error) {
	if _, err := s.caseFile(ctx, a, id, fileID); err != nil {
		return blob.File{}, nil, err
	}
	return blob.Open(ctx, s.db, fileID)
}

// visible loads a case the actor may see.
func (s *Service) visible(ctx context.Context, a org.Actor, id int64) (Case, error) {
	c, err := findCase(ctx, s.db, id)
	if err != nil {
		return Case{}, err
	}
	if !canSee(a, c) {
		return Case{}, apperr.Forbidden()
	}
	return c, nil
}

// caseFile returns the metadata of a file of a case the actor may see.
func (s *Service) caseFile(ctx context.Context, a org.Actor, id, fileID int64) (blob.File, error) {
	if _, err := s.visible(ctx, a, id); err != nil {
		return blob.File{}, err
	}
	f, err := blob.Find(ctx, s.db, fileID)
	if err != nil {
		return blob.File{}, err
	}
	if f.OwnerKind != OwnerCase || f.OwnerID != id {
		return blob.File{}, apperr.NotFound("tệp đính kèm")
	}
	return f, nil
}

// hold re-reads the case inside the transaction, checks may against it and
// touches the row on condition that its status and lead unit are still the
// ones checked: a re-routing or an answer that won the race turns the
// change into a conflict instead of a file slipping past the rule. On
// PostgreSQL the UPDATE also holds the row until the commit. The version
// is left alone: a file is no conflict for a form open in another tab.
func (s *Service) hold(ctx context.Context, tx *sqldb.Tx, a org.Actor, id int64, may func(Case) error) (Case, time.Time, error) {
	c, err := findCase(ctx, tx, id)
	if err != nil {
		return Case{}, time.Time{}, err
	}
	if !canSee(a, c) {
		return Case{}, time.Time{}, apperr.Forbidden()
	}
	if err := may(c); err != nil {
		return Case{}, time.Time{}, err
	}
	now := s.clock()
	res, err := tx.Exec(ctx, `UPDATE press_cases SET updated_at = ? WHERE id = ? AND status = ? AND COALESCE(lead_unit_id, 0) = ?`,
		now, id, string(c.Status), c.LeadUnitID)
	if err != nil {
		return Case{}, time.Time{}, fmt.Errorf("press: hold %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Case{}, time.Time{}, apperr.Conflict("Vụ việc vừa được người khác cập nhật. Hãy tải lại trang rồi thử lại.",
			"The case has just been changed by someone else. Reload the page and try again.")
	}
	return c, now, nil
}

// attachRule turns a refused file change into its error: a conflict for
// the lead unit once the case no longer waits for its answer, else 403.
func attachRule(a org.Actor, c Case, allowed bool) error {
	switch {
	case allowed:
		return nil
	case CanAnswer(a, c) && c.Status != Assigned:
		return apperr.Conflict("Đơn vị chỉ đính kèm hoặc gỡ tệp khi vụ việc đang chờ đơn vị trả lời.",
			"The unit attaches or removes files only while the case waits for its answer.")
	}
	return apperr.Forbidden()
}

// fileView is what the audit trail keeps of a file: metadata, never bytes.
func fileView(f blob.File, c Case) map[string]any {
	return map[string]any{"id": f.ID, "press_case_id": c.ID, "round": c.Round, "status": c.Status, "name": f.Name,
		"content_type": f.ContentType, "size": f.Size, "sha256": f.SHA256, "created_by": f.CreatedBy}
}
