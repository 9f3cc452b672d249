package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestSearchAPI: over the demo, a health reporter typing without accents
// finds the COVID-19 directive among the first results, with the words
// marked, and no other unit's report; a unit outside
// the directive's recipients does not; bad input is refused in Vietnamese
// (English on request) with the field named.
func TestSearchAPI(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		syt, cv := apiClient(t, env, "syt.baocao"), apiClient(t, env, "chuyenvien")
		dir := demoDirective(t, env)
		var res search.Result
		syt.do(t, "GET", "/api/v1/search?q="+urlQuery("phong chong dich"), nil).want(t, http.StatusOK).decode(t, &res)
		at := slices.IndexFunc(res.Items, func(h search.Hit) bool { return h.Kind == search.KindDirective && h.ID == dir.ID })
		if at < 0 || at > 2 {
			t.Fatalf("the directive %d is result %d of %+v, want in the first three", dir.ID, at, res.Items)
		}
		if h := res.Items[at]; h.URL != path("/directives/%d", dir.ID) || !strings.Contains(h.TitleHTML, "<mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark>") {
			t.Errorf("hit %+v", h)
		}
		for _, h := range res.Items {
			if h.Kind == search.KindReport && h.UnitID != env.Unit(t, "SYT").ID {
				t.Errorf("another unit's report %+v", h)
			}
		}
		// A draft directive is the Board's until issued.
		var draft struct{ ID int64 }
		cv.do(t, "POST", "/api/v1/directives", map[string]any{"type_code": "CV", "title": "Dự thảo về phòng, chống dịch sởi",
			"unit_ids": []int64{env.Unit(t, "SYT").ID}}).want(t, http.StatusCreated).decode(t, &draft)
		for who, c := range map[string]*client{"syt.baocao": syt, "chuyenvien": cv} {
			var r search.Result
			c.do(t, "GET", "/api/v1/search?type=directive&q="+urlQuery("dich soi"), nil).want(t, http.StatusOK).decode(t, &r)
			if found := len(r.Items) == 1 && r.Items[0].ID == draft.ID; found != (who == "chuyenvien") {
				t.Errorf("%s finds the draft: %v (%+v)", who, found, r.Items)
			}
		}
		var all search.Result
		cv.do(t, "GET", "/api/v1/search?q=COVID&type=directive&from=2020-03-01&to=2020-03-31", nil).want(t, http.StatusOK).decode(t, &all)
		if len(all.Items) != 1 || all.Items[0].Date == nil || all.Items[0].Date.String() != "2020-03-16" {
			t.Errorf("dated search %+v", all.Items)
		}
		e := syt.do(t, "GET", "/api/v1/search?q=", nil).want(t, http.StatusUnprocessableEntity).errorBody(t)
		if !strings.Contains(e.Error.Fields["q"], "Nhập từ cần tìm") {
			t.Errorf("empty q: %+v", e.Error)
		}
		e = syt.do(t, "GET", "/api/v1/search?q=x&type=secret", nil, "Accept-Language", "en").want(t, http.StatusUnprocessableEntity).errorBody(t)
		if e.Error.Fields["type"] != "Unknown result type." {
			t.Errorf("bad type in English: %+v", e.Error)
		}
		syt.do(t, "GET", "/api/v1/search?q=x&from=31/02/2020", nil).want(t, http.StatusUnprocessableEntity)
		anon(env).do(t, "GET", "/api/v1/search?q=x", nil).want(t, http.StatusUnauthorized)
	})
}

// TestSearchPage: the header's box is on every page; /search shows the
// facets and the results with the matched words marked and the rest escaped.
func TestSearchPage(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		c := uiClient(t, env, "syt.baocao")
		home := string(c.do(t, "GET", "/", nil).want(t, http.StatusOK).Body)
		if !strings.Contains(home, `id="header-search"`) || !strings.Contains(home, `action="/search"`) {
			t.Fatal("the header has no search box")
		}
		body := string(c.do(t, "GET", "/search?"+url.Values{"q": {"Phong chong dich"}}.Encode(), nil).want(t, http.StatusOK).Body)
		for _, want := range []string{`id="search-facets"`, `<mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark>`,
			`href="/directives/` + strconv.FormatInt(demoDirective(t, env).ID, 10) + `"`, `value="Phong chong dich"`} {
			if !strings.Contains(body, want) {
				t.Errorf("search page lacks %s", want)
			}
		}
		empty := string(c.do(t, "GET", "/search", nil).want(t, http.StatusOK).Body)
		if strings.Contains(empty, `id="search-results"`) {
			t.Error("an empty search shows results")
		}
		bad := c.do(t, "GET", "/search?q=%2C%2C", nil).want(t, http.StatusUnprocessableEntity)
		if !strings.Contains(string(bad.Body), "Nhập từ cần tìm") {
			t.Errorf("no message for a query without words: %.300s", bad.Body)
		}
		en := string(c.do(t, "GET", "/search?lang=en&q=covid", nil).want(t, http.StatusOK).Body)
		if !strings.Contains(en, "Directives (") {
			t.Errorf("facets not in English")
		}
	})
}
