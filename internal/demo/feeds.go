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

// demoFeeds are the feeds bundled with the demo, by file name, with the
// code of the press agency publishing each ("" for an outlet outside the
// province's agencies), whose articles the orientation topics count.
var demoFeeds = []struct{ name, outlet, unit string }{
	{"moi-truong", "Báo Môi trường địa phương (minh họa)", ""},
	{"thoi-su", "Báo Thời sự tỉnh (minh họa)", "BAOTINH"},
	{"phat-thanh-truyen-hinh", "Đài Phát thanh - Truyền hình tỉnh (minh họa)", "DPTTH"},
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

// loadFeeds registers the demo feeds (pointing at baseURL) with their
// agencies and the watch rules, skipping those that exist already (by URL,
// by name); a feed registered before feeds had agencies gets its agency.
func loadFeeds(ctx context.Context, svc *press.Service, cv org.Actor, baseURL string, ids map[string]int64) error {
	baseURL = strings.TrimRight(baseURL, "/")
	feeds, err := svc.Feeds(ctx, cv)
	if err != nil {
		return err
	}
	have := map[string]press.Feed{}
	for _, f := range feeds {
		have[f.URL] = f
	}
	for _, df := range demoFeeds {
		url := baseURL + FeedPath + df.name + ".xml"
		f, ok := have[url]
		switch {
		case !ok:
			_, err = svc.CreateFeed(ctx, cv, press.Feed{URL: url, Outlet: df.outlet, UnitID: ids[df.unit]})
		case f.UnitID == 0 && ids[df.unit] != 0:
			f.UnitID = ids[df.unit]
			_, err = svc.UpdateFeed(ctx, cv, f.ID, f)
		}
		if err != nil {
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
