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

// topicFeed serves the provincial newspaper's 2020 articles: two on the
// epidemic (one typed without accents), one on floods, one on neither.
func topicFeed(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := "http://" + r.Host
		item := func(title, link, date string) string {
			return `<item><title>` + title + `</title><link>` + base + link + `</link><pubDate>` + date + `</pubDate></item>`
		}
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo tỉnh</title>`+
			item("Phòng, chống dịch COVID-19 tại trường học", "/a", "Mon, 02 Mar 2020 08:00:00 +0700")+
			item("Phong chong dich o vung cao", "/b", "Wed, 01 Apr 2020 08:00:00 +0700")+
			item("Mưa lũ gây ngập lụt nhiều nơi", "/c", "Sat, 10 Oct 2020 08:00:00 +0700")+
			item("Giải bóng đá thiếu niên", "/d", "Sun, 12 Jul 2020 08:00:00 +0700")+`</channel></rss>`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

type topicCountsJSON struct {
	Units []press.CountUnit `json:"units"`
	Rows  []press.TopicRow  `json:"topics"`
}

// cell returns the cell of a topic code and unit code.
func (c topicCountsJSON) cell(t *testing.T, topic, unit string) press.TopicCell {
	t.Helper()
	for _, r := range c.Rows {
		for i, u := range c.Units {
			if r.Topic.Code == topic && u.Code == unit {
				return r.Cells[i]
			}
		}
	}
	t.Fatalf("no cell %s/%s", topic, unit)
	return press.TopicCell{}
}

// TestPressTopics: the Board links the newspaper's feed to its agency; the
// demo's 2020 topics count its articles beside what the newspaper reported;
// topics are added and edited under their version, through the API and the page.
func TestPressTopics(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		board, unit, bao := apiClient(t, env, "chuyenvien"), apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "baotinh.baocao")
		baotinh := env.Unit(t, "BAOTINH")
		var f press.Feed
		board.do(t, "POST", "/api/v1/feeds", map[string]any{"url": topicFeed(t).URL + "/rss", "outlet": "Báo tỉnh", "unit_id": 999999}).want(t, http.StatusUnprocessableEntity)
		board.do(t, "POST", "/api/v1/feeds", map[string]any{"url": topicFeed(t).URL + "/rss", "outlet": "Báo tỉnh", "unit_id": baotinh.ID}).
			want(t, http.StatusCreated).decode(t, &f)
		if f.UnitID != baotinh.ID {
			t.Fatalf("feed %+v", f)
		}
		board.do(t, "POST", path("/api/v1/feeds/%d/poll", f.ID), nil).want(t, http.StatusOK)

		var c topicCountsJSON
		board.do(t, "GET", "/api/v1/press-topics/counts?from=2020-01-01&to=2020-12-31", nil).want(t, http.StatusOK).decode(t, &c)
		for _, tc := range []struct {
			topic, unit     string
			monitored       int
			reported, diffv float64
		}{{"epidemic", "BAOTINH", 2, 312, -310}, {"flood", "BAOTINH", 1, 24, -23}, {"congress", "BAOTINH", 0, 148, -148}, {"epidemic", "DPTTH", 0, 428, -428}} {
			x := c.cell(t, tc.topic, tc.unit)
			if x.Monitored != tc.monitored || x.Reported == nil || *x.Reported != tc.reported || *x.Difference != tc.diffv {
				t.Errorf("%s/%s: %+v", tc.topic, tc.unit, x)
			}
		}
		if x := c.cell(t, "epidemic", "VOV-MT"); x.Monitored != 0 || x.Reported != nil {
			t.Errorf("VOV: %+v", x)
		}
		if len(c.Rows) != 3 || len(c.Rows[0].ReportedPeriods) != 1 || c.Rows[0].ReportedPeriods[0] != "2020-H1" {
			t.Errorf("rows %+v", c.Rows)
		}
		// The newspaper sees its own column, another unit none.
		var own topicCountsJSON
		bao.do(t, "GET", "/api/v1/press-topics/counts?from=2020-01-01&to=2020-12-31", nil).want(t, http.StatusOK).decode(t, &own)
		if len(own.Units) != 1 || own.cell(t, "epidemic", "BAOTINH").Monitored != 2 {
			t.Errorf("own counts %+v", own)
		}
		unit.do(t, "GET", "/api/v1/press-topics/counts?from=2020-01-01&to=2020-12-31", nil).want(t, http.StatusOK).decode(t, &own)
		if len(own.Units) != 0 {
			t.Errorf("SGDDT sees %+v", own.Units)
		}
		board.do(t, "GET", "/api/v1/press-topics/counts?from=01/01/2020", nil).want(t, http.StatusUnprocessableEntity)

		// A topic of the first half only, with a phrase typed without accents.
		var tp press.Topic
		in := map[string]any{"code": "covid-h1", "title": "Phòng dịch 6 tháng đầu năm", "phrases": "phong chong dich",
			"period_from": "2020-01-01", "period_to": "2020-06-30", "regime_id": c.Rows[0].Topic.RegimeID, "indicator": "articles", "option": "epidemic"}
		unit.do(t, "POST", "/api/v1/press-topics", in).want(t, http.StatusForbidden)
		board.do(t, "POST", "/api/v1/press-topics", in).want(t, http.StatusCreated).decode(t, &tp)
		board.do(t, "POST", "/api/v1/press-topics", in).want(t, http.StatusUnprocessableEntity)
		board.do(t, "GET", path("/api/v1/press-topics/counts?topic_id=%d", tp.ID), nil).want(t, http.StatusOK).decode(t, &c)
		if x := c.cell(t, "covid-h1", "BAOTINH"); x.Monitored != 2 || x.Reported == nil || *x.Reported != 312 {
			t.Errorf("first-half topic: %+v", x)
		}
		board.do(t, "PATCH", path("/api/v1/press-topics/%d", tp.ID), map[string]any{"title": "x"}).want(t, http.StatusUnprocessableEntity) // no version
		bao.do(t, "PATCH", path("/api/v1/press-topics/%d", tp.ID), map[string]any{"version": 1, "title": "x"}).want(t, http.StatusForbidden)
		r := board.do(t, "PATCH", path("/api/v1/press-topics/%d", tp.ID), map[string]any{"active": false}, "If-Match", `"1"`).want(t, http.StatusOK)
		r.decode(t, &tp)
		if tp.Active || tp.Version != 2 || tp.Phrases != "phong chong dich" {
			t.Errorf("patched %+v", tp)
		}
		board.do(t, "PATCH", path("/api/v1/press-topics/%d", tp.ID), map[string]any{"version": 1, "active": true}).want(t, http.StatusConflict)
		var l listJSON[press.Topic]
		bao.do(t, "GET", "/api/v1/press-topics?active=1", nil).want(t, http.StatusOK).decode(t, &l)
		if len(l.Items) != 3 {
			t.Errorf("%d active topics, want the demo's 3", len(l.Items))
		}
		if g := bao.do(t, "GET", path("/api/v1/press-topics/%d", tp.ID), nil).want(t, http.StatusOK); g.Header.Get("ETag") != `"2"` {
			t.Errorf("ETag %q", g.Header.Get("ETag"))
		}
		topicPages(t, env, tp)
	})
}

// topicPages: the monitoring table and the Board's form on /press/topics.
func topicPages(t *testing.T, env *webtest.Env, tp press.Topic) {
	ui, rep := uiClient(t, env, "chuyenvien"), uiClient(t, env, "baotinh.baocao")
	page(t, ui.do(t, "GET", "/press/topics", nil), http.StatusOK, `id="topic-counts"`, "Giám sát: 2 bài", "Báo cáo: 312", "Chênh lệch: −310",
		"Báo cáo: 428", `id="topic-form"`, `href="/press/topics"`, "01/01/2020 – 31/12/2020")
	page(t, ui.do(t, "GET", "/press/topics?from=01/07/2020&to=31/12/2020", nil), http.StatusOK, "Giám sát: 1 bài")
	r := ui.form(t, "/press/topics", url.Values{"code": {"dịch"}, "title": {""}, "phrases": {""}, "period_from": {"32/13/2020"}})
	page(t, r, http.StatusUnprocessableEntity, "Ngày theo dạng dd/mm/yyyy.")
	r = ui.form(t, "/press/topics", url.Values{"code": {"dịch"}, "title": {""}, "phrases": {""}, "period_from": {"01/01/2021"}, "period_to": {"31/12/2021"}})
	page(t, r, http.StatusUnprocessableEntity, "Mã chủ đề là bắt buộc", "Tên chủ đề là bắt buộc.")
	link := fmt.Sprintf("%d|articles|congress", tp.RegimeID)
	r = ui.form(t, "/press/topics", url.Values{"code": {"congress-2021"}, "title": {"Bầu cử đại biểu Quốc hội"}, "phrases": {"bầu cử\nđại hội Đảng"},
		"period_from": {"01/01/2021"}, "period_to": {"31/05/2021"}, "link": {link}})
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/press/topics?done=added" {
		t.Fatalf("create: %d %.300s", r.Status, r.Body)
	}
	page(t, ui.do(t, "GET", "/press/topics?from=01/01/2021&to=31/12/2021&done=added", nil), http.StatusOK, "Đã thêm chủ đề định hướng.", "Bầu cử đại biểu Quốc hội")
	body := page(t, ui.do(t, "GET", path("/press/topics/%d/edit", tp.ID), nil), http.StatusOK, `action="/press/topics/`, `name="version" value="2"`, "30/06/2020")
	if strings.Contains(body, `name="active" value="1" checked`) {
		t.Error("the inactive topic is shown as monitored")
	}
	edit := url.Values{"version": {"2"}, "code": {tp.Code}, "title": {"Phòng dịch nửa đầu năm"}, "phrases": {tp.Phrases},
		"period_from": {"01/01/2020"}, "period_to": {"30/06/2020"}, "active": {"1"}}
	r = ui.form(t, path("/press/topics/%d/edit", tp.ID), edit)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d %.300s", r.Status, r.Body)
	}
	page(t, ui.form(t, path("/press/topics/%d/edit", tp.ID), edit), http.StatusConflict, "Phòng dịch nửa đầu năm", `name="version" value="3"`)
	body = page(t, rep.do(t, "GET", "/press/topics?from=01/01/2020&to=31/12/2020", nil), http.StatusOK, "Giám sát: 2 bài")
	if strings.Contains(body, `id="topic-form"`) || strings.Contains(body, "Báo cáo: 428") {
		t.Error("the newspaper sees the Board's form or another agency's figures")
	}
	page(t, rep.do(t, "GET", path("/press/topics/%d/edit", tp.ID), nil), http.StatusForbidden)
	page(t, rep.form(t, "/press/topics", url.Values{"code": {"x"}}), http.StatusForbidden)
}
