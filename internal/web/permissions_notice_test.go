package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

var (
	unitWriters  = statuses{403, 403, 403, 200, 200, 403} // a unit's reporter and leader act for it
	writers      = statuses{201, 201, 201, 201, 201, 403} // everyone but viewers writes messages
	boardWriters = statuses{201, 201, 201, 403, 403, 403}
)

// Directives: "own" is issued to the Board and the callers' units (SGDDT,
// SYT), "other" to SKHCN alone; each cell has its own. Messages: "own" is a
// thread of the caller's unit, "other" one of SKHCN. Notifications: "own"
// one of the caller's, "other" one of skhcn.baocao's.
func init() {
	for k, v := range map[string]map[string]statuses{
		"GET /directives":               {"-": everyone(200)},
		"POST /directives":              {"-": unitAdmins(201)},
		"GET /directives/{id}":          {"own": everyone(200), "other": boardRoles},
		"POST /directives/{id}/issue":   {"own": unitAdmins(200), "other": unitAdmins(200)},
		"POST /directives/{id}/read":    {"own": everyone(200), "other": boardRoles},
		"POST /directives/{id}/ack":     {"own": unitWriters, "other": everyone(403)},
		"GET /directives/{id}/receipts": {"own": boardRoles, "other": boardRoles},
		"GET /messages":                 {"-": everyone(200)},
		"POST /messages":                {"-": writers},
		"GET /messages/{id}":            {"own": everyone(200), "other": boardRoles},
		"POST /messages/{id}/reply":     {"own": writers, "other": boardWriters},
		"GET /notifications":            {"-": everyone(200)},
		"GET /notifications/count":      {"-": everyone(200)},
		"POST /notifications/{id}/read": {"own": everyone(200), "other": everyone(404)},
		"POST /notifications/read-all":  {"-": everyone(200)},
	} {
		expected[k] = v
	}
}

// matrixDirective creates (and issues when asked) a directive for a cell.
func matrixDirective(t *testing.T, f *fixture, scope string, issue bool) notice.Directive {
	t.Helper()
	units := []int64{f.env.Unit(t, "BTGTU").ID, f.env.Unit(t, "SGDDT").ID, f.env.Unit(t, "SYT").ID}
	if scope == "other" {
		units = []int64{f.otherUnit.ID}
	}
	ctx := context.Background()
	d, err := f.env.Notice.Create(ctx, system, notice.Directive{TypeCode: "CV", Title: fmt.Sprintf("Văn bản thử quyền %d", f.next()),
		RequiresAck: true, UnitIDs: units})
	if err == nil && issue {
		d, err = f.env.Notice.Issue(ctx, system, d.ID, d.Version)
	}
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func matrixThread(t *testing.T, f *fixture, unit org.Unit) notice.Thread {
	t.Helper()
	th, err := f.env.Notice.Send(context.Background(), system, notice.Message{UnitID: unit.ID, Subject: fmt.Sprintf("Trao đổi thử %d", f.next()), Body: "Nội dung"})
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func matrixNotification(t *testing.T, f *fixture, user org.User) int64 {
	t.Helper()
	ctx := context.Background()
	err := f.env.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		return f.env.Notice.Notify(ctx, tx, []int64{user.ID}, "test", "Thông báo thử", "/")
	})
	if err != nil {
		t.Fatal(err)
	}
	l, err := f.env.Notice.Notifications(ctx, org.ActorFor(&user, ""), true)
	if err != nil || len(l) == 0 {
		t.Fatalf("notification of %s: %v", user.Username, err)
	}
	return l[0].ID
}

// noticeRequest builds the matrix cells of the notice routes.
func noticeRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if !strings.HasPrefix(key, "GET /directives") && !strings.HasPrefix(key, "POST /directives") &&
		!strings.Contains(key, " /messages") && !strings.Contains(key, " /notifications") {
		return "", nil, nil, nil, false
	}
	unit, user := f.target(cl, scope)
	ctx := context.Background()
	switch key {
	case "GET /directives":
		return "/directives", nil, nil, nil, true
	case "POST /directives":
		return "/directives", map[string]any{"type_code": "HD", "title": "Hướng dẫn thử", "unit_ids": []int64{cl.unit.ID}}, nil, nil, true
	case "GET /directives/{id}", "POST /directives/{id}/read", "POST /directives/{id}/ack", "GET /directives/{id}/receipts":
		d := matrixDirective(t, f, scope, true)
		p := strings.TrimPrefix(strings.Replace(key, "{id}", fmt.Sprint(d.ID), 1), "GET ")
		p = strings.TrimPrefix(p, "POST ")
		return p, nil, nil, onOK(func(t *testing.T, r resp) {
			rs, err := f.env.Notice.Receipts(ctx, system, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			unitUser := !org.ActorFor(&cl.user, "").AllUnits()
			if unitUser && key != "GET /directives/{id}/receipts" && rs.Read != 1 {
				t.Errorf("%s %s: %d units read, want 1", cl.name, key, rs.Read)
			}
		}), true
	case "POST /directives/{id}/issue":
		d := matrixDirective(t, f, scope, false)
		return path("/directives/%d/issue", d.ID), map[string]int{"version": d.Version}, nil, nil, true
	case "GET /messages":
		return "/messages", nil, nil, nil, true
	case "POST /messages":
		return "/messages", map[string]any{"subject": "Thông tin thử", "body": "Nội dung", "unit_id": cl.unit.ID}, nil, nil, true
	case "GET /messages/{id}":
		return path("/messages/%d", matrixThread(t, f, unit).ID), nil, nil, nil, true
	case "POST /messages/{id}/reply":
		return path("/messages/%d/reply", matrixThread(t, f, unit).ID), map[string]string{"body": "Trả lời thử"}, nil, nil, true
	case "GET /notifications":
		return "/notifications?unread=1", nil, nil, nil, true
	case "GET /notifications/count":
		return "/notifications/count", nil, nil, nil, true
	case "POST /notifications/{id}/read":
		return path("/notifications/%d/read", matrixNotification(t, f, user)), nil, nil, nil, true
	case "POST /notifications/read-all":
		return "/notifications/read-all", nil, nil, onOK(func(t *testing.T, r resp) {
			if n, _ := f.env.Notice.Count(ctx, org.ActorFor(&cl.user, "")); n != 0 {
				t.Errorf("%s still has %d unread", cl.name, n)
			}
		}), true
	}
	return "", nil, nil, nil, false
}
