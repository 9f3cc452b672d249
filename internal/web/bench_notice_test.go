package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// The size of the notification benchmark: many users, and one of them —
// the measured unit reporter — with a long history of notifications.
const (
	benchNoticeUsers  = 3000  // users besides the demo's
	benchNotices      = 10000 // notifications in all
	benchNoticeHeavy  = 2500  // of them the measured user's
	benchHeavyUnreadN = 1500  // of those, unread
)

// BenchmarkNotificationCount times what every page asks every 30 seconds —
// the header bell's unread count (GET /notifications/badge, the HTML the
// bell swaps in) — and its API twins (GET /api/v1/notifications/count and
// the unread list GET /api/v1/notifications?unread=1, at most 200 items),
// through the real server, for a user with 2,500 notifications (1,500
// unread) among 10,000 of 3,000 users. Besides ns/op it reports the median
// and the 95th percentile of the requests in milliseconds.
//
//	go test ./internal/web/ -run '^$' -bench NotificationCount -benchtime 1000x
func BenchmarkNotificationCount(b *testing.B) {
	for _, d := range dbtest.Dialects() {
		b.Run(string(d), func(b *testing.B) {
			env, unread := benchNotifications(b, d)
			page := benchSignIn(b, env, "stnmt.baocao")
			token := benchToken(b, env, "stnmt.baocao")
			b.Run("badge", func(b *testing.B) {
				benchGets(b, page, env.URL+"/notifications/badge", "", func(body []byte) error {
					if !bytes.Contains(body, []byte(fmt.Sprintf(`data-unread="%d"`, unread))) || !bytes.Contains(body, []byte(">99+<")) {
						return fmt.Errorf("the bell shows %q, want %d unread as 99+", body, unread)
					}
					return nil
				})
			})
			b.Run("api-count", func(b *testing.B) {
				benchGets(b, &http.Client{}, env.URL+"/api/v1/notifications/count", token, func(body []byte) error {
					var c struct {
						Unread int `json:"unread"`
					}
					if err := json.Unmarshal(body, &c); err != nil || c.Unread != unread {
						return fmt.Errorf("count %s (%v), want %d", body, err, unread)
					}
					return nil
				})
			})
			b.Run("api-unread-list", func(b *testing.B) {
				benchGets(b, &http.Client{}, env.URL+"/api/v1/notifications?unread=1", token, func(body []byte) error {
					var l struct {
						Items []struct {
							ReadAt *time.Time `json:"read_at"`
						} `json:"items"`
					}
					if err := json.Unmarshal(body, &l); err != nil || len(l.Items) != 200 || l.Items[0].ReadAt != nil {
						return fmt.Errorf("the unread list holds %d items (%v), want the newest 200 unread", len(l.Items), err)
					}
					return nil
				})
			})
		})
	}
}

// benchNotifications starts a demo server and writes 3,000 more users and
// 10,000 notifications: 2,500 for stnmt.baocao (1,500 unread), the rest
// spread over the others (one in three unread). It returns the server and
// the measured user's unread count (the demo's own notifications included).
func benchNotifications(b *testing.B, d sqldb.Dialect) (*webtest.Env, int) {
	b.Helper()
	ctx := context.Background()
	env := webtest.NewAt(b, d, time.Date(2021, 1, 4, 9, 0, 0, 0, vntext.Location))
	heavy, unit := env.User(b, "stnmt.baocao"), env.Unit(b, "STNMT")
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var before int
	if err := env.DB.QueryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, heavy.ID).Scan(&before); err != nil {
		b.Fatal(err)
	}
	err := env.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		users := make([]int64, benchNoticeUsers)
		for i := range users {
			name := fmt.Sprintf("thu.nghiem.%04d", i)
			if err := tx.QueryRow(ctx, `INSERT INTO users (username, full_name, unit_id, password_hash, search_key, sort_key, created_at, updated_at)
				VALUES (?, ?, ?, 'x', ?, ?, ?, ?) RETURNING id`, name, "Người thử nghiệm "+name, unit.ID, name, []byte(name), start, start).Scan(&users[i]); err != nil {
				return err
			}
		}
		for i := range benchNotices {
			user, read := users[i%benchNoticeUsers], i%3 != 0
			if i < benchNoticeHeavy {
				user, read = heavy.ID, i < benchNoticeHeavy-benchHeavyUnreadN
			}
			at := start.Add(time.Duration(i) * time.Hour)
			var readAt any
			if read {
				readAt = at.Add(time.Hour)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO notifications (user_id, kind, title, link, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?)`,
				user, "reminder", fmt.Sprintf("Vụ việc báo chí chờ trả lời số %d: ô nhiễm kênh thủy lợi", i), fmt.Sprintf("/press/%d", i), at, readAt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if d == sqldb.Postgres {
		if _, err := env.DB.Exec(ctx, `ANALYZE notifications`); err != nil {
			b.Fatal(err)
		}
	}
	return env, before + benchHeavyUnreadN
}
