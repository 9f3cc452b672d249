package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestPressRoutingPage: the Board edits the routing table through the form
// (rules by field and locality, the default unit, days per field); a wrong
// number of days comes back beside the days (422) and changes nothing; a
// unit's user is refused the page.
func TestPressRoutingPage(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		board, rep := uiClient(t, env, "chuyenvien"), uiClient(t, env, "stnmt.baocao")
		stnmt, syt, sgddt := env.Unit(t, "STNMT"), env.Unit(t, "SYT"), env.Unit(t, "SGDDT")
		id := func(u org.Unit) string { return strconv.FormatInt(u.ID, 10) }
		page(t, rep.do(t, "GET", "/press/routing", nil), http.StatusForbidden)
		rep.form(t, "/press/routing", url.Values{"default_unit": {id(stnmt)}}).want(t, http.StatusForbidden)
		page(t, board.do(t, "GET", "/press", nil), http.StatusOK, `href="/press/routing"`, `id="press-nav"`)
		page(t, board.do(t, "GET", "/press/routing", nil), http.StatusOK, "Phân công xử lý", "Thời hạn trả lời theo lĩnh vực")

		form := url.Values{
			"rule_field":       {"environment", "health", "", ""},
			"rule_locality":    {"", "", "xa01", ""},
			"rule_unit":        {id(stnmt), id(syt), id(sgddt), "0"}, // the last row is empty: ignored
			"default_unit":     {id(stnmt)},
			"days_environment": {"7"}, "days_health": {"3"},
		}
		r := board.form(t, "/press/routing", form).want(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/press/routing?done=saved" {
			t.Fatalf("saved to %q", loc)
		}
		rt, err := env.Press.Routing(context.Background(), org.SystemActor("t"))
		if err != nil {
			t.Fatal(err)
		}
		if len(rt.Rules) != 4 || rt.Days[press.Environment] != 7 || rt.Days[press.Health] != 3 {
			t.Fatalf("stored routing %+v", rt)
		}
		for _, tc := range []struct {
			f    press.Field
			loc  string
			want int64
		}{{press.Environment, "", stnmt.ID}, {press.Health, "XA01", syt.ID}, {press.Labour, "XA01", sgddt.ID}, {press.Labour, "", stnmt.ID}} {
			if got, _ := rt.Pick(tc.f, tc.loc); got != tc.want {
				t.Errorf("Pick(%s, %s) = %d, want %d", tc.f, tc.loc, got, tc.want)
			}
		}
		body := page(t, board.do(t, "GET", "/press/routing?done=saved", nil), http.StatusOK, "Đã lưu quy tắc phân công.", `value="XA01"`)
		if n := strings.Count(body, `name="rule_unit"`); n != 3+3 {
			t.Errorf("%d rule rows, want 3 rules and 3 empty rows", n)
		}

		// Removing a rule by choosing no unit, with a refused day count: nothing changes.
		form.Set("days_health", "0")
		form["rule_unit"] = []string{"0", id(syt), id(sgddt), "0"}
		page(t, board.form(t, "/press/routing", form), http.StatusUnprocessableEntity, "Số ngày làm việc phải từ 1 đến 60")
		if again, _ := env.Press.Routing(context.Background(), org.SystemActor("t")); len(again.Rules) != 4 || again.Days[press.Health] != 3 {
			t.Errorf("a refused form changed the routing: %+v", again)
		}
		form.Set("days_health", "4")
		board.form(t, "/press/routing", form).want(t, http.StatusSeeOther)
		if again, _ := env.Press.Routing(context.Background(), org.SystemActor("t")); len(again.Rules) != 3 || again.Days[press.Health] != 4 {
			t.Errorf("after removing a rule: %+v", again)
		}
		// A rule with neither field nor locality is the default unit's job.
		form["rule_field"], form["rule_locality"], form["rule_unit"] = []string{""}, []string{""}, []string{id(syt)}
		page(t, board.form(t, "/press/routing", form), http.StatusUnprocessableEntity, "đơn vị mặc định")
	})
}

// TestFeedEditPage: the Board renames a feed's outlet, pauses and resumes
// it; the address stays; an unknown charset comes back beside the field.
func TestFeedEditPage(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		board, rep := uiClient(t, env, "chuyenvien"), uiClient(t, env, "stnmt.baocao")
		ctx, sys := context.Background(), org.SystemActor("t")
		f, err := env.Press.CreateFeed(ctx, sys, press.Feed{URL: "https://bao.example/rss.xml", Outlet: "Báo cũ"})
		if err != nil {
			t.Fatal(err)
		}
		p := path("/press/feeds/%d", f.ID)
		edit := p + "/edit"
		page(t, rep.do(t, "GET", edit, nil), http.StatusForbidden)
		page(t, board.do(t, "GET", edit, nil), http.StatusOK, "Sửa nguồn tin", "https://bao.example/rss.xml")
		page(t, board.form(t, edit, url.Values{"outlet": {"Báo mới"}, "charset": {"klingon-1"}, "active": {"1"}}),
			http.StatusUnprocessableEntity, "Bảng mã không được hỗ trợ.")
		board.form(t, edit, url.Values{"outlet": {"Báo Tài nguyên và Môi trường"}, "charset": {"Windows-1258"}, "active": {"1"}}).want(t, http.StatusSeeOther)
		got, _ := env.Press.FindFeed(ctx, sys, f.ID)
		if got.Outlet != "Báo Tài nguyên và Môi trường" || got.Charset != "windows-1258" || !got.Active || got.URL != f.URL {
			t.Errorf("after the edit: %+v", got)
		}
		board.form(t, p+"/active", url.Values{"active": {"0"}}).want(t, http.StatusSeeOther)
		page(t, board.do(t, "GET", "/press/feeds?done=paused", nil), http.StatusOK, "Đã tạm dừng lấy tin", "Theo dõi lại")
		if got, _ = env.Press.FindFeed(ctx, sys, f.ID); got.Active {
			t.Error("the feed is still active after the pause")
		}
		rep.form(t, p+"/active", url.Values{"active": {"1"}}).want(t, http.StatusForbidden)
		board.form(t, p+"/active", url.Values{"active": {"1"}}).want(t, http.StatusSeeOther)
		if got, _ = env.Press.FindFeed(ctx, sys, f.ID); !got.Active {
			t.Error("the feed did not resume")
		}
	})
}
