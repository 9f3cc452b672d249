package api

import (
	"net/http"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type tokenRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type tokenResponse struct {
	Token     string    `json:"token"`
	ID        int64     `json:"id"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (a *api) createToken(w http.ResponseWriter, r *http.Request) error {
	var req tokenRequest
	if err := httpx.DecodeJSON(w, r, &req); err != nil {
		return err
	}
	var v apperr.Invalid
	if req.Username == "" {
		v.Add("username", "Tên đăng nhập là bắt buộc.", "Username is required.")
	}
	if req.Password == "" {
		v.Add("password", "Mật khẩu là bắt buộc.", "Password is required.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	plain, t, err := a.Org.CreateToken(r.Context(), req.Username, req.Password, httpx.ClientIP(r, a.TrustProxy))
	if err != nil {
		return err
	}
	return created(w, tokenResponse{Token: plain, ID: t.ID, ExpiresAt: t.ExpiresAt})
}

func (a *api) listTokens(w http.ResponseWriter, r *http.Request) error {
	ts, err := a.Org.ListTokens(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": ts, "total": len(ts)})
}

func (a *api) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.Org.RevokeToken(r.Context(), httpx.Actor(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type meResponse struct {
	org.User
	Unit org.Unit `json:"unit"`
}

func (a *api) me(w http.ResponseWriter, r *http.Request) error {
	u := httpx.User(r.Context())
	unit, err := a.Org.FindUnit(r.Context(), httpx.Actor(r.Context()), u.UnitID)
	if err != nil {
		return err
	}
	return ok(w, meResponse{User: *u, Unit: unit})
}

type passwordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

func (a *api) changePassword(w http.ResponseWriter, r *http.Request) error {
	var req passwordRequest
	if err := httpx.DecodeJSON(w, r, &req); err != nil {
		return err
	}
	if err := a.Org.ChangePassword(r.Context(), httpx.Actor(r.Context()), req.CurrentPassword, req.NewPassword); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
