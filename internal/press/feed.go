package press

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"mime"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/feedfetch"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Feed is an outlet's RSS or Atom feed, polled for new articles.
type Feed struct {
	ID           int64      `json:"id"`
	URL          string     `json:"url"`
	Outlet       string     `json:"outlet"`
	Charset      string     `json:"charset"` // declared by the admin; overrides the server's and the document's
	ETag         string     `json:"etag"`
	LastModified string     `json:"last_modified"`
	NextPollAt   time.Time  `json:"next_poll_at"`
	LastPolledAt *time.Time `json:"last_polled_at,omitempty"`
	Failures     int        `json:"failures"`
	LastError    string     `json:"last_error"`
	Alert        bool       `json:"alert"`
	Active       bool       `json:"active"`
	CreatedAt    time.Time  `json:"created_at"`
	// UnitID is the press agency publishing the feed (0: none), whose
	// articles the orientation topics count.
	UnitID int64 `json:"unit_id,omitempty"`
}

// Polling policy.
const (
	PollInterval = 30 * time.Minute // after a successful poll
	backoffBase  = 5 * time.Minute  // after the first failure, doubling
	MaxBackoff   = 6 * time.Hour
	AlertAfter   = 5 // consecutive failures before the admin is alerted
	maxSummary   = 2000
)

// CanManageFeeds reports whether the actor manages feeds and watch rules:
// the administrator and the Board's specialists.
func CanManageFeeds(a org.Actor) bool { return a.Has(org.RoleAdmin, org.RoleBoardSpecialist) }

// PollResult says what one poll did.
type PollResult struct {
	FeedID      int64  `json:"feed_id"`
	Status      int    `json:"status"` // HTTP status, 0 when the request failed
	NotModified bool   `json:"not_modified"`
	Items       int    `json:"items"`   // items in the document
	New         int    `json:"new"`     // items stored for the first time
	Matched     int    `json:"matched"` // new items that matched a rule
	Error       string `json:"error"`   // why the poll failed, "" when it did not
	Feed        Feed   `json:"feed"`    // the feed after the poll
	retryAfter  string
}

// backoff is the wait after the n-th consecutive failure.
func backoff(n int) time.Duration {
	if n < 1 {
		n = 1
	}
	d := float64(backoffBase) * math.Pow(2, float64(n-1))
	if d > float64(MaxBackoff) {
		return MaxBackoff
	}
	return time.Duration(d)
}

// Poll fetches one feed now: a conditional request (If-None-Match,
// If-Modified-Since); 304 is no change; 429 and 503 wait for Retry-After;
// other failures back off exponentially up to MaxBackoff and raise the
// alert after AlertAfter in a row. New items are stored once per canonical
// URL and matched against the watch rules. The error is only for failures
// of the platform itself; a failed fetch is in the result and on the feed.
func (s *Service) Poll(ctx context.Context, feedID int64) (PollResult, error) {
	f, err := findFeed(ctx, s.db, feedID)
	if err != nil {
		return PollResult{}, err
	}
	res := PollResult{FeedID: f.ID}
	items, fetchErr := s.fetch(ctx, &f, &res)
	now := s.clock()
	f.LastPolledAt = &now
	if fetchErr != nil {
		f.Failures++
		f.LastError = fetchErr.Error()
		if len(f.LastError) > 500 {
			f.LastError = f.LastError[:500]
		}
		res.Error = f.LastError
		f.NextPollAt = now.Add(backoff(f.Failures))
		if res.Status == 429 || res.Status == 503 {
			if t, ok := feedfetch.RetryAfter(res.retryAfter, now); ok && t.After(now) {
				f.NextPollAt = t
			}
		}
		f.Alert = f.Alert || f.Failures >= AlertAfter
	} else {
		f.Failures, f.LastError, f.Alert = 0, "", false
		f.NextPollAt = now.Add(PollInterval)
	}
	var m *Matcher
	if len(items) > 0 {
		if m, err = s.matcher(ctx); err != nil {
			return res, err
		}
	}
	if err := storePoll(ctx, s.db, &f, items, m, now, &res); err != nil {
		return res, fmt.Errorf("press: poll %d: %w", f.ID, err)
	}
	res.Feed = f
	return res, nil
}

// PollDue polls every active feed whose next poll time has passed, one after
// the other, and returns how many it polled; a background job calls it.
func (s *Service) PollDue(ctx context.Context, now time.Time) (int, error) {
	ids, err := dueFeeds(ctx, s.db, now.UTC())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		if _, err := s.Poll(ctx, id); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// httpStatusError is a response other than 200 and 304.
type httpStatusError struct{ code int }

func (e httpStatusError) Error() string { return feedfetch.StatusText(e.code) }

// fetchFeed is the HTTP side of a poll.
var fetchFeed = feedfetch.Default.Fetch

// fetch sends the conditional request and parses a changed document.
func (s *Service) fetch(ctx context.Context, f *Feed, res *PollResult) ([]*gofeed.Item, error) {
	resp, err := fetchFeed(ctx, feedfetch.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified})
	res.Status = resp.Status
	if err != nil {
		return nil, err
	}
	switch {
	case resp.NotModified:
		res.NotModified = true
		return nil, nil
	case resp.Status != 200:
		res.retryAfter = resp.RetryAfter
		return nil, httpStatusError{resp.Status}
	}
	parsed, err := ParseFeed(resp.Body, resp.ContentType, f.Charset)
	if err != nil {
		return nil, err
	}
	if resp.ETag != "" {
		f.ETag = resp.ETag
	}
	if resp.LastModified != "" {
		f.LastModified = resp.LastModified
	}
	res.Items = len(parsed.Items)
	return parsed.Items, nil
}

var prologEncoding = regexp.MustCompile(`(?i)^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])([A-Za-z0-9._:-]*)(["'])`)

// lookupEncoding finds a charset by its label; "" and UTF-8 give nil.
func lookupEncoding(label string) (encoding.Encoding, string, bool) {
	label = strings.ToLower(strings.TrimSpace(label))
	if label == "" {
		return nil, "", false
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil, label, false
	}
	name, _ := htmlindex.Name(e)
	if name == "utf-8" {
		return nil, name, true
	}
	return e, name, true
}

// DecodeFeed turns a feed document into UTF-8 NFC text: the charset is the
// one declared for the feed, else the Content-Type's, else the XML prolog's,
// else UTF-8 (invalid bytes replaced). The prolog is rewritten to say UTF-8
// so the XML parser does not decode a second time.
func DecodeFeed(body []byte, contentType, declared string) ([]byte, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	label := declared
	if label == "" && contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			label = params["charset"]
		}
	}
	m := prologEncoding.FindSubmatchIndex(body)
	if label == "" && m != nil {
		label = string(body[m[6]:m[7]])
	}
	if bytes.HasPrefix(body, []byte{0xff, 0xfe}) || bytes.HasPrefix(body, []byte{0xfe, 0xff}) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(body)
		if err != nil {
			return nil, fmt.Errorf("feed: UTF-16: %w", err)
		}
		body, label = out, ""
		m = prologEncoding.FindSubmatchIndex(body)
	}
	enc, _, known := lookupEncoding(label)
	if label != "" && !known {
		return nil, fmt.Errorf("feed: unknown charset %q", label)
	}
	if enc != nil {
		out, err := enc.NewDecoder().Bytes(body)
		if err != nil {
			return nil, fmt.Errorf("feed: decode %s: %w", label, err)
		}
		body = out
		m = prologEncoding.FindSubmatchIndex(body)
	}
	if !utf8.Valid(body) {
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
		m = prologEncoding.FindSubmatchIndex(body)
	}
	if m != nil {
		var b bytes.Buffer
		b.Grow(len(body))
		b.Write(body[:m[6]])
		b.WriteString("UTF-8")
		b.Write(body[m[7]:])
		body = b.Bytes()
	}
	return body, nil
}

// ParseFeed decodes and parses a feed document (RSS, Atom or JSON Feed)
// with its texts cleaned: titles and summaries in NFC without markup.
func ParseFeed(body []byte, contentType, declared string) (*gofeed.Feed, error) {
	utf, err := DecodeFeed(body, contentType, declared)
	if err != nil {
		return nil, err
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(utf))
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		it.Title = cleanText(it.Title, 500)
		it.Description = cleanText(it.Description, maxSummary)
	}
	return f, nil
}

// cleanText strips markup from a feed text, collapses its white space and
// normalizes it, keeping at most max characters.
func cleanText(s string, max int) string {
	if strings.ContainsAny(s, "<&") {
		var b strings.Builder
		z := html.NewTokenizer(strings.NewReader(s))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt == html.TextToken {
				b.Write(z.Text())
			} else {
				b.WriteByte(' ')
			}
		}
		s = b.String()
	}
	s = vntext.Normalize(strings.Join(strings.Fields(s), " "))
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max])
	}
	return s
}

// itemLink is the article's address: the link, else a GUID that is a URL.
func itemLink(it *gofeed.Item) string {
	if it.Link != "" {
		return strings.TrimSpace(it.Link)
	}
	for _, l := range it.Links {
		if l != "" {
			return strings.TrimSpace(l)
		}
	}
	if strings.HasPrefix(it.GUID, "http://") || strings.HasPrefix(it.GUID, "https://") {
		return strings.TrimSpace(it.GUID)
	}
	return ""
}

// CreateFeed registers a feed to poll (admin, Board specialist); the first
// poll is due at once.
func (s *Service) CreateFeed(ctx context.Context, a org.Actor, f Feed) (Feed, error) {
	if !CanManageFeeds(a) {
		return Feed{}, apperr.Forbidden()
	}
	f.URL = strings.TrimSpace(f.URL)
	var v apperr.Invalid
	if c, err := Canonical(f.URL); err != nil || c == "" {
		v.Add("url", "Địa chỉ nguồn tin không hợp lệ (cần http:// hoặc https://).", "The feed's URL is not valid (http:// or https://).")
	}
	if err := s.checkFeed(ctx, &f, &v); err != nil {
		return Feed{}, err
	}
	now := s.clock()
	f.ID, f.ETag, f.LastModified, f.NextPollAt, f.Failures, f.LastError, f.Alert, f.Active, f.CreatedAt, f.LastPolledAt =
		0, "", "", now, 0, "", false, true, now, nil
	if err := insertFeed(ctx, s.db, a, &f); err != nil {
		return Feed{}, err
	}
	return f, nil
}

// Feeds lists the feeds (admin, Board specialist).
func (s *Service) Feeds(ctx context.Context, a org.Actor) ([]Feed, error) {
	if !CanManageFeeds(a) {
		return nil, apperr.Forbidden()
	}
	return listFeeds(ctx, s.db)
}
