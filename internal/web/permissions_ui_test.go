package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/web/api"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestAnonymousAPI: every non-public route answers 401 with the JSON error
// shape to a caller without credentials, or with a token that is not one;
// public routes answer without credentials.
func TestAnonymousAPI(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		sgddt := env.Unit(t, "SGDDT")
		callers := map[string]*client{
			"none":      anon(env),
			"bad-token": {env: env, http: env.Client(), token: "khong-phai-ma-truy-cap"},
		}
		for _, rt := range api.Routes(api.Deps{}) {
			p := "/api/v1" + strings.ReplaceAll(rt.Path, "{id}", path("%d", sgddt.ID))
			for name, c := range callers {
				t.Run(rt.Method+" "+rt.Path+"/"+name, func(t *testing.T) {
					body := map[string]any{"code": "ANON-1", "name": "Ẩn danh", "kind": "other", "version": 1}
					if rt.Method == "GET" || rt.Method == "DELETE" {
						body = nil
					}
					if rt.Public {
						// A bogus token is refused even here (401): only the credential-free call is public.
						if rt.Method == "GET" && c.token == "" {
							c.do(t, rt.Method, p, nil).want(t, http.StatusOK)
						}
						return
					}
					r := c.do(t, rt.Method, p, body).want(t, http.StatusUnauthorized)
					if e := r.errorBody(t); e.Error.Code != "unauthenticated" {
						t.Errorf("code %q, want unauthenticated", e.Error.Code)
					}
					if strings.Contains(string(r.Body), sgddt.Name) {
						t.Errorf("401 leaks the unit: %s", r.Body)
					}
				})
			}
		}
		if unitExists(t, env, "ANON-1") {
			t.Error("an anonymous POST created a unit")
		}
		t.Run("unknown API path", func(t *testing.T) {
			r := anon(env).do(t, "GET", "/api/v1/khong-co", nil).want(t, http.StatusNotFound)
			r.errorBody(t)
		})
	})
}

// TestUIPermissions: pages refused to a role answer 403 with a polite HTML
// page, and list pages show only the caller's scope.
func TestUIPermissions(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		reporter := uiClient(t, env, "sgddt.baocao")
		specialist := uiClient(t, env, "chuyenvien")
		leader := uiClient(t, env, "lanhdao")
		skhcn := env.Unit(t, "SKHCN")
		other := env.User(t, "syt.baocao")
		cases := []struct {
			who    string
			c      *client
			path   string
			status int
			hide   string // text that must not appear on the page
			show   string // text that must appear
		}{
			{"sgddt.baocao", reporter, "/audit", 403, "", ""},
			{"sgddt.baocao", reporter, "/settings", 403, "", ""},
			{"sgddt.baocao", reporter, "/users/new", 403, "", ""},
			{"sgddt.baocao", reporter, "/units/new", 403, "", ""},
			{"sgddt.baocao", reporter, "/units/import", 403, "", ""},
			{"sgddt.baocao", reporter, path("/units/%d", skhcn.ID), 403, skhcn.Name, ""},
			{"sgddt.baocao", reporter, path("/users/%d", other.ID), 403, other.FullName, ""},
			{"sgddt.baocao", reporter, "/units", 200, "Sở Y tế", "Sở Giáo dục và Đào tạo"},
			{"sgddt.baocao", reporter, "/users", 200, other.FullName, "Nguyễn Thị Hoa"},
			{"chuyenvien", specialist, "/units/new", 200, "", ""},
			{"chuyenvien", specialist, "/units/import", 200, "", ""},
			{"chuyenvien", specialist, "/units", 200, "", "Sở Y tế"},
			{"chuyenvien", specialist, "/audit", 403, "", ""},
			{"lanhdao", leader, "/audit", 200, "", ""},
			{"lanhdao", leader, "/units/new", 403, "", ""},
		}
		for _, tc := range cases {
			t.Run(tc.who+" GET "+tc.path, func(t *testing.T) {
				r := tc.c.do(t, "GET", tc.path, nil)
				if r.Status != tc.status {
					t.Fatalf("status %d, want %d; body %.300s", r.Status, tc.status, r.Body)
				}
				checkPage(t, r, tc.status)
				if tc.hide != "" && strings.Contains(string(r.Body), tc.hide) {
					t.Errorf("page shows %q, outside the caller's scope", tc.hide)
				}
				if tc.show != "" && !strings.Contains(string(r.Body), tc.show) {
					t.Errorf("page does not show %q", tc.show)
				}
			})
		}
		t.Run("reporter posts the new-unit form", func(t *testing.T) {
			r := reporter.form(t, "/units", url.Values{"code": {"UI-FORBID"}, "name": {"Không được tạo"}, "kind": {"other"}})
			r.want(t, http.StatusForbidden)
			checkPage(t, r, http.StatusForbidden)
			if unitExists(t, env, "UI-FORBID") {
				t.Error("a unit reporter created a unit through the form")
			}
		})
		t.Run("anonymous page goes to sign-in", func(t *testing.T) {
			r := anon(env).do(t, "GET", "/units?q=so", nil).want(t, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); loc != "/login?next="+url.QueryEscape("/units?q=so") {
				t.Errorf("Location %q", loc)
			}
		})
	})
}

// checkPage: an HTML page; a 403 is the polite page, not a bare error.
func checkPage(t *testing.T, r resp, status int) {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q, want text/html", ct)
	}
	body := string(r.Body)
	if !strings.Contains(body, "<html") || !strings.Contains(body, "</html>") {
		t.Errorf("not a whole HTML page: %.300s", body)
	}
	if status == http.StatusForbidden {
		for _, want := range []string{"Bạn không có quyền xem trang này", "xin liên hệ quản trị hệ thống", `href="/"`} {
			if !strings.Contains(body, want) {
				t.Errorf("403 page lacks %q", want)
			}
		}
	}
}
