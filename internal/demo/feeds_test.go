package demo_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
)

// TestDemoFeeds: the bundled feeds are served as RSS, registered once with
// their watch rules, polled by press, and the "mùi hôi" items land in triage.
func TestDemoFeeds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		mux := http.NewServeMux()
		mux.Handle("GET "+demo.FeedPath, demo.FeedHandler())
		srv := httptest.NewServer(mux)
		defer srv.Close()
		resp, err := http.Get(srv.URL + demo.FeedPath + "../demo.go")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("outside the feeds: %d, want 404", resp.StatusCode)
			}
		}
		resp, err = http.Get(srv.URL + demo.FeedPath + "moi-truong.xml")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/rss+xml") {
			t.Fatalf("feed: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if f, err := press.ParseFeed(body, resp.Header.Get("Content-Type"), ""); err != nil || len(f.Items) < 4 {
			t.Fatalf("parse: %v", err)
		}

		ctx, s := context.Background(), newServices(db)
		deps := demo.Deps{Org: s.org, Calendar: s.cal}
		for range 2 {
			if _, err := demo.Load(ctx, deps, demo.Options{Password: "mat-khau-demo-2020", FeedBaseURL: srv.URL + "/"}); err != nil {
				t.Fatal(err)
			}
		}
		sys := org.SystemActor("test")
		svc := press.NewService(db, s.cal, nil)
		feeds, err := svc.Feeds(ctx, sys)
		if err != nil || len(feeds) != 3 {
			t.Fatalf("feeds = %d, %v; want 3", len(feeds), err)
		}
		rules, err := svc.WatchRules(ctx, sys)
		if err != nil || len(rules) != 1 {
			t.Fatalf("rules = %d, %v; want 1", len(rules), err)
		}
		if n, err := svc.PollDue(ctx, time.Now()); err != nil || n != 3 {
			t.Fatalf("PollDue = %d, %v; want 3", n, err)
		}
		items, err := svc.Triage(ctx, sys, "", 100)
		if err != nil {
			t.Fatal(err)
		}
		var smell, unrelated int
		for _, it := range items {
			if strings.Contains(strings.ToLower(it.Title+" "+it.Summary), "mùi hôi") {
				smell++
			}
			if strings.Contains(it.Title, "bóng đá") || strings.Contains(it.Title, "hồ tiêu") {
				unrelated++
			}
		}
		if smell < 2 || unrelated != 0 {
			t.Fatalf("triage: %d items with mùi hôi (want ≥ 2), %d unrelated (want 0) of %d", smell, unrelated, len(items))
		}
	})
}
