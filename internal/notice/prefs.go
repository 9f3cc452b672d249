package notice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// KindReminder is a deadline reminder (reports, tasks, press cases, unread directives).
const KindReminder = "reminder"

// PrefKinds lists the notification kinds a user may choose e-mail for,
// with the default: e-mail on for reminders, directives and conferences.
var PrefKinds = []struct {
	Kind    string
	Label   string
	Default bool
}{
	{KindReminder, "Nhắc hạn (báo cáo, nhiệm vụ, báo chí, văn bản chưa đọc)", true},
	{KindDirective, "Văn bản chỉ đạo mới", true},
	{KindMessage, "Thông tin, trả lời", false},
	{KindMeeting, "Hội nghị: giấy mời, thay đổi thời gian, nhắc lịch họp", true},
}

// Pref is whether one kind of notification is also sent by e-mail.
type Pref struct {
	Kind  string `json:"kind"`
	Label string `json:"label"`
	Email bool   `json:"email"`
}

func defaultEmail(kind string) bool {
	for _, k := range PrefKinds {
		if k.Kind == kind {
			return k.Default
		}
	}
	return false
}

// Prefs returns the actor's e-mail preference for every kind.
func (s *Service) Prefs(ctx context.Context, a org.Actor) ([]Pref, error) {
	set, err := storedPrefs(ctx, s.db, a.UserID)
	if err != nil {
		return nil, err
	}
	out := make([]Pref, 0, len(PrefKinds))
	for _, k := range PrefKinds {
		p := Pref{Kind: k.Kind, Label: k.Label, Email: k.Default}
		if v, ok := set[k.Kind]; ok {
			p.Email = v
		}
		out = append(out, p)
	}
	return out, nil
}

// SetPrefs stores the actor's choices; unknown kinds are ignored.
func (s *Service) SetPrefs(ctx context.Context, a org.Actor, email map[string]bool) ([]Pref, error) {
	if a.UserID == 0 {
		return nil, errors.New("notice: set prefs: no user")
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		for _, k := range PrefKinds {
			v, ok := email[k.Kind]
			if !ok {
				continue
			}
			if _, err := tx.Exec(ctx, `INSERT INTO notification_prefs (user_id, kind, email) VALUES (?, ?, ?)
				ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email`, a.UserID, k.Kind, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("notice: set prefs: %w", err)
	}
	return s.Prefs(ctx, a)
}

func storedPrefs(ctx context.Context, q querier, userID int64) (map[string]bool, error) {
	rows, err := q.Query(ctx, `SELECT kind, email FROM notification_prefs WHERE user_id = ?`, userID)
	if err != nil {
		return nil, fmt.Errorf("notice: prefs: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		var v bool
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// NotifyOnce gives the user a notification unless one with the same
// subject was already given that day (the reminders_sent key decides, so
// concurrent scans on two instances give one). It returns the new
// notification's ID, or 0 when it was already sent.
func (s *Service) NotifyOnce(ctx context.Context, tx *sqldb.Tx, userID int64, subject, day, kind, title, link string) (int64, error) {
	now := s.clock()
	res, err := tx.Exec(ctx, `INSERT INTO reminders_sent (user_id, subject, day, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, subject, day) DO NOTHING`, userID, subject, day, now)
	if err != nil {
		return 0, fmt.Errorf("notice: remind %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, nil
	}
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO notifications (user_id, kind, title, link, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		userID, kind, title, link, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("notice: remind %d: %w", userID, err)
	}
	return id, nil
}

// Email is one notification as an e-mail to its user.
type Email struct {
	NotificationID int64
	To             string
	Name           string
	Subject        string
	Body           string
}

// EmailFor returns the e-mail for a notification, and false when none is
// to be sent: the user turned e-mail off for its kind, has no address, or
// is inactive. baseURL prefixes the notification's link.
func (s *Service) EmailFor(ctx context.Context, notificationID int64, baseURL string) (Email, bool, error) {
	var n Notification
	var userID int64
	var to, name string
	var active bool
	err := s.db.QueryRow(ctx, `SELECT n.id, n.kind, n.title, n.link, n.created_at, u.id, u.email, u.full_name, u.active
		FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.id = ?`, notificationID).
		Scan(&n.ID, &n.Kind, &n.Title, &n.Link, &n.CreatedAt, &userID, &to, &name, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return Email{}, false, nil // deleted with its user: nothing to send
	}
	if err != nil {
		return Email{}, false, fmt.Errorf("notice: email for %d: %w", notificationID, err)
	}
	set, err := storedPrefs(ctx, s.db, userID)
	if err != nil {
		return Email{}, false, err
	}
	want, ok := set[n.Kind]
	if !ok {
		want = defaultEmail(n.Kind)
	}
	if !want || !active || to == "" {
		return Email{}, false, nil
	}
	return Email{NotificationID: n.ID, To: to, Name: name, Subject: "[Khoa giáo] " + n.Title,
		Body: emailBody(name, n, baseURL)}, true, nil
}

func emailBody(name string, n Notification, baseURL string) string {
	return fmt.Sprintf("Kính gửi đồng chí %s,\n\n%s\n\nXem chi tiết: %s%s\n\nThời điểm: %s\n\n"+
		"Thư này được gửi tự động từ hệ thống điều hành công tác khoa giáo. "+
		"Đồng chí có thể tắt thư điện tử cho loại thông báo này tại %s/account/notifications.\n",
		name, n.Title, baseURL, n.Link, n.CreatedAt.In(vntext.Location).Format("15:04 02/01/2006"), baseURL)
}

// UnreadFor is Unread for background jobs, which act for no user.
func (s *Service) UnreadFor(ctx context.Context, olderThanWorkingDays int) ([]UnreadUnit, error) {
	return s.Unread(ctx, org.Actor{System: true, Roles: []org.Role{org.RoleAdmin}}, olderThanWorkingDays)
}

// UnitUsers returns the active users of the units.
func (s *Service) UnitUsers(ctx context.Context, unitIDs []int64) ([]int64, error) {
	return unitUsers(ctx, s.db, unitIDs)
}
