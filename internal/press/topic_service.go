package press

import (
	"context"
	"errors"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func topicConflict(current Topic) error {
	e := apperr.Conflict("Chủ đề định hướng đã được người khác cập nhật. Hãy xem bản mới nhất.",
		"The topic was changed by someone else; review the latest version.")
	e.Detail = map[string]any{"current": current}
	return e
}

func topicAudit(a org.Actor, action string, before, after Topic) org.AuditEntry {
	var b any
	if before.ID != 0 {
		b = before
	}
	return org.NewAudit(a, action, "press_topic", after.ID, b, after)
}

// Topics lists the orientation topics (all of them, or the active ones):
// every signed-in user reads what the press is oriented to.
func (s *Service) Topics(ctx context.Context, a org.Actor, activeOnly bool) ([]Topic, error) {
	if !a.System && a.UserID == 0 {
		return nil, apperr.Forbidden()
	}
	return listTopics(ctx, s.db, activeOnly)
}

// FindTopic returns one topic.
func (s *Service) FindTopic(ctx context.Context, a org.Actor, id int64) (Topic, error) {
	if !a.System && a.UserID == 0 {
		return Topic{}, apperr.Forbidden()
	}
	return findTopic(ctx, s.db, id)
}

// CreateTopic adds an orientation topic (the Board); it starts active.
func (s *Service) CreateTopic(ctx context.Context, a org.Actor, t Topic) (Topic, error) {
	if !CanManage(a) {
		return Topic{}, apperr.Forbidden()
	}
	t.ID, t.Active = 0, true
	t.Normalize()
	if err := t.Validate(); err != nil {
		return Topic{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := insertTopic(ctx, tx, &t, now); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, topicAudit(a, org.ActionCreate, Topic{}, t))
	})
	if err != nil {
		return Topic{}, fmt.Errorf("press: create topic: %w", err)
	}
	return t, nil
}

// UpdateTopic replaces a topic's fields (the Board) if in.Version is the
// stored one; otherwise the conflict carries the stored topic.
func (s *Service) UpdateTopic(ctx context.Context, a org.Actor, id int64, in Topic) (Topic, error) {
	if !CanManage(a) {
		return Topic{}, apperr.Forbidden()
	}
	if in.Version <= 0 {
		return Topic{}, apperr.InvalidField("version", "Thiếu phiên bản dữ liệu (version) đã đọc.", "The version you read is required.")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return Topic{}, err
	}
	var out Topic
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findTopic(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return topicConflict(before)
		}
		t, now := in, s.clock()
		t.ID, t.CreatedAt = before.ID, before.CreatedAt
		if err := saveTopic(ctx, tx, &t, now); err != nil {
			if errors.Is(err, errStale) {
				return topicConflict(before)
			}
			return err
		}
		out = t
		return org.AppendAudit(ctx, tx, now, topicAudit(a, org.ActionUpdate, before, t))
	})
	if err != nil {
		return Topic{}, fmt.Errorf("press: update topic %d: %w", id, err)
	}
	return out, nil
}
