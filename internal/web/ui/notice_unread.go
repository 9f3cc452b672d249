package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// unreadDirectives shows /directives?unread=1, the list behind the
// dashboards' unread figures: for the Board every recipient unit that has
// not opened an issued directive (of one directive with ?directive=), for
// a unit the directives nobody of it has opened.
func (u *ui) unreadDirectives(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	d := &directivesPage{UnreadOnly: true}
	if a.AllUnits() {
		all, err := u.Notice.Unread(ctx, a, 0)
		if err != nil {
			return err
		}
		only, _ := strconv.ParseInt(r.URL.Query().Get("directive"), 10, 64)
		for _, x := range all {
			if only == 0 || x.DirectiveID == only {
				d.Unread = append(d.Unread, x)
			}
		}
	} else {
		items, err := u.Notice.UnreadForUnit(ctx, a)
		if err != nil {
			return err
		}
		d.Items = items
	}
	p := u.page(r, "Văn bản chỉ đạo", "directives")
	p.Data = d
	return u.render(w, r, "directives.html", p)
}
