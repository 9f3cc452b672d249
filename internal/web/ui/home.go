package ui

import (
	"net/http"
	"time"

	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// viewTab is one dashboard a Board user may switch to.
type viewTab struct {
	Label, URL string
	Active     bool
}

type homePage struct {
	UnitName string
	Units    int
	Bloc     int
	Users    int
	Dash     dashboard.Dashboard
	Tabs     []viewTab // several only for the Board
	PDF      bool      // the leader's view downloads as a PDF
	AsOf     time.Time // when the figures were counted
}

// home is the signed-in person's dashboard: the Board leader's overview,
// the specialist's review queue, or the unit's own deadlines (?view=
// switches between the views the role may open), above the organisation's
// size in the caller's scope.
func (u *ui) home(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	p := u.page(r, "Trang chủ", "home")
	d := homePage{AsOf: u.now()}
	var err error
	if d.Dash, err = u.Dashboard.Build(ctx, a, dashboard.View(r.URL.Query().Get("view")), p.Lang); err != nil {
		return err
	}
	if len(d.Dash.Views) > 1 {
		for _, v := range d.Dash.Views {
			d.Tabs = append(d.Tabs, viewTab{Label: v.Label(p.Lang), URL: "/?view=" + string(v), Active: v == d.Dash.View})
		}
	}
	d.PDF = d.Dash.View == dashboard.Leader
	if unit, err := u.Org.FindUnit(ctx, a, a.UnitID); err == nil {
		d.UnitName = unit.Name
	}
	if err := u.orgCounts(r, &d); err != nil {
		return err
	}
	p.Data = d
	return u.render(w, r, "home.html", p)
}

// orgCounts fills the size of the organisation in the caller's scope.
func (u *ui) orgCounts(r *http.Request, d *homePage) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	all, err := u.Org.ListUnits(ctx, a, org.UnitFilter{Limit: 1})
	if err != nil {
		return err
	}
	bloc := true
	blocList, err := u.Org.ListUnits(ctx, a, org.UnitFilter{Bloc: &bloc, Limit: 1})
	if err != nil {
		return err
	}
	users, err := u.Org.ListUsers(ctx, a, org.UserFilter{Limit: 1})
	if err != nil {
		return err
	}
	d.Units, d.Bloc, d.Users = all.Total, blocList.Total, users.Total
	return nil
}
