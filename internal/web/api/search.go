package api

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// searchRoutes is the one search over every module.
func (a *api) searchRoutes() []Route {
	return []Route{{Method: "GET", Path: "/search", Handler: a.search}}
}

// searchQuery reads q, type, unit_id, from, to, limit and offset.
func searchQuery(r *http.Request) (search.Query, error) {
	q := r.URL.Query()
	in := search.Query{Q: q.Get("q"), Kind: search.Kind(q.Get("type"))}
	for name, dst := range map[string]*civil.Date{"from": &in.From, "to": &in.To} {
		if s := q.Get(name); s != "" {
			d, err := parseDateField(name, s)
			if err != nil {
				return in, err
			}
			*dst = d
		}
	}
	unit, err := httpx.QueryInt(r, "unit_id", 0)
	if err != nil {
		return in, err
	}
	limit, err := httpx.QueryInt(r, "limit", 20)
	if err != nil {
		return in, err
	}
	offset, err := httpx.QueryInt(r, "offset", 0)
	if err != nil {
		return in, err
	}
	in.UnitID, in.Limit, in.Offset = unit, int(limit), int(offset)
	return in, nil
}

func (a *api) search(w http.ResponseWriter, r *http.Request) error {
	in, err := searchQuery(r)
	if err != nil {
		return err
	}
	res, err := a.Search.Search(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	return ok(w, res)
}

func init() {
	operations["GET /search"] = op{summary: "Tìm kiếm chung trên đơn vị, người dùng, báo cáo, hội nghị, biên bản, thông báo kết luận, nhiệm vụ, " +
		"vụ việc báo chí, bài báo theo dõi, văn bản chỉ đạo, trao đổi và lớp đào tạo: gõ có dấu hay không dấu đều được, mọi từ phải có; " +
		"chỉ trả về những gì người gọi được xem trên các trang. type: unit, user, report, conference, minutes, conclusion, task, press_case, " +
		"feed_item, directive, message, course; from, to yyyy-mm-dd (ngày của mục); title_html, snippet_html: HTML đã thoát ký tự, từ khớp trong <mark>; " +
		"more = true: có nhiều kết quả hơn số được xếp hạng (total là cận dưới), hãy thêm từ hoặc bộ lọc",
		query: []string{"q", "type", "unit_id", "from", "to", "limit", "offset"}, resp: "SearchResult", status: "200"}
}

func searchSchemaSet() map[string]any {
	kinds := make([]any, 0, len(search.Kinds()))
	for _, k := range search.Kinds() {
		kinds = append(kinds, string(k))
	}
	hit := obj(map[string]any{"type": enum(kinds), "type_label": str(), "id": integer(), "title": str(), "title_html": str(),
		"snippet_html": str(), "url": str(), "unit_id": integer(), "date": date(), "status": str(), "score": map[string]any{"type": "number"}})
	facet := obj(map[string]any{"type": enum(kinds), "label": str(), "count": integer()})
	return map[string]any{
		"SearchHit":   hit,
		"SearchFacet": facet,
		"SearchResult": obj(map[string]any{"q": str(), "terms": arrayOf(str()), "items": arrayOf(ref("SearchHit")),
			"total": integer(), "more": boolean(), "facets": arrayOf(ref("SearchFacet")), "limit": integer(), "offset": integer()}),
	}
}
