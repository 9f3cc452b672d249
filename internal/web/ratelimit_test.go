package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

func TestParseRate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Rate
		bad  bool
	}{
		{in: "20/s,40", want: Rate{Per: 20, Burst: 40}},
		{in: "2/s", want: Rate{Per: 2, Burst: 2}},
		{in: "10/min,30", want: Rate{Per: 10.0 / 60, Burst: 30}},
		{in: "600/h", want: Rate{Per: 600.0 / 3600, Burst: 600}},
		{in: "0.5/s", want: Rate{Per: 0.5, Burst: 1}},
		{in: "off", want: Rate{}},
		{in: "0", want: Rate{}},
		{in: "20", bad: true},
		{in: "20/day", bad: true},
		{in: "-1/s", bad: true},
		{in: "20/s,0", bad: true},
		{in: "20/s,x", bad: true},
		{in: "NaN/s", bad: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseRate(tc.in)
			if tc.bad != (err != nil) || (!tc.bad && got != tc.want) {
				t.Errorf("ParseRate(%q) = %+v, %v; want %+v (error %v)", tc.in, got, err, tc.want, tc.bad)
			}
		})
	}
	env := map[string]string{"KHOAGIAO_RATE_SEARCH": "off", "KHOAGIAO_RATE_EXPORTS": "1/s,3"}
	l, err := RateLimitsFromEnv(func(k string) string { return env[k] })
	if err != nil || !l.Search.Off() || l.Exports != (Rate{Per: 1, Burst: 3}) || l.Tokens != DefaultRateLimits().Tokens {
		t.Errorf("from the environment: %+v, %v", l, err)
	}
	if _, err := RateLimitsFromEnv(func(k string) string { return map[string]string{"KHOAGIAO_RATE_TOKENS": "lots"}[k] }); err == nil ||
		!strings.Contains(err.Error(), "KHOAGIAO_RATE_TOKENS") {
		t.Errorf("a bad value is not named: %v", err)
	}
}

// fakeClock is a clock the test moves.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// TestBucket: a burst passes, the next call waits for one token's time,
// tokens come back at the rate and never beyond the burst, keys are
// separate, and refilled buckets are swept away.
func TestBucket(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)}
	l := newBucketLimiter(Rate{Per: 2, Burst: 3}, clk.now)
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("call %d of the burst refused", i+1)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait != 500*time.Millisecond {
		t.Fatalf("4th call: %v, wait %v; want refused, 500ms", ok, wait)
	}
	if ok, _ := l.allow("b"); !ok {
		t.Fatal("another key shares the bucket")
	}
	clk.advance(500 * time.Millisecond)
	if ok, _ := l.allow("a"); !ok {
		t.Fatal("a token did not come back after 1/rate")
	}
	if ok, _ := l.allow("a"); ok {
		t.Fatal("more than one token came back")
	}
	clk.advance(time.Hour)
	for i := range 4 {
		ok, _ := l.allow("a")
		if ok != (i < 3) {
			t.Fatalf("after an hour, call %d: %v (the bucket holds at most the burst)", i+1, ok)
		}
	}
	clk.advance(2 * time.Minute)
	l.allow("c")
	if _, kept := l.buckets["b"]; kept || len(l.buckets) != 1 {
		t.Errorf("refilled buckets were not swept: %d left", len(l.buckets))
	}
}

// TestClassify: which requests each limit counts, and by what key.
func TestClassify(t *testing.T) {
	rl := newRateLimiter(RateLimits{Tokens: Rate{Per: 1, Burst: 1}, Search: Rate{Per: 1, Burst: 1}, Exports: Rate{Per: 1, Burst: 1}}, false, time.Now)
	user := &org.User{ID: 42}
	for _, tc := range []struct {
		method, target string
		signedIn       bool
		class          *bucketLimiter
		key            string
	}{
		{"POST", "/api/v1/auth/tokens", false, rl.tokens, "ip:192.0.2.1"},
		{"POST", "/api/v1/auth/tokens", true, rl.tokens, "ip:192.0.2.1"},
		{"GET", "/api/v1/auth/tokens", true, nil, ""},
		{"GET", "/search?q=a", true, rl.search, "user:42"},
		{"GET", "/api/v1/search?q=a", true, rl.search, "user:42"},
		{"GET", "/search", false, rl.search, "ip:192.0.2.1"},
		{"GET", "/searches", true, nil, ""},
		{"GET", "/api/v1/regimes/1/export.xlsx?period=2021-H1", true, rl.exports, "user:42"},
		{"GET", "/api/v1/meetings/1/conclusion.DOCX", true, rl.exports, "user:42"},
		{"GET", "/dashboard.pdf", true, rl.exports, "user:42"},
		{"GET", "/units?format=xlsx", true, rl.exports, "user:42"},
		{"POST", "/api/v1/units/import?format=xlsx", true, nil, ""},
		{"GET", "/units", true, nil, ""},
		{"GET", "/api/v1/attachments/7", true, nil, ""},
	} {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, tc.target, nil)
			if tc.signedIn {
				r = r.WithContext(httpx.WithUser(r.Context(), user, "192.0.2.1"))
			}
			class, key := rl.classify(r)
			if class != tc.class || key != tc.key {
				t.Errorf("class %p key %q, want %p %q", class, key, tc.class, tc.key)
			}
		})
	}
	off := newRateLimiter(RateLimits{}, false, time.Now)
	if c, _ := off.classify(httptest.NewRequest("GET", "/search", nil)); c != nil {
		t.Error("a limit that is off still counts")
	}
}

// TestTimeouts: each request gets the deadline of its kind, and a handler
// that runs past it answers 503 with the Vietnamese message and Retry-After.
func TestTimeouts(t *testing.T) {
	for _, tc := range []struct {
		method, target, ctype string
		want                  time.Duration
	}{
		{"GET", "/units", "", defaultTimeouts.normal},
		{"PUT", "/api/v1/reports/1/2021-H1/2", "application/json", defaultTimeouts.normal},
		{"GET", "/api/v1/regimes/1/export.xlsx", "", defaultTimeouts.export},
		{"GET", "/training/staff?format=xlsx", "", defaultTimeouts.export},
		{"GET", "/dashboard.pdf", "", defaultTimeouts.export},
		{"POST", "/meetings/1/attachments", "multipart/form-data; boundary=x", defaultTimeouts.upload},
	} {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			var left time.Duration
			s := &Server{timeouts: defaultTimeouts}
			h := s.limitRequest(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if d, ok := r.Context().Deadline(); ok {
					left = time.Until(d)
				}
			}))
			r := httptest.NewRequest(tc.method, tc.target, strings.NewReader(""))
			r.Header.Set("Content-Type", tc.ctype)
			h.ServeHTTP(httptest.NewRecorder(), r)
			if left > tc.want || left < tc.want-time.Second {
				t.Errorf("deadline in %v, want %v", left, tc.want)
			}
		})
	}
	s := &Server{timeouts: timeouts{normal: 20 * time.Millisecond}}
	h := s.limitRequest(httpx.JSON(func(w http.ResponseWriter, r *http.Request) error {
		<-r.Context().Done() // a query that outlives the budget
		return r.Context().Err()
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequestWithContext(context.Background(), "GET", "/api/v1/regimes/1/aggregate", nil))
	var body httpx.ErrorBody
	_ = json.Unmarshal(w.Body.Bytes(), &body)
	if w.Code != http.StatusServiceUnavailable || body.Error.Code != "timeout" || !strings.Contains(body.Error.Message, "quá lâu") || w.Header().Get("Retry-After") == "" {
		t.Errorf("past the deadline: %d %s (Retry-After %q)", w.Code, w.Body, w.Header().Get("Retry-After"))
	}
}
