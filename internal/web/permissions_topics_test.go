package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/press"
)

// Orientation topics: everyone reads them and the monitoring (a unit only
// its own column); the Board adds and edits them.
func init() {
	for k, v := range map[string]map[string]statuses{
		"GET /press-topics":        {"-": everyone(200)},
		"POST /press-topics":       {"-": {201, 201, 201, 403, 403, 403}},
		"GET /press-topics/counts": {"-": everyone(200)},
		"GET /press-topics/{id}":   {"-": everyone(200)},
		"PATCH /press-topics/{id}": {"-": pressManagers},
	} {
		expected[k] = v
	}
}

// matrixTopic creates a fresh 2020 topic through the service.
func matrixTopic(t *testing.T, f *fixture) press.Topic {
	t.Helper()
	tp, err := f.env.Press.CreateTopic(context.Background(), system, press.Topic{Code: fmt.Sprintf("quyen-%d", f.next()),
		Title: "Chủ đề thử quyền", Phrases: "thử quyền", PeriodFrom: civil.D(2020, 1, 1), PeriodTo: civil.D(2020, 12, 31)})
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

// topicRequest builds the matrix cells of the orientation topics.
func topicRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if !strings.Contains(key, "/press-topics") {
		return "", nil, nil, nil, false
	}
	ctx := context.Background()
	board := org.ActorFor(&cl.user, "").AllUnits()
	switch key {
	case "GET /press-topics":
		tp := matrixTopic(t, f)
		return "/press-topics", nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[press.Topic]
			r.decode(t, &l)
			for _, x := range l.Items {
				if x.ID == tp.ID {
					return
				}
			}
			t.Errorf("topic %d not listed", tp.ID)
		}), true
	case "POST /press-topics":
		code := fmt.Sprintf("moi-%d", f.next())
		return "/press-topics", map[string]any{"code": code, "title": "Chủ đề mới", "phrases": "a b", "period_label": "Năm 2020"}, nil,
			func(t *testing.T, r resp) {
				all, _ := f.env.Press.Topics(ctx, system, false)
				found := false
				for _, x := range all {
					found = found || x.Code == code
				}
				if found != (r.Status == http.StatusCreated) {
					t.Errorf("status %d, stored %v", r.Status, found)
				}
			}, true
	case "GET /press-topics/counts":
		return "/press-topics/counts?from=2020-01-01&to=2020-12-31", nil, nil, onOK(func(t *testing.T, r resp) {
			var c press.TopicCounts
			r.decode(t, &c)
			for _, u := range c.Units {
				if !board && u.ID != cl.unit.ID {
					t.Errorf("%s sees the column of unit %d", cl.name, u.ID)
				}
			}
			if board && len(c.Units) < 4 {
				t.Errorf("the Board sees %d agencies", len(c.Units))
			}
		}), true
	case "GET /press-topics/{id}":
		return path("/press-topics/%d", matrixTopic(t, f).ID), nil, nil, nil, true
	case "PATCH /press-topics/{id}":
		tp := matrixTopic(t, f)
		return path("/press-topics/%d", tp.ID), map[string]any{"version": tp.Version, "title": "Đã sửa"}, nil, func(t *testing.T, r resp) {
			got, err := f.env.Press.FindTopic(ctx, system, tp.ID)
			if err != nil || (got.Title == "Đã sửa") != (r.Status == http.StatusOK) {
				t.Errorf("status %d, topic %+v, %v", r.Status, got, err)
			}
		}, true
	}
	return "", nil, nil, nil, false
}
