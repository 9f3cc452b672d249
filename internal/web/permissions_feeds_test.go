package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
)

// Press monitoring: the administrator and the Board's specialists manage
// feeds and watch rules; the Board triages the matching articles.
func init() {
	for k, v := range map[string]map[string]statuses{
		"GET /feeds":                      {"-": unitAdmins(200)},
		"POST /feeds":                     {"-": unitAdmins(201)},
		"POST /feeds/{id}/poll":           {"-": unitAdmins(200)},
		"PATCH /feeds/{id}":               {"-": unitAdmins(200)},
		"GET /watch-rules":                {"-": unitAdmins(200)},
		"POST /watch-rules":               {"-": unitAdmins(201)},
		"GET /press-triage":               {"-": boardRoles},
		"POST /press-triage/{id}/case":    {"-": {201, 201, 201, 403, 403, 403}},
		"POST /press-triage/{id}/dismiss": {"-": boardRoles},
	} {
		expected[k] = v
	}
}

// matrixFeedItem stores a matching item of a fresh feed, as a poll would.
func matrixFeedItem(t *testing.T, f *fixture) (int64, string) {
	t.Helper()
	ctx, n := context.Background(), f.next()
	feed, err := f.env.Press.CreateFeed(ctx, system, press.Feed{URL: fmt.Sprintf("http://127.0.0.1:1/rss-%d", n), Outlet: "Báo thử quyền"})
	if err != nil {
		t.Fatal(err)
	}
	url := fmt.Sprintf("https://bao.example/theo-doi-%d", n)
	var id int64
	err = f.env.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO feed_items (feed_id, url, canonical_url, title, summary, fetched_at, matched_rules, triage_status)
		VALUES (?, ?, ?, ?, '', ?, '1', 'new') RETURNING id`, feed.ID, url, url, fmt.Sprintf("Ô nhiễm thử quyền %d", n), time.Now().UTC()).Scan(&id)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, url
}

func feedItemStatus(t *testing.T, f *fixture, id int64) string {
	t.Helper()
	var s string
	if err := f.env.DB.QueryRow(context.Background(), `SELECT triage_status FROM feed_items WHERE id = ?`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// feedRequest builds the matrix cells of the press-monitoring routes.
func feedRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if !strings.Contains(key, "/feeds") && !strings.Contains(key, "/watch-rules") && !strings.Contains(key, "/press-triage") {
		return "", nil, nil, nil, false
	}
	ctx := context.Background()
	switch key {
	case "GET /feeds":
		return "/feeds", nil, nil, nil, true
	case "POST /feeds":
		return "/feeds", map[string]any{"url": fmt.Sprintf("https://bao.example/rss-%d.xml", f.next()), "outlet": "Báo thử", "charset": "windows-1258"}, nil, nil, true
	case "POST /feeds/{id}/poll":
		fd, err := f.env.Press.CreateFeed(ctx, system, press.Feed{URL: fmt.Sprintf("http://127.0.0.1:1/poll-%d", f.next()), Outlet: "Báo thử"})
		if err != nil {
			t.Fatal(err)
		}
		return path("/feeds/%d/poll", fd.ID), nil, nil, func(t *testing.T, r resp) {
			feeds, _ := f.env.Press.Feeds(ctx, system)
			for _, x := range feeds {
				if x.ID == fd.ID && (x.Failures == 1) != (r.Status == http.StatusOK) {
					t.Errorf("status %d, failures %d", r.Status, x.Failures)
				}
			}
		}, true
	case "PATCH /feeds/{id}":
		fd, err := f.env.Press.CreateFeed(ctx, system, press.Feed{URL: fmt.Sprintf("https://bao.example/sua-%d.xml", f.next()), Outlet: "Báo thử"})
		if err != nil {
			t.Fatal(err)
		}
		return path("/feeds/%d", fd.ID), map[string]any{"active": false, "outlet": "Báo đổi tên"}, nil, func(t *testing.T, r resp) {
			got, err := f.env.Press.FindFeed(ctx, system, fd.ID)
			if err != nil || (!got.Active && got.Outlet == "Báo đổi tên") != (r.Status == http.StatusOK) || got.URL != fd.URL {
				t.Errorf("status %d, feed %+v, %v", r.Status, got, err)
			}
		}, true
	case "GET /watch-rules":
		return "/watch-rules", nil, nil, nil, true
	case "POST /watch-rules":
		return "/watch-rules", map[string]any{"name": "Thử", "phrases": "ô nhiễm\nxả thải", "fields": "environment"}, nil, nil, true
	case "GET /press-triage":
		id, _ := matrixFeedItem(t, f)
		return "/press-triage?limit=1000", nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[press.FeedItem]
			r.decode(t, &l)
			for _, it := range l.Items {
				if it.ID == id {
					return
				}
			}
			t.Errorf("item %d not in the queue", id)
		}), true
	case "POST /press-triage/{id}/case":
		id, url := matrixFeedItem(t, f)
		return path("/press-triage/%d/case", id), nil, nil, func(t *testing.T, r resp) {
			var c press.Case
			if r.Status == http.StatusCreated {
				if r.decode(t, &c); c.CanonicalURL != url {
					t.Errorf("case %+v", c)
				}
			}
			if (feedItemStatus(t, f, id) == "case") != (r.Status == http.StatusCreated) {
				t.Errorf("status %d, item %s", r.Status, feedItemStatus(t, f, id))
			}
		}, true
	case "POST /press-triage/{id}/dismiss":
		id, _ := matrixFeedItem(t, f)
		return path("/press-triage/%d/dismiss", id), nil, nil, func(t *testing.T, r resp) {
			if (feedItemStatus(t, f, id) == "dismissed") != (r.Status == http.StatusOK) {
				t.Errorf("status %d, item %s", r.Status, feedItemStatus(t, f, id))
			}
		}, true
	}
	return "", nil, nil, nil, false
}
