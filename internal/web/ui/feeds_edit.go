package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Editing a feed (/press/feeds/{id}/edit): its outlet, charset and publishing
// unit; and pausing or resuming its polling from the list.

type feedEditPage struct {
	Feed     press.Feed
	Agencies []org.Unit // press agencies a feed may belong to
}

func (u *ui) feedEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	f, err := u.Press.FindFeed(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	return u.renderFeedEdit(w, r, f, nil)
}

func (u *ui) renderFeedEdit(w http.ResponseWriter, r *http.Request, f press.Feed, formErr error) error {
	active, kind := true, org.KindPressAgency
	l, err := u.Org.ListUnits(r.Context(), httpx.Actor(r.Context()), org.UnitFilter{Kind: kind, Active: &active, Limit: 1000})
	if err != nil {
		return err
	}
	p := u.page(r, "Sửa nguồn tin", "press")
	p.Data = &feedEditPage{Feed: f, Agencies: l.Items}
	if formErr != nil {
		return u.formErr(w, r, formErr, "press_feed.html", p)
	}
	return u.render(w, r, "press_feed.html", p)
}

// feedUpdate saves the edit form; the address and polling state stay.
func (u *ui) feedUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, a := r.Context(), httpx.Actor(r.Context())
	f, err := u.Press.FindFeed(ctx, a, id)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	_ = r.ParseForm()
	in := r.PostForm
	f.Outlet, f.Charset, f.Active = in.Get("outlet"), in.Get("charset"), in.Get("active") == "1"
	f.UnitID, _ = strconv.ParseInt(in.Get("unit_id"), 10, 64)
	if _, err := u.Press.UpdateFeed(ctx, a, id, f); err != nil {
		return u.renderFeedEdit(w, r, f, err)
	}
	http.Redirect(w, r, "/press/feeds?done=saved", http.StatusSeeOther)
	return nil
}

// feedActive pauses (active=0) or resumes (active=1) a feed's polling.
func (u *ui) feedActive(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, a := r.Context(), httpx.Actor(r.Context())
	f, err := u.Press.FindFeed(ctx, a, id)
	if err != nil {
		return err
	}
	f.Active = r.PostFormValue("active") == "1"
	if _, err := u.Press.UpdateFeed(ctx, a, id, f); err != nil {
		return err
	}
	done := "paused"
	if f.Active {
		done = "resumed"
	}
	http.Redirect(w, r, "/press/feeds?done="+done, http.StatusSeeOther)
	return nil
}
