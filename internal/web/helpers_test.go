package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestMain keeps the request log quiet: warnings and errors only.
func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	os.Exit(m.Run())
}

// forEachDialect runs fn once per database engine, each over a fresh server
// loaded with the demo organisation.
func forEachDialect(t *testing.T, fn func(t *testing.T, env *webtest.Env)) {
	t.Helper()
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			fn(t, webtest.New(t, d))
		})
	}
}

// client calls the server as one caller: a Bearer token, a session cookie
// jar, or nobody.
type client struct {
	env   *webtest.Env
	http  *http.Client
	token string
}

func anon(env *webtest.Env) *client { return &client{env: env, http: env.Client()} }

// newToken signs in through POST /api/v1/auth/tokens and returns the
// token and its id.
func newToken(t *testing.T, env *webtest.Env, username string) (string, int64) {
	t.Helper()
	r := anon(env).do(t, "POST", "/api/v1/auth/tokens", map[string]string{"username": username, "password": webtest.Password})
	r.want(t, http.StatusCreated)
	var tok struct {
		Token string `json:"token"`
		ID    int64  `json:"id"`
	}
	r.decode(t, &tok)
	if tok.Token == "" || tok.ID == 0 {
		t.Fatalf("token for %s: empty token or id in %s", username, r.Body)
	}
	return tok.Token, tok.ID
}

// apiClient returns a client holding a fresh Bearer token of username.
func apiClient(t *testing.T, env *webtest.Env, username string) *client {
	t.Helper()
	c := anon(env)
	c.token, _ = newToken(t, env, username)
	return c
}

// uiClient signs in through the HTML form (same-origin) and keeps the session cookie.
func uiClient(t *testing.T, env *webtest.Env, username string) *client {
	t.Helper()
	c := anon(env)
	r := c.form(t, "/login", url.Values{"username": {username}, "password": {webtest.Password}, "next": {"/"}})
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Fatalf("UI sign-in of %s: status %d, Location %q, body %.300s", username, r.Status, r.Header.Get("Location"), r.Body)
	}
	if c.sessionCookie() == "" {
		t.Fatalf("UI sign-in of %s set no session cookie", username)
	}
	return c
}

func (c *client) sessionCookie() string {
	u, _ := url.Parse(c.env.URL)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "khoagiao_session" {
			return ck.Value
		}
	}
	return ""
}

func (c *client) setSessionCookie(value string) {
	u, _ := url.Parse(c.env.URL)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "khoagiao_session", Value: value, Path: "/"}})
}

type resp struct {
	Status int
	Header http.Header
	Body   []byte
}

// do sends a request. body is nil, a []byte or string (sent as is), or a
// value marshalled to JSON; hdr holds header name/value pairs.
func (c *client) do(t *testing.T, method, path string, body any, hdr ...string) resp {
	t.Helper()
	r, err := c.send(method, path, body, hdr...)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

// send is do without a *testing.T, for other goroutines.
func (c *client) send(method, path string, body any, hdr ...string) (resp, error) {
	var rd io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			return resp{}, err
		}
		rd, ctype = bytes.NewReader(j), "application/json"
	}
	req, err := http.NewRequestWithContext(context.Background(), method, c.env.URL+path, rd)
	if err != nil {
		return resp{}, err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		return resp{}, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return resp{Status: res.StatusCode, Header: res.Header, Body: data}, err
}

// form posts an URL-encoded form, as a browser on the same origin would.
func (c *client) form(t *testing.T, path string, v url.Values, hdr ...string) resp {
	t.Helper()
	return c.do(t, "POST", path, v.Encode(), append([]string{"Content-Type", "application/x-www-form-urlencoded"}, hdr...)...)
}

func (r resp) want(t *testing.T, status int) resp {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body: %.600s", r.Status, status, r.Body)
	}
	return r
}

func (r resp) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %.300s: %v", r.Body, err)
	}
}

// apiError is the JSON error shape {"error":{"code","message","fields","detail"}}.
type apiError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
		Detail  json.RawMessage   `json:"detail"`
	} `json:"error"`
}

// errorBody checks the response is a JSON error with a code and a message.
func (r resp) errorBody(t *testing.T) apiError {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type %q, want application/json; body %.300s", ct, r.Body)
	}
	var e apiError
	r.decode(t, &e)
	if e.Error.Code == "" || e.Error.Message == "" {
		t.Errorf("error body lacks code or message: %s", r.Body)
	}
	return e
}

// unitJSON and userJSON are the API's shapes, as a client reads them.
type unitJSON struct {
	ID        int64  `json:"id"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Kind      string `json:"kind"`
	ParentID  *int64 `json:"parent_id"`
	Version   int    `json:"version"`
}

type userJSON struct {
	ID       int64    `json:"id"`
	Username string   `json:"username"`
	UnitID   int64    `json:"unit_id"`
	Roles    []string `json:"roles"`
	Version  int      `json:"version"`
}

type listJSON[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// storedUnit reads a unit straight from the service, bypassing HTTP.
func storedUnit(t *testing.T, env *webtest.Env, id int64) org.Unit {
	t.Helper()
	u, err := env.Org.FindUnit(context.Background(), org.SystemActor("test"), id)
	if err != nil {
		t.Fatalf("unit %d: %v", id, err)
	}
	return u
}

// unitExists reports whether a unit with the code is stored.
func unitExists(t *testing.T, env *webtest.Env, code string) bool {
	t.Helper()
	_, err := env.Org.UnitByCode(context.Background(), org.SystemActor("test"), code)
	return err == nil
}

func path(format string, a ...any) string { return fmt.Sprintf(format, a...) }

func urlQuery(s string) string { return url.QueryEscape(s) }

// formValues builds url.Values from name/value pairs.
func formValues(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// clearTasks removes the demo's tasks (from the seed conference's notice),
// for tests that count tasks of their own.
func clearTasks(t *testing.T, env *webtest.Env) {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{"UPDATE conclusion_items SET task_id = NULL", "DELETE FROM tasks"} {
		if _, err := env.DB.Exec(ctx, q); err != nil {
			t.Fatalf("clear tasks: %v", err)
		}
	}
}
