package api

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

func (a *api) listUsers(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := org.UserFilter{Q: q.Get("q"), Role: org.Role(q.Get("role"))}
	if f.Role != "" && !f.Role.Valid() {
		return apperr.InvalidField("role", "Vai trò không hợp lệ.", "Unknown role.")
	}
	var err error
	if f.UnitID, err = httpx.QueryInt(r, "unit_id", 0); err != nil {
		return err
	}
	if err := paging(r, &f.Limit, &f.Offset); err != nil {
		return err
	}
	list, err := a.Org.ListUsers(r.Context(), httpx.Actor(r.Context()), f)
	if err != nil {
		return err
	}
	return ok(w, list)
}

type userInput struct {
	Username string     `json:"username"`
	FullName string     `json:"full_name"`
	Email    string     `json:"email"`
	Phone    string     `json:"phone"`
	UnitID   int64      `json:"unit_id"`
	Roles    []org.Role `json:"roles"`
	Lang     string     `json:"lang"`
	Password string     `json:"password"`
}

func (a *api) createUser(w http.ResponseWriter, r *http.Request) error {
	var in userInput
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	u := org.User{Username: in.Username, FullName: in.FullName, Email: in.Email, Phone: in.Phone,
		UnitID: in.UnitID, Roles: in.Roles, Lang: in.Lang}
	u, err := a.Org.CreateUser(r.Context(), httpx.Actor(r.Context()), u, in.Password)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	return created(w, u)
}

func (a *api) getUser(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	u, err := a.Org.FindUser(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(u.Version)))
	return ok(w, u)
}

func (a *api) patchUser(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var p org.UserPatch
	if err := httpx.DecodeJSON(w, r, &p); err != nil {
		return err
	}
	ifMatch(r, &p.Version)
	u, err := a.Org.UpdateUser(r.Context(), httpx.Actor(r.Context()), id, p)
	if err != nil {
		return err
	}
	return ok(w, u)
}
