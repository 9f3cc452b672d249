package web

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// metrics counts requests and their latencies per route pattern, served in
// the Prometheus text format at /metrics. Hand-written: two metric families
// do not justify a client library.
type metrics struct {
	mu       sync.Mutex
	requests map[reqKey]uint64
	latency  map[string]*histogram
	started  time.Time
}

type reqKey struct {
	pattern string
	code    int
}

var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []uint64 // per bucket, cumulative on output
	sum    float64
	n      uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[reqKey]uint64{}, latency: map[string]*histogram{}, started: time.Now()}
}

func (m *metrics) observe(pattern string, code int, d time.Duration) {
	if pattern == "" {
		pattern = "unmatched"
	}
	secs := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{pattern, code}]++
	h := m.latency[pattern]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets))}
		m.latency[pattern] = h
	}
	for i, b := range buckets {
		if secs <= b {
			h.counts[i]++
			break
		}
	}
	h.sum += secs
	h.n++
}

func (m *metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.write(w)
}

func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP khoagiao_http_requests_total HTTP requests by route pattern and status code.")
	fmt.Fprintln(w, "# TYPE khoagiao_http_requests_total counter")
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].pattern != keys[j].pattern {
			return keys[i].pattern < keys[j].pattern
		}
		return keys[i].code < keys[j].code
	})
	for _, k := range keys {
		fmt.Fprintf(w, "khoagiao_http_requests_total{route=%s,code=\"%d\"} %d\n", strconv.Quote(k.pattern), k.code, m.requests[k])
	}
	fmt.Fprintln(w, "# HELP khoagiao_http_request_duration_seconds HTTP request latency by route pattern.")
	fmt.Fprintln(w, "# TYPE khoagiao_http_request_duration_seconds histogram")
	patterns := make([]string, 0, len(m.latency))
	for p := range m.latency {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	for _, p := range patterns {
		h, q := m.latency[p], strconv.Quote(p)
		var cum uint64
		for i, b := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "khoagiao_http_request_duration_seconds_bucket{route=%s,le=\"%g\"} %d\n", q, b, cum)
		}
		fmt.Fprintf(w, "khoagiao_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", q, h.n)
		fmt.Fprintf(w, "khoagiao_http_request_duration_seconds_sum{route=%s} %g\n", q, h.sum)
		fmt.Fprintf(w, "khoagiao_http_request_duration_seconds_count{route=%s} %d\n", q, h.n)
	}
	fmt.Fprintln(w, "# HELP khoagiao_uptime_seconds Seconds since the server started.")
	fmt.Fprintln(w, "# TYPE khoagiao_uptime_seconds gauge")
	fmt.Fprintf(w, "khoagiao_uptime_seconds %g\n", time.Since(m.started).Seconds())
}
