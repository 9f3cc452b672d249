package api

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

func (a *api) listUnits(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := org.UnitFilter{Q: q.Get("q"), Kind: org.UnitKind(q.Get("kind"))}
	if f.Kind != "" && !f.Kind.Valid() {
		return apperr.InvalidField("kind", "Loại đơn vị không hợp lệ.", "Unknown unit kind.")
	}
	if q.Get("parent_id") != "" {
		id, err := httpx.QueryInt(r, "parent_id", 0)
		if err != nil {
			return err
		}
		f.ParentID = &id
	}
	var err error
	if f.Active, err = queryBool(r, "active"); err != nil {
		return err
	}
	if f.Bloc, err = queryBool(r, "bloc"); err != nil {
		return err
	}
	if err := paging(r, &f.Limit, &f.Offset); err != nil {
		return err
	}
	list, err := a.Org.ListUnits(r.Context(), httpx.Actor(r.Context()), f)
	if err != nil {
		return err
	}
	return ok(w, list)
}

func queryBool(r *http.Request, name string) (*bool, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return nil, apperr.InvalidField(name, "Tham số "+name+" phải là true hoặc false.", "Parameter "+name+" must be true or false.")
	}
	return &b, nil
}

func paging(r *http.Request, limit, offset *int) error {
	l, err := httpx.QueryInt(r, "limit", 50)
	if err != nil {
		return err
	}
	o, err := httpx.QueryInt(r, "offset", 0)
	if err != nil {
		return err
	}
	if l < 1 || l > 1000 {
		return apperr.InvalidField("limit", "Tham số limit phải từ 1 đến 1000.", "limit must be between 1 and 1000.")
	}
	if o < 0 {
		return apperr.InvalidField("offset", "Tham số offset không được âm.", "offset must not be negative.")
	}
	*limit, *offset = int(l), int(o)
	return nil
}

func (a *api) createUnit(w http.ResponseWriter, r *http.Request) error {
	var u org.Unit
	if err := httpx.DecodeJSON(w, r, &u); err != nil {
		return err
	}
	u, err := a.Org.CreateUnit(r.Context(), httpx.Actor(r.Context()), u)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/units/"+strconv.FormatInt(u.ID, 10))
	return created(w, u)
}

func (a *api) getUnit(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	u, err := a.Org.FindUnit(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(u.Version)))
	return ok(w, u)
}

// ifMatch reads the version from an If-Match header ("3" or W/"3") when the body has none.
func ifMatch(r *http.Request, version *int) {
	if *version != 0 {
		return
	}
	v := r.Header.Get("If-Match")
	if len(v) > 2 && v[:2] == "W/" {
		v = v[2:]
	}
	if n, err := strconv.Atoi(trimQuotes(v)); err == nil {
		*version = n
	}
}

func trimQuotes(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

func (a *api) patchUnit(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var p org.UnitPatch
	if err := httpx.DecodeJSON(w, r, &p); err != nil {
		return err
	}
	ifMatch(r, &p.Version)
	u, err := a.Org.UpdateUnit(r.Context(), httpx.Actor(r.Context()), id, p)
	if err != nil {
		return err
	}
	return ok(w, u)
}

// importUnits takes the file as the raw body (format from ?format= or the
// Content-Type) or as a multipart field "file".
func (a *api) importUnits(w http.ResponseWriter, r *http.Request) error {
	if !httpx.Actor(r.Context()).CanManageUnits() {
		return apperr.Forbidden()
	}
	name, data, err := httpx.ReadUpload(w, r, "file")
	if err != nil {
		return err
	}
	if f := r.URL.Query().Get("format"); f != "" {
		name = "upload." + f
	}
	format, err := org.DetectFormat(name, data)
	if err != nil {
		return err
	}
	rows, err := org.ParseImport(format, data)
	if err != nil {
		return err
	}
	res, err := a.Org.ImportUnits(r.Context(), httpx.Actor(r.Context()), rows)
	if err != nil {
		return err
	}
	return ok(w, res)
}
