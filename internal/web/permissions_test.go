package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/api"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// matrixRoles are the callers of the permission matrix, in the order of the
// status arrays below. "syt.xem" is a viewer created in unit SYT by the test.
var matrixRoles = [6]string{"admin", "lanhdao", "chuyenvien", "sgddt.baocao", "sgddt.lanhdao", "syt.xem"}

// Scopes: "-" the route names no unit; "own" the caller's own unit or user;
// "other" a unit (SKHCN) or user (skhcn.baocao) outside every non-board caller's scope.
var matrixScopes = []string{"-", "own", "other"}

type statuses = [6]int

var (
	everyone   = func(code int) statuses { return statuses{code, code, code, code, code, code} }
	boardRoles = statuses{200, 200, 200, 403, 403, 403}                                // see every unit
	auditors   = statuses{200, 200, 403, 403, 403, 403}                                // admin, board leader
	unitAdmins = func(ok int) statuses { return statuses{ok, 403, ok, 403, 403, 403} } // admin, board specialist
	adminOnly  = func(ok int) statuses { return statuses{ok, 403, 403, 403, 403, 403} }
)

// expected is the permission matrix, written out from the rules of
// internal/org/actor.go: status per route, scope and role.
var expected = map[string]map[string]statuses{
	"POST /auth/tokens":        {"-": everyone(201)},
	"GET /auth/tokens":         {"-": everyone(200)},
	"DELETE /auth/tokens/{id}": {"own": everyone(204), "other": {204, 404, 404, 404, 404, 404}},
	"GET /me":                  {"-": everyone(200)},
	"POST /me/password":        {"-": everyone(422)}, // wrong current password: signed in, refused on the input
	"GET /units":               {"-": everyone(200)},
	"POST /units":              {"own": unitAdmins(201), "other": unitAdmins(201)}, // parent in own / other unit
	"GET /units/{id}":          {"own": everyone(200), "other": boardRoles},
	"PATCH /units/{id}":        {"own": unitAdmins(200), "other": unitAdmins(200)},
	"POST /units/import":       {"own": unitAdmins(200), "other": unitAdmins(200)},              // parent code own / other
	"GET /users":               {"-": everyone(200), "own": everyone(200), "other": boardRoles}, // ?unit_id=
	"POST /users":              {"own": adminOnly(201), "other": adminOnly(201)},
	"GET /users/{id}":          {"own": everyone(200), "other": boardRoles},
	"PATCH /users/{id}":        {"own": adminOnly(200), "other": adminOnly(200)},
	"GET /audit":               {"-": auditors},
	"GET /audit/verify":        {"-": auditors},
	"GET /settings":            {"-": boardRoles},
	"PUT /settings":            {"-": adminOnly(200)},
	"GET /openapi.json":        {"-": everyone(200)},

	// Review conferences: "own" is a conference every caller's unit is
	// invited to, "other" one only SKHCN is. Board specialists and
	// administrators organise; the Board's leader also issues the notice;
	// invited units read the conference and the issued notice.
	"GET /meetings":                        {"-": everyone(200)},
	"POST /meetings":                       {"-": unitAdmins(201)},
	"GET /meetings/{id}":                   {"own": everyone(200), "other": boardRoles},
	"PATCH /meetings/{id}":                 {"own": unitAdmins(200), "other": unitAdmins(200)},
	"PUT /meetings/{id}/agenda":            {"own": unitAdmins(200), "other": unitAdmins(200)},
	"PUT /meetings/{id}/attendance":        {"own": unitAdmins(200), "other": unitAdmins(200)},
	"PUT /meetings/{id}/minutes":           {"own": unitAdmins(200), "other": unitAdmins(200)},
	"POST /meetings/{id}/conclusion":       {"own": unitAdmins(200), "other": unitAdmins(200)},
	"POST /meetings/{id}/conclusion/issue": {"own": boardRoles, "other": boardRoles},
	"GET /meetings/{id}/conclusion.docx":   {"own": everyone(200), "other": boardRoles}, // an issued notice
	"GET /meetings/{id}/prepare":           {"own": boardRoles, "other": boardRoles},
	"POST /me/calendar-token":              {"-": everyone(200)},

	// Holiday calendar: everyone reads it (deadlines depend on it), the
	// administrator keeps it.
	"GET /holidays":                      {"-": everyone(200)},
	"PUT /holidays/{date}":               {"-": adminOnly(200)},
	"DELETE /holidays/{date}":            {"-": adminOnly(204)},
	"GET /calendar/working-days":         {"-": everyone(200)},
	"GET /calendar/working-days-between": {"-": everyone(200)},

	// Tasks: "own" is a task the caller's unit leads, "other" one SKHCN
	// leads. The Board sets, confirms and extends; the lead unit's reporter
	// and leader report progress and completion and ask for more time.
	"GET /tasks":                          {"-": everyone(200), "own": everyone(200), "other": boardRoles}, // ?unit_id=
	"POST /tasks":                         {"own": taskAssigners, "other": taskAssigners},
	"GET /tasks/scorecard":                {"-": everyone(200)},
	"GET /tasks/{id}":                     {"own": everyone(200), "other": boardRoles},
	"POST /tasks/{id}/progress":           {"own": unitFillers, "other": everyone(403)},
	"POST /tasks/{id}/complete":           {"own": unitFillers, "other": everyone(403)},
	"POST /tasks/{id}/confirm":            {"own": boardRoles, "other": boardRoles},
	"POST /tasks/{id}/reject":             {"own": boardRoles, "other": boardRoles},
	"POST /tasks/{id}/extension":          {"own": taskRequesters, "other": everyone(403)},
	"POST /tasks/{id}/extension/{ext_id}": {"own": boardRoles, "other": boardRoles},

	// Reporting. Regime routes: "own" is a regime every caller's unit reports
	// in, "other" one reported by SKHCN alone. Report routes: the caller's own
	// unit's report, or SKHCN's; each cell starts from a fresh report.
	"GET /regimes":                                                  {"-": everyone(200)}, // a unit sees only its regimes
	"POST /regimes":                                                 {"-": unitAdmins(201)},
	"GET /regimes/{id}":                                             {"own": everyone(200), "other": boardRoles},
	"PATCH /regimes/{id}":                                           {"own": unitAdmins(200), "other": unitAdmins(200)},
	"GET /regimes/{id}/periods":                                     {"own": everyone(200), "other": boardRoles},
	"GET /regimes/{id}/completeness":                                {"own": boardRoles, "other": boardRoles},
	"GET /regimes/{id}/aggregate":                                   {"own": boardRoles, "other": boardRoles},
	"GET /regimes/{id}/export.xlsx":                                 {"own": boardRoles, "other": boardRoles},
	"GET /regimes/{id}/consolidated":                                {"own": boardRoles, "other": boardRoles},
	"PUT /regimes/{id}/consolidated":                                {"own": unitAdmins(200), "other": unitAdmins(200)},
	"POST /regimes/{id}/consolidated/issue":                         {"own": boardRoles, "other": boardRoles},
	"GET /regimes/{id}/consolidated.docx":                           {"own": boardRoles, "other": boardRoles},
	"GET /reports/{regime_id}/{period_key}/{unit_id}":               {"own": everyone(200), "other": boardRoles},
	"PUT /reports/{regime_id}/{period_key}/{unit_id}":               {"own": unitFillers, "other": everyone(403)},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/submit":       {"own": unitFillers, "other": everyone(403)},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/approve":      {"own": {403, 403, 403, 403, 200, 403}, "other": everyone(403)},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/return":       {"own": unitAdmins(200), "other": unitAdmins(200)},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/accept":       {"own": unitAdmins(200), "other": unitAdmins(200)},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/reopen":       {"own": unitAdmins(200), "other": unitAdmins(200)},
	"GET /reports/{regime_id}/{period_key}/{unit_id}/workbook.xlsx": {"own": everyone(200), "other": boardRoles},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/workbook":     {"own": unitFillers, "other": everyone(403)},

	// Report attachments: whoever reads the report reads its files; its
	// fillers attach (201) and detach (204) them while it is a draft.
	"GET /reports/{regime_id}/{period_key}/{unit_id}/attachments":         {"own": everyone(200), "other": boardRoles},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/attachments":        {"own": {403, 403, 403, 201, 201, 403}, "other": everyone(403)},
	"DELETE /reports/{regime_id}/{period_key}/{unit_id}/attachments/{id}": {"own": {403, 403, 403, 204, 204, 403}, "other": everyone(403)},
	"GET /attachments/{id}": {"own": everyone(200), "other": boardRoles},
}

type caller struct {
	name string
	c    *client
	user org.User
	unit org.Unit
}

type fixture struct {
	env       *webtest.Env
	otherUnit org.Unit // SKHCN: nobody in the matrix belongs to it
	otherUser org.User // skhcn.baocao
	regOwn    reporting.Regime
	regOther  reporting.Regime
	seq       int
}

func (f *fixture) next() int { f.seq++; return f.seq }

func (f *fixture) target(c *caller, scope string) (org.Unit, org.User) {
	if scope == "other" {
		return f.otherUnit, f.otherUser
	}
	return c.unit, c.user
}

func TestPermissionMatrix(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		clearTasks(t, env) // the demo's conference tasks would blur what these tests count
		f := &fixture{env: env, otherUnit: env.Unit(t, "SKHCN"), otherUser: env.User(t, "skhcn.baocao")}
		f.regOwn, f.regOther = matrixRegimes(t, env)
		admin := apiClient(t, env, "admin")
		syt := env.Unit(t, "SYT")
		admin.do(t, "POST", "/api/v1/users", map[string]any{"username": "syt.xem", "full_name": "Người Chỉ Xem",
			"unit_id": syt.ID, "roles": []string{"viewer"}, "password": webtest.Password}).want(t, http.StatusCreated)
		var callers [6]*caller
		for i, name := range matrixRoles {
			u := env.User(t, name)
			unit := storedUnit(t, env, u.UnitID)
			callers[i] = &caller{name: name, c: apiClient(t, env, name), user: u, unit: unit}
		}
		if callers[5].unit.Code != "SYT" || len(callers[5].user.Roles) != 1 || callers[5].user.Roles[0] != org.RoleViewer {
			t.Fatalf("viewer was not created as asked: %+v", callers[5].user)
		}
		for _, rt := range api.Routes(api.Deps{}) {
			key := rt.Method + " " + rt.Path
			t.Run(key, func(t *testing.T) {
				exp, ok := expected[key]
				if !ok {
					t.Fatalf("route %s has no row in the permission matrix: add one", key)
				}
				for i, cl := range callers {
					for _, scope := range matrixScopes {
						want, ok := exp[scope]
						if !ok {
							continue
						}
						t.Run(cl.name+"/"+scope, func(t *testing.T) {
							runMatrixCell(t, f, rt, cl, scope, want[i])
						})
					}
				}
			})
		}
	})
}

func runMatrixCell(t *testing.T, f *fixture, rt api.Route, cl *caller, scope string, want int) {
	key := rt.Method + " " + rt.Path
	unit, user := f.target(cl, scope)
	p, body, hdr, after := matrixRequest(t, f, key, cl, scope)
	r := cl.c.do(t, rt.Method, "/api/v1"+p, body, hdr...)
	if r.Status != want {
		t.Fatalf("%s %s as %s (%s): status %d, want %d; body %.400s", rt.Method, p, cl.name, scope, r.Status, want, r.Body)
	}
	if r.Status >= 400 {
		r.errorBody(t)
		// A refusal must not carry what it refuses to show.
		if scope == "other" && (strings.Contains(string(r.Body), unit.Name) || strings.Contains(string(r.Body), user.Username)) {
			t.Errorf("refusal leaks data of the other unit: %s", r.Body)
		}
	}
	if after != nil {
		after(t, r)
	}
}
