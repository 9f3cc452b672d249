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

// Upload is a file sent with a message (blob checks its size and content).
type Upload struct {
	Name string
	Data []byte
}

// CanAttachMessage reports whether the actor may add or remove files of a
// message: its author, while it is still the last word of its thread —
// once the other side has replied, both keep what was said.
func CanAttachMessage(a org.Actor, m Message, last bool) bool {
	return canWrite(a) && a.Username != "" && a.Username == m.Author && last
}

// MessageAttachments lists a message's files for whoever may see its thread.
func (s *Service) MessageAttachments(ctx context.Context, a org.Actor, id int64) ([]blob.File, error) {
	if _, _, err := s.seenMessage(ctx, a, id); err != nil {
		return nil, err
	}
	return blob.List(ctx, s.db, OwnerMessage, id)
}

// AttachToMessage stores a file with one of the actor's own messages.
func (s *Service) AttachToMessage(ctx context.Context, a org.Actor, id int64, name string, data []byte) (blob.File, error) {
	var out blob.File
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		m, now, err := s.holdMessage(ctx, tx, a, id)
		if err != nil {
			return err
		}
		files, err := saveFiles(ctx, tx, a, m, []Upload{{Name: name, Data: data}}, now)
		if err == nil {
			out = files[0]
		}
		return err
	})
	if err != nil {
		return blob.File{}, fmt.Errorf("notice: attach to message %d: %w", id, err)
	}
	return out, nil
}

// DetachFromMessage removes a file of one of the actor's own messages.
func (s *Service) DetachFromMessage(ctx context.Context, a org.Actor, id, fileID int64) error {
	if _, _, err := s.seenMessage(ctx, a, id); err != nil {
		return err
	}
	f, err := ownedFile(ctx, s.db, OwnerMessage, id, fileID)
	if err != nil {
		return err
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		_, now, err := s.holdMessage(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := blob.Delete(ctx, tx, f.ID); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionDetach, "attachment", f.ID, fileView(f, "message_id", id), nil))
	})
	if err != nil {
		return fmt.Errorf("notice: detach %d from message %d: %w", fileID, id, err)
	}
	return nil
}

// MessageFile returns a file of a message, with its content, to whoever
// may see the thread; the scope is checked first.
func (s *Service) MessageFile(ctx context.Context, a org.Actor, id, fileID int64) (blob.File, []byte, error) {
	if _, _, err := s.seenMessage(ctx, a, id); err != nil {
		return blob.File{}, nil, err
	}
	if _, err := ownedFile(ctx, s.db, OwnerMessage, id, fileID); err != nil {
		return blob.File{}, nil, err
	}
	return blob.Open(ctx, s.db, fileID)
}

// IsLast reports whether message id is the latest of its thread.
func (s *Service) IsLast(ctx context.Context, id int64) (bool, error) {
	return isLast(ctx, s.db, id)
}

// seenMessage loads a message and the first message of its thread, if the
// actor may see the thread.
func (s *Service) seenMessage(ctx context.Context, a org.Actor, id int64) (Message, Message, error) {
	m, err := findMessage(ctx, s.db, id)
	if err != nil {
		return Message{}, Message{}, err
	}
	root := m
	if m.ParentID != 0 {
		if root, err = findMessage(ctx, s.db, m.ParentID); err != nil {
			return Message{}, Message{}, err
		}
	}
	if !canSeeThread(a, root.UnitID) {
		return Message{}, Message{}, apperr.Forbidden()
	}
	return m, root, nil
}

// holdMessage checks, inside the transaction, that the actor may change
// the files of message id: the thread is theirs to see, they wrote it, and
// no one has replied after it.
func (s *Service) holdMessage(ctx context.Context, tx *sqldb.Tx, a org.Actor, id int64) (Message, time.Time, error) {
	m, _, err := s.seenMessage(ctx, a, id)
	if err != nil {
		return Message{}, time.Time{}, err
	}
	last, err := isLast(ctx, tx, id)
	if err != nil {
		return Message{}, time.Time{}, err
	}
	switch {
	case CanAttachMessage(a, m, last):
		return m, s.clock(), nil
	case canWrite(a) && a.Username == m.Author:
		return Message{}, time.Time{}, apperr.Conflict("Đã có trả lời sau tin này: không thêm hoặc gỡ tệp được nữa.",
			"Someone has replied since: the message's files can no longer change.")
	}
	return Message{}, time.Time{}, apperr.Forbidden()
}

// isLast reports whether no message of the thread came after message id.
func isLast(ctx context.Context, q querier, id int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM messages x, messages m
		WHERE m.id = ? AND x.id > m.id AND (x.id = COALESCE(m.parent_id, m.id) OR x.parent_id = COALESCE(m.parent_id, m.id))`, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("notice: last of thread %d: %w", id, err)
	}
	return n == 0, nil
}

// saveFiles stores uploads with message m inside the caller's transaction,
// with an audit entry each.
func saveFiles(ctx context.Context, tx *sqldb.Tx, a org.Actor, m Message, files []Upload, now time.Time) ([]blob.File, error) {
	out := make([]blob.File, 0, len(files))
	for _, u := range files {
		f, err := blob.Save(ctx, tx, OwnerMessage, m.ID, u.Name, u.Data, a.Username, now)
		if err != nil {
			return nil, err
		}
		if err := org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionAttach, "attachment", f.ID, nil, fileView(f, "message_id", m.ID))); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// threadFiles fills the files of a thread's messages.
func (s *Service) threadFiles(ctx context.Context, th *Thread) error {
	var err error
	if th.Attachments, err = blob.List(ctx, s.db, OwnerMessage, th.ID); err != nil {
		return err
	}
	for i := range th.Replies {
		if th.Replies[i].Attachments, err = blob.List(ctx, s.db, OwnerMessage, th.Replies[i].ID); err != nil {
			return err
		}
	}
	return nil
}
