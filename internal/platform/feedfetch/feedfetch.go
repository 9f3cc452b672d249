// Package feedfetch sends the conditional GET of a news feed: the press
// module decides what to do with the answer, this package only speaks HTTP.
package feedfetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Request is one conditional fetch.
type Request struct {
	URL          string
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
}

// Response is what the server answered.
type Response struct {
	Status       int
	NotModified  bool   // 304
	Body         []byte // the document, only for 200
	ContentType  string
	ETag         string
	LastModified string
	RetryAfter   string // the Retry-After header of a refusal
}

// ErrTooLarge is returned for documents over the limit.
var ErrTooLarge = errors.New("feedfetch: document too large")

// Fetcher fetches with its client and size limit.
type Fetcher struct {
	Client   *http.Client
	MaxBytes int64
}

// Default fetches with a 30 s timeout and a 10 MB limit.
var Default = &Fetcher{Client: &http.Client{Timeout: 30 * time.Second}, MaxBytes: 10 << 20}

// Fetch sends the request; any status is a Response, only transport
// failures (and documents over the limit) are errors.
func (f *Fetcher) Fetch(ctx context.Context, in Request) (Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, in.URL, nil)
	if err != nil {
		return Response{}, err
	}
	req.Header.Set("User-Agent", "khoagiao-press-monitor/1")
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1")
	if in.ETag != "" {
		req.Header.Set("If-None-Match", in.ETag)
	}
	if in.LastModified != "" {
		req.Header.Set("If-Modified-Since", in.LastModified)
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	out := Response{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"), RetryAfter: resp.Header.Get("Retry-After")}
	switch resp.StatusCode {
	case http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case http.StatusOK:
	default:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return out, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.MaxBytes+1))
	if err != nil {
		return out, err
	}
	if int64(len(body)) > f.MaxBytes {
		return out, ErrTooLarge
	}
	out.Body = body
	return out, nil
}

// StatusText is "HTTP 503 Service Unavailable".
func StatusText(code int) string { return "HTTP " + strconv.Itoa(code) + " " + http.StatusText(code) }

// RetryAfter parses a Retry-After header: seconds or an HTTP date.
func RetryAfter(h string, now time.Time) (time.Time, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return time.Time{}, false
	}
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return now.Add(time.Duration(n) * time.Second), true
	}
	if t, err := http.ParseTime(h); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}
