package notice

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Owner kinds of files in the attachments table.
const (
	OwnerDirective = "directive"
	OwnerMessage   = "message"
)

// Audit actions on files (entity "attachment").
const (
	ActionAttach = "attach"
	ActionDetach = "detach"
)

// CanAttachDirective reports whether the actor may add or remove files of
// the directive: the Board's drafters, while it is a draft. Once issued the
// recipients hold what was sent.
func CanAttachDirective(a org.Actor, d Directive) bool { return CanManage(a) && !d.Issued() }

// DirectiveAttachments lists a directive's files for whoever may see it
// (the recipient units once it is issued).
func (s *Service) DirectiveAttachments(ctx context.Context, a org.Actor, id int64) ([]blob.File, error) {
	if _, err := s.seenDirective(ctx, a, id); err != nil {
		return nil, err
	}
	return blob.List(ctx, s.db, OwnerDirective, id)
}

// AttachToDirective stores a file with a draft directive.
func (s *Service) AttachToDirective(ctx context.Context, a org.Actor, id int64, name string, data []byte) (blob.File, error) {
	if !CanManage(a) {
		return blob.File{}, apperr.Forbidden()
	}
	var out blob.File
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := holdDraft(ctx, tx, id, now); err != nil {
			return err
		}
		var err error
		if out, err = blob.Save(ctx, tx, OwnerDirective, id, name, data, a.Username, now); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionAttach, "attachment", out.ID, nil, fileView(out, "directive_id", id)))
	})
	if err != nil {
		return blob.File{}, fmt.Errorf("notice: attach to directive %d: %w", id, err)
	}
	return out, nil
}

// DetachFromDirective removes a file of a draft directive.
func (s *Service) DetachFromDirective(ctx context.Context, a org.Actor, id, fileID int64) error {
	if !CanManage(a) {
		return apperr.Forbidden()
	}
	f, err := ownedFile(ctx, s.db, OwnerDirective, id, fileID)
	if err != nil {
		return err
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := holdDraft(ctx, tx, id, now); err != nil {
			return err
		}
		if err := blob.Delete(ctx, tx, f.ID); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionDetach, "attachment", f.ID, fileView(f, "directive_id", id), nil))
	})
	if err != nil {
		return fmt.Errorf("notice: detach %d from directive %d: %w", fileID, id, err)
	}
	return nil
}

// DirectiveFile returns a file of a directive, with its content, to
// whoever may see the directive; the scope is checked first.
func (s *Service) DirectiveFile(ctx context.Context, a org.Actor, id, fileID int64) (blob.File, []byte, error) {
	if _, err := s.seenDirective(ctx, a, id); err != nil {
		return blob.File{}, nil, err
	}
	if _, err := ownedFile(ctx, s.db, OwnerDirective, id, fileID); err != nil {
		return blob.File{}, nil, err
	}
	return blob.Open(ctx, s.db, fileID)
}

func (s *Service) seenDirective(ctx context.Context, a org.Actor, id int64) (Directive, error) {
	d, err := findDirective(ctx, s.db, id)
	if err != nil {
		return Directive{}, err
	}
	if !canSee(a, d) {
		return Directive{}, apperr.Forbidden()
	}
	return d, nil
}

// holdDraft touches the directive on condition that it is still a draft,
// so an issue that won the race makes the file change a conflict (and on
// PostgreSQL holds the row until the commit). The version is left alone.
func holdDraft(ctx context.Context, tx *sqldb.Tx, id int64, now time.Time) error {
	res, err := tx.Exec(ctx, "UPDATE directives SET updated_at = ? WHERE id = ? AND issued_at IS NULL", now, id)
	if err != nil {
		return fmt.Errorf("notice: hold directive %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	if _, err := findDirective(ctx, tx, id); err != nil {
		return err
	}
	return apperr.Conflict("Văn bản đã ban hành: không thêm hoặc gỡ tệp đính kèm được nữa.",
		"The directive has been issued: its attachments can no longer change.")
}

// ownedFile returns a file's metadata when it belongs to the owner.
func ownedFile(ctx context.Context, db *sqldb.DB, kind string, owner, fileID int64) (blob.File, error) {
	f, err := blob.Find(ctx, db, fileID)
	if err != nil {
		return blob.File{}, err
	}
	if f.OwnerKind != kind || f.OwnerID != owner {
		return blob.File{}, apperr.NotFound("tệp đính kèm")
	}
	return f, nil
}

// fileView is what the audit trail keeps of a file: metadata, never bytes.
func fileView(f blob.File, ownerKey string, owner int64) map[string]any {
	return map[string]any{"id": f.ID, ownerKey: owner, "owner_kind": f.OwnerKind, "name": f.Name,
		"content_type": f.ContentType, "size": f.Size, "sha256": f.SHA256, "created_by": f.CreatedBy}
}
