package ui

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type importPage struct {
	Result *org.ImportResult
}

func (u *ui) unitImportForm(w http.ResponseWriter, r *http.Request) error {
	if !httpx.Actor(r.Context()).CanManageUnits() {
		return apperr.Forbidden()
	}
	p := u.page(r, "Nhập danh mục đơn vị", "units")
	p.Data = importPage{}
	return u.render(w, r, "unit_import.html", p)
}

func (u *ui) unitImport(w http.ResponseWriter, r *http.Request) error {
	a := httpx.Actor(r.Context())
	if !a.CanManageUnits() {
		return apperr.Forbidden()
	}
	p := u.page(r, "Nhập danh mục đơn vị", "units")
	p.Data = importPage{}
	res, err := u.importFile(w, r, a)
	if err != nil {
		return u.formErr(w, r, err, "unit_import.html", p)
	}
	p.Data = importPage{Result: &res}
	p.Flash = &Flash{Kind: "ok", Text: p.T("Đã nhập xong tệp.")}
	return u.render(w, r, "unit_import.html", p)
}

func (u *ui) importFile(w http.ResponseWriter, r *http.Request, a org.Actor) (org.ImportResult, error) {
	name, data, err := httpx.ReadUpload(w, r, "file")
	if err != nil {
		return org.ImportResult{}, err
	}
	format, err := org.DetectFormat(name, data)
	if err != nil {
		return org.ImportResult{}, err
	}
	rows, err := org.ParseImport(format, data)
	if err != nil {
		return org.ImportResult{}, err
	}
	return u.Org.ImportUnits(r.Context(), a, rows)
}
