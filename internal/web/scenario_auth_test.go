package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestTokens: a revoked token stops working at once; tokens are per user.
func TestTokens(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		plain, id := newToken(t, env, "sgddt.baocao")
		c := &client{env: env, http: env.Client(), token: plain}
		c.do(t, "GET", "/api/v1/me", nil).want(t, http.StatusOK)
		spare := apiClient(t, env, "sgddt.baocao")
		c.do(t, "DELETE", path("/api/v1/auth/tokens/%d", id), nil).want(t, http.StatusNoContent)
		for _, p := range []string{"/api/v1/me", "/api/v1/units", "/api/v1/auth/tokens"} {
			r := c.do(t, "GET", p, nil).want(t, http.StatusUnauthorized)
			if r.errorBody(t).Error.Code != "unauthenticated" {
				t.Errorf("%s: %s", p, r.Body)
			}
		}
		spare.do(t, "GET", "/api/v1/me", nil).want(t, http.StatusOK)
		// Revoking twice, or a token that never existed: 404.
		spare.do(t, "DELETE", path("/api/v1/auth/tokens/%d", id), nil).want(t, http.StatusNotFound)
		spare.do(t, "DELETE", "/api/v1/auth/tokens/987654", nil).want(t, http.StatusNotFound)
		// Wrong password: 401 bad_credentials, in Vietnamese.
		r := anon(env).do(t, "POST", "/api/v1/auth/tokens", map[string]string{"username": "sgddt.baocao", "password": "sai-mat-khau-roi"}).want(t, http.StatusUnauthorized)
		if e := r.errorBody(t); e.Error.Code != "bad_credentials" || !strings.Contains(e.Error.Message, "mật khẩu") {
			t.Errorf("wrong password: %s", r.Body)
		}
		// Missing fields: 422 naming both.
		r = anon(env).do(t, "POST", "/api/v1/auth/tokens", map[string]string{}).want(t, http.StatusUnprocessableEntity)
		if e := r.errorBody(t); e.Error.Fields["username"] == "" || e.Error.Fields["password"] == "" {
			t.Errorf("missing fields: %s", r.Body)
		}
	})
}

// TestSignInThrottle: five wrong passwords lock the account, so the right
// password is then refused with 429 and a Vietnamese message; other
// accounts are not locked.
func TestSignInThrottle(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		creds := func(pw string) map[string]string { return map[string]string{"username": "syt.baocao", "password": pw} }
		for i := range 5 {
			anon(env).do(t, "POST", "/api/v1/auth/tokens", creds(path("sai-mat-khau-%d", i))).want(t, http.StatusUnauthorized)
		}
		r := anon(env).do(t, "POST", "/api/v1/auth/tokens", creds(webtest.Password)).want(t, http.StatusTooManyRequests)
		e := r.errorBody(t)
		if e.Error.Code != "too_many_requests" || !strings.Contains(e.Error.Message, "Đăng nhập sai quá nhiều lần") {
			t.Errorf("429 body %s, want the Vietnamese lock message", r.Body)
		}
		r = anon(env).form(t, "/login", formValues("username", "syt.baocao", "password", webtest.Password)).want(t, http.StatusTooManyRequests)
		if !strings.Contains(string(r.Body), "Đăng nhập sai quá nhiều lần") {
			t.Errorf("the sign-in page does not say the account is locked: %.300s", r.Body)
		}
		apiClient(t, env, "syt.lanhdao") // another account still signs in
		env.Clock.Advance(16 * time.Minute)
		apiClient(t, env, "syt.baocao") // the lock ends
	})
}

// TestSessions: the UI sign-in renews the session cookie (no fixation),
// sign-out kills it, and a cross-site form post is refused.
func TestSessions(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		t.Run("sign-in renews the cookie", func(t *testing.T) {
			c := anon(env)
			c.setSessionCookie("planted-by-an-attacker")
			c.form(t, "/login", formValues("username", "sgddt.baocao", "password", webtest.Password, "next", "/units")).want(t, http.StatusSeeOther)
			first := c.sessionCookie()
			if first == "" || first == "planted-by-an-attacker" {
				t.Fatalf("session cookie after sign-in %q: not renewed", first)
			}
			c.do(t, "GET", "/", nil).want(t, http.StatusOK)
			// Signing in again over a live session gives yet another token;
			// the old one is dead.
			c.form(t, "/login", formValues("username", "sgddt.baocao", "password", webtest.Password)).want(t, http.StatusSeeOther)
			second := c.sessionCookie()
			if second == first {
				t.Fatal("second sign-in kept the session token")
			}
			old := anon(env)
			old.setSessionCookie(first)
			old.do(t, "GET", "/", nil).want(t, http.StatusSeeOther)
			old.do(t, "GET", "/api/v1/me", nil).want(t, http.StatusUnauthorized)
		})
		t.Run("sign-out invalidates the cookie", func(t *testing.T) {
			c := uiClient(t, env, "sgddt.baocao")
			cookie := c.sessionCookie()
			c.do(t, "GET", "/api/v1/me", nil).want(t, http.StatusOK) // the API accepts the session too
			r := c.form(t, "/logout", nil).want(t, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); loc != "/login" {
				t.Errorf("Location %q after sign-out", loc)
			}
			replay := anon(env)
			replay.setSessionCookie(cookie)
			if r := replay.do(t, "GET", "/units", nil); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
				t.Errorf("old cookie after sign-out: %d %q, want a redirect to /login", r.Status, r.Header.Get("Location"))
			}
			replay.do(t, "GET", "/api/v1/me", nil).want(t, http.StatusUnauthorized)
		})
		t.Run("password change keeps this session", func(t *testing.T) {
			c := uiClient(t, env, "sgddt.lanhdao")
			other := uiClient(t, env, "sgddt.lanhdao")
			env.Clock.Advance(2 * time.Second) // the test clock stands still otherwise
			c.form(t, "/account/password", formValues("current_password", webtest.Password, "password", "mat-khau-moi-cua-toi-2026")).want(t, http.StatusOK)
			other.do(t, "GET", "/", nil).want(t, http.StatusSeeOther) // the other session ends
			// The page says "Các phiên đăng nhập khác đã hết hiệu lực": this one must live on.
			if r := c.do(t, "GET", "/", nil); r.Status != http.StatusOK {
				t.Errorf("after changing the password the same session is signed out: GET / gives %d (Location %q)", r.Status, r.Header.Get("Location"))
			}
		})
		t.Run("password change ends a session signed in the same second", func(t *testing.T) {
			env.Clock.Set(env.Clock.Now().Add(10 * time.Second).Truncate(time.Second).Add(100 * time.Millisecond))
			other := uiClient(t, env, "skhcn.lanhdao")
			c := uiClient(t, env, "skhcn.lanhdao")
			env.Clock.Advance(500 * time.Millisecond)
			c.form(t, "/account/password", formValues("current_password", webtest.Password, "password", "mat-khau-moi-cua-toi-2026")).want(t, http.StatusOK)
			if r := other.do(t, "GET", "/", nil); r.Status != http.StatusSeeOther {
				t.Errorf("a session signed in 0.5 s before the password change still works (GET / gives %d)", r.Status)
			}
			c.do(t, "GET", "/", nil).want(t, http.StatusOK)
		})
		t.Run("cross-site form posts are refused", func(t *testing.T) {
			spec := uiClient(t, env, "chuyenvien")
			unit := formValues("code", "CSRF-1", "name", "Đơn vị giả mạo", "kind", "other")
			for _, tc := range []struct {
				name, path string
				c          *client
				form       map[string][]string
				hdr        []string
			}{
				{"login with foreign Origin", "/login", anon(env), formValues("username", "admin", "password", webtest.Password), []string{"Origin", "https://evil.example"}},
				{"login with Sec-Fetch-Site", "/login", anon(env), formValues("username", "admin", "password", webtest.Password), []string{"Sec-Fetch-Site", "cross-site"}},
				{"units with foreign Origin", "/units", spec, unit, []string{"Origin", "https://evil.example"}},
				{"units with Sec-Fetch-Site", "/units", spec, unit, []string{"Sec-Fetch-Site", "cross-site"}},
				{"API PATCH from a page elsewhere", path("/api/v1/units/%d", env.Unit(t, "SYT").ID), spec, nil, []string{"Origin", "https://evil.example"}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					r := tc.c.form(t, tc.path, tc.form, tc.hdr...)
					if tc.form == nil {
						r = tc.c.do(t, "PATCH", tc.path, `{"name":"Bị sửa","version":1}`, append(tc.hdr, "Content-Type", "application/json")...)
					}
					r.want(t, http.StatusForbidden)
					if tc.c == spec && tc.form == nil && storedUnit(t, env, env.Unit(t, "SYT").ID).Name == "Bị sửa" {
						t.Error("cross-site PATCH changed the unit")
					}
					if strings.Contains(r.Header.Get("Set-Cookie"), "khoagiao_session") {
						t.Error("a refused cross-site sign-in set a session cookie")
					}
				})
			}
			if unitExists(t, env, "CSRF-1") {
				t.Error("a cross-site form post created a unit")
			}
			// Same origin: the browser's own Origin passes.
			spec.form(t, "/units", unit, "Origin", env.URL, "Sec-Fetch-Site", "same-origin").want(t, http.StatusSeeOther)
			if !unitExists(t, env, "CSRF-1") {
				t.Error("a same-origin form post did not create the unit")
			}
		})
	})
}
