package web_test

import (
	"testing"

	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/org"
)

// Dashboards: everyone signed in reads their own ("own": the role's
// default view); the Board's views ("other": ?view=leader) only the Board.
func init() {
	expected["GET /dashboard"] = map[string]statuses{"own": everyone(200), "other": boardRoles}
}

// dashboardRequest builds the matrix cells of GET /dashboard and checks
// that each role gets its own view.
func dashboardRequest(t *testing.T, _ *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if key != "GET /dashboard" {
		return "", nil, nil, nil, false
	}
	a := org.ActorFor(&cl.user, "")
	want, p := dashboard.Views(a)[0], "/dashboard"
	if scope == "other" {
		want, p = dashboard.Leader, "/dashboard?view=leader"
	}
	return p, nil, nil, onOK(func(t *testing.T, r resp) {
		var d dashboard.Dashboard
		r.decode(t, &d)
		if d.View != want || len(d.Widgets) == 0 {
			t.Errorf("%s got view %s with %d widgets, want %s", cl.name, d.View, len(d.Widgets), want)
		}
		if want == dashboard.Unit && d.UnitID != cl.user.UnitID {
			t.Errorf("%s got the dashboard of unit %d, want its own %d", cl.name, d.UnitID, cl.user.UnitID)
		}
	}), true
}
