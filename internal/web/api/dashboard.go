package api

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// dashboardRoutes are the role dashboards as JSON.
func (a *api) dashboardRoutes() []Route {
	return []Route{{Method: "GET", Path: "/dashboard", Handler: a.getDashboard}}
}

// getDashboard answers GET /dashboard?view=: the caller's dashboard (the
// role's default view, or another the caller may open), counted now.
func (a *api) getDashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d, err := a.Dashboard.Build(ctx, httpx.Actor(ctx), dashboard.View(r.URL.Query().Get("view")), httpx.Lang(ctx))
	if err != nil {
		return err
	}
	return ok(w, d)
}

func init() {
	operations["GET /dashboard"] = op{summary: "Bảng điều khiển theo vai trò, tính tại thời điểm gọi: lãnh đạo Ban (view=leader), chuyên viên Ban (view=specialist), " +
		"đơn vị (view=unit; mặc định theo vai trò). Mỗi số kèm link là danh sách mà số đó đếm; 403 khi xin bảng của vai trò khác",
		query: []string{"view"}, resp: "Dashboard", status: "200"}
}

func dashboardSchemaSet() map[string]any {
	color := enum([]any{"", "ok", "warn", "bad", "info", "muted", "accent"})
	cell := obj(map[string]any{"value": integer(), "link": str()}, "value")
	row := obj(map[string]any{"key": str(), "label": str(), "sub": str(), "link": str(), "color": color, "cells": arrayOf(cell)}, "key", "label", "cells")
	item := obj(map[string]any{"kind": enum([]any{"report", "task", "press_case", "directive"}), "label": str(), "sub": str(), "link": str(),
		"status": str(), "class": str(), "date": date(), "working_days": integer(), "date_note": str(), "late": boolean()}, "kind", "label", "link")
	column := obj(map[string]any{"key": str(), "label": str(), "color": color, "plot": boolean(), "percent": boolean()}, "key", "label")
	widget := obj(map[string]any{"key": str(), "title": str(), "note": str(), "chart": enum([]any{"", "bar", "grouped", "doughnut"}),
		"columns": arrayOf(column), "rows": arrayOf(row), "total": row, "items": arrayOf(item), "items_title": str(), "more": str(), "empty": str()},
		"key", "title", "chart", "columns", "rows")
	views := enum([]any{"leader", "specialist", "unit"})
	return map[string]any{
		"Dashboard": obj(map[string]any{"view": views, "views": arrayOf(views), "today": date(), "week_end": date(),
			"unit_id": integer(), "unit_name": str(), "widgets": arrayOf(widget)}, "view", "views", "today", "widgets"),
	}
}
