package ui

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type homePage struct {
	UnitName string
	Units    int
	Bloc     int
	Users    int
}

func (u *ui) home(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	p := u.page(r, "Trang chủ", "home")
	var d homePage
	if unit, err := u.Org.FindUnit(ctx, a, a.UnitID); err == nil {
		d.UnitName = unit.Name
	}
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
	p.Data = d
	return u.render(w, r, "home.html", p)
}
