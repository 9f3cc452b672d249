package web_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// forEachDialectAt is forEachDialect with the server's clock starting at start.
func forEachDialectAt(t *testing.T, start time.Time, fn func(t *testing.T, env *webtest.Env)) {
	t.Helper()
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			env := webtest.NewAt(t, d, start)
			clearTasks(t, env) // the demo conference's tasks would blur what these tests count
			fn(t, env)
		})
	}
}

// taskIDs lists the ids a GET /api/v1/tasks answers.
func taskIDs(t *testing.T, c *client, query string) []int64 {
	t.Helper()
	var l listJSON[task.Task]
	c.do(t, "GET", "/api/v1/tasks"+query, nil).want(t, http.StatusOK).decode(t, &l)
	var ids []int64
	for _, it := range l.Items {
		ids = append(ids, it.ID)
	}
	if l.Total != len(ids) {
		t.Errorf("%s: total %d for %d items", query, l.Total, len(ids))
	}
	return ids
}

// TestTasksAPI follows a key task from the Board's assignment through
// progress, a missed deadline (the clock moves past it), an extension, a
// completion sent back, and the confirmation; with the refusals on the way.
func TestTasksAPI(t *testing.T) {
	forEachDialectAt(t, time.Date(2020, time.June, 15, 9, 0, 0, 0, vntext.Location), func(t *testing.T, env *webtest.Env) {
		board, boss := apiClient(t, env, "chuyenvien"), apiClient(t, env, "lanhdao")
		rep, head := apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "sgddt.lanhdao")
		supporter, outsider := apiClient(t, env, "syt.baocao"), apiClient(t, env, "skhcn.baocao")
		sgddt, syt := env.Unit(t, "SGDDT"), env.Unit(t, "SYT")

		wantFields(t, board.do(t, "POST", "/api/v1/tasks", map[string]any{"due": "2020-02-30", "origin": "conclusion"}), "title", "lead_unit_id", "due", "origin")
		rep.do(t, "POST", "/api/v1/tasks", map[string]any{"title": "Tự giao", "lead_unit_id": sgddt.ID}).want(t, http.StatusForbidden).errorBody(t)
		var tk task.Task
		board.do(t, "POST", "/api/v1/tasks", map[string]any{"title": "Tổ chức tuyên truyền phòng, chống dịch COVID-19 trong trường học",
			"lead_unit_id": sgddt.ID, "support_unit_ids": []int64{syt.ID}, "due": "2020-06-30", "key": true}).want(t, http.StatusCreated).decode(t, &tk)
		if tk.Status != task.InProgress || tk.StatusLabel != "Đang thực hiện trong hạn" || tk.DaysLeft == nil || *tk.DaysLeft != 11 || !tk.Key {
			t.Errorf("created %+v (days left %v), want in progress with 11 working days left", tk, tk.DaysLeft)
		}
		id := tk.ID
		p := path("/api/v1/tasks/%d", id)

		// Lists and filters: the lead and the supporter see it, an outsider does not.
		for _, q := range []string{"", "?status=in_progress", "?key=true", "?q=phong+chong+dich", "?due_before=2020-06-30", path("?unit_id=%d", syt.ID)} {
			if ids := taskIDs(t, board, q); !slices.Equal(ids, []int64{id}) {
				t.Errorf("board %q lists %v, want [%d]", q, ids, id)
			}
		}
		for _, q := range []string{"?status=overdue", "?key=false", "?due_before=2020-06-29", "?q=moi+truong", "?meeting_id=7"} {
			if ids := taskIDs(t, board, q); len(ids) != 0 {
				t.Errorf("board %q lists %v, want none", q, ids)
			}
		}
		wantFields(t, board.do(t, "GET", "/api/v1/tasks?status=late&due_before=30-06&unit_id=x", nil), "status", "due_before", "unit_id")
		if ids := taskIDs(t, supporter, ""); !slices.Equal(ids, []int64{id}) {
			t.Errorf("the supporting unit lists %v", ids)
		}
		if ids := taskIDs(t, outsider, ""); len(ids) != 0 {
			t.Errorf("an outsider lists %v", ids)
		}
		outsider.do(t, "GET", path("/api/v1/tasks?unit_id=%d", sgddt.ID), nil).want(t, http.StatusForbidden)
		outsider.do(t, "GET", p, nil).want(t, http.StatusForbidden).errorBody(t)
		supporter.do(t, "GET", p, nil).want(t, http.StatusOK)

		// Progress: the lead unit only, under its version.
		supporter.do(t, "POST", p+"/progress", map[string]any{"version": 1, "percent": 30}).want(t, http.StatusForbidden)
		wantFields(t, rep.do(t, "POST", p+"/progress", map[string]any{"note": "x"}), "percent", "version")
		wantFields(t, rep.do(t, "POST", p+"/progress", map[string]any{"version": 1, "percent": 130}), "percent")
		rep.do(t, "POST", p+"/progress", map[string]any{"version": 1, "percent": 30, "note": "Đã ban hành kế hoạch"}).want(t, http.StatusOK).decode(t, &tk)
		r := head.do(t, "POST", p+"/progress", map[string]any{"percent": 50}, "If-Match", `"1"`).want(t, http.StatusConflict)
		var cur struct{ Current task.Task }
		if err := json.Unmarshal(r.errorBody(t).Error.Detail, &cur); err != nil || cur.Current.Version != 2 || cur.Current.Progress != 30 || cur.Current.Status != task.InProgress {
			t.Errorf("409 carries %s (%v), want the current task at version 2, 30 %%", r.errorBody(t).Error.Detail, err)
		}

		// The clock passes the deadline: the task turns overdue in the lists.
		env.Clock.Set(time.Date(2020, time.July, 1, 8, 0, 0, 0, vntext.Location))
		if ids := taskIDs(t, board, "?status=overdue"); !slices.Equal(ids, []int64{id}) {
			t.Errorf("after 30/06 ?status=overdue lists %v, want [%d]", ids, id)
		}
		if ids := taskIDs(t, rep, "?status=in_progress"); len(ids) != 0 {
			t.Errorf("after 30/06 ?status=in_progress lists %v", ids)
		}
		board.do(t, "GET", p, nil).want(t, http.StatusOK).decode(t, &tk)
		if tk.Status != task.Overdue || tk.StatusLabel != "Đang thực hiện quá hạn" || tk.DaysLeft == nil || *tk.DaysLeft != -1 {
			t.Errorf("on 01/07: %s %q, days left %v", tk.Status, tk.StatusLabel, tk.DaysLeft)
		}

		// Extension: asked by the lead unit, approved by the Board.
		wantFields(t, head.do(t, "POST", p+"/extension", map[string]any{"requested_due": "15/13/2020"}), "requested_due", "reason")
		supporter.do(t, "POST", p+"/extension", map[string]any{"requested_due": "2020-07-15", "reason": "Chờ"}).want(t, http.StatusForbidden)
		var x task.Extension
		head.do(t, "POST", p+"/extension", map[string]any{"requested_due": "2020-07-15", "reason": "Chờ tài liệu của Bộ Y tế"}).want(t, http.StatusCreated).decode(t, &x)
		head.do(t, "POST", p+"/extension", map[string]any{"requested_due": "2020-07-20", "reason": "Lần nữa"}).want(t, http.StatusConflict)
		ext := path("%s/extension/%d", p, x.ID)
		rep.do(t, "POST", ext, map[string]any{"approve": true}).want(t, http.StatusForbidden)
		wantFields(t, boss.do(t, "POST", ext, map[string]any{"note": "?"}), "approve")
		boss.do(t, "POST", ext, map[string]any{"approve": true, "note": "Đồng ý"}).want(t, http.StatusOK).decode(t, &tk)
		if tk.Status != task.InProgress || tk.Due.String() != "2020-07-15" {
			t.Errorf("after approval: %s due %s", tk.Status, tk.Due)
		}
		boss.do(t, "POST", ext, map[string]any{"approve": false}).want(t, http.StatusConflict)
		if ids := taskIDs(t, board, "?status=overdue"); len(ids) != 0 {
			t.Errorf("after the extension ?status=overdue lists %v", ids)
		}

		// Completion: reported, sent back, reported again, confirmed.
		wantFields(t, rep.do(t, "POST", p+"/complete", map[string]any{"version": tk.Version, "done_on": "hôm qua"}), "done_on", "evidence")
		rep.do(t, "POST", p+"/complete", map[string]any{"version": tk.Version, "done_on": "2020-06-30", "evidence": "Kế hoạch 45-KH/SGDĐT"}).want(t, http.StatusOK).decode(t, &tk)
		if ids := taskIDs(t, board, "?status=awaiting_confirmation"); !slices.Equal(ids, []int64{id}) {
			t.Errorf("awaiting lists %v", ids)
		}
		rep.do(t, "POST", p+"/confirm", nil).want(t, http.StatusForbidden)
		wantFields(t, board.do(t, "POST", p+"/reject", map[string]any{"reason": " "}), "reason")
		board.do(t, "POST", p+"/reject", map[string]any{"reason": "Chưa gửi danh sách trường đã triển khai"}).want(t, http.StatusOK).decode(t, &tk)
		if tk.Status != task.InProgress || tk.Completion != task.Rejected {
			t.Errorf("after reject: %+v", tk)
		}
		rep.do(t, "POST", p+"/complete", map[string]any{"version": tk.Version, "done_on": "2020-07-01", "evidence": "Kế hoạch và danh sách 120 trường"}).want(t, http.StatusOK).decode(t, &tk)
		board.do(t, "POST", p+"/confirm", map[string]any{"version": tk.Version - 1}).want(t, http.StatusConflict)
		board.do(t, "POST", p+"/confirm", map[string]any{"version": tk.Version}).want(t, http.StatusOK).decode(t, &tk)
		if tk.Status != task.DoneOnTime || tk.StatusLabel != "Hoàn thành đúng hạn" {
			t.Errorf("done 01/07 for 15/07: %s %q", tk.Status, tk.StatusLabel)
		}

		// History, scorecard, audit.
		board.do(t, "GET", p, nil).want(t, http.StatusOK).decode(t, &tk)
		if len(tk.Events) != 8 || len(tk.Extensions) != 1 || tk.Extensions[0].Status != "approved" {
			t.Errorf("history of %d events, extensions %+v", len(tk.Events), tk.Extensions)
		}
		var sc listJSON[struct {
			UnitID   int64          `json:"unit_id"`
			UnitName string         `json:"unit_name"`
			Counts   map[string]int `json:"counts"`
			Total    int            `json:"total"`
		}]
		supporter.do(t, "GET", "/api/v1/tasks/scorecard?key=true", nil).want(t, http.StatusOK).decode(t, &sc)
		if len(sc.Items) != 1 || sc.Items[0].UnitName != "Sở Giáo dục và Đào tạo" || sc.Items[0].Counts["done_on_time"] != 1 ||
			sc.Items[0].Total != 1 || len(sc.Items[0].Counts) != len(task.Statuses) {
			t.Errorf("scorecard %+v", sc)
		}
		var a listJSON[auditJSON]
		boss.do(t, "GET", path("/api/v1/audit?entity=task&entity_id=%d&limit=100", id), nil).want(t, http.StatusOK).decode(t, &a)
		var actions []string
		for _, e := range a.Items {
			actions = append(actions, e.Action)
		}
		for _, want := range []string{"create", "task_progress", "task_extension_request", "task_extension_approved", "task_complete", "task_reject", "task_confirm"} {
			if !slices.Contains(actions, want) {
				t.Errorf("audit of the task lacks %s: %v", want, actions)
			}
		}
	})
}
