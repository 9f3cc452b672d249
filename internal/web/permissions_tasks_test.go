package web_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
)

var (
	taskAssigners  = statuses{201, 201, 201, 403, 403, 403} // the Board sets tasks
	taskRequesters = statuses{403, 403, 403, 201, 201, 403} // the lead unit's reporter and leader ask for more time
)

// matrixTask creates, through the service, a fresh task led by unit, due in
// 30 days, and brings it to a state: "" open, "awaiting" reported done,
// "extension" with a pending request. It returns the task and the request.
func matrixTask(t *testing.T, f *fixture, unit org.Unit, state string) (task.Task, task.Extension) {
	t.Helper()
	ctx, env := context.Background(), f.env
	today := civil.Of(env.Clock.Now(), vntext.Location)
	tk, err := env.Task.Create(ctx, system, task.New{Title: fmt.Sprintf("Nhiệm vụ thử quyền %d", f.next()), LeadUnitID: unit.ID, Due: today.AddDays(30)})
	if err != nil {
		t.Fatalf("matrix task: %v", err)
	}
	lead := org.Actor{UserID: 1, Username: "pm.lead", UnitID: unit.ID, Roles: []org.Role{org.RoleUnitReporter}}
	var x task.Extension
	switch state {
	case "awaiting":
		tk, err = env.Task.Complete(ctx, lead, tk.ID, tk.Version, today, "Đã hoàn thành")
	case "extension":
		x, err = env.Task.RequestExtension(ctx, lead, tk.ID, today.AddDays(60), "Cần thêm thời gian")
	}
	if err != nil {
		t.Fatalf("matrix task %s: %v", state, err)
	}
	return tk, x
}

// storedTask reads a task straight from the service.
func storedTask(t *testing.T, f *fixture, id int64) task.Task {
	t.Helper()
	tk, err := f.env.Task.Find(context.Background(), system, id)
	if err != nil {
		t.Fatalf("task %d: %v", id, err)
	}
	return tk
}

// taskRequest builds the matrix cells of the task routes: "own" is a task
// the caller's unit leads, "other" one led by SKHCN.
func taskRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	unit, _ := f.target(cl, scope)
	board := org.ActorFor(&cl.user, "").AllUnits()
	today := civil.Of(f.env.Clock.Now(), vntext.Location)
	switch key {
	case "GET /tasks":
		mine, _ := matrixTask(t, f, unit, "")
		p := "/tasks?limit=1000"
		if scope != "-" {
			p += fmt.Sprintf("&unit_id=%d", unit.ID)
		}
		return p, nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[task.Task]
			r.decode(t, &l)
			all, err := f.env.Task.List(context.Background(), system, task.Filter{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			if board && scope == "-" && l.Total != all.Total {
				t.Errorf("%s sees %d of %d tasks", cl.name, l.Total, all.Total)
			}
			found := false
			for _, it := range l.Items {
				found = found || it.ID == mine.ID
				if !board && it.LeadUnitID != cl.unit.ID {
					t.Errorf("%s sees task %d led by unit %d", cl.name, it.ID, it.LeadUnitID)
				}
			}
			if !found {
				t.Errorf("%s does not see task %d of unit %s", cl.name, mine.ID, unit.Code)
			}
		}), true
	case "POST /tasks":
		title := fmt.Sprintf("Giao qua API thử quyền %d", f.next())
		return "/tasks", map[string]any{"title": title, "lead_unit_id": unit.ID, "due": today.AddDays(10).String()}, nil, func(t *testing.T, r resp) {
			l, err := f.env.Task.List(context.Background(), system, task.Filter{Q: title, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			if stored := l.Total == 1; stored != (r.Status == http.StatusCreated) {
				t.Errorf("status %d but task %q stored=%v", r.Status, title, stored)
			}
		}, true
	case "GET /tasks/scorecard":
		matrixTask(t, f, cl.unit, "")
		return "/tasks/scorecard", nil, nil, func(t *testing.T, r resp) {
			var l listJSON[struct {
				UnitID   int64  `json:"unit_id"`
				UnitName string `json:"unit_name"`
				Total    int    `json:"total"`
			}]
			r.decode(t, &l)
			if len(l.Items) == 0 {
				t.Errorf("empty scorecard for %s", cl.name)
			}
			for _, it := range l.Items {
				if !board && it.UnitID != cl.unit.ID {
					t.Errorf("%s's scorecard shows unit %d", cl.name, it.UnitID)
				}
			}
		}, true
	case "GET /tasks/{id}":
		tk, _ := matrixTask(t, f, unit, "")
		return path("/tasks/%d", tk.ID), nil, nil, onOK(func(t *testing.T, r resp) {
			var got task.Task
			if r.decode(t, &got); got.ID != tk.ID || got.Title != tk.Title || len(got.Events) != 1 {
				t.Errorf("got %+v", got)
			}
		}), true
	case "POST /tasks/{id}/progress", "POST /tasks/{id}/complete":
		tk, _ := matrixTask(t, f, unit, "")
		body := map[string]any{"version": tk.Version, "percent": 40, "note": "Đã triển khai"}
		if key == "POST /tasks/{id}/complete" {
			body = map[string]any{"version": tk.Version, "done_on": today.String(), "evidence": "Văn bản số 1"}
		}
		return path("/tasks/%d/%s", tk.ID, key[len("POST /tasks/{id}/"):]), body, nil, func(t *testing.T, r resp) {
			if changed := storedTask(t, f, tk.ID).Version != tk.Version; changed != (r.Status == http.StatusOK) {
				t.Errorf("status %d but task changed=%v", r.Status, changed)
			}
		}, true
	case "POST /tasks/{id}/confirm", "POST /tasks/{id}/reject":
		tk, _ := matrixTask(t, f, unit, "awaiting")
		action, want := "confirm", task.Confirmed
		if key == "POST /tasks/{id}/reject" {
			action, want = "reject", task.Rejected
		}
		return path("/tasks/%d/%s", tk.ID, action), map[string]any{"reason": "Thử quyền"}, nil, func(t *testing.T, r resp) {
			if done := storedTask(t, f, tk.ID).Completion == want; done != (r.Status == http.StatusOK) {
				t.Errorf("status %d but %s applied=%v", r.Status, action, done)
			}
		}, true
	case "POST /tasks/{id}/extension":
		tk, _ := matrixTask(t, f, unit, "")
		body := map[string]any{"requested_due": today.AddDays(45).String(), "reason": "Chờ kinh phí"}
		return path("/tasks/%d/extension", tk.ID), body, nil, func(t *testing.T, r resp) {
			if asked := len(storedTask(t, f, tk.ID).Extensions) == 1; asked != (r.Status == http.StatusCreated) {
				t.Errorf("status %d but request stored=%v", r.Status, asked)
			}
		}, true
	case "POST /tasks/{id}/extension/{ext_id}":
		tk, x := matrixTask(t, f, unit, "extension")
		return path("/tasks/%d/extension/%d", tk.ID, x.ID), map[string]any{"approve": true}, nil, func(t *testing.T, r resp) {
			if moved := storedTask(t, f, tk.ID).Due == x.RequestedDue; moved != (r.Status == http.StatusOK) {
				t.Errorf("status %d but deadline moved=%v", r.Status, moved)
			}
		}, true
	}
	return "", nil, nil, nil, false
}
