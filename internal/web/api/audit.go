package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// parseTimeParam accepts RFC 3339 or a date (yyyy-mm-dd or dd/mm/yyyy,
// midnight in Asia/Ho_Chi_Minh); endOfDay moves a bare date to the next midnight.
func parseTimeParam(r *http.Request, name string, endOfDay bool) (time.Time, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := vntext.ParseDate(s)
	if err != nil {
		return time.Time{}, apperr.InvalidField(name, "Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).", "Invalid date (yyyy-mm-dd).")
	}
	if endOfDay {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

func (a *api) listAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := org.AuditFilter{Entity: q.Get("entity"), EntityID: q.Get("entity_id")}
	if actor := q.Get("actor"); actor != "" {
		if id, err := strconv.ParseInt(actor, 10, 64); err == nil {
			f.ActorID = id
		} else {
			f.Actor = actor
		}
	}
	var err error
	if f.From, err = parseTimeParam(r, "from", false); err != nil {
		return err
	}
	if f.To, err = parseTimeParam(r, "to", true); err != nil {
		return err
	}
	if err := paging(r, &f.Limit, &f.Offset); err != nil {
		return err
	}
	list, err := a.Org.ListAudit(r.Context(), httpx.Actor(r.Context()), f)
	if err != nil {
		return err
	}
	return ok(w, list)
}

func (a *api) verifyAudit(w http.ResponseWriter, r *http.Request) error {
	if !httpx.Actor(r.Context()).CanReadAudit() {
		return apperr.Forbidden()
	}
	res, err := a.Org.VerifyAudit(r.Context())
	if err != nil {
		return err
	}
	return ok(w, res)
}

func (a *api) getSettings(w http.ResponseWriter, r *http.Request) error {
	if !httpx.Actor(r.Context()).Has(org.RoleAdmin, org.RoleBoardLeader, org.RoleBoardSpecialist) {
		return apperr.Forbidden()
	}
	s, err := a.Org.Settings(r.Context())
	if err != nil {
		return err
	}
	return ok(w, s)
}

func (a *api) putSettings(w http.ResponseWriter, r *http.Request) error {
	var in map[string]string
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := a.Org.SetSettings(r.Context(), httpx.Actor(r.Context()), in); err != nil {
		return err
	}
	return a.getSettings(w, r)
}
