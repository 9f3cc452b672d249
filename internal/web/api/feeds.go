package api

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// feedRoutes are the press-monitoring endpoints: feeds, watch rules and the
// triage queue of matching articles.
func (a *api) feedRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/feeds", Handler: a.listFeeds},
		{Method: "POST", Path: "/feeds", Handler: a.createFeed},
		{Method: "PATCH", Path: "/feeds/{id}", Handler: a.patchFeed},
		{Method: "POST", Path: "/feeds/{id}/poll", Handler: a.pollFeed},
		{Method: "GET", Path: "/watch-rules", Handler: a.listWatchRules},
		{Method: "POST", Path: "/watch-rules", Handler: a.createWatchRule},
		{Method: "GET", Path: "/press-triage", Handler: a.listTriage},
		{Method: "POST", Path: "/press-triage/{id}/case", Handler: a.triageToCase},
		{Method: "POST", Path: "/press-triage/{id}/dismiss", Handler: a.triageDismiss},
	}
}

func (a *api) listFeeds(w http.ResponseWriter, r *http.Request) error {
	items, err := a.Press.Feeds(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": items, "total": len(items)})
}

func (a *api) createFeed(w http.ResponseWriter, r *http.Request) error {
	var in press.Feed
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Press.CreateFeed(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/feeds/"+strconv.FormatInt(out.ID, 10))
	return created(w, out)
}

func (a *api) pollFeed(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if !press.CanManageFeeds(httpx.Actor(r.Context())) {
		return apperr.Forbidden()
	}
	res, err := a.Press.Poll(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, res)
}

func (a *api) listWatchRules(w http.ResponseWriter, r *http.Request) error {
	items, err := a.Press.WatchRules(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": items, "total": len(items)})
}

func (a *api) createWatchRule(w http.ResponseWriter, r *http.Request) error {
	var in press.WatchRule
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Press.CreateWatchRule(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	return created(w, out)
}

func (a *api) listTriage(w http.ResponseWriter, r *http.Request) error {
	limit, err := httpx.QueryInt(r, "limit", 200)
	if err != nil {
		return err
	}
	items, err := a.Press.Triage(r.Context(), httpx.Actor(r.Context()), r.URL.Query().Get("status"), int(limit))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": items, "total": len(items)})
}

func (a *api) triageToCase(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := a.Press.ItemToCase(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/press-cases/"+strconv.FormatInt(c.ID, 10))
	return created(w, c)
}

func (a *api) triageDismiss(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	it, err := a.Press.Dismiss(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	return ok(w, it)
}

func init() {
	for k, v := range map[string]op{
		"GET /feeds":                      {summary: "Nguồn tin (RSS/Atom) của các cơ quan báo chí, với lỗi gần nhất và cảnh báo sau nhiều lần lỗi liên tiếp (quản trị, chuyên viên Ban)", resp: "FeedList", status: "200"},
		"POST /feeds":                     {summary: "Thêm nguồn tin (url, outlet, charset khai báo nếu máy chủ khai sai); lấy tin ngay ở lượt kế tiếp", body: "FeedInput", resp: "Feed", status: "201"},
		"POST /feeds/{id}/poll":           {summary: "Lấy tin ngay: yêu cầu có điều kiện (If-None-Match, If-Modified-Since); 304 là không đổi; lỗi ghi vào nguồn tin và lùi lịch theo cấp số nhân", resp: "FeedPoll", status: "200"},
		"GET /watch-rules":                {summary: "Quy tắc theo dõi: cụm từ (mỗi dòng một cụm, so khớp không dấu, nguyên từ), lĩnh vực, theo địa danh", resp: "WatchRuleList", status: "200"},
		"POST /watch-rules":               {summary: "Thêm quy tắc theo dõi (quản trị, chuyên viên Ban)", body: "WatchRule", resp: "WatchRule", status: "201"},
		"GET /press-triage":               {summary: "Hàng chờ xem xét: bài báo khớp quy tắc, với vị trí các cụm từ khớp (status=new|case|dismissed)", query: []string{"status", "limit"}, resp: "FeedItemList", status: "200"},
		"POST /press-triage/{id}/case":    {summary: "Tiếp nhận bài báo thành vụ việc (đường dẫn, tiêu đề, ngày đăng); một bài báo chỉ một vụ việc: 409 hoặc 422 trên url", resp: "PressCase", status: "201"},
		"POST /press-triage/{id}/dismiss": {summary: "Bỏ qua bài báo trong hàng chờ", resp: "FeedItem", status: "200"},
	} {
		operations[k] = v
	}
}

func feedSchemaSet() map[string]any {
	ts := map[string]any{"type": []any{"string", "null"}, "format": "date-time"}
	feed := map[string]any{"id": integer(), "url": str(), "outlet": str(), "charset": str(), "etag": str(), "last_modified": str(),
		"next_poll_at": datetime(), "last_polled_at": ts, "failures": integer(), "last_error": str(), "alert": boolean(),
		"active": boolean(), "created_at": datetime(), "unit_id": integer()}
	feedSchema := obj(feed)
	match := obj(map[string]any{"rule_id": integer(), "rule_name": str(), "phrase": str(), "in": enum([]any{"title", "summary"}),
		"start": integer(), "end": integer()})
	item := obj(map[string]any{"id": integer(), "feed_id": integer(), "outlet": str(), "url": str(), "canonical_url": str(), "title": str(),
		"summary": str(), "published_at": ts, "fetched_at": datetime(), "matched_rules": arrayOf(integer()),
		"triage_status": enum([]any{"new", "case", "dismissed"}), "case_id": integer(), "matches": arrayOf(match)})
	return map[string]any{
		"Feed":      feedSchema,
		"FeedInput": obj(map[string]any{"url": str(), "outlet": str(), "charset": str(), "unit_id": integer()}, "url", "outlet"),
		"FeedPatch": obj(map[string]any{"outlet": str(), "charset": str(), "unit_id": integer(), "active": boolean()}),
		"FeedList":  list("Feed"),
		"FeedPoll": obj(map[string]any{"feed_id": integer(), "status": integer(), "not_modified": boolean(), "items": integer(),
			"new": integer(), "matched": integer(), "error": str(), "feed": ref("Feed")}),
		"WatchRule": obj(map[string]any{"id": integer(), "name": str(), "phrases": str(), "fields": str(),
			"use_place_names": boolean(), "active": boolean()}, "name"),
		"WatchRuleList": list("WatchRule"),
		"FeedItem":      item,
		"FeedItemList":  list("FeedItem"),
	}
}
