package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/press"
)

// Press cases: "own" is a case the caller's unit leads, "other" one SKHCN
// leads. The Board registers, assigns, reviews, closes and reopens; the
// lead unit's reporter and leader answer; a unit sees only its cases.
var pressManagers = statuses{200, 200, 200, 403, 403, 403}

func init() {
	for k, v := range map[string]map[string]statuses{
		"GET /press-cases":              {"-": everyone(200)},
		"POST /press-cases":             {"-": {201, 201, 201, 403, 403, 403}},
		"GET /press-cases/stats":        {"-": everyone(200)},
		"GET /press-cases/{id}":         {"own": everyone(200), "other": boardRoles},
		"PATCH /press-cases/{id}":       {"own": pressManagers, "other": pressManagers},
		"POST /press-cases/{id}/assign": {"own": pressManagers, "other": pressManagers},
		"POST /press-cases/{id}/answer": {"own": unitFillers, "other": everyone(403)},
		"POST /press-cases/{id}/review": {"own": pressManagers, "other": pressManagers},
		"POST /press-cases/{id}/close":  {"own": pressManagers, "other": pressManagers},
		"POST /press-cases/{id}/reopen": {"own": pressManagers, "other": pressManagers},
		"GET /press-routes":             {"-": everyone(200)},
		"PUT /press-routes":             {"-": pressManagers},
	} {
		expected[k] = v
	}
}

// matrixPressCase registers a fresh case led by unit and brings it to a
// status through the service.
func matrixPressCase(t *testing.T, f *fixture, unit org.Unit, upTo press.Status) press.Case {
	t.Helper()
	ctx, svc := context.Background(), f.env.Press
	n := f.next()
	c, err := svc.Create(ctx, system, press.Case{Outlet: "Báo thử quyền", URL: fmt.Sprintf("https://bao.example/thu-quyen-%d", n),
		Title: fmt.Sprintf("Bài báo thử quyền %d", n), Field: press.Environment})
	steps := []func() (press.Case, error){
		func() (press.Case, error) { return svc.Assign(ctx, system, c.ID, c.Version, unit.ID, "") },
		func() (press.Case, error) { return svc.Answer(ctx, system, c.ID, c.Version, "Trả lời thử") },
		func() (press.Case, error) { return svc.Review(ctx, system, c.ID, c.Version, true, "Đạt") },
		func() (press.Case, error) { return svc.Close(ctx, system, c.ID, c.Version, "Gửi văn bản") },
	}
	for i := 0; err == nil && i < indexOf(upTo); i++ {
		c, err = steps[i]()
	}
	if err != nil {
		t.Fatalf("matrix press case: %v", err)
	}
	return c
}

func indexOf(s press.Status) int {
	for i, x := range press.Statuses {
		if x == s {
			return i
		}
	}
	return -1
}

func storedPressCase(t *testing.T, f *fixture, id int64) press.Case {
	t.Helper()
	c, err := f.env.Press.Find(context.Background(), system, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pressRequest builds the matrix cells of the press routes.
func pressRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if !strings.Contains(key, "/press-") {
		return "", nil, nil, nil, false
	}
	unit, _ := f.target(cl, scope)
	board := org.ActorFor(&cl.user, "").AllUnits()
	switch key {
	case "GET /press-cases":
		own, other := matrixPressCase(t, f, cl.unit, press.Assigned), matrixPressCase(t, f, f.otherUnit, press.Assigned)
		return "/press-cases?limit=1000", nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[press.Case]
			r.decode(t, &l)
			seen := map[int64]bool{}
			for _, c := range l.Items {
				seen[c.ID] = true
				if !board && c.LeadUnitID != cl.unit.ID {
					t.Errorf("%s sees case %d of unit %d", cl.name, c.ID, c.LeadUnitID)
				}
			}
			if !seen[own.ID] || seen[other.ID] != board {
				t.Errorf("%s lists own %v, other %v", cl.name, seen[own.ID], seen[other.ID])
			}
		}), true
	case "POST /press-cases":
		n := f.next()
		body := map[string]any{"outlet": "Báo thử", "url": fmt.Sprintf("https://bao.example/tao-%d?utm_source=x", n), "title": "Bài tạo thử", "field": "health"}
		return "/press-cases", body, nil, func(t *testing.T, r resp) {
			if r.Status == http.StatusCreated {
				var c press.Case
				if r.decode(t, &c); c.CanonicalURL != fmt.Sprintf("https://bao.example/tao-%d", n) {
					t.Errorf("canonical URL %q", c.CanonicalURL)
				}
			}
		}, true
	case "GET /press-cases/stats":
		return "/press-cases/stats?from=2020-01-01&to=2040-12-31&by=unit", nil, nil, nil, true
	case "GET /press-routes":
		return "/press-routes", nil, nil, nil, true
	case "PUT /press-routes":
		days := 1 + f.next()%50
		body := map[string]any{"rules": []map[string]any{{"field": "", "locality_code": "", "unit_id": f.otherUnit.ID}}, "days": map[string]int{"health": days}}
		return "/press-routes", body, nil, func(t *testing.T, r resp) {
			rt, err := f.env.Press.Routing(context.Background(), system)
			if err != nil || (r.Status == http.StatusOK) != (rt.Days[press.Health] == days && len(rt.Rules) == 1) {
				t.Errorf("status %d, routing %+v, %v", r.Status, rt, err)
			}
		}, true
	}
	state := map[string]press.Status{"GET /press-cases/{id}": press.Assigned, "PATCH /press-cases/{id}": press.Assigned,
		"POST /press-cases/{id}/assign": press.Received, "POST /press-cases/{id}/answer": press.Assigned,
		"POST /press-cases/{id}/review": press.Answered, "POST /press-cases/{id}/close": press.Reviewed,
		"POST /press-cases/{id}/reopen": press.Closed}[key]
	c := matrixPressCase(t, f, unit, state)
	p := path("/press-cases/%d", c.ID)
	check := func(want press.Status) afterFn {
		return func(t *testing.T, r resp) {
			if got := storedPressCase(t, f, c.ID).Status; (got == want) != (r.Status == http.StatusOK) {
				t.Errorf("status %d, case now %s", r.Status, got)
			}
		}
	}
	switch key {
	case "GET /press-cases/{id}":
		return p, nil, nil, onOK(func(t *testing.T, r resp) {
			var got press.Case
			if r.decode(t, &got); got.ID != c.ID || len(got.Events) == 0 {
				t.Errorf("got case %d with %d events", got.ID, len(got.Events))
			}
		}), true
	case "PATCH /press-cases/{id}":
		title := fmt.Sprintf("Tiêu đề sửa %d", f.next())
		return p, map[string]any{"title": title, "version": c.Version}, nil, func(t *testing.T, r resp) {
			if changed := storedPressCase(t, f, c.ID).Title == title; changed != (r.Status == http.StatusOK) {
				t.Errorf("status %d, title changed %v", r.Status, changed)
			}
		}, true
	case "POST /press-cases/{id}/assign":
		return p + "/assign", map[string]any{"version": c.Version, "lead_unit_id": unit.ID}, nil, func(t *testing.T, r resp) {
			got := storedPressCase(t, f, c.ID)
			if (got.Status == press.Assigned && got.TaskID != 0) != (r.Status == http.StatusOK) {
				t.Errorf("status %d, case %s task %d", r.Status, got.Status, got.TaskID)
			}
		}, true
	case "POST /press-cases/{id}/answer":
		return p + "/answer", map[string]any{"version": c.Version, "answer": "Đơn vị đã kiểm tra và trả lời."}, nil, check(press.Answered), true
	case "POST /press-cases/{id}/review":
		return p + "/review", map[string]any{"version": c.Version, "accept": true, "note": "Đạt"}, nil, check(press.Reviewed), true
	case "POST /press-cases/{id}/close":
		return p + "/close", map[string]any{"version": c.Version, "feedback": "Gửi văn bản trả lời cho tòa soạn."}, nil, check(press.Closed), true
	case "POST /press-cases/{id}/reopen":
		return p + "/reopen", map[string]any{"version": c.Version, "note": "Báo phản ánh lại."}, nil, check(press.Assigned), true
	}
	return "", nil, nil, nil, false
}
