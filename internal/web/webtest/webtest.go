// Package webtest starts the real server over a fresh database loaded with
// the demo organisation, for HTTP scenario and browser tests.
package webtest

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web"
)

// Password is every demo user's password in tests.
const Password = "mat-khau-thu-nghiem"

// Env is a running server with its database and services.
type Env struct {
	DB        *sqldb.DB
	Org       *org.Service
	Calendar  *calendar.Service
	Reporting *reporting.Service
	Task      *task.Service
	Meeting   *meeting.Service
	Notice    *notice.Service
	Press     *press.Service
	Training  *training.Service
	Search    *search.Service
	Server    *httptest.Server
	URL       string
	Clock     *Clock
}

// Clock is a settable clock for deadline rules; it starts at Start.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Set moves the clock.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// FastHasher keeps tests quick; production parameters are benchmarked separately.
func FastHasher() *org.Hasher {
	return org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 8)
}

// New starts a server on dialect d with the demo organisation loaded.
func New(t testing.TB, d sqldb.Dialect) *Env {
	t.Helper()
	return NewAt(t, d, time.Now())
}

// NewAt is New with the server's clock starting at start (before the demo
// is loaded, so users and sessions live in that time too): e.g. 18 June 2020
// to fill the seed's six-month reports before their deadline.
func NewAt(t testing.TB, d sqldb.Dialect, start time.Time) *Env {
	t.Helper()
	db := dbtest.Open(t, d)
	clock := &Clock{t: start.UTC()}
	svc := org.NewService(db, org.Options{Now: clock.Now, Hasher: FastHasher()})
	cal := calendar.NewService(db, calendar.Options{Now: clock.Now})
	tasks := task.NewService(db, cal, clock.Now)
	rep := reporting.NewService(db, svc, cal, clock.Now).WithTasks(tasks)
	notices := notice.NewService(db, svc, cal, clock.Now)
	meetings := meeting.NewService(db, svc, tasks, clock.Now).WithInviter(notices) // scheduling a conference invites at once
	// An assignment notifies the lead unit at once; the articles of the
	// scenarios are served on 127.0.0.1, which only tests may fetch.
	presses := press.NewService(db, cal, clock.Now).WithNotifier(notices).AllowPrivateSnapshots()
	trainings := training.NewService(db, clock.Now)
	rep.WithSources(presses, trainings) // indicators that take their figures from press cases and the training register
	if _, err := demo.Load(context.Background(), demo.Deps{Org: svc, Calendar: cal}, demo.Options{Password: Password}); err != nil {
		t.Fatalf("webtest: demo: %v", err)
	}
	searches := search.NewService(db)
	srv := httptest.NewServer(web.New(web.Config{Now: clock.Now}, web.Services{Org: svc, Calendar: cal, Reporting: rep, Task: tasks, Meeting: meetings, Press: presses, Notice: notices, Training: trainings, Search: searches}))
	t.Cleanup(srv.Close)
	return &Env{DB: db, Org: svc, Calendar: cal, Reporting: rep, Task: tasks, Meeting: meetings, Press: presses, Notice: notices, Training: trainings, Search: searches, Server: srv, URL: srv.URL, Clock: clock}
}

// Client returns an HTTP client with its own cookie jar that does not follow redirects.
func (e *Env) Client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// User returns a demo user by username.
func (e *Env) User(t testing.TB, username string) org.User {
	t.Helper()
	list, err := e.Org.ListUsers(context.Background(), org.SystemActor("test"), org.UserFilter{Q: username, Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range list.Items {
		if u.Username == username {
			return u
		}
	}
	t.Fatalf("webtest: no user %s", username)
	return org.User{}
}

// Unit returns a demo unit by code.
func (e *Env) Unit(t testing.TB, code string) org.Unit {
	t.Helper()
	u, err := e.Org.UnitByCode(context.Background(), org.SystemActor("test"), code)
	if err != nil {
		t.Fatalf("webtest: unit %s: %v", code, err)
	}
	return u
}
