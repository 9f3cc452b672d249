package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// pressTopicRoutes are the propaganda orientation topics and their
// monitoring: articles per topic and agency beside what the agencies reported.
func (a *api) pressTopicRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/press-topics", Handler: a.listPressTopics},
		{Method: "POST", Path: "/press-topics", Handler: a.createPressTopic},
		{Method: "GET", Path: "/press-topics/counts", Handler: a.pressTopicCounts},
		{Method: "GET", Path: "/press-topics/{id}", Handler: a.getPressTopic},
		{Method: "PATCH", Path: "/press-topics/{id}", Handler: a.patchPressTopic},
	}
}

func (a *api) listPressTopics(w http.ResponseWriter, r *http.Request) error {
	active := r.URL.Query().Get("active")
	items, err := a.Press.Topics(r.Context(), httpx.Actor(r.Context()), active == "1" || active == "true")
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": items, "total": len(items)})
}

func (a *api) createPressTopic(w http.ResponseWriter, r *http.Request) error {
	var in press.Topic
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Press.CreateTopic(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/press-topics/"+strconv.FormatInt(out.ID, 10))
	return created(w, out)
}

func (a *api) getPressTopic(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	t, err := a.Press.FindTopic(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(t.Version)))
	return ok(w, t)
}

// patchPressTopic takes the fields to change over the stored topic.
func (a *api) patchPressTopic(w http.ResponseWriter, r *http.Request) error {
	return patchOver(w, r, press.CanManage, a.Press.FindTopic, func(t *press.Topic) *int { return &t.Version }, a.Press.UpdateTopic)
}

// pressTopicCounts answers GET /press-topics/counts?from=&to=&topic_id=:
// the monitored articles per topic and agency, with the reported figures
// of each linked indicator read from the reporting module.
func (a *api) pressTopicCounts(w http.ResponseWriter, r *http.Request) error {
	q, err := topicQuery(r)
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), httpx.Actor(r.Context())
	c, err := a.Press.TopicCounts(ctx, actor, q)
	if err != nil {
		return err
	}
	if err := c.FillReported(ctx, a.reportedFor(actor)); err != nil {
		return err
	}
	return ok(w, c)
}

// reportedFor reads the figures the units reported, as the actor may see them.
func (a *api) reportedFor(actor org.Actor) press.ReportedFunc {
	return func(ctx context.Context, regimeID int64, indicator string, from, to civil.Date) (press.Reported, error) {
		v, err := a.Reporting.IndicatorValues(ctx, actor, regimeID, indicator, from, to)
		return press.Reported{Periods: v.Periods, Values: v.Values}, err
	}
}

// topicQuery reads from, to (yyyy-mm-dd) and topic_id (repeated or
// comma-separated).
func topicQuery(r *http.Request) (press.TopicQuery, error) {
	var q press.TopicQuery
	v := r.URL.Query()
	for name, dst := range map[string]*civil.Date{"from": &q.From, "to": &q.To} {
		if s := v.Get(name); s != "" {
			d, err := civil.Parse(s)
			if err != nil {
				return q, apperr.InvalidField(name, "Ngày theo dạng yyyy-mm-dd.", "Use yyyy-mm-dd.")
			}
			*dst = d
		}
	}
	for _, s := range v["topic_id"] {
		for _, p := range strings.Split(s, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
			if err != nil || id <= 0 {
				return q, apperr.InvalidField("topic_id", "Mã chủ đề không hợp lệ.", "Invalid topic id.")
			}
			q.IDs = append(q.IDs, id)
		}
	}
	return q, nil
}

func init() {
	for k, v := range map[string]op{
		"GET /press-topics":        {summary: "Chủ đề định hướng tuyên truyền cho báo chí theo kỳ (mọi người dùng; active=1: đang áp dụng)", query: []string{"active"}, resp: "PressTopicList", status: "200"},
		"POST /press-topics":       {summary: "Thêm chủ đề định hướng (Ban): mã, tên, cụm từ nhận diện (mỗi dòng một cụm, so khớp không dấu, nguyên từ), thời gian hoặc tên kỳ, chỉ tiêu báo cáo liên kết (regime_id, indicator, option); trùng mã trong cùng kỳ: 422 trên code", body: "PressTopicInput", resp: "PressTopic", status: "201"},
		"GET /press-topics/counts": {summary: "Giám sát theo chủ đề: số bài trên nguồn tin của từng cơ quan báo chí trong thời gian của chủ đề (cắt theo from, to yyyy-mm-dd; topic_id lặp lại hoặc phân cách dấu phẩy), bên cạnh số liệu cơ quan đã báo cáo (báo cáo đã gửi, đã tiếp nhận) của các kỳ kết thúc trong khoảng đó và chênh lệch; Ban xem tất cả, đơn vị chỉ xem của mình", query: []string{"from", "to", "topic_id"}, resp: "PressTopicCounts", status: "200"},
		"GET /press-topics/{id}":   {summary: "Một chủ đề định hướng (ETag: version)", resp: "PressTopic", status: "200"},
		"PATCH /press-topics/{id}": {summary: "Sửa chủ đề định hướng (Ban; cần version hoặc If-Match; 409 khi đã đổi, kèm bản hiện tại; regime_id: 0 bỏ liên kết; active: false ngừng theo dõi)", body: "PressTopicInput", resp: "PressTopic", status: "200"},
	} {
		operations[k] = v
	}
}

// topicSchemaSet documents the topics and their counts.
func topicSchemaSet() map[string]any {
	input := map[string]any{"code": str(), "title": str(), "phrases": str(), "period_from": date(), "period_to": date(),
		"period_label": str(), "regime_id": integer(), "indicator": str(), "option": str(), "active": boolean(), "version": integer()}
	full := map[string]any{"id": integer(), "created_at": datetime(), "updated_at": datetime()}
	for k, v := range input {
		full[k] = v
	}
	num := map[string]any{"type": []any{"number", "null"}}
	cell := obj(map[string]any{"unit_id": integer(), "monitored": integer(), "reported": num, "difference": num})
	row := obj(map[string]any{"topic": ref("PressTopic"), "from": date(), "to": date(), "reported_periods": arrayOf(str()),
		"cells": arrayOf(cell)})
	unit := obj(map[string]any{"id": integer(), "code": str(), "name": str(), "kind": str()})
	return map[string]any{
		"PressTopic":       obj(full),
		"PressTopicInput":  obj(input, "code", "title", "phrases"),
		"PressTopicList":   list("PressTopic"),
		"PressTopicCounts": obj(map[string]any{"from": date(), "to": date(), "units": arrayOf(unit), "topics": arrayOf(row)}),
	}
}
