package api

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// pressRoutes are the press-case endpoints (thông tin báo chí phản ánh).
func (a *api) pressRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/press-cases", Handler: a.listPressCases},
		{Method: "POST", Path: "/press-cases", Handler: a.createPressCase},
		{Method: "GET", Path: "/press-cases/stats", Handler: a.pressStats},
		{Method: "GET", Path: "/press-cases/{id}", Handler: a.getPressCase},
		{Method: "PATCH", Path: "/press-cases/{id}", Handler: a.patchPressCase},
		{Method: "POST", Path: "/press-cases/{id}/assign", Handler: a.pressStep("assign")},
		{Method: "POST", Path: "/press-cases/{id}/answer", Handler: a.pressStep("answer")},
		{Method: "POST", Path: "/press-cases/{id}/review", Handler: a.pressStep("review")},
		{Method: "POST", Path: "/press-cases/{id}/close", Handler: a.pressStep("close")},
		{Method: "POST", Path: "/press-cases/{id}/reopen", Handler: a.pressStep("reopen")},
		{Method: "GET", Path: "/press-routes", Handler: a.getPressRoutes},
		{Method: "PUT", Path: "/press-routes", Handler: a.putPressRoutes},
	}
}

func (a *api) listPressCases(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := httpx.QueryInt(r, "limit", 100)
	if err != nil {
		return err
	}
	offset, err := httpx.QueryInt(r, "offset", 0)
	if err != nil {
		return err
	}
	unitID, err := httpx.QueryInt(r, "unit_id", 0)
	if err != nil {
		return err
	}
	f := press.Filter{Status: press.Status(q.Get("status")), Field: press.Field(q.Get("field")), Q: q.Get("q"), UnitID: unitID,
		Limit: int(limit), Offset: int(offset)}
	items, total, err := a.Press.List(r.Context(), httpx.Actor(r.Context()), f)
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": items, "total": total})
}

func (a *api) createPressCase(w http.ResponseWriter, r *http.Request) error {
	var in press.Case
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Press.Create(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/press-cases/"+strconv.FormatInt(out.ID, 10))
	return created(w, out)
}

func (a *api) getPressCase(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := a.Press.Find(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(c.Version)))
	return ok(w, c)
}

// patchPressCase takes the registered fields to change over the stored case.
func (a *api) patchPressCase(w http.ResponseWriter, r *http.Request) error {
	return patchOver(w, r, press.CanManage, a.Press.Find, func(c *press.Case) *int { return &c.Version }, a.Press.Update)
}

// pressStepInput is the body of every step; each step reads its fields.
type pressStepInput struct {
	Version    int    `json:"version"`
	LeadUnitID int64  `json:"lead_unit_id"`
	Answer     string `json:"answer"`
	Accept     *bool  `json:"accept"`
	Note       string `json:"note"`
	Feedback   string `json:"feedback"`
}

func (a *api) pressStep(step string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		var in pressStepInput
		if err := httpx.DecodeJSON(w, r, &in); err != nil {
			return err
		}
		ifMatch(r, &in.Version)
		ctx, actor := r.Context(), httpx.Actor(r.Context())
		var out press.Case
		switch step {
		case "assign":
			out, err = a.Press.Assign(ctx, actor, id, in.Version, in.LeadUnitID, in.Note)
		case "answer":
			out, err = a.Press.Answer(ctx, actor, id, in.Version, in.Answer)
		case "review":
			if in.Accept == nil {
				return apperr.InvalidField("accept", "Chọn chấp nhận (true) hoặc trả lại (false).", "Say accept (true) or send back (false).")
			}
			out, err = a.Press.Review(ctx, actor, id, in.Version, *in.Accept, in.Note)
		case "close":
			out, err = a.Press.Close(ctx, actor, id, in.Version, in.Feedback)
		case "reopen":
			out, err = a.Press.Reopen(ctx, actor, id, in.Version, in.Note)
		}
		if err != nil {
			return err
		}
		return ok(w, out)
	}
}

// pressStats answers GET /press-cases/stats?from=&to=&by=field|unit.
func (a *api) pressStats(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var from, to civil.Date
	for name, dst := range map[string]*civil.Date{"from": &from, "to": &to} {
		if s := q.Get(name); s != "" {
			d, err := civil.Parse(s)
			if err != nil {
				return apperr.InvalidField(name, "Ngày theo dạng yyyy-mm-dd.", "Use yyyy-mm-dd.")
			}
			*dst = d
		}
	}
	by := q.Get("by")
	if by == "" {
		by = "field"
	}
	rows, err := a.Press.Stats(r.Context(), httpx.Actor(r.Context()), from, to, by)
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"by": by, "rows": rows})
}

func (a *api) getPressRoutes(w http.ResponseWriter, r *http.Request) error {
	rt, err := a.Press.Routing(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, rt)
}

func (a *api) putPressRoutes(w http.ResponseWriter, r *http.Request) error {
	var in press.Routing
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Press.SetRouting(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func init() {
	for k, v := range map[string]op{
		"GET /press-cases":              {summary: "Thông tin báo chí phản ánh (Ban: tất cả; đơn vị: vụ việc mình chủ trì)", query: []string{"status", "field", "q", "unit_id", "limit", "offset"}, resp: "PressCaseList", status: "200"},
		"POST /press-cases":             {summary: "Tiếp nhận bài báo (Ban); trùng đường dẫn chuẩn hóa: 422 trên url, nêu vụ việc đã có", body: "PressCaseInput", resp: "PressCase", status: "201"},
		"GET /press-cases/stats":        {summary: "Số liệu: tiếp nhận, trả lời đúng hạn, quá hạn, đang xử lý (by=field|unit; from, to yyyy-mm-dd)", query: []string{"from", "to", "by"}, resp: "PressStats", status: "200"},
		"GET /press-cases/{id}":         {summary: "Một vụ việc với lịch sử các bước (ETag: version)", resp: "PressCase", status: "200"},
		"PATCH /press-cases/{id}":       {summary: "Sửa thông tin tiếp nhận (Ban; cần version; 409 khi đã đổi)", body: "PressCaseInput", resp: "PressCase", status: "200"},
		"POST /press-cases/{id}/assign": {summary: "Giao đơn vị chủ trì (lead_unit_id, bỏ trống: theo quy tắc phân công); hạn = N ngày làm việc; tạo nhiệm vụ trong cùng giao dịch", body: "PressStep", resp: "PressCase", status: "200"},
		"POST /press-cases/{id}/answer": {summary: "Đơn vị chủ trì trả lời (answer)", body: "PressStep", resp: "PressCase", status: "200"},
		"POST /press-cases/{id}/review": {summary: "Ban thẩm định: accept=true chấp nhận, false trả lại kèm note", body: "PressStep", resp: "PressCase", status: "200"},
		"POST /press-cases/{id}/close":  {summary: "Kết thúc: ghi cách phản hồi cơ quan báo chí (feedback)", body: "PressStep", resp: "PressCase", status: "200"},
		"POST /press-cases/{id}/reopen": {summary: "Mở lại khi báo phản ánh tiếp: vòng xử lý mới, giữ lịch sử", body: "PressStep", resp: "PressCase", status: "200"},
		"GET /press-routes":             {summary: "Quy tắc phân công theo lĩnh vực, địa bàn và số ngày làm việc trả lời", resp: "PressRouting", status: "200"},
		"PUT /press-routes":             {summary: "Thay toàn bộ quy tắc phân công (Ban)", body: "PressRouting", resp: "PressRouting", status: "200"},
	} {
		operations[k] = v
	}
}

func pressSchemaSet() map[string]any {
	fields := []any{"environment", "health", "education", "science", "labour", "other"}
	input := map[string]any{"outlet": str(), "url": str(), "title": str(), "published_at": date(), "summary": str(),
		"field": enum(fields), "locality_code": str(), "public_interest": boolean(), "version": integer()}
	full := map[string]any{"id": integer(), "canonical_url": str(), "status": enum([]any{"received", "assigned", "answered", "reviewed", "closed"}),
		"status_label": str(), "round": integer(), "lead_unit_id": integer(), "due": date(), "answer": str(),
		"answered_at": map[string]any{"type": []any{"string", "null"}, "format": "date-time"}, "review_note": str(), "feedback": str(),
		"task_id": integer(), "late": boolean(), "created_by": str(), "created_at": datetime(), "updated_at": datetime(),
		"events": arrayOf(obj(map[string]any{"id": integer(), "round": integer(), "kind": str(), "note": str(), "unit_id": integer(),
			"due": date(), "actor": str(), "at": datetime()}))}
	for k, v := range input {
		full[k] = v
	}
	rule := obj(map[string]any{"field": str(), "locality_code": str(), "unit_id": integer()}, "unit_id")
	return map[string]any{
		"PressCase":      obj(full),
		"PressCaseInput": obj(input, "outlet", "url", "title", "field"),
		"PressCaseList":  list("PressCase"),
		"PressStep": obj(map[string]any{"version": integer(), "lead_unit_id": integer(), "answer": str(), "accept": boolean(),
			"note": str(), "feedback": str()}),
		"PressStats": obj(map[string]any{"by": str(), "rows": arrayOf(obj(map[string]any{"key": str(), "received": integer(),
			"answered_on_time": integer(), "answered_late": integer(), "open": integer()}))}),
		"PressRouting": obj(map[string]any{"rules": arrayOf(rule), "days": map[string]any{"type": "object", "additionalProperties": integer()}}),
	}
}
