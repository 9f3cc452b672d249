package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestPressMonitoring: a specialist adds a watch rule and a feed, polls it;
// the matching article waits in the queue with its words highlighted (and
// its markup escaped); one click makes it a case, a second is refused; a
// feed failing again and again shows its alert on the feeds page.
func TestPressMonitoring(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/broken" {
				fmt.Fprint(w, "<rss><channel><item>")
				return
			}
			base := "http://" + r.Host
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo</title>`+
				`<item><title>&lt;script&gt;alert(1)&lt;/script&gt; Cá chết do ô nhiễm, A &amp; B &lt;3</title><link>`+base+`/ca-chet</link><description>Người dân phản ánh</description></item>`+
				`<item><title>Lễ hội mùa xuân</title><link>`+base+`/le-hoi</link></item></channel></rss>`)
		}))
		defer feedSrv.Close()
		board, ui, unit := apiClient(t, env, "chuyenvien"), uiClient(t, env, "chuyenvien"), apiClient(t, env, "sgddt.baocao")
		board.do(t, "POST", "/api/v1/watch-rules", map[string]any{"name": "Môi trường", "phrases": "O NHIEM\ncá chết", "fields": "environment"}).want(t, http.StatusCreated)
		unit.do(t, "POST", "/api/v1/watch-rules", map[string]any{"name": "x", "phrases": "y"}).want(t, http.StatusForbidden)
		var f press.Feed
		board.do(t, "POST", "/api/v1/feeds", map[string]any{"url": feedSrv.URL + "/rss", "outlet": "Báo Môi trường"}).want(t, http.StatusCreated).decode(t, &f)
		var res press.PollResult
		board.do(t, "POST", path("/api/v1/feeds/%d/poll", f.ID), nil).want(t, http.StatusOK).decode(t, &res)
		if res.New != 2 || res.Matched != 1 || res.Error != "" {
			t.Fatalf("poll %+v", res)
		}
		var q listJSON[press.FeedItem]
		board.do(t, "GET", "/api/v1/press-triage", nil).want(t, http.StatusOK).decode(t, &q)
		if len(q.Items) != 1 || len(q.Items[0].Matches) != 2 {
			t.Fatalf("queue %+v", q.Items)
		}
		body := page(t, ui.do(t, "GET", "/press/triage", nil), http.StatusOK, "<mark>ô nhiễm</mark>", "<mark>Cá chết</mark>", "A &amp; B &lt;3")
		if strings.Contains(body, "<script>alert") {
			t.Error("the title's markup is not escaped")
		}
		r := ui.form(t, path("/press/triage/%d/case", q.Items[0].ID), url.Values{})
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/press/") {
			t.Fatalf("to case: %d %.300s", r.Status, r.Body)
		}
		board.do(t, "POST", path("/api/v1/press-triage/%d/case", q.Items[0].ID), nil).want(t, http.StatusConflict)
		var cases listJSON[press.Case]
		board.do(t, "GET", "/api/v1/press-cases", nil).want(t, http.StatusOK).decode(t, &cases)
		n := 0
		for _, c := range cases.Items {
			if c.URL == feedSrv.URL+"/ca-chet" {
				n++
				if c.Field != press.Environment || c.Outlet != "Báo Môi trường" || !strings.HasPrefix(c.Title, "alert(1) Cá chết") {
					t.Errorf("case %+v", c)
				}
			}
		}
		if n != 1 {
			t.Fatalf("%d cases of the article", n)
		}
		page(t, ui.do(t, "GET", "/press/triage", nil), http.StatusOK, "Không có bài báo nào chờ xem xét.")
		board.do(t, "POST", "/api/v1/feeds", map[string]any{"url": feedSrv.URL + "/broken", "outlet": "Báo Lỗi"}).want(t, http.StatusCreated).decode(t, &f)
		for i := 0; i < press.AlertAfter; i++ {
			board.do(t, "POST", path("/api/v1/feeds/%d/poll", f.ID), nil).want(t, http.StatusOK).decode(t, &res)
		}
		if !res.Feed.Alert || res.Error == "" {
			t.Fatalf("no alert after %d failures: %+v", press.AlertAfter, res.Feed)
		}
		page(t, ui.do(t, "GET", "/press/feeds", nil), http.StatusOK, "Cảnh báo", "Báo Lỗi", "nguồn tin lỗi nhiều lần liên tiếp")
		page(t, ui.do(t, "GET", "/press/rules", nil), http.StatusOK, "O NHIEM")
		page(t, uiClient(t, env, "sgddt.baocao").do(t, "GET", "/press/triage", nil), http.StatusForbidden)
	})
}
