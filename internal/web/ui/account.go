package ui

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

func (u *ui) passwordForm(w http.ResponseWriter, r *http.Request) error {
	p := u.page(r, "Đổi mật khẩu", "")
	return u.render(w, r, "password.html", p)
}

func (u *ui) passwordChange(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	p := u.page(r, "Đổi mật khẩu", "")
	err := u.Org.ChangePassword(r.Context(), httpx.Actor(r.Context()), r.PostForm.Get("current_password"), r.PostForm.Get("password"))
	if err != nil {
		return u.formErr(w, r, err, "password.html", p)
	}
	// The change invalidates older sessions; keep this one signed in.
	if err := u.Sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	u.Sessions.Put(r.Context(), "auth_at", u.Org.Now().UnixMicro())
	p.Flash = &Flash{Kind: "ok", Text: p.T("Đã đổi mật khẩu. Các phiên đăng nhập khác đã hết hiệu lực.")}
	return u.render(w, r, "password.html", p)
}
