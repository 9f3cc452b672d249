package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/web/api"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// metricValue reads one sample of /metrics (-1 when absent).
func metricValue(t *testing.T, env *webtest.Env, sample string) float64 {
	t.Helper()
	r := anon(env).do(t, "GET", "/metrics", nil).want(t, http.StatusOK)
	for _, line := range strings.Split(string(r.Body), "\n") {
		if rest, ok := strings.CutPrefix(line, sample+" "); ok {
			v, err := strconv.ParseFloat(rest, 64)
			if err != nil {
				t.Fatalf("sample %q: %v", line, err)
			}
			return v
		}
	}
	return -1
}

// TestOperations: health, readiness, metrics and the OpenAPI document.
func TestOperations(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		for _, tc := range []struct{ path, status string }{{"/healthz", "ok"}, {"/readyz", "ready"}} {
			t.Run(tc.path, func(t *testing.T) {
				var body map[string]string
				r := anon(env).do(t, "GET", tc.path, nil).want(t, http.StatusOK)
				if r.decode(t, &body); body["status"] != tc.status || len(body) != 1 {
					t.Errorf("body %s, want {\"status\":%q}", r.Body, tc.status)
				}
			})
		}
		t.Run("metrics count requests per route", func(t *testing.T) {
			c := apiClient(t, env, "lanhdao")
			sample := `khoagiao_http_requests_total{route="GET /api/v1/units/{id}",code="200"}`
			before := max(metricValue(t, env, sample), 0)
			unit := env.Unit(t, "SYT")
			for range 3 {
				c.do(t, "GET", path("/api/v1/units/%d", unit.ID), nil).want(t, http.StatusOK)
			}
			if got := metricValue(t, env, sample); got != before+3 {
				t.Errorf("%s = %v, want %v", sample, got, before+3)
			}
			inf := `khoagiao_http_request_duration_seconds_bucket{route="GET /api/v1/units/{id}",le="+Inf"}`
			if got := metricValue(t, env, inf); got < 3 {
				t.Errorf("%s = %v, want ≥ 3", inf, got)
			}
			r := anon(env).do(t, "GET", "/metrics", nil)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("Content-Type %q", ct)
			}
			if !strings.Contains(string(r.Body), "# TYPE khoagiao_http_requests_total counter") {
				t.Error("no TYPE line for khoagiao_http_requests_total")
			}
		})
		t.Run("openapi.json is public OpenAPI 3.1 listing every route", func(t *testing.T) {
			r := anon(env).do(t, "GET", "/api/v1/openapi.json", nil).want(t, http.StatusOK)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			var doc struct {
				OpenAPI    string                               `json:"openapi"`
				Paths      map[string]map[string]map[string]any `json:"paths"`
				Components struct {
					Schemas map[string]any `json:"schemas"`
				} `json:"components"`
			}
			if err := json.Unmarshal(r.Body, &doc); err != nil {
				t.Fatalf("not valid JSON: %v", err)
			}
			if doc.OpenAPI != "3.1.0" {
				t.Errorf("openapi %q, want 3.1.0", doc.OpenAPI)
			}
			for _, rt := range api.Routes(api.Deps{}) {
				if doc.Paths["/api/v1"+rt.Path][strings.ToLower(rt.Method)] == nil {
					t.Errorf("%s /api/v1%s is not documented", rt.Method, rt.Path)
				}
			}
			if doc.Components.Schemas["Error"] == nil {
				t.Error("no Error schema")
			}
		})
	})
}

var scriptSrc = regexp.MustCompile(`(?:^|;)\s*script-src\s+([^;]*)`)

// TestSecurityHeaders: every kind of response carries a strict CSP and the
// anti-sniffing and anti-framing headers.
func TestSecurityHeaders(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		ui := uiClient(t, env, "chuyenvien")
		api := apiClient(t, env, "chuyenvien")
		for _, tc := range []struct {
			name string
			c    *client
			path string
		}{
			{"sign-in page", anon(env), "/login"},
			{"home page", ui, "/"},
			{"403 page", ui, "/audit"},
			{"404 page", ui, "/units/987654"},
			{"API", api, "/api/v1/me"},
			{"API 401", anon(env), "/api/v1/me"},
			{"static file", anon(env), "/static/app.js"},
			{"healthz", anon(env), "/healthz"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				h := tc.c.do(t, "GET", tc.path, nil).Header
				csp := h.Get("Content-Security-Policy")
				m := scriptSrc.FindStringSubmatch(csp)
				switch {
				case csp == "":
					t.Fatal("no Content-Security-Policy")
				case m == nil && !strings.Contains(csp, "default-src 'self'"):
					t.Errorf("CSP %q has neither script-src nor a strict default-src", csp)
				case m != nil && (strings.Contains(m[1], "'unsafe-inline'") || strings.Contains(m[1], "'unsafe-eval'") || strings.Contains(m[1], "*")):
					t.Errorf("script-src %q allows inline or foreign script", m[1])
				}
				if !strings.Contains(csp, "frame-ancestors 'none'") && !strings.Contains(csp, "frame-ancestors 'self'") {
					t.Errorf("CSP %q lacks frame-ancestors", csp)
				}
				if v := h.Get("X-Content-Type-Options"); v != "nosniff" {
					t.Errorf("X-Content-Type-Options %q", v)
				}
				if v := h.Get("X-Frame-Options"); v != "DENY" && v != "SAMEORIGIN" {
					t.Errorf("X-Frame-Options %q", v)
				}
				if v := h.Get("Referrer-Policy"); v == "" || v == "unsafe-url" {
					t.Errorf("Referrer-Policy %q", v)
				}
			})
		}
		t.Run("session cookie is HttpOnly and SameSite", func(t *testing.T) {
			r := anon(env).form(t, "/login", formValues("username", "chuyenvien", "password", webtest.Password))
			var found bool
			for _, ck := range (&http.Response{Header: r.Header}).Cookies() {
				if ck.Name == "khoagiao_session" {
					found = true
					if !ck.HttpOnly || ck.SameSite == http.SameSiteNoneMode || ck.SameSite == http.SameSiteDefaultMode {
						t.Errorf("session cookie %+v: want HttpOnly and SameSite Lax or Strict", ck)
					}
				}
			}
			if !found {
				t.Error("sign-in set no session cookie")
			}
		})
	})
}
