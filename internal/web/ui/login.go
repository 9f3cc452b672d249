package ui

import (
	"net/http"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type loginPage struct {
	Next     string
	Username string
}

func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (u *ui) loginForm(w http.ResponseWriter, r *http.Request) error {
	if httpx.User(r.Context()) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	p := u.page(r, "Đăng nhập", "")
	p.Data = loginPage{Next: safeNext(r.URL.Query().Get("next"))}
	return u.render(w, r, "login.html", p)
}

func (u *ui) login(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.BadRequest("Biểu mẫu không hợp lệ.", "Malformed form.")
	}
	username := strings.ToLower(strings.TrimSpace(r.PostFormValue("username")))
	p := u.page(r, "Đăng nhập", "")
	p.Data = loginPage{Next: safeNext(r.PostFormValue("next")), Username: username}
	var v apperr.Invalid
	if username == "" {
		v.Add("username", "Nhập tên đăng nhập.", "Enter your username.")
	}
	if r.PostFormValue("password") == "" {
		v.Add("password", "Nhập mật khẩu.", "Enter your password.")
	}
	if err := v.Err(); err != nil {
		return u.formErr(w, r, err, "login.html", p)
	}
	user, err := u.Org.Authenticate(r.Context(), username, r.PostFormValue("password"), httpx.ClientIP(r, u.TrustProxy))
	if err != nil {
		return u.formErr(w, r, err, "login.html", p)
	}
	// A new session token at sign-in defeats session fixation.
	if err := u.Sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	u.Sessions.Put(r.Context(), "uid", user.ID)
	u.Sessions.Put(r.Context(), "auth_at", u.Org.Now().UnixMicro())
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
	return nil
}

func (u *ui) logout(w http.ResponseWriter, r *http.Request) error {
	_ = u.Org.RecordSignOut(r.Context(), httpx.Actor(r.Context()))
	if err := u.Sessions.Destroy(r.Context()); err != nil {
		return err
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
