package web_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// afterFn checks the response and the stored state once a cell has run.
type afterFn func(t *testing.T, r resp)

var system = org.SystemActor("test")

// onOK runs a read check only on a successful answer.
func onOK(fn afterFn) afterFn {
	return func(t *testing.T, r resp) {
		if r.Status < 300 {
			fn(t, r)
		}
	}
}

// matrixRequest builds the request of one matrix cell: the path below
// /api/v1, the body, extra headers, and the check of what it did.
func matrixRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn) {
	t.Helper()
	env, ctx, n := f.env, context.Background(), f.next()
	unit, user := f.target(cl, scope)
	board := org.ActorFor(&cl.user, "").AllUnits()
	switch key {
	case "POST /auth/tokens":
		return "/auth/tokens", map[string]string{"username": cl.name, "password": webtest.Password}, nil, func(t *testing.T, r resp) {
			var tok struct{ Token string }
			r.decode(t, &tok)
			me := (&client{env: env, http: env.Client(), token: tok.Token}).do(t, "GET", "/api/v1/me", nil)
			var u userJSON
			me.want(t, http.StatusOK).decode(t, &u)
			if u.Username != cl.name {
				t.Errorf("new token signs in as %q, want %q", u.Username, cl.name)
			}
		}
	case "GET /auth/tokens":
		return "/auth/tokens", nil, nil, func(t *testing.T, r resp) {
			var l listJSON[org.Token]
			r.decode(t, &l)
			if len(l.Items) == 0 {
				t.Errorf("no token listed for %s", cl.name)
			}
			for _, tk := range l.Items {
				if tk.UserID != cl.user.ID {
					t.Errorf("token %d of user %d listed to %s", tk.ID, tk.UserID, cl.name)
				}
			}
		}
	case "DELETE /auth/tokens/{id}":
		owner := cl.name
		if scope == "other" {
			owner = f.otherUser.Username
		}
		plain, id := newToken(t, env, owner)
		return path("/auth/tokens/%d", id), nil, nil, func(t *testing.T, r resp) {
			want := http.StatusOK
			if r.Status == http.StatusNoContent {
				want = http.StatusUnauthorized
			}
			got := (&client{env: env, http: env.Client(), token: plain}).do(t, "GET", "/api/v1/me", nil)
			if got.Status != want {
				t.Errorf("after DELETE answered %d, the token of %s gives %d, want %d", r.Status, owner, got.Status, want)
			}
		}
	case "GET /me":
		return "/me", nil, nil, func(t *testing.T, r resp) {
			var u userJSON
			r.decode(t, &u)
			if u.Username != cl.name || u.UnitID != cl.unit.ID {
				t.Errorf("/me answers %s of unit %d, want %s of unit %d", u.Username, u.UnitID, cl.name, cl.unit.ID)
			}
		}
	case "POST /me/password":
		body := map[string]string{"current_password": "khong-phai-mat-khau", "new_password": "mot-mat-khau-moi-2026"}
		return "/me/password", body, nil, func(t *testing.T, r resp) {
			if e := r.errorBody(t); e.Error.Fields["current_password"] == "" {
				t.Errorf("want fields.current_password, got %s", r.Body)
			}
		}
	case "GET /units":
		return "/units?limit=1000", nil, nil, func(t *testing.T, r resp) {
			var l listJSON[unitJSON]
			r.decode(t, &l)
			all, err := env.Org.ListUnits(ctx, system, org.UnitFilter{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case board && (l.Total != all.Total || len(l.Items) != all.Total):
				t.Errorf("%s sees %d/%d units, want all %d", cl.name, len(l.Items), l.Total, all.Total)
			case !board && (l.Total != 1 || len(l.Items) != 1 || l.Items[0].ID != cl.unit.ID):
				t.Errorf("%s must see only unit %s, sees total %d: %+v", cl.name, cl.unit.Code, l.Total, l.Items)
			}
		}
	case "POST /units":
		code := fmt.Sprintf("PM-%d", n)
		body := map[string]any{"code": code, "name": fmt.Sprintf("Đơn vị thử quyền %d", n), "kind": "other", "parent_id": unit.ID}
		return "/units", body, nil, func(t *testing.T, r resp) {
			if stored := unitExists(t, env, code); stored != (r.Status == http.StatusCreated) {
				t.Errorf("status %d but unit %s stored=%v", r.Status, code, stored)
			}
		}
	case "GET /units/{id}":
		return path("/units/%d", unit.ID), nil, nil, func(t *testing.T, r resp) {
			var u unitJSON
			if r.Status == http.StatusOK {
				if r.decode(t, &u); u.ID != unit.ID || u.Name != unit.Name {
					t.Errorf("got unit %d %q, want %d %q", u.ID, u.Name, unit.ID, unit.Name)
				}
			}
		}
	case "PATCH /units/{id}":
		before := storedUnit(t, env, unit.ID)
		short := fmt.Sprintf("PM-%d", n)
		return path("/units/%d", unit.ID), map[string]any{"short_name": short, "version": before.Version}, nil, func(t *testing.T, r resp) {
			now := storedUnit(t, env, unit.ID)
			changed := now.Version == before.Version+1 && now.ShortName == short
			if changed != (r.Status == http.StatusOK) || (!changed && now.Version != before.Version) {
				t.Errorf("status %d: version %d→%d, short name %q", r.Status, before.Version, now.Version, now.ShortName)
			}
		}
	case "POST /units/import":
		code := fmt.Sprintf("IMP-%d", n)
		body := "code,name,kind,parent_code\n" + code + ",Đơn vị nhập " + code + ",other," + unit.Code + "\n"
		return "/units/import?format=csv", body, []string{"Content-Type", "text/csv"}, func(t *testing.T, r resp) {
			if stored := unitExists(t, env, code); stored != (r.Status == http.StatusOK) {
				t.Errorf("status %d but unit %s stored=%v", r.Status, code, stored)
			}
		}
	case "GET /users":
		p, filter := "/users?limit=1000", org.UserFilter{Limit: 1}
		if scope != "-" {
			p, filter.UnitID = path("/users?limit=1000&unit_id=%d", unit.ID), unit.ID
		}
		if !board && scope == "-" {
			filter.UnitID = cl.unit.ID
		}
		return p, nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[userJSON]
			r.decode(t, &l)
			stored, err := env.Org.ListUsers(ctx, system, filter)
			if err != nil {
				t.Fatal(err)
			}
			if l.Total != stored.Total || len(l.Items) != stored.Total {
				t.Errorf("%s lists %d/%d users, want %d", cl.name, len(l.Items), l.Total, stored.Total)
			}
			for _, u := range l.Items {
				if (!board && u.UnitID != cl.unit.ID) || (scope != "-" && u.UnitID != unit.ID) {
					t.Errorf("%s sees user %s of unit %d", cl.name, u.Username, u.UnitID)
				}
			}
		})
	case "POST /users":
		name := fmt.Sprintf("pm.user%d", n)
		body := map[string]any{"username": name, "full_name": "Người Thử Quyền", "unit_id": unit.ID,
			"roles": []string{"unit_reporter"}, "password": webtest.Password}
		return "/users", body, nil, func(t *testing.T, r resp) {
			l, err := env.Org.ListUsers(ctx, system, org.UserFilter{Q: name, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			if stored := l.Total == 1; stored != (r.Status == http.StatusCreated) {
				t.Errorf("status %d but user %s stored=%v", r.Status, name, stored)
			}
		}
	case "GET /users/{id}":
		return path("/users/%d", user.ID), nil, nil, func(t *testing.T, r resp) {
			var u userJSON
			if r.Status == http.StatusOK {
				if r.decode(t, &u); u.ID != user.ID || u.Username != user.Username {
					t.Errorf("got user %d %q, want %d %q", u.ID, u.Username, user.ID, user.Username)
				}
			}
		}
	case "PATCH /users/{id}":
		before, err := env.Org.FindUser(ctx, system, user.ID)
		if err != nil {
			t.Fatal(err)
		}
		phone := fmt.Sprintf("0912 345 %03d", n)
		return path("/users/%d", user.ID), map[string]any{"phone": phone, "version": before.Version}, nil, func(t *testing.T, r resp) {
			now, err := env.Org.FindUser(ctx, system, user.ID)
			if err != nil {
				t.Fatal(err)
			}
			changed := now.Version == before.Version+1 && now.Phone == phone
			if changed != (r.Status == http.StatusOK) || (!changed && now.Version != before.Version) {
				t.Errorf("status %d: version %d→%d, phone %q", r.Status, before.Version, now.Version, now.Phone)
			}
		}
	case "GET /audit":
		return "/audit", nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[org.AuditEntry]
			if r.decode(t, &l); l.Total == 0 || len(l.Items) == 0 {
				t.Errorf("audit is empty: %.200s", r.Body)
			}
		})
	case "GET /audit/verify":
		return "/audit/verify", nil, nil, onOK(func(t *testing.T, r resp) {
			var v struct{ OK bool }
			if r.decode(t, &v); !v.OK {
				t.Errorf("audit chain broken: %s", r.Body)
			}
		})
	case "GET /settings":
		return "/settings", nil, nil, nil
	case "PUT /settings":
		val := fmt.Sprintf("Tỉnh thử %d", n)
		return "/settings", map[string]string{org.SettingProvinceName: val}, nil, func(t *testing.T, r resp) {
			s, err := env.Org.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if stored := s[org.SettingProvinceName] == val; stored != (r.Status == http.StatusOK) {
				t.Errorf("status %d but setting stored=%v", r.Status, stored)
			}
		}
	case "GET /openapi.json":
		return "/openapi.json", nil, nil, nil
	}
	if p, body, hdr, after, ok := reportingRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := holidayRequest(t, f, key); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := meetingRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := taskRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := attachmentRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := fileRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := feedRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := topicRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := pressRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := noticeRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := prefRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := trainingRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := searchRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	if p, body, hdr, after, ok := dashboardRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after
	}
	t.Fatalf("the matrix has no request for route %s: add one", key)
	return "", nil, nil, nil
}
