package web

import (
	"fmt"
	"math"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Rate limits are token buckets kept in the memory of this instance. With
// several instances behind a load balancer each one keeps its own buckets,
// so a caller may get up to N times the configured rate; that is accepted:
// these limits keep one caller from monopolising the search and export
// work and slow down token spraying, while the sign-in throttle that
// guards passwords (internal/org) lives in the database and is shared.

// Rate is one token bucket: Per tokens a second refill it, up to Burst.
// A zero Per turns the limit off.
type Rate struct {
	Per   float64
	Burst int
}

// Off reports whether the limit is turned off.
func (r Rate) Off() bool { return r.Per <= 0 || r.Burst <= 0 }

// String writes the rate as the environment variables take it, per second.
func (r Rate) String() string {
	if r.Off() {
		return "off"
	}
	return fmt.Sprintf("%g/s,%d", r.Per, r.Burst)
}

// RateLimits are the limits of the three classes of request that cost the
// server most or help an attacker most.
type RateLimits struct {
	Tokens  Rate // POST /api/v1/auth/tokens, per client address
	Search  Rate // GET /search and /api/v1/search, per user (per address when anonymous)
	Exports Rate // GET of .xlsx, .docx, .pdf or ?format=xlsx, per user (per address when anonymous)
}

// DefaultRateLimits are generous for people and scripts that behave: 20
// searches a second (search-as-you-type), 2 exports a second after a
// burst of 10, 10 API tokens a minute from one address after a burst of 30
// (a script signing in its workers, the permission tests signing in each role).
func DefaultRateLimits() RateLimits {
	return RateLimits{
		Tokens:  Rate{Per: 10.0 / 60, Burst: 30},
		Search:  Rate{Per: 20, Burst: 40},
		Exports: Rate{Per: 2, Burst: 10},
	}
}

// RateLimitsFromEnv reads KHOAGIAO_RATE_TOKENS, KHOAGIAO_RATE_SEARCH and
// KHOAGIAO_RATE_EXPORTS ("20/s,40", "10/min,20", "600/h,50" or "off") over
// the defaults.
func RateLimitsFromEnv(getenv func(string) string) (RateLimits, error) {
	l := DefaultRateLimits()
	for _, v := range []struct {
		name string
		rate *Rate
	}{{"KHOAGIAO_RATE_TOKENS", &l.Tokens}, {"KHOAGIAO_RATE_SEARCH", &l.Search}, {"KHOAGIAO_RATE_EXPORTS", &l.Exports}} {
		s := strings.TrimSpace(getenv(v.name))
		if s == "" {
			continue
		}
		r, err := ParseRate(s)
		if err != nil {
			return l, fmt.Errorf("%s: %w", v.name, err)
		}
		*v.rate = r
	}
	return l, nil
}

// ParseRate reads "N/unit[,burst]" (unit s, min or h; the burst defaults
// to N, at least 1) or "off".
func ParseRate(s string) (Rate, error) {
	if s == "off" || s == "0" {
		return Rate{}, nil
	}
	spec, burstText, hasBurst := strings.Cut(s, ",")
	nText, unit, ok := strings.Cut(strings.TrimSpace(spec), "/")
	n, err := strconv.ParseFloat(strings.TrimSpace(nText), 64)
	if !ok || err != nil || n <= 0 || math.IsInf(n, 0) || math.IsNaN(n) {
		return Rate{}, fmt.Errorf("rate %q: want N/s, N/min or N/h, optionally \",burst\", or off", s)
	}
	per := map[string]float64{"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}[strings.TrimSpace(unit)]
	if per == 0 {
		return Rate{}, fmt.Errorf("rate %q: unit %q is not s, min or h", s, unit)
	}
	burst := max(int(math.Ceil(n)), 1)
	if hasBurst {
		if burst, err = strconv.Atoi(strings.TrimSpace(burstText)); err != nil || burst < 1 {
			return Rate{}, fmt.Errorf("rate %q: burst %q is not a positive integer", s, burstText)
		}
	}
	return Rate{Per: n / per, Burst: burst}, nil
}

// bucketLimiter holds one bucket per key.
type bucketLimiter struct {
	rate Rate
	now  func() time.Time

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newBucketLimiter(r Rate, now func() time.Time) *bucketLimiter {
	return &bucketLimiter{rate: r, now: now, buckets: map[string]*bucket{}, lastSweep: now()}
}

// allow takes a token from key's bucket; when it is empty it says how long
// until the next token.
func (l *bucketLimiter) allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(l.rate.Burst), at: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = min(float64(l.rate.Burst), b.tokens+el*l.rate.Per)
	}
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate.Per * float64(time.Second))
}

// sweep drops, once a minute, the buckets that have refilled: they hold
// nothing a new bucket would not, and the map would otherwise grow with
// every address ever seen.
func (l *bucketLimiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < time.Minute {
		return
	}
	l.lastSweep = now
	full := time.Duration(float64(l.rate.Burst) / l.rate.Per * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.at) >= full {
			delete(l.buckets, k)
		}
	}
}

// rateLimiter sorts requests into the limited classes.
type rateLimiter struct {
	tokens, search, exports *bucketLimiter // nil when off
	trustProxy              bool
}

func newRateLimiter(l RateLimits, trustProxy bool, now func() time.Time) *rateLimiter {
	mk := func(r Rate) *bucketLimiter {
		if r.Off() {
			return nil
		}
		return newBucketLimiter(r, now)
	}
	return &rateLimiter{tokens: mk(l.Tokens), search: mk(l.Search), exports: mk(l.Exports), trustProxy: trustProxy}
}

// classify returns the limiter of r's class and the caller's key, or nil.
func (rl *rateLimiter) classify(r *http.Request) (*bucketLimiter, string) {
	ip := "ip:" + httpx.ClientIP(r, rl.trustProxy)
	who := ip
	if u := httpx.User(r.Context()); u != nil {
		who = "user:" + strconv.FormatInt(u.ID, 10)
	}
	p := r.URL.Path
	switch {
	case r.Method == http.MethodPost && p == "/api/v1/auth/tokens":
		return rl.tokens, ip
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		return nil, ""
	case p == "/search" || p == "/api/v1/search" || strings.HasPrefix(p, "/search/") || strings.HasPrefix(p, "/api/v1/search/"):
		return rl.search, who
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".xlsx", ".docx", ".pdf":
		return rl.exports, who
	}
	if r.URL.Query().Get("format") == "xlsx" {
		return rl.exports, who
	}
	return nil, ""
}

// rateLimit answers 429 with Retry-After when the caller's bucket of the
// request's class is empty. It runs after authenticate, to know the user.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lim, key := s.limiter.classify(r)
		if lim != nil {
			if ok, wait := lim.allow(key); !ok {
				secs := max(int(math.Ceil(wait.Seconds())), 1)
				w.Header().Set("Retry-After", strconv.Itoa(secs))
				refuse(w, r, apperr.TooMany(
					"Bạn gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau "+strconv.Itoa(secs)+" giây.",
					"Too many requests in a short time. Please try again in "+strconv.Itoa(secs)+" seconds."))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
