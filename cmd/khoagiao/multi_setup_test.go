package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// multiInstances is how many servers share the database in the test.
const multiInstances = 3

// cluster is several real khoagiao servers on one PostgreSQL database,
// behind a round-robin reverse proxy, with a shared backup folder.
type cluster struct {
	t         *testing.T
	dsn       string
	nodes     []*server
	apis      []*apiClient // one per node, to pin an instance
	proxy     *httptest.Server
	backupDir string
	db        *sqldb.DB // the test's own connection, for counting rows
	served    [multiInstances]atomic.Int64
}

// newCluster loads the demo once into a fresh PostgreSQL database, then
// starts every instance at the same moment (as systemd would on several
// hosts) with the same environment, and puts the proxy in front of them.
func newCluster(t *testing.T) *cluster {
	t.Helper()
	dsn := dbtest.NewDSN(t, sqldb.Postgres)
	c := &cluster{t: t, dsn: dsn, backupDir: t.TempDir()}
	c.proxy = httptest.NewServer(c.balancer())
	t.Cleanup(c.proxy.Close)
	t.Setenv("KHOAGIAO_DEMO_PASSWORD", testPassword)
	t.Setenv("KHOAGIAO_BASE_URL", c.proxy.URL) // every instance is reached at the proxy's address
	if err := cmdDemo(context.Background(), []string{"--db", dsn}); err != nil {
		t.Fatal(err)
	}
	for range multiInstances {
		s := newServer(t, dsn, "KHOAGIAO_BASE_URL="+c.proxy.URL, "KHOAGIAO_BACKUP_DIR="+c.backupDir, "KHOAGIAO_BACKUP_HOUR=0")
		c.nodes = append(c.nodes, s)
		c.apis = append(c.apis, newAPIClient(s))
	}
	for _, s := range c.nodes {
		launch(s)
	}
	for _, s := range c.nodes {
		waitReady(s)
	}
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c.db = db
	return c
}

// balancer is the load balancer: each request goes to the next instance
// in turn; X-Test-Instance in the answer says which one served it. The
// Host header stays the proxy's, as the deployment guide asks.
func (c *cluster) balancer() http.Handler {
	var next atomic.Int64
	return &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			i := int(next.Add(1)-1) % multiInstances
			r.SetURL(&url.URL{Scheme: "http", Host: c.nodes[i].addr})
			r.Out.Host = r.In.Host
			r.SetXForwarded()
			r.Out.Header.Set("X-Test-Instance", strconv.Itoa(i+1))
		},
		ModifyResponse: func(resp *http.Response) error {
			n := resp.Request.Header.Get("X-Test-Instance")
			if i, err := strconv.Atoi(n); err == nil {
				c.served[i-1].Add(1)
			}
			resp.Header.Set("X-Test-Instance", n)
			return nil
		},
	}
}

// launch starts `khoagiao serve` on s without waiting for it (newServer's
// start waits; here all instances start together).
func launch(s *server) {
	s.t.Helper()
	out, err := os.OpenFile(s.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		s.t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], childMarker, "serve", "--db", s.dsn, "--addr", s.addr)
	cmd.Env = append(append(os.Environ(), childEnv+"=1", "KHOAGIAO_LOG_LEVEL=warn"), s.env...)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		out.Close()
		s.t.Fatal(err)
	}
	s.cmd, s.done = cmd, make(chan struct{})
	go func() { cmd.Wait(); out.Close(); close(s.done) }()
}

// waitReady waits until a launched server's /readyz answers 200.
func waitReady(s *server) {
	s.t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(15 * time.Millisecond) {
		select {
		case <-s.done:
			s.t.Fatalf("khoagiao on %s exited while starting:\n%s", s.addr, s.tail())
		default:
		}
		if resp, err := http.Get(s.url("/readyz")); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	s.t.Fatalf("khoagiao on %s not ready after 60 s:\n%s", s.addr, s.tail())
}

// browser speaks to one base address as a browser would: form posts with
// same-origin headers, the session cookie sent by hand (a cookie jar would
// share it between the loopback ports by itself and hide what is tested).
type browser struct {
	base string
	hc   *http.Client
}

func newBrowser(base string) *browser {
	return &browser{base: base, hc: &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// page is one answer, with the instance that served it when through the proxy.
type page struct {
	status   int
	location string
	instance string
	cookies  []*http.Cookie
	body     string
}

// do sends a request carrying the session cookie (when not empty); form
// is nil for a GET.
func (b *browser) do(t testing.TB, method, path, cookie string, form url.Values) page {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", b.base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: "khoagiao_session", Value: cookie})
	}
	resp, err := b.hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s%s: %v", method, b.base, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), instance: resp.Header.Get("X-Test-Instance"),
		cookies: resp.Cookies(), body: string(data)}
}

// signIn posts the sign-in form and returns the session cookie's value.
func (b *browser) signIn(t testing.TB, username string) (string, page) {
	t.Helper()
	p := b.do(t, "POST", "/login", "", url.Values{"username": {username}, "password": {testPassword}, "next": {"/"}})
	if p.status != http.StatusSeeOther || p.location != "/" {
		t.Fatalf("sign-in of %s at %s: %d, Location %q: %.300s", username, b.base, p.status, p.location, p.body)
	}
	for _, ck := range p.cookies {
		if ck.Name == "khoagiao_session" && ck.Value != "" {
			return ck.Value, p
		}
	}
	t.Fatalf("sign-in of %s at %s set no session cookie", username, b.base)
	return "", p
}
