package webtest

import (
	"context"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
)

// DashboardDay is the day the dashboard tests read the dashboards:
// Wednesday 13 January 2021, when the demo conference's tasks of December
// are overdue.
var DashboardDay = time.Date(2021, time.January, 13, 9, 0, 0, 0, vntext.Location)

// NewDashboard starts a server with the demo as of 4 January 2021, adds two
// press cases assigned then (STNMT's due 11/01, late on the 13th; SGDDT's,
// assigned 8/01, due 15/01) and a directive issued on 11/01 to the Bloc
// that nobody has read, and sets the clock to DashboardDay.
func NewDashboard(t testing.TB, d sqldb.Dialect) *Env {
	t.Helper()
	env := NewAt(t, d, time.Date(2021, time.January, 4, 9, 0, 0, 0, vntext.Location))
	ctx := context.Background()
	spec := env.User(t, "chuyenvien")
	cv := org.ActorFor(&spec, "")
	assign := func(url, title string, f press.Field, unit string) {
		c, err := env.Press.Create(ctx, cv, press.Case{Outlet: "Báo Quảng Trị", URL: url, Title: title, Field: f})
		if err == nil {
			_, err = env.Press.Assign(ctx, cv, c.ID, c.Version, env.Unit(t, unit).ID, "")
		}
		if err != nil {
			t.Fatalf("webtest: press case %s: %v", title, err)
		}
	}
	assign("https://baoquangtri.example/rac-thai-cho", "Rác thải ở chợ phường", press.Environment, "STNMT")
	env.Clock.Set(time.Date(2021, time.January, 8, 9, 0, 0, 0, vntext.Location))
	assign("https://baoquangtri.example/hoc-phi", "Học phí trường tư thục tăng", press.Education, "SGDDT")
	env.Clock.Set(time.Date(2021, time.January, 11, 9, 0, 0, 0, vntext.Location))
	bloc := true
	units, err := env.Org.ListUnits(ctx, org.SystemActor("test"), org.UnitFilter{Bloc: &bloc, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	dir := notice.Directive{TypeCode: "CV", Title: "Về tuyên truyền phòng, chống dịch dịp Tết", RequiresAck: true}
	for _, u := range units.Items {
		dir.UnitIDs = append(dir.UnitIDs, u.ID)
	}
	if dir, err = env.Notice.Create(ctx, cv, dir); err == nil {
		_, err = env.Notice.Issue(ctx, cv, dir.ID, dir.Version)
	}
	if err != nil {
		t.Fatalf("webtest: directive: %v", err)
	}
	env.Clock.Set(DashboardDay)
	return env
}
