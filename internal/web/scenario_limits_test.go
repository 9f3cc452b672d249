package web_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/web"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// serverWith starts a second server over env's database and services, with
// cfg (the clock stays env's); clients of the returned Env talk to it.
func serverWith(t *testing.T, env *webtest.Env, cfg web.Config) *webtest.Env {
	t.Helper()
	cfg.Now = env.Clock.Now
	srv := httptest.NewServer(web.New(cfg, web.Services{Org: env.Org, Calendar: env.Calendar, Reporting: env.Reporting, Task: env.Task,
		Meeting: env.Meeting, Notice: env.Notice, Press: env.Press, Training: env.Training, Search: env.Search}))
	t.Cleanup(srv.Close)
	e := *env
	e.Server, e.URL = srv, srv.URL
	return &e
}

// want429 checks a rate-limit refusal: 429, Retry-After in whole seconds,
// the Vietnamese message (JSON on the API, a page elsewhere).
func want429(t *testing.T, r resp, api bool) {
	t.Helper()
	r.want(t, http.StatusTooManyRequests)
	if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 {
		t.Errorf("Retry-After %q, want whole seconds", r.Header.Get("Retry-After"))
	}
	msg := string(r.Body)
	if api {
		msg = r.errorBody(t).Error.Message
	}
	if !strings.Contains(msg, "Bạn gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau") {
		t.Errorf("no Vietnamese message: %.300s", r.Body)
	}
}

// TestRateLimits: token creation counts per client address, search and
// exports per user; each limit lets its burst through, then answers 429
// with Retry-After, and leaves other callers and other requests alone.
func TestRateLimits(t *testing.T) {
	forEachDialect(t, func(t *testing.T, base *webtest.Env) {
		hour := 1.0 / 3600
		env := serverWith(t, base, web.Config{TrustProxy: true, RateLimits: &web.RateLimits{
			Tokens: web.Rate{Per: hour, Burst: 3}, Search: web.Rate{Per: hour, Burst: 3}, Exports: web.Rate{Per: hour, Burst: 2}}})
		t.Run("token creation per address", func(t *testing.T) {
			creds := map[string]string{"username": "chuyenvien", "password": webtest.Password}
			from := func(ip string) resp {
				return anon(env).do(t, "POST", "/api/v1/auth/tokens", creds, "X-Forwarded-For", ip)
			}
			for range 3 {
				from("203.0.113.7").want(t, http.StatusCreated)
			}
			want429(t, from("203.0.113.7"), true)
			bad := anon(env).do(t, "POST", "/api/v1/auth/tokens", map[string]string{"username": "x", "password": "y"}, "X-Forwarded-For", "203.0.113.7")
			want429(t, bad, true) // refused before the password is even hashed
			from("203.0.113.8").want(t, http.StatusCreated)
		})
		rep := apiClient(t, env, "sgddt.baocao")
		other := apiClient(t, env, "syt.baocao")
		t.Run("search per user", func(t *testing.T) {
			for range 3 {
				if r := rep.do(t, "GET", "/api/v1/search?q=ke+hoach", nil); r.Status == http.StatusTooManyRequests {
					t.Fatalf("refused within the burst: %s", r.Body)
				}
			}
			want429(t, rep.do(t, "GET", "/api/v1/search?q=ke+hoach", nil), true)
			want429(t, rep.do(t, "GET", "/search?q=ke+hoach", nil), false) // the page shares the user's bucket
			if r := other.do(t, "GET", "/api/v1/search?q=ke+hoach", nil); r.Status == http.StatusTooManyRequests {
				t.Error("another user is limited by this one's searches")
			}
			rep.do(t, "GET", "/api/v1/units?q=ke+hoach", nil).want(t, http.StatusOK) // not a search
		})
		t.Run("exports per user", func(t *testing.T) {
			for range 2 {
				rep.do(t, "GET", "/api/v1/training/staff.xlsx", nil).want(t, http.StatusOK)
			}
			want429(t, rep.do(t, "GET", "/api/v1/training/staff.xlsx", nil), true)
			other.do(t, "GET", "/api/v1/training/staff.xlsx", nil).want(t, http.StatusOK)
			rep.do(t, "GET", "/api/v1/training/staff", nil).want(t, http.StatusOK)
		})
	})
}

// TestDefaultRateLimits: the defaults let a user's search-as-you-type and a
// run of exports through.
func TestDefaultRateLimits(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		rep := apiClient(t, env, "sgddt.baocao")
		typed := []rune("kế hoạch tuyên truyền phòng chống dịch")
		for i := range typed { // one search per key typed
			if r := rep.do(t, "GET", "/api/v1/search?q="+url.QueryEscape(string(typed[:i+1])), nil); r.Status == http.StatusTooManyRequests {
				t.Fatalf("search %d refused: %s", i+1, r.Body)
			}
		}
		for range 10 {
			rep.do(t, "GET", "/api/v1/training/staff.xlsx", nil).want(t, http.StatusOK)
		}
	})
}

// TestBodyLimits: bodies over their cap are refused with 413 before a
// handler reads them — JSON over 1 MB on the API, a form over 1 MB on a
// page (also when it comes chunked, without a length), a multipart upload
// over 20 MB — with the Vietnamese message; nothing is stored.
func TestBodyLimits(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		admin, page := apiClient(t, env, "admin"), uiClient(t, env, "admin")
		huge := `{"code":"HUGE","kind":"other","name":"` + strings.Repeat("a", 10<<20) + `"}`
		r := admin.do(t, "POST", "/api/v1/units", huge, "Content-Type", "application/json").want(t, http.StatusRequestEntityTooLarge)
		if e := r.errorBody(t); e.Error.Code != "too_large" || !strings.Contains(e.Error.Message, "vượt quá giới hạn 1 MB") {
			t.Errorf("10 MB of JSON: %s", r.Body)
		}
		chunked := func(c *client, p, ctype string, body []byte) resp {
			t.Helper()
			req, _ := http.NewRequest("POST", env.URL+p, io.MultiReader(bytes.NewReader(body))) // no length: sent chunked
			req.Header.Set("Content-Type", ctype)
			if c.token != "" {
				req.Header.Set("Authorization", "Bearer "+c.token)
			}
			res, err := c.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			data, _ := io.ReadAll(res.Body)
			return resp{Status: res.StatusCode, Header: res.Header, Body: data}
		}
		r = chunked(admin, "/api/v1/units", "application/json", []byte(huge)).want(t, http.StatusRequestEntityTooLarge)
		r.errorBody(t)
		form := url.Values{"code": {"HUGE-FORM"}, "kind": {"other"}, "name": {strings.Repeat("ă", 1<<20)}}.Encode()
		for name, r := range map[string]resp{
			"form with a length": page.do(t, "POST", "/units", form, "Content-Type", "application/x-www-form-urlencoded"),
			"chunked form":       chunked(page, "/units", "application/x-www-form-urlencoded", []byte(form)),
		} {
			r.want(t, http.StatusRequestEntityTooLarge)
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.Body), "Dữ liệu gửi lên vượt quá giới hạn 1 MB.") {
				t.Errorf("%s: %q %.300s", name, r.Header.Get("Content-Type"), r.Body)
			}
		}
		ctype, body := multipartFile(t, "file", "lon.csv", make([]byte, 25<<20))
		r = admin.do(t, "POST", "/api/v1/units/import", body, "Content-Type", ctype).want(t, http.StatusRequestEntityTooLarge)
		if e := r.errorBody(t); !strings.Contains(e.Error.Message, "Tệp vượt quá giới hạn 20 MB.") {
			t.Errorf("25 MB upload: %s", r.Body)
		}
		chunked(admin, "/api/v1/units/import", ctype, body).want(t, http.StatusRequestEntityTooLarge)
		for _, code := range []string{"HUGE", "HUGE-FORM"} {
			if unitExists(t, env, code) {
				t.Errorf("unit %s was stored", code)
			}
		}
	})
}
