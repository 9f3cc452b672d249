package web_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"sync"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestConcurrentEdit: two clients read the same version and save at once;
// exactly one wins, the other gets 409, and no write is lost silently.
func TestConcurrentEdit(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		a, b := apiClient(t, env, "admin"), apiClient(t, env, "chuyenvien")
		u := createUnit(t, a, "CONC-1", "Đơn vị sửa đồng thời", "other")
		for round := range 8 {
			var cur unitJSON
			a.do(t, "GET", path("/api/v1/units/%d", u.ID), nil).want(t, http.StatusOK).decode(t, &cur)
			start := make(chan struct{})
			codes, errs := make([]int, 2), make([]error, 2)
			var wg sync.WaitGroup
			for i, c := range []*client{a, b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					body := map[string]any{"short_name": path("R%d-C%d", round, i), "version": cur.Version}
					r, err := c.send("PATCH", path("/api/v1/units/%d", u.ID), body)
					codes[i], errs[i] = r.Status, err
				}()
			}
			close(start)
			wg.Wait()
			if err := errors.Join(errs...); err != nil {
				t.Fatal(err)
			}
			sorted := append([]int(nil), codes...)
			sort.Ints(sorted)
			if sorted[0] != http.StatusOK || sorted[1] != http.StatusConflict {
				t.Fatalf("round %d: statuses %v, want one 200 and one 409", round, codes)
			}
			winner := 0
			if codes[1] == http.StatusOK {
				winner = 1
			}
			s := storedUnit(t, env, u.ID)
			if s.Version != cur.Version+1 || s.ShortName != path("R%d-C%d", round, winner) {
				t.Fatalf("round %d: stored version %d short name %q, want %d and the winner's", round, s.Version, s.ShortName, cur.Version+1)
			}
		}
	})
}

type auditJSON struct {
	Seq      int64           `json:"seq"`
	ActorID  *int64          `json:"actor_id"`
	Actor    string          `json:"actor"`
	IP       string          `json:"ip"`
	Action   string          `json:"action"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
	Hash     string          `json:"hash"`
}

// TestAuditTrail: every change made through the API shows in GET
// /api/v1/audit with who made it and the record before and after.
func TestAuditTrail(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		admin, spec := apiClient(t, env, "admin"), apiClient(t, env, "chuyenvien")
		adminID, specID := env.User(t, "admin").ID, env.User(t, "chuyenvien").ID
		u := createUnit(t, spec, "AUD-1", "Đơn vị nhật ký", "other")
		spec.do(t, "PATCH", path("/api/v1/units/%d", u.ID), map[string]any{"name": "Đơn vị nhật ký (mới)", "version": 1}).want(t, http.StatusOK)
		spec.do(t, "PATCH", path("/api/v1/units/%d", u.ID), map[string]any{"active": false, "version": 2}).want(t, http.StatusOK)
		spec.do(t, "POST", "/api/v1/units/import?format=csv", "code,name,kind\nAUD-2,Đơn vị nhập nhật ký,other\n", "Content-Type", "text/csv").want(t, http.StatusOK)
		imported := env.Unit(t, "AUD-2")
		var nu userJSON
		admin.do(t, "POST", "/api/v1/users", map[string]any{"username": "aud.user", "full_name": "Người Nhật Ký", "unit_id": env.Unit(t, "SYT").ID,
			"roles": []string{"unit_reporter"}, "password": webtest.Password}).want(t, http.StatusCreated).decode(t, &nu)
		admin.do(t, "PATCH", path("/api/v1/users/%d", nu.ID), map[string]any{"full_name": "Người Nhật Ký Mới", "roles": []string{"unit_leader"}, "version": nu.Version}).want(t, http.StatusOK)
		admin.do(t, "PUT", "/api/v1/settings", map[string]string{org.SettingBoardSymbol: "BTGTU-AUD"}).want(t, http.StatusOK)

		reader := apiClient(t, env, "lanhdao")
		find := func(t *testing.T, entity, id, action string) auditJSON {
			t.Helper()
			var l listJSON[auditJSON]
			reader.do(t, "GET", "/api/v1/audit?limit=1000&entity="+entity+"&entity_id="+urlQuery(id), nil).want(t, http.StatusOK).decode(t, &l)
			for _, e := range l.Items {
				if e.Action == action {
					return e
				}
			}
			t.Fatalf("no %s %s %s in the audit: %+v", action, entity, id, l.Items)
			return auditJSON{}
		}
		field := func(t *testing.T, raw json.RawMessage, key string) any {
			t.Helper()
			var m map[string]any
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatalf("%s is not an object: %v", raw, err)
			}
			return m[key]
		}
		for _, tc := range []struct {
			name, entity, id, action, actor string
			actorID                         int64
			key                             string // a field of before/after
			before, after                   any    // nil: before must be JSON null
		}{
			{"unit created", "unit", path("%d", u.ID), "create", "chuyenvien", specID, "name", nil, "Đơn vị nhật ký"},
			{"unit renamed", "unit", path("%d", u.ID), "update", "chuyenvien", specID, "name", "Đơn vị nhật ký", "Đơn vị nhật ký (mới)"},
			{"unit deactivated", "unit", path("%d", u.ID), "deactivate", "chuyenvien", specID, "active", true, false},
			{"unit imported", "unit", path("%d", imported.ID), "create", "chuyenvien", specID, "code", nil, "AUD-2"},
			{"user created", "user", path("%d", nu.ID), "create", "admin", adminID, "username", nil, "aud.user"},
			{"user updated", "user", path("%d", nu.ID), "update", "admin", adminID, "full_name", "Người Nhật Ký", "Người Nhật Ký Mới"},
			{"setting changed", "setting", org.SettingBoardSymbol, "update", "admin", adminID, "", nil, "BTGTU-AUD"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				e := find(t, tc.entity, tc.id, tc.action)
				if e.Actor != tc.actor || e.ActorID == nil || *e.ActorID != tc.actorID || e.IP == "" || e.Hash == "" {
					t.Errorf("actor %q id %v ip %q hash %q, want %s (%d)", e.Actor, e.ActorID, e.IP, e.Hash, tc.actor, tc.actorID)
				}
				switch {
				case tc.key == "": // a setting: the values themselves
					var after string
					if json.Unmarshal(e.After, &after); after != tc.after {
						t.Errorf("after %s, want %q", e.After, tc.after)
					}
				case tc.before == nil:
					if string(e.Before) != "null" || field(t, e.After, tc.key) != tc.after {
						t.Errorf("before %s after %s, want null and %s=%v", e.Before, e.After, tc.key, tc.after)
					}
				default:
					if b, a := field(t, e.Before, tc.key), field(t, e.After, tc.key); b != tc.before || a != tc.after {
						t.Errorf("%s: before %v after %v, want %v → %v", tc.key, b, a, tc.before, tc.after)
					}
				}
			})
		}
		t.Run("roles change recorded", func(t *testing.T) {
			e := find(t, "user", path("%d", nu.ID), "roles_change")
			if string(e.Before) != `["unit_reporter"]` || string(e.After) != `["unit_leader"]` {
				t.Errorf("roles %s → %s", e.Before, e.After)
			}
		})
		t.Run("chain verifies", func(t *testing.T) {
			var v struct {
				OK      bool `json:"ok"`
				Entries int  `json:"entries"`
			}
			admin.do(t, "GET", "/api/v1/audit/verify", nil).want(t, http.StatusOK).decode(t, &v)
			if !v.OK || v.Entries == 0 {
				t.Errorf("verify: %+v", v)
			}
		})
	})
}
