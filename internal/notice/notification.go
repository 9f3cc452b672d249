package notice

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Notify gives each user an unread in-app notification, inside the
// caller's transaction (other modules call it from their own).
func (s *Service) Notify(ctx context.Context, tx *sqldb.Tx, userIDs []int64, kind, title, link string) error {
	now := s.clock()
	for _, u := range userIDs {
		if _, err := tx.Exec(ctx, `INSERT INTO notifications (user_id, kind, title, link, created_at) VALUES (?, ?, ?, ?, ?)`,
			u, kind, title, link, now); err != nil {
			return fmt.Errorf("notice: notify %d: %w", u, err)
		}
	}
	return nil
}

// NotifyUnits notifies every active user of the units, inside the
// caller's transaction: other modules (press assignments) hold it through a
// small interface of their own.
func (s *Service) NotifyUnits(ctx context.Context, tx *sqldb.Tx, unitIDs []int64, kind, title, link string) error {
	users, err := unitUsers(ctx, tx, unitIDs)
	if err != nil {
		return err
	}
	return s.Notify(ctx, tx, users, kind, title, link)
}

// Notifications returns the actor's notifications, newest first (at most
// 200), only the unread ones when asked.
func (s *Service) Notifications(ctx context.Context, a org.Actor, unreadOnly bool) ([]Notification, error) {
	if a.UserID == 0 {
		return []Notification{}, nil
	}
	cond := ""
	if unreadOnly {
		cond = " AND read_at IS NULL"
	}
	rows, err := s.db.Query(ctx, `SELECT id, kind, title, link, created_at, read_at FROM notifications
		WHERE user_id = ?`+cond+` ORDER BY created_at DESC, id DESC LIMIT 200`, a.UserID)
	if err != nil {
		return nil, fmt.Errorf("notice: notifications: %w", err)
	}
	defer rows.Close()
	out := []Notification{}
	for rows.Next() {
		var n Notification
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.Kind, &n.Title, &n.Link, &n.CreatedAt, &read); err != nil {
			return nil, err
		}
		n.CreatedAt = n.CreatedAt.UTC()
		if read.Valid {
			t := read.Time.UTC()
			n.ReadAt = &t
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Count returns the number of the actor's unread notifications (one
// indexed count on (user_id, read_at)).
func (s *Service) Count(ctx context.Context, a org.Actor) (int, error) {
	if a.UserID == 0 {
		return 0, nil
	}
	var n int
	err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, a.UserID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("notice: count: %w", err)
	}
	return n, nil
}

// MarkNotificationRead marks one of the actor's notifications read and
// returns it (for its link); another user's is not found.
func (s *Service) MarkNotificationRead(ctx context.Context, a org.Actor, id int64) (Notification, error) {
	var n Notification
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL`,
			s.clock(), id, a.UserID); err != nil {
			return err
		}
		var read sql.NullTime
		err := tx.QueryRow(ctx, `SELECT id, kind, title, link, created_at, read_at FROM notifications WHERE id = ? AND user_id = ?`,
			id, a.UserID).Scan(&n.ID, &n.Kind, &n.Title, &n.Link, &n.CreatedAt, &read)
		if err == sql.ErrNoRows {
			return apperr.NotFound("thông báo")
		}
		if read.Valid {
			t := read.Time.UTC()
			n.ReadAt = &t
		}
		n.CreatedAt = n.CreatedAt.UTC()
		return err
	})
	if err != nil {
		return Notification{}, fmt.Errorf("notice: mark notification %d: %w", id, err)
	}
	return n, nil
}

// MarkAllRead marks every unread notification of the actor read and says how many.
func (s *Service) MarkAllRead(ctx context.Context, a org.Actor) (int, error) {
	var n int64
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, s.clock(), a.UserID)
		if err == nil {
			n, _ = res.RowsAffected()
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("notice: mark all read: %w", err)
	}
	return int(n), nil
}
