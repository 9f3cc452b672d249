package demo

import (
	"context"
	"embed"
	"fmt"
	"net/http"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/press"
)

//go:embed feeds/*.xml
var feedFiles embed.FS

// DefaultBaseURL is where the demo feeds are served when KHOAGIAO_BASE_URL
// is not set.
const DefaultBaseURL = "http://localhost:8080"

// FeedPath is the path the demo feeds are served under: FeedPath+name+".xml".
const FeedPath = "/demo/feeds/"

// demoFeeds are the two feeds bundled with the demo, by file name.
var demoFeeds = []struct{ name, outlet string }{
	{"moi-truong", "Báo Môi trường địa phương (minh họa)"},
	{"thoi-su", "Báo Thời sự tỉnh (minh họa)"},
}

// demoRules are the watch rules the demo feeds are matched against.
var demoRules = []press.WatchRule{
	{Name: "Môi trường (minh họa)", Phrases: "ô nhiễm\nmùi hôi\nrác thải\nmôi trường", Fields: string(press.Environment),
		UsePlaceNames: true, Active: true},
}

// FeedHandler serves the bundled demo feeds at GET FeedPath{name}.xml; the
// server mounts it only when it runs with --demo.
func FeedHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, FeedPath)
		if r.Method != http.MethodGet && r.Method != http.MethodHead || strings.ContainsAny(name, "/\\") || !strings.HasSuffix(name, ".xml") {
			http.NotFound(w, r)
			return
		}
		body, err := feedFiles.ReadFile("feeds/" + name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(body)
	})
}

// loadFeeds registers the demo feeds (pointing at baseURL) and the watch
// rules, skipping those that exist already (by URL, by name).
func loadFeeds(ctx context.Context, svc *press.Service, cv org.Actor, baseURL string) error {
	baseURL = strings.TrimRight(baseURL, "/")
	feeds, err := svc.Feeds(ctx, cv)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, f := range feeds {
		have[f.URL] = true
	}
	for _, df := range demoFeeds {
		url := baseURL + FeedPath + df.name + ".xml"
		if have[url] {
			continue
		}
		if _, err := svc.CreateFeed(ctx, cv, press.Feed{URL: url, Outlet: df.outlet}); err != nil {
			return fmt.Errorf("demo: feed %s: %w", url, err)
		}
	}
	rules, err := svc.WatchRules(ctx, cv)
	if err != nil {
		return err
	}
	names := map[string]bool{}
	for _, r := range rules {
		names[r.Name] = true
	}
	for _, r := range demoRules {
		if names[r.Name] {
			continue
		}
		if _, err := svc.CreateWatchRule(ctx, cv, r); err != nil {
			return fmt.Errorf("demo: watch rule %s: %w", r.Name, err)
		}
	}
	return nil
}
