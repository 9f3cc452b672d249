package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

type apiCase struct {
	name   string
	method string
	path   string
	body   any
	hdr    []string
	status int
	code   string // error.code, for errors
	field  string // a key expected in error.fields
	check  func(t *testing.T, r resp)
}

func runAPICases(t *testing.T, c *client, cases []apiCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do(t, tc.method, tc.path, tc.body, tc.hdr...).want(t, tc.status)
			if tc.status >= 400 {
				e := r.errorBody(t)
				if tc.code != "" && e.Error.Code != tc.code {
					t.Errorf("error.code %q, want %q", e.Error.Code, tc.code)
				}
				if tc.field != "" && e.Error.Fields[tc.field] == "" {
					t.Errorf("error.fields.%s missing: %s", tc.field, r.Body)
				}
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

func createUnit(t *testing.T, c *client, code, name, kind string) unitJSON {
	t.Helper()
	var u unitJSON
	c.do(t, "POST", "/api/v1/units", map[string]any{"code": code, "name": name, "kind": kind}).want(t, http.StatusCreated).decode(t, &u)
	if u.ID == 0 || u.Version != 1 {
		t.Fatalf("created unit %+v", u)
	}
	return u
}

// TestBadInput: the API refuses bad input with the right status, code and field.
func TestBadInput(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		admin := apiClient(t, env, "admin")
		u := createUnit(t, admin, "SC-1", "Đơn vị kịch bản", "other")
		admin.do(t, "PATCH", path("/api/v1/units/%d", u.ID), map[string]any{"name": "Đơn vị kịch bản (sửa)", "version": 1}).want(t, http.StatusOK)
		big := `{"code":"BIG","kind":"other","name":"` + strings.Repeat("a", 1<<20+10) + `"}`
		vi := func(want string) func(*testing.T, resp) {
			return func(t *testing.T, r resp) {
				if e := r.errorBody(t); e.Error.Fields["code"] != want {
					t.Errorf("fields.code %q, want %q", e.Error.Fields["code"], want)
				}
			}
		}
		dup := map[string]any{"code": "SGDDT", "name": "Trùng mã", "kind": "other"}
		runAPICases(t, admin, []apiCase{
			{name: "duplicate code", method: "POST", path: "/api/v1/units", body: dup, status: 422, code: "invalid", field: "code"},
			{name: "unknown parent", method: "POST", path: "/api/v1/units", body: map[string]any{"code": "SC-2", "name": "Con mồ côi", "kind": "other", "parent_id": 987654},
				status: 422, code: "invalid", field: "parent_id"},
			{name: "malformed JSON", method: "POST", path: "/api/v1/units", body: `{"code": "SC-3", `, hdr: []string{"Content-Type", "application/json"}, status: 400, code: "bad_request"},
			{name: "body over 1 MiB", method: "POST", path: "/api/v1/units", body: big, hdr: []string{"Content-Type", "application/json"}, status: 413, code: "too_large"},
			{name: "unknown field", method: "POST", path: "/api/v1/units", body: map[string]any{"code": "SC-4", "nme": "Gõ nhầm", "kind": "other"}, status: 400, code: "bad_request",
				check: func(t *testing.T, r resp) {
					if !strings.Contains(string(r.Body), "nme") {
						t.Errorf("the message does not name the unknown field: %s", r.Body)
					}
				}},
			{name: "wrong type", method: "POST", path: "/api/v1/units", body: map[string]any{"code": 5, "name": "Sai kiểu", "kind": "other"}, status: 422, field: "code"},
			{name: "stale version", method: "PATCH", path: path("/api/v1/units/%d", u.ID), body: map[string]any{"name": "Bản cũ", "version": 1}, status: 409, code: "conflict",
				check: func(t *testing.T, r resp) {
					var d struct {
						Current unitJSON `json:"current"`
					}
					if err := json.Unmarshal(r.errorBody(t).Error.Detail, &d); err != nil || d.Current.Version != 2 || d.Current.Name != "Đơn vị kịch bản (sửa)" {
						t.Errorf("error.detail.current should be the stored unit at version 2: %s (%v)", r.Body, err)
					}
					if s := storedUnit(t, env, u.ID); s.Version != 2 || s.Name != "Đơn vị kịch bản (sửa)" {
						t.Errorf("a stale PATCH changed the unit: %+v", s)
					}
				}},
			{name: "PATCH without version", method: "PATCH", path: path("/api/v1/units/%d", u.ID), body: map[string]any{"name": "Không phiên bản"}, status: 422, field: "version"},
			{name: "PATCH with If-Match", method: "PATCH", path: path("/api/v1/units/%d", u.ID), body: map[string]any{"short_name": "KB"}, hdr: []string{"If-Match", `"2"`}, status: 200},
			{name: "limit out of range", method: "GET", path: "/api/v1/units?limit=0", status: 422, field: "limit"},
			{name: "Vietnamese by default", method: "POST", path: "/api/v1/units", body: dup, status: 422, check: vi("Mã đơn vị đã tồn tại.")},
			{name: "Accept-Language en", method: "POST", path: "/api/v1/units", body: dup, hdr: []string{"Accept-Language", "en-GB,en;q=0.9"}, status: 422,
				check: func(t *testing.T, r resp) {
					vi("This unit code is already used.")(t, r)
					if m := r.errorBody(t).Error.Message; !strings.HasPrefix(m, "Invalid input") {
						t.Errorf("message %q is not English", m)
					}
				}},
			{name: "Accept-Language fr falls back to Vietnamese", method: "POST", path: "/api/v1/units", body: dup, hdr: []string{"Accept-Language", "fr"}, status: 422, check: vi("Mã đơn vị đã tồn tại.")},
		})
		t.Run("anonymous in English", func(t *testing.T) {
			r := anon(env).do(t, "GET", "/api/v1/me", nil, "Accept-Language", "en").want(t, http.StatusUnauthorized)
			if m := r.errorBody(t).Error.Message; m != "Please sign in." {
				t.Errorf("message %q", m)
			}
			r = anon(env).do(t, "GET", "/api/v1/me", nil).want(t, http.StatusUnauthorized)
			if m := r.errorBody(t).Error.Message; m != "Vui lòng đăng nhập." {
				t.Errorf("message %q", m)
			}
		})
		for _, code := range []string{"SC-2", "SC-3", "SC-4", "BIG"} {
			if unitExists(t, env, code) {
				t.Errorf("refused request stored unit %s", code)
			}
		}
	})
}

// TestSearchAndOrder: search ignores tones, case and đ; lists follow
// Vietnamese alphabetical order (Đ after every D, before E).
func TestSearchAndOrder(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		admin := apiClient(t, env, "admin")
		dl := createUnit(t, admin, "66", "Tỉnh Đắk Lắk", "province")
		for _, q := range []string{"dak lak", "Đắk Lắk", "ĐẮK LẮK", "dak", "lak dak", norm.NFD.String("Đắk Lắk"), "66"} {
			t.Run("q="+q, func(t *testing.T) {
				var l listJSON[unitJSON]
				admin.do(t, "GET", "/api/v1/units?q="+urlQuery(q), nil).want(t, http.StatusOK).decode(t, &l)
				if l.Total != 1 || len(l.Items) != 1 || l.Items[0].ID != dl.ID {
					t.Errorf("q=%q found %+v, want only %s", q, l.Items, dl.Name)
				}
			})
		}
		for i, name := range []string{"Yên thử thứ tự", "Đoàn thử thứ tự", "Em thử thứ tự", "Dược thử thứ tự"} {
			createUnit(t, admin, path("ORD-%d", i), name, "other")
		}
		t.Run("D before Đ before E", func(t *testing.T) {
			var l listJSON[unitJSON]
			admin.do(t, "GET", "/api/v1/units?q=thu+tu", nil).want(t, http.StatusOK).decode(t, &l)
			var got []string
			for _, u := range l.Items {
				got = append(got, strings.Fields(u.Name)[0])
			}
			if strings.Join(got, ",") != "Dược,Đoàn,Em,Yên" {
				t.Errorf("order %v, want Dược, Đoàn, Em, Yên", got)
			}
		})
		t.Run("whole list in Vietnamese order", func(t *testing.T) {
			var l listJSON[unitJSON]
			admin.do(t, "GET", "/api/v1/units?limit=1000", nil).want(t, http.StatusOK).decode(t, &l)
			for i := 1; i < len(l.Items); i++ {
				if vntext.Compare(l.Items[i-1].Name, l.Items[i].Name) > 0 {
					t.Errorf("%q listed before %q", l.Items[i-1].Name, l.Items[i].Name)
				}
			}
		})
	})
}
