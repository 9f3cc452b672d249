package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/web"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// headerCase is one kind of answer whose headers are checked.
type headerCase struct {
	name   string
	c      *client
	method string
	path   string
	body   any
	hdr    []string
	status int
}

// headerCases are every kind of answer the server gives: pages, their
// errors, the API and its errors, static files, exports, the refusals
// that happen before a handler (CSRF, body size, rate limit), redirects.
func headerCases(t *testing.T, env *webtest.Env) []headerCase {
	ui, api := uiClient(t, env, "chuyenvien"), apiClient(t, env, "chuyenvien")
	big := `{"name":"` + strings.Repeat("a", 2<<20) + `"}`
	return []headerCase{
		{name: "sign-in page", c: anon(env), path: "/login", status: 200},
		{name: "home page", c: ui, path: "/", status: 200},
		{name: "redirect to sign-in", c: anon(env), path: "/units", status: 303},
		{name: "403 page", c: uiClient(t, env, "sgddt.baocao"), path: "/audit", status: 403},
		{name: "404 page", c: ui, path: "/units/987654", status: 404},
		{name: "CSRF refusal page", c: ui, method: "POST", path: "/units", body: "name=x", status: 403,
			hdr: []string{"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site"}},
		{name: "413 page", c: ui, method: "POST", path: "/units", body: "name=" + strings.Repeat("a", 2<<20), status: 413,
			hdr: []string{"Content-Type", "application/x-www-form-urlencoded"}},
		{name: "API answer", c: api, path: "/api/v1/me", status: 200},
		{name: "API 401", c: anon(env), path: "/api/v1/me", status: 401},
		{name: "API 404", c: api, path: "/api/v1/khong-co", status: 404},
		{name: "API 413", c: api, method: "POST", path: "/api/v1/units", body: big, hdr: []string{"Content-Type", "application/json"}, status: 413},
		{name: "API export", c: api, path: "/api/v1/training/staff.xlsx", status: 200},
		{name: "static file", c: anon(env), path: "/static/app.js", status: 200},
		{name: "static 404", c: anon(env), path: "/static/khong-co.js", status: 404},
		{name: "health", c: anon(env), path: "/healthz", status: 200},
	}
}

// checkSecurityHeaders checks the headers every answer carries.
func checkSecurityHeaders(t *testing.T, h http.Header, hsts bool) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) && !(strings.HasPrefix(csp, "sandbox") && strings.Contains(csp, "default-src 'none'")) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "*") {
		t.Errorf("CSP %q allows inline, eval'd or foreign content", csp)
	}
	for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
		"Referrer-Policy": "same-origin", "Cross-Origin-Opener-Policy": "same-origin"} {
		if got := h.Get(name); got != want {
			t.Errorf("%s %q, want %q", name, got, want)
		}
	}
	switch got := h.Get("Strict-Transport-Security"); {
	case hsts && got != "max-age=31536000; includeSubDomains":
		t.Errorf("Strict-Transport-Security %q behind TLS", got)
	case !hsts && got != "":
		t.Errorf("Strict-Transport-Security %q without TLS: a browser would pin plain HTTP out", got)
	}
	for _, leak := range []string{"Server", "X-Powered-By"} {
		if v := h.Get(leak); v != "" {
			t.Errorf("%s: %q tells what runs the server", leak, v)
		}
	}
}

// TestHeadersEverywhere: every kind of answer carries the CSP without
// inline script, frame-ancestors, nosniff, the referrer and opener
// policies; HSTS only behind TLS (KHOAGIAO_SECURE_COOKIES); the session
// cookie is HttpOnly and SameSite=Lax, and Secure behind TLS.
func TestHeadersEverywhere(t *testing.T) {
	forEachDialect(t, func(t *testing.T, base *webtest.Env) {
		for _, srv := range []struct {
			name   string
			secure bool
		}{{"plain HTTP", false}, {"behind TLS", true}} {
			t.Run(srv.name, func(t *testing.T) {
				env := serverWith(t, base, web.Config{SecureCookies: srv.secure})
				for _, tc := range headerCases(t, env) {
					t.Run(tc.name, func(t *testing.T) {
						r := tc.c.do(t, cmpOr(tc.method, "GET"), tc.path, tc.body, tc.hdr...).want(t, tc.status)
						checkSecurityHeaders(t, r.Header, srv.secure)
					})
				}
				t.Run("session cookie", func(t *testing.T) {
					r := anon(env).form(t, "/login", formValues("username", "chuyenvien", "password", webtest.Password)).want(t, http.StatusSeeOther)
					checkSecurityHeaders(t, r.Header, srv.secure)
					ck := responseCookie(r, "khoagiao_session")
					switch {
					case ck == nil:
						t.Fatal("sign-in set no session cookie")
					case !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/":
						t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/", ck)
					case ck.Secure != srv.secure:
						t.Errorf("session cookie Secure=%v, want %v", ck.Secure, srv.secure)
					}
					out := anon(env)
					out.http.Jar = nil
					r = out.do(t, "POST", "/logout", nil, "Cookie", "khoagiao_session="+ck.Value, "Sec-Fetch-Site", "same-origin")
					if gone := responseCookie(r, "khoagiao_session"); gone == nil || gone.MaxAge >= 0 {
						t.Errorf("sign-out does not delete the cookie: %+v", gone)
					}
				})
				t.Run("language cookie", func(t *testing.T) {
					ck := responseCookie(anon(env).do(t, "GET", "/lang/en?next=/login", nil).want(t, http.StatusSeeOther), "lang")
					if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
						t.Errorf("lang cookie %+v: want HttpOnly, SameSite=Lax", ck)
					}
				})
			})
		}
	})
}

func responseCookie(r resp, name string) *http.Cookie {
	for _, ck := range (&http.Response{Header: r.Header}).Cookies() {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
