package ui

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type settingsPage struct {
	Values map[string]string
}

func (u *ui) settingsForm(w http.ResponseWriter, r *http.Request) error {
	if !httpx.Actor(r.Context()).Has(org.RoleAdmin) {
		return apperr.Forbidden()
	}
	vals, err := u.Org.Settings(r.Context())
	if err != nil {
		return err
	}
	p := u.page(r, "Thiết lập", "settings")
	p.Data = settingsPage{Values: vals}
	return u.render(w, r, "settings.html", p)
}

func (u *ui) settingsSave(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	vals := map[string]string{}
	for _, k := range []string{org.SettingProvinceName, org.SettingBoardName, org.SettingBoardSymbol, org.SettingSuperiorName} {
		vals[k] = r.PostForm.Get(k)
	}
	p := u.page(r, "Thiết lập", "settings")
	p.Data = settingsPage{Values: vals}
	if err := u.Org.SetSettings(r.Context(), httpx.Actor(r.Context()), vals); err != nil {
		return u.formErr(w, r, err, "settings.html", p)
	}
	p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lưu.")}
	return u.render(w, r, "settings.html", p)
}
