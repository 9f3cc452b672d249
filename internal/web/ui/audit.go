package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type auditPage struct {
	Entity, Actor, From, To string
	List                    org.AuditList
	Offset                  int
	PrevURL, NextURL        string
	Verify                  *org.VerifyResult
}

func (u *ui) auditList(w http.ResponseWriter, r *http.Request) error {
	ctx, a, q := r.Context(), httpx.Actor(r.Context()), r.URL.Query()
	if !a.CanReadAudit() {
		return apperr.Forbidden()
	}
	d := auditPage{Entity: q.Get("entity"), Actor: q.Get("actor"), From: q.Get("from"), To: q.Get("to")}
	d.Offset, _ = strconv.Atoi(q.Get("offset"))
	d.Offset = max(d.Offset, 0)
	f := org.AuditFilter{Entity: d.Entity, Actor: d.Actor, Limit: pageSize, Offset: d.Offset}
	p := u.page(r, "Nhật ký thay đổi", "audit")
	var v apperr.Invalid
	if d.From != "" {
		t, err := vntext.ParseDate(d.From)
		if err != nil {
			v.Add("from", "Ngày không hợp lệ.", "Invalid date.")
		}
		f.From = t
	}
	if d.To != "" {
		t, err := vntext.ParseDate(d.To)
		if err != nil {
			v.Add("to", "Ngày không hợp lệ.", "Invalid date.")
		}
		f.To = t.AddDate(0, 0, 1)
	}
	p.Data = &d
	if err := v.Err(); err != nil {
		return u.formErr(w, r, err, "audit.html", p)
	}
	var err error
	if d.List, err = u.Org.ListAudit(ctx, a, f); err != nil {
		return err
	}
	if q.Get("verify") == "1" {
		res, err := u.Org.VerifyAudit(ctx)
		if err != nil {
			return err
		}
		d.Verify = &res
	}
	d.PrevURL, d.NextURL = pageURLs("/audit", q, d.Offset, d.List.Total)
	return u.render(w, r, "audit.html", p)
}
