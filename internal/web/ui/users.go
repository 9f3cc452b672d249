package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type userListPage struct {
	Q, Role   string
	Roles     []org.Role
	List      org.UserList
	Units     map[int64]org.Unit
	Offset    int
	PrevURL   string
	NextURL   string
	CanManage bool
}

func (u *ui) userList(w http.ResponseWriter, r *http.Request) error {
	ctx, a, q := r.Context(), httpx.Actor(r.Context()), r.URL.Query()
	d := userListPage{Q: q.Get("q"), Role: q.Get("role"), Roles: org.Roles, CanManage: a.CanManageUsers()}
	d.Offset, _ = strconv.Atoi(q.Get("offset"))
	d.Offset = max(d.Offset, 0)
	f := org.UserFilter{Q: d.Q, Limit: pageSize, Offset: d.Offset}
	if role := org.Role(d.Role); role.Valid() {
		f.Role = role
	}
	var err error
	if d.List, err = u.Org.ListUsers(ctx, a, f); err != nil {
		return err
	}
	ids := make([]int64, 0, len(d.List.Items))
	for _, it := range d.List.Items {
		ids = append(ids, it.UnitID)
	}
	if d.Units, err = u.Org.UnitsByID(ctx, a, ids); err != nil {
		return err
	}
	d.PrevURL, d.NextURL = pageURLs("/users", q, d.Offset, d.List.Total)
	p := u.page(r, "Người dùng", "users")
	p.Data = d
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Target") == "users-table" {
		p.Partial = "users_table"
	}
	return u.render(w, r, "users.html", p)
}

type userFormPage struct {
	User     org.User
	UnitCode string
	UnitName string
	Roles    []org.Role
	Current  *org.User
	IsNew    bool
}

func (u *ui) userNew(w http.ResponseWriter, r *http.Request) error {
	if !httpx.Actor(r.Context()).CanManageUsers() {
		return apperr.Forbidden()
	}
	p := u.page(r, "Thêm người dùng", "users")
	p.Data = &userFormPage{Roles: org.Roles, IsNew: true, User: org.User{Roles: []org.Role{org.RoleUnitReporter}}}
	return u.render(w, r, "user_form.html", p)
}

func (u *ui) userFromForm(r *http.Request, d *userFormPage) error {
	r.ParseForm()
	f := r.PostForm
	d.User.Username, d.User.FullName = f.Get("username"), f.Get("full_name")
	d.User.Email, d.User.Phone, d.User.Lang = f.Get("email"), f.Get("phone"), f.Get("lang")
	d.User.Active = f.Get("active") == "on" || d.IsNew
	d.User.Version, _ = strconv.Atoi(f.Get("version"))
	d.User.Roles = nil
	for _, role := range f["roles"] {
		d.User.Roles = append(d.User.Roles, org.Role(role))
	}
	d.UnitCode = f.Get("unit_code")
	d.User.UnitID = 0
	if d.UnitCode == "" {
		return apperr.InvalidField("unit_code", "Nhập mã đơn vị của người dùng.", "Enter the user's unit code.")
	}
	unit, err := u.Org.UnitByCode(r.Context(), httpx.Actor(r.Context()), d.UnitCode)
	if err != nil {
		return apperr.InvalidField("unit_code", "Không tìm thấy đơn vị có mã "+d.UnitCode+".", "No unit with code "+d.UnitCode+".")
	}
	d.User.UnitID, d.UnitName = unit.ID, unit.Name
	return nil
}

func (u *ui) userCreate(w http.ResponseWriter, r *http.Request) error {
	a := httpx.Actor(r.Context())
	if !a.CanManageUsers() {
		return apperr.Forbidden()
	}
	d := &userFormPage{Roles: org.Roles, IsNew: true}
	p := u.page(r, "Thêm người dùng", "users")
	p.Data = d
	if err := u.userFromForm(r, d); err != nil {
		return u.formErr(w, r, err, "user_form.html", p)
	}
	created, err := u.Org.CreateUser(r.Context(), a, d.User, r.PostForm.Get("password"))
	if err != nil {
		return u.formErr(w, r, err, "user_form.html", p)
	}
	http.Redirect(w, r, "/users/"+strconv.FormatInt(created.ID, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}

func (u *ui) userEdit(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	user, err := u.Org.FindUser(ctx, a, id)
	if err != nil {
		return err
	}
	d := &userFormPage{User: user, Roles: org.Roles}
	if units, err := u.Org.UnitsByID(ctx, a, []int64{user.UnitID}); err == nil {
		d.UnitCode, d.UnitName = units[user.UnitID].Code, units[user.UnitID].Name
	}
	p := u.page(r, "Người dùng", "users")
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lưu.")}
	}
	p.Data = d
	return u.render(w, r, "user_form.html", p)
}

func (u *ui) userUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if !a.CanManageUsers() {
		return apperr.Forbidden()
	}
	d := &userFormPage{Roles: org.Roles}
	d.User.ID = id
	p := u.page(r, "Người dùng", "users")
	p.Data = d
	if err := u.userFromForm(r, d); err != nil {
		return u.formErr(w, r, err, "user_form.html", p)
	}
	cur, err := u.Org.FindUser(ctx, a, id)
	if err != nil {
		return err
	}
	d.User.Username = cur.Username
	roles := d.User.Roles
	patch := org.UserPatch{FullName: &d.User.FullName, Email: &d.User.Email, Phone: &d.User.Phone, UnitID: &d.User.UnitID,
		Roles: &roles, Active: &d.User.Active, Lang: &d.User.Lang, Version: d.User.Version}
	if pw := r.PostForm.Get("password"); pw != "" {
		patch.Password = &pw
	}
	if _, err := u.Org.UpdateUser(ctx, a, id, patch); err != nil {
		if c, ok := conflictCurrent[org.User](err); ok {
			d.Current = &c
			d.User.Version = c.Version
		}
		return u.formErr(w, r, err, "user_form.html", p)
	}
	http.Redirect(w, r, "/users/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}
