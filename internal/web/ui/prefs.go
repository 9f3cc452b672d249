package ui

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// The signed-in user's notification preferences: e-mail on or off per kind.

func (u *ui) prefRoutes() []route {
	return []route{
		{pattern: "GET /account/notifications", h: u.prefsForm},
		{pattern: "POST /account/notifications", h: u.prefsSave},
	}
}

func (u *ui) prefsForm(w http.ResponseWriter, r *http.Request) error {
	p := u.page(r, "Tùy chọn thông báo", "")
	prefs, err := u.Notice.Prefs(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	p.Data = prefs
	return u.render(w, r, "notification_prefs.html", p)
}

func (u *ui) prefsSave(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	p := u.page(r, "Tùy chọn thông báo", "")
	email := map[string]bool{}
	for _, k := range notice.PrefKinds {
		email[k.Kind] = r.PostForm.Get("email_"+k.Kind) == "1"
	}
	prefs, err := u.Notice.SetPrefs(r.Context(), httpx.Actor(r.Context()), email)
	if err != nil {
		return err
	}
	p.Data = prefs
	p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lưu tùy chọn thông báo.")}
	return u.render(w, r, "notification_prefs.html", p)
}
