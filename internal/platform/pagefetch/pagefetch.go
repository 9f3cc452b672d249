// Package pagefetch fetches one web page on a user's behalf — the saved
// copy of a press article — with the care a server owes its own network:
// http and https only, a short timeout, a size cap, no proxy from the
// environment, and no connection to loopback, private, link-local or
// otherwise internal addresses (checked on the address actually dialled, so
// a name that resolves inward, or a redirect there, is refused too).
package pagefetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Defaults of a Fetcher.
const (
	DefaultTimeout  = 10 * time.Second
	DefaultMaxBytes = 5 << 20
	maxRedirects    = 5
)

// Errors a fetch may end with; callers turn them into messages for people.
var (
	ErrScheme      = errors.New("pagefetch: only http and https addresses")
	ErrBlocked     = errors.New("pagefetch: address not allowed (internal network)")
	ErrTooLarge    = errors.New("pagefetch: page too large")
	ErrStatus      = errors.New("pagefetch: the server did not answer 200")
	ErrTooManyHops = errors.New("pagefetch: too many redirects")
)

// Page is what the server answered.
type Page struct {
	URL         string // after redirects
	Status      int
	ContentType string // the header as sent
	Body        []byte
}

// Fetcher fetches pages. The zero value uses the defaults and refuses
// internal addresses; AllowPrivate is for tests against a local server.
type Fetcher struct {
	Timeout      time.Duration
	MaxBytes     int64
	AllowPrivate bool
}

// Fetch GETs rawURL and returns a 200 answer's body of at most MaxBytes.
func (f Fetcher) Fetch(ctx context.Context, rawURL string) (Page, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Page{}, ErrScheme
	}
	if ip, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil && !f.AllowPrivate && Blocked(ip) {
		return Page{}, ErrBlocked
	}
	timeout, limit := f.Timeout, f.MaxBytes
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Page{}, ErrScheme
	}
	req.Header.Set("User-Agent", "khoagiao-press-snapshot/1")
	req.Header.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.1")
	resp, err := f.client(timeout).Do(req)
	if err != nil {
		return Page{}, unwrap(err)
	}
	defer resp.Body.Close()
	p := Page{URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type")}
	if resp.StatusCode != http.StatusOK {
		return p, fmt.Errorf("%w: HTTP %d", ErrStatus, resp.StatusCode)
	}
	if resp.ContentLength > limit {
		return p, ErrTooLarge
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return p, unwrap(err)
	}
	if int64(len(body)) > limit {
		return p, ErrTooLarge
	}
	p.Body = body
	return p, nil
}

// client builds a client whose every connection — the first and each
// redirect's — is checked on the IP address it dials.
func (f Fetcher) client(timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout}
	if !f.AllowPrivate {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return ErrBlocked
			}
			ip, err := netip.ParseAddr(host)
			if err != nil || Blocked(ip) {
				return ErrBlocked
			}
			return nil
		}
	}
	tr := &http.Transport{Proxy: nil, DialContext: d.DialContext, TLSHandshakeTimeout: timeout,
		ResponseHeaderTimeout: timeout, MaxIdleConns: 1, DisableKeepAlives: true}
	return &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: func(r *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return ErrTooManyHops
		}
		if r.URL.Scheme != "http" && r.URL.Scheme != "https" {
			return ErrScheme
		}
		return nil
	}}
}

// unwrap returns the sentinel behind a transport error when there is one.
func unwrap(err error) error {
	for _, s := range []error{ErrBlocked, ErrScheme, ErrTooManyHops} {
		if errors.Is(err, s) {
			return s
		}
	}
	return err
}

// internal ranges that netip's predicates do not name.
var internal = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("fec0::/10"),      // old site-local
	netip.MustParsePrefix("::ffff:0:0/96"),  // IPv4-mapped, checked unmapped below
	netip.MustParsePrefix("100::/64"),       // discard-only
	netip.MustParsePrefix("2001::/23"),      // IETF protocol assignments (Teredo, ORCHID…)
	netip.MustParsePrefix("169.254.0.0/16"), // link-local, cloud metadata
	netip.MustParsePrefix("fe80::/10"),      // link-local
	netip.MustParsePrefix("fc00::/7"),       // unique local
	netip.MustParsePrefix("127.0.0.0/8"),    // loopback
	netip.MustParsePrefix("::1/128"),        // loopback
	netip.MustParsePrefix("::/128"),         // unspecified
	netip.MustParsePrefix("255.255.255.255/32"),
}

// Blocked reports whether ip is an address a server-side fetch must not
// reach: loopback, private, link-local, multicast, unspecified, shared
// and reserved ranges, and their IPv4-mapped IPv6 forms.
func Blocked(ip netip.Addr) bool {
	if ip.Is4In6() {
		ip = ip.Unmap()
	}
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsMulticast() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() {
		return true
	}
	for _, p := range internal {
		if p.Contains(ip) {
			return true
		}
	}
	// NAT64 and 6to4 addresses carry an IPv4 address a gateway would reach.
	b := ip.As16()
	switch {
	case nat64.Contains(ip):
		return Blocked(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
	case sixToFour.Contains(ip):
		return Blocked(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
	}
	return false
}

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)
