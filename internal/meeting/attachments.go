package meeting

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Audit actions on the files of a conference (entity "attachment").
const (
	ActionAttach = "attach"
	ActionDetach = "detach"
)

// Attachments lists the conference's own files (invitation, programme…);
// the files of agenda items come with the agenda.
func (s *Service) Attachments(ctx context.Context, a org.Actor, id int64) ([]blob.File, error) {
	if _, err := s.Find(ctx, a, id); err != nil {
		return nil, err
	}
	return blob.List(ctx, s.db, OwnerMeeting, id)
}

// Attach stores a file with the conference, or with one of its agenda
// items when itemID is not zero (the presenting unit's slides, a report).
func (s *Service) Attach(ctx context.Context, a org.Actor, id, itemID int64, name string, data []byte) (blob.File, error) {
	if !CanManage(a) {
		return blob.File{}, apperr.Forbidden()
	}
	kind, owner := OwnerMeeting, id
	if itemID != 0 {
		kind, owner = OwnerAgendaItem, itemID
	}
	var out blob.File
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		if err := ownedBy(ctx, tx, id, kind, owner); err != nil {
			return err
		}
		now := s.clock()
		f, err := blob.Save(ctx, tx, kind, owner, name, data, a.Username, now)
		if err != nil {
			return err
		}
		out = f
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionAttach, "attachment", f.ID, nil, fileView(f, id)))
	})
	if err != nil {
		return blob.File{}, fmt.Errorf("meeting: attach to %d: %w", id, err)
	}
	return out, nil
}

// Detach removes a file of the conference or of one of its agenda items.
func (s *Service) Detach(ctx context.Context, a org.Actor, id, fileID int64) error {
	if !CanManage(a) {
		return apperr.Forbidden()
	}
	f, err := blob.Find(ctx, s.db, fileID)
	if err != nil {
		return err
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		if err := ownedBy(ctx, tx, id, f.OwnerKind, f.OwnerID); err != nil {
			return err
		}
		if err := blob.Delete(ctx, tx, f.ID); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, s.clock(), org.NewAudit(a, ActionDetach, "attachment", f.ID, fileView(f, id), nil))
	})
	if err != nil {
		return fmt.Errorf("meeting: detach %d: %w", fileID, err)
	}
	return nil
}

// AttachmentFile returns a file of the conference, with its content, to
// whoever may see the conference; the scope is checked before the content
// is loaded.
func (s *Service) AttachmentFile(ctx context.Context, a org.Actor, id, fileID int64) (blob.File, []byte, error) {
	if _, err := s.Find(ctx, a, id); err != nil {
		return blob.File{}, nil, err
	}
	f, err := blob.Find(ctx, s.db, fileID)
	if err != nil {
		return blob.File{}, nil, err
	}
	if err := ownedBy(ctx, s.db, id, f.OwnerKind, f.OwnerID); err != nil {
		return blob.File{}, nil, err
	}
	return blob.Open(ctx, s.db, fileID)
}

// ownedBy checks that a file's owner is the conference or one of its
// agenda items.
func ownedBy(ctx context.Context, q querier, meetingID int64, kind string, owner int64) error {
	var got int64
	var err error
	switch kind {
	case OwnerMeeting:
		err = q.QueryRow(ctx, "SELECT id FROM meetings WHERE id = ?", owner).Scan(&got)
	case OwnerAgendaItem:
		err = q.QueryRow(ctx, "SELECT meeting_id FROM agenda_items WHERE id = ?", owner).Scan(&got)
	default:
		return apperr.NotFound("tệp đính kèm")
	}
	if errors.Is(err, sql.ErrNoRows) || (err == nil && got != meetingID) {
		return apperr.NotFound("tệp đính kèm")
	}
	return err
}

// fileView is what the audit trail keeps of a file: metadata, never bytes.
func fileView(f blob.File, meetingID int64) map[string]any {
	return map[string]any{"id": f.ID, "meeting_id": meetingID, "owner_kind": f.OwnerKind, "owner_id": f.OwnerID,
		"name": f.Name, "content_type": f.ContentType, "size": f.Size, "sha256": f.SHA256}
}
