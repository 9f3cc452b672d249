package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

const pageSize = 50

type unitListPage struct {
	Q, Kind, Bloc string
	Kinds         []org.UnitKind
	List          org.UnitList
	Parents       map[int64]org.Unit
	Offset        int
	PrevURL       string
	NextURL       string
	CanManage     bool
}

func (u *ui) unitList(w http.ResponseWriter, r *http.Request) error {
	ctx, a, q := r.Context(), httpx.Actor(r.Context()), r.URL.Query()
	d := unitListPage{Q: q.Get("q"), Kind: q.Get("kind"), Bloc: q.Get("bloc"), Kinds: org.UnitKinds, CanManage: a.CanManageUnits()}
	off, _ := strconv.Atoi(q.Get("offset"))
	d.Offset = max(off, 0)
	f := org.UnitFilter{Q: d.Q, Kind: org.UnitKind(d.Kind), Limit: pageSize, Offset: d.Offset}
	if d.Bloc == "true" {
		b := true
		f.Bloc = &b
	}
	var err error
	if d.List, err = u.Org.ListUnits(ctx, a, f); err != nil {
		return err
	}
	var parentIDs []int64
	for _, it := range d.List.Items {
		if it.ParentID != nil {
			parentIDs = append(parentIDs, *it.ParentID)
		}
	}
	if d.Parents, err = u.Org.UnitsByID(ctx, a, parentIDs); err != nil {
		return err
	}
	d.PrevURL, d.NextURL = pageURLs("/units", q, d.Offset, d.List.Total)
	p := u.page(r, "Đơn vị", "units")
	p.Data = d
	if created := q.Get("created"); created != "" && len(d.List.Items) > 0 {
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã thêm đơn vị") + " " + d.List.Items[0].Name + "."}
	}
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Target") == "units-table" {
		p.Partial = "units_table"
	}
	return u.render(w, r, "units.html", p)
}

// pageURLs returns the previous and next page links ("" when none).
func pageURLs(path string, q url.Values, offset, total int) (prev, next string) {
	link := func(off int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("offset", strconv.Itoa(off))
		return path + "?" + v.Encode()
	}
	if offset > 0 {
		prev = link(max(offset-pageSize, 0))
	}
	if offset+pageSize < total {
		next = link(offset + pageSize)
	}
	return prev, next
}

type unitFormPage struct {
	Unit       org.Unit
	ParentCode string
	ParentName string
	Kinds      []org.UnitKind
	Current    *org.Unit // set on a conflict: the version stored now
	IsNew      bool
}

func (u *ui) unitNew(w http.ResponseWriter, r *http.Request) error {
	if !httpx.Actor(r.Context()).CanManageUnits() {
		return apperr.Forbidden()
	}
	p := u.page(r, "Thêm đơn vị", "units")
	p.Data = unitFormPage{Unit: org.Unit{Kind: org.KindBlocMember}, Kinds: org.UnitKinds, IsNew: true}
	return u.render(w, r, "unit_form.html", p)
}

// unitFromForm reads the form into a unit; the parent is given by its code.
func (u *ui) unitFromForm(r *http.Request, d *unitFormPage) error {
	r.ParseForm()
	f := r.PostForm
	d.Unit.Code, d.Unit.Name, d.Unit.ShortName = f.Get("code"), f.Get("name"), f.Get("short_name")
	d.Unit.Kind = org.UnitKind(f.Get("kind"))
	d.Unit.Bloc = f.Get("bloc") == "on"
	d.Unit.Version, _ = strconv.Atoi(f.Get("version"))
	d.ParentCode = strings.TrimSpace(vntext.Normalize(f.Get("parent_code")))
	var v apperr.Invalid
	for _, fld := range []struct {
		name string
		dst  *civil.Date
	}{{"valid_from", &d.Unit.ValidFrom}, {"valid_to", &d.Unit.ValidTo}} {
		*fld.dst = civil.Date{}
		if s := f.Get(fld.name); s != "" {
			t, err := vntext.ParseDate(s)
			if err != nil {
				v.Add(fld.name, "Ngày không hợp lệ.", "Invalid date.")
				continue
			}
			*fld.dst = civil.Of(t, vntext.Location)
		}
	}
	d.Unit.ParentID = nil
	if d.ParentCode != "" {
		parent, err := u.Org.UnitByCode(r.Context(), httpx.Actor(r.Context()), d.ParentCode)
		if err != nil {
			v.Add("parent_code", "Không tìm thấy đơn vị cấp trên có mã "+d.ParentCode+".", "No unit with code "+d.ParentCode+".")
		} else {
			d.Unit.ParentID, d.ParentName = &parent.ID, parent.Name
		}
	}
	return v.Err()
}

func (u *ui) unitCreate(w http.ResponseWriter, r *http.Request) error {
	a := httpx.Actor(r.Context())
	if !a.CanManageUnits() {
		return apperr.Forbidden()
	}
	d := unitFormPage{Kinds: org.UnitKinds, IsNew: true}
	p := u.page(r, "Thêm đơn vị", "units")
	p.Data = &d
	if err := u.unitFromForm(r, &d); err != nil {
		return u.formErr(w, r, err, "unit_form.html", p)
	}
	created, err := u.Org.CreateUnit(r.Context(), a, d.Unit)
	if err != nil {
		return u.formErr(w, r, err, "unit_form.html", p)
	}
	http.Redirect(w, r, "/units?q="+url.QueryEscape(created.Code)+"&created="+strconv.FormatInt(created.ID, 10), http.StatusSeeOther)
	return nil
}

func (u *ui) unitEdit(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	unit, err := u.Org.FindUnit(ctx, a, id)
	if err != nil {
		return err
	}
	d := unitFormPage{Unit: unit, Kinds: org.UnitKinds}
	if unit.ParentID != nil {
		if ps, err := u.Org.UnitsByID(ctx, a, []int64{*unit.ParentID}); err == nil {
			d.ParentCode, d.ParentName = ps[*unit.ParentID].Code, ps[*unit.ParentID].Name
		}
	}
	p := u.page(r, "Đơn vị", "units")
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lưu.")}
	}
	p.Data = &d
	return u.render(w, r, "unit_form.html", p)
}

func (u *ui) unitUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if !a.CanManageUnits() {
		return apperr.Forbidden()
	}
	d := unitFormPage{Kinds: org.UnitKinds}
	d.Unit.ID = id
	p := u.page(r, "Đơn vị", "units")
	p.Data = &d
	if err := u.unitFromForm(r, &d); err != nil {
		return u.formErr(w, r, err, "unit_form.html", p)
	}
	cur, err := u.Org.FindUnit(ctx, a, id)
	if err != nil {
		return err
	}
	d.Unit.Active = cur.Active
	parent := org.OptionalID{Set: true, Value: d.Unit.ParentID}
	patch := org.UnitPatch{Code: &d.Unit.Code, Name: &d.Unit.Name, ShortName: &d.Unit.ShortName, Kind: &d.Unit.Kind,
		ParentID: parent, Bloc: &d.Unit.Bloc, ValidFrom: &d.Unit.ValidFrom, ValidTo: &d.Unit.ValidTo, Version: d.Unit.Version}
	if _, err := u.Org.UpdateUnit(ctx, a, id, patch); err != nil {
		if c, ok := conflictCurrent[org.Unit](err); ok {
			// Show both versions; saving again now overwrites knowingly.
			d.Current = &c
			d.Unit.Version = c.Version
		}
		return u.formErr(w, r, err, "unit_form.html", p)
	}
	http.Redirect(w, r, "/units/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}

func (u *ui) unitSetActive(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	r.ParseForm()
	active := r.PostForm.Get("active") == "true"
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	if _, err := u.Org.UpdateUnit(ctx, a, id, org.UnitPatch{Active: &active, Version: version}); err != nil {
		return err
	}
	http.Redirect(w, r, "/units/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}
