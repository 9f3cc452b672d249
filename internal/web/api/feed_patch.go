package api

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// feedPatch is the body of PATCH /feeds/{id}: the fields given change, the
// others keep their stored value. The address is the feed's identity and
// is not edited (a new address is a new feed).
type feedPatch struct {
	Outlet  *string `json:"outlet"`
	Charset *string `json:"charset"`
	UnitID  *int64  `json:"unit_id"`
	Active  *bool   `json:"active"`
}

func (p feedPatch) apply(f *press.Feed) {
	if p.Outlet != nil {
		f.Outlet = *p.Outlet
	}
	if p.Charset != nil {
		f.Charset = *p.Charset
	}
	if p.UnitID != nil {
		f.UnitID = *p.UnitID
	}
	if p.Active != nil {
		f.Active = *p.Active
	}
}

// patchFeed renames a feed's outlet, changes its charset or publishing
// unit, or deactivates and reactivates it. Feeds carry no version: the
// last change wins, and each is in the audit trail.
func (a *api) patchFeed(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var p feedPatch
	if err := httpx.DecodeJSON(w, r, &p); err != nil {
		return err
	}
	ctx, actor := r.Context(), httpx.Actor(r.Context())
	f, err := a.Press.FindFeed(ctx, actor, id)
	if err != nil {
		return err
	}
	p.apply(&f)
	out, err := a.Press.UpdateFeed(ctx, actor, id, f)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func init() {
	operations["PATCH /feeds/{id}"] = op{summary: "Sửa nguồn tin: tên cơ quan báo chí, bảng mã, đơn vị; tạm dừng (active=false) hoặc lấy tin lại (active=true). Trường không gửi giữ nguyên; địa chỉ không sửa được",
		body: "FeedPatch", resp: "Feed", status: "200"}
}
