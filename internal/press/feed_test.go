package press

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func rss(items ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo thử</title>`)
	for _, it := range items {
		b.WriteString(it)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func rssItem(title, link, desc string) string {
	return `<item><title>` + title + `</title><link>` + link + `</link><description>` + desc +
		`</description><pubDate>Mon, 06 Jul 2020 08:00:00 +0700</pubDate></item>`
}

// feedServer serves a programmable response and records the requests.
type feedServer struct {
	mu      sync.Mutex
	handler func(w http.ResponseWriter, r *http.Request)
	reqs    []*http.Request
	*httptest.Server
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.reqs = append(fs.reqs, r)
		h := fs.handler
		fs.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) set(h func(w http.ResponseWriter, r *http.Request)) {
	fs.mu.Lock()
	fs.handler = h
	fs.mu.Unlock()
}

func (fs *feedServer) last() *http.Request {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.reqs[len(fs.reqs)-1]
}

func (e *env) feed(url, charset string) Feed {
	e.t.Helper()
	f, err := e.svc.CreateFeed(e.ctx, e.spec, Feed{URL: url, Outlet: "Báo Khoa học", Charset: charset})
	if err != nil {
		e.t.Fatalf("feed: %v", err)
	}
	return f
}

func (e *env) poll(id int64) PollResult {
	e.t.Helper()
	r, err := e.svc.Poll(e.ctx, id)
	if err != nil {
		e.t.Fatalf("poll: %v", err)
	}
	return r
}

func TestPollConditionalAndDuplicates(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		if _, err := e.svc.CreateWatchRule(e.ctx, e.spec, WatchRule{Name: "Môi trường", Phrases: "ô nhiễm\nxả thải", Fields: "environment"}); err != nil {
			t.Fatal(err)
		}
		fs := newFeedServer(t)
		doc := rss(rssItem("Ô nhiễm sông Đồng Nai", fs.URL+"/a1?utm_source=rss", "Nhà máy xả thải"),
			rssItem("Khai giảng năm học", fs.URL+"/a2", "Học sinh đến trường"))
		fs.set(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Last-Modified", "Mon, 06 Jul 2020 01:00:00 GMT")
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprint(w, doc)
		})
		f := e.feed(fs.URL+"/rss", "")
		r := e.poll(f.ID)
		if r.Error != "" || r.New != 2 || r.Matched != 1 || r.Feed.ETag != `"v1"` || r.Feed.NextPollAt != e.svc.clock().Add(PollInterval) {
			t.Fatalf("first poll: %+v", r)
		}
		r = e.poll(f.ID)
		if !r.NotModified || r.New != 0 || r.Error != "" {
			t.Fatalf("second poll: %+v", r)
		}
		if h := fs.last().Header; h.Get("If-None-Match") != `"v1"` || h.Get("If-Modified-Since") != "Mon, 06 Jul 2020 01:00:00 GMT" {
			t.Errorf("conditional headers %v", h)
		}
		// The server forgets its ETag: the same items come again, plus one.
		doc = rss(rssItem("Ô nhiễm sông Đồng Nai", fs.URL+"/a1", "Nhà máy xả thải"), rssItem("Mới", fs.URL+"/a3#x", "Xả thải ra kênh"))
		fs.set(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, doc) })
		if r = e.poll(f.ID); r.New != 1 || r.Items != 2 || r.Matched != 1 {
			t.Fatalf("third poll: %+v", r)
		}
		q, err := e.svc.Triage(e.ctx, e.spec, "", 0)
		if err != nil || len(q) != 2 {
			t.Fatalf("queue %d, %v", len(q), err)
		}
		var n int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM feed_items`).Scan(&n); err != nil || n != 3 {
			t.Fatalf("stored %d items, %v", n, err)
		}
	})
}

func TestPollRetryAfterBackoffAndAlert(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		fs := newFeedServer(t)
		fs.set(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "7200")
			w.WriteHeader(http.StatusTooManyRequests)
		})
		f := e.feed(fs.URL+"/rss", "")
		now := e.svc.clock()
		r := e.poll(f.ID)
		if r.Status != 429 || r.Feed.Failures != 1 || !r.Feed.NextPollAt.Equal(now.Add(2*time.Hour)) || r.Feed.LastError == "" {
			t.Fatalf("429: %+v", r.Feed)
		}
		if n, err := e.svc.PollDue(e.ctx, now.Add(time.Hour)); err != nil || n != 0 {
			t.Fatalf("due within Retry-After: %d, %v", n, err)
		}
		fs.set(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "Mon, 01 Jan 2018 00:00:00 GMT") // past: ignored
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		if r = e.poll(f.ID); r.Feed.Failures != 2 || !r.Feed.NextPollAt.Equal(now.Add(backoff(2))) {
			t.Fatalf("503: %+v", r.Feed)
		}
		fs.set(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `<rss><channel><item><title>gãy`) })
		for i := 3; i <= AlertAfter; i++ {
			r = e.poll(f.ID)
			if r.Feed.Failures != i || r.Feed.Alert != (i >= AlertAfter) || !r.Feed.NextPollAt.Equal(now.Add(backoff(i))) {
				t.Fatalf("broken XML, poll %d: %+v", i, r.Feed)
			}
		}
		if backoff(30) != MaxBackoff || backoff(1) != backoffBase {
			t.Errorf("backoff %v %v", backoff(1), backoff(30))
		}
		feeds, err := e.svc.Feeds(e.ctx, e.spec)
		if err != nil || len(feeds) != 1 || !feeds[0].Alert || feeds[0].LastError == "" {
			t.Fatalf("feeds %+v, %v", feeds, err)
		}
		// Recovery clears the failures and the alert.
		fs.set(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, rss()) })
		if n, err := e.svc.PollDue(e.ctx, now.Add(MaxBackoff+time.Minute)); err != nil || n != 1 {
			t.Fatalf("PollDue: %d, %v", n, err)
		}
		feeds, _ = e.svc.Feeds(e.ctx, e.spec)
		if feeds[0].Alert || feeds[0].Failures != 0 || feeds[0].LastError != "" {
			t.Fatalf("after recovery %+v", feeds[0])
		}
	})
}

func TestPollLegacyCharsets(t *testing.T) {
	// "Ô nhiễm" in windows-1258: Ô is 0xD4, "nhiễm" is n h i ê + combining tilde (0xDE) m.
	w1258 := []byte("<?xml version=\"1.0\" encoding=\"windows-1258\"?><rss version=\"2.0\"><channel><title>T</title>" +
		"<item><title>\xd4 nhi\xea\xdem s\xf4ng</title><link>https://bao.example/cp1258</link><description>Ng\xfd\xf5\xcci d\xe2n</description></item></channel></rss>")
	latinDoc := []byte("<rss version=\"2.0\"><channel><title>T</title><item><title>Th\xf4ng b\xe1o c\xe0 ph\xea</title><link>https://bao.example/latin1</link></item></channel></rss>")
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		fs := newFeedServer(t)
		fs.set(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "1258") {
				w.Header().Set("Content-Type", "application/xml")
				w.Write(w1258)
				return
			}
			w.Header().Set("Content-Type", "text/xml; charset=ISO-8859-1")
			w.Write(latinDoc)
		})
		for _, tc := range []struct{ path, want string }{{"/1258", "Ô nhiễm sông"}, {"/latin1", "Thông báo cà phê"}} {
			f := e.feed(fs.URL+tc.path, "")
			if r := e.poll(f.ID); r.Error != "" || r.New != 1 {
				t.Fatalf("%s: %+v", tc.path, r)
			}
			var title string
			if err := db.QueryRow(e.ctx, `SELECT title FROM feed_items WHERE feed_id = ?`, f.ID).Scan(&title); err != nil || title != tc.want {
				t.Errorf("%s: title %q (% x), want %q, %v", tc.path, title, title, tc.want, err)
			}
		}
	})
}

func TestDecodeFeedDeclaredCharset(t *testing.T) {
	doc := []byte("<rss version=\"2.0\"><channel><title>T</title><item><title>Ho\xcca Bi\xccnh</title><link>https://x.example/a</link></item></channel></rss>")
	f, err := ParseFeed(doc, "", "windows-1258")
	if err != nil || f.Items[0].Title != "Hòa Bình" {
		t.Fatalf("%v, %v", f, err)
	}
	if _, err := ParseFeed(doc, "text/xml; charset=nonsense-9", ""); err == nil {
		t.Error("an unknown charset was accepted")
	}
}

func TestFeedPermissions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		if _, err := e.svc.CreateFeed(e.ctx, e.repMT, Feed{URL: "https://x.example/rss", Outlet: "X"}); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("a unit reporter created a feed: %v", err)
		}
		if _, err := e.svc.CreateFeed(e.ctx, e.spec, Feed{URL: "ftp://x", Outlet: ""}); apperr.KindOf(err) != apperr.KindInvalid {
			t.Errorf("invalid feed: %v", err)
		}
		if _, err := e.svc.Triage(e.ctx, e.repYT, "", 0); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("a unit saw the queue: %v", err)
		}
		if _, err := e.svc.CreateWatchRule(e.ctx, e.spec, WatchRule{Name: "a", Phrases: " \n "}); err == nil {
			t.Error("a rule without phrases was accepted")
		}
	})
}
