package reminder_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reminder"
)

const testRSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo thử</title>
<item><title>Ô nhiễm kênh thoát nước</title><link>%[1]s/a1</link><description>Nước đen, bốc mùi hôi.</description></item>
<item><title>Khai giảng năm học</title><link>%[1]s/a2</link><description>Học sinh đến trường.</description></item>
</channel></rss>`

// TestFeedJobStoresDueItems: one run of the feed job polls a feed whose
// next poll time has passed and stores its items.
func TestFeedJobStoresDueItems(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx, sys := context.Background(), org.SystemActor("test")
		var srv *httptest.Server
		srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprintf(w, testRSS, srv.URL)
		}))
		defer srv.Close()
		past := func() time.Time { return time.Now().Add(-time.Hour) }
		svc := press.NewService(db, calendar.NewService(db, calendar.Options{}), past)
		if _, err := svc.CreateWatchRule(ctx, sys, press.WatchRule{Name: "Môi trường", Phrases: "ô nhiễm", Fields: "environment", Active: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CreateFeed(ctx, sys, press.Feed{URL: srv.URL + "/rss", Outlet: "Báo thử"}); err != nil {
			t.Fatal(err)
		}
		if err := reminder.PollFeeds(ctx, svc); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM feed_items`).Scan(&n); err != nil || n != 2 {
			t.Fatalf("feed items = %d, %v; want 2", n, err)
		}
		items, err := svc.Triage(ctx, sys, "", 10)
		if err != nil || len(items) != 1 {
			t.Fatalf("triage = %v, %v; want the polluted canal", items, err)
		}
	})
}

type countingPoller struct{ n atomic.Int64 }

func (c *countingPoller) PollDue(context.Context, time.Time) (int, error) {
	c.n.Add(1)
	return 0, nil
}

// TestRiverFeedJobOncePerPeriod: with two River clients the periodic feed
// poll runs once per period, not once per client.
func TestRiverFeedJobOncePerPeriod(t *testing.T) {
	db := dbtest.Open(t, sqldb.Postgres) // skips without KHOAGIAO_TEST_POSTGRES
	e, ctx := newEnv(t, db), context.Background()
	poller := &countingPoller{}
	const every = time.Second
	var clients []*reminder.River
	for range 2 {
		r, err := reminder.NewRiver(ctx, db.DSN, e.scan, reminder.Mail{Notice: e.notice},
			reminder.RiverOptions{NoPeriod: true, Feeds: poller, FeedEvery: every})
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, r)
	}
	for _, r := range clients {
		if err := r.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		for _, r := range clients {
			sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			r.Stop(sctx)
			cancel()
		}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for poller.n.Load() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the feed job never ran")
		}
		time.Sleep(50 * time.Millisecond)
	}
	start := poller.n.Load()
	const window = 4 * time.Second
	time.Sleep(window)
	runs := poller.n.Load() - start
	if max := int64(window/every) + 1; runs > max || runs < 1 {
		t.Fatalf("feed job ran %d times in %v with period %v; want at most %d (once per period)", runs, window, every, max)
	}
}
