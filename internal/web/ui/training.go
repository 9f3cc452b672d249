package ui

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// trainingRoutes are the pages of the staff training register.
func (u *ui) trainingRoutes() []route {
	return []route{
		{pattern: "GET /training", h: u.trainingStaffList},
		{pattern: "GET /training/staff/new", h: u.trainingStaffNew},
		{pattern: "POST /training/staff", h: u.trainingStaffCreate},
		{pattern: "GET /training/staff/{id}", h: u.trainingStaffView},
		{pattern: "POST /training/staff/{id}", h: u.trainingStaffUpdate},
		{pattern: "POST /training/staff/{id}/move", h: u.trainingStaffMove},
		{pattern: "GET /training/courses", h: u.trainingCourseList},
		{pattern: "GET /training/courses/new", h: u.trainingCourseNew},
		{pattern: "POST /training/courses", h: u.trainingCourseCreate},
		{pattern: "GET /training/courses/{id}", h: u.trainingCourseView},
		{pattern: "POST /training/courses/{id}", h: u.trainingCourseUpdate},
		{pattern: "POST /training/courses/{id}/participants", h: u.trainingParticipants},
		{pattern: "POST /training/courses/{id}/participants/{staff}/certificate", h: u.trainingCertificateUpload},
		{pattern: "GET /training/certificates/{id}", h: u.trainingCertificateFile},
		{pattern: "POST /training/certificates/{id}/delete", h: u.trainingCertificateDelete},
		{pattern: "GET /training/figures", h: u.trainingFigures},
	}
}

// trainingOption is a value of a select with its label in the page's language.
type trainingOption struct{ Value, Label string }

func levelOptions(lang string) []trainingOption {
	out := make([]trainingOption, 0, len(training.Levels))
	for _, l := range training.Levels {
		out = append(out, trainingOption{string(l), l.Label(lang)})
	}
	return out
}

func kindOptions(lang string) []trainingOption {
	out := make([]trainingOption, 0, len(training.Kinds))
	for _, k := range training.Kinds {
		out = append(out, trainingOption{string(k), k.Label(lang)})
	}
	return out
}

// staffRow is a line of the register with its unit's name and labels.
type staffRow struct {
	training.Staff
	UnitName, LevelLabel string
}

type trainingStaffPage struct {
	Q         string
	UnitID    int64
	Units     []org.Unit // the units the reader may filter by
	Rows      []staffRow
	Total     int
	CanAdd    bool
	ExportURL string
}

// trainingStaffList shows /training: the register of the units in the
// reader's scope, filtered by unit and by name typed with or without marks.
func (u *ui) trainingStaffList(w http.ResponseWriter, r *http.Request) error {
	ctx, a, q := r.Context(), httpx.Actor(r.Context()), r.URL.Query()
	p := u.page(r, "Đào tạo, bồi dưỡng cán bộ", "training")
	d := &trainingStaffPage{Q: q.Get("q"), CanAdd: training.CanManageAll(a) || training.CanManageUnit(a, a.UnitID)}
	d.UnitID, _ = strconv.ParseInt(q.Get("unit_id"), 10, 64)
	active := true
	units, err := u.Org.ListUnits(ctx, a, org.UnitFilter{Active: &active, Limit: 1000})
	if err != nil {
		return err
	}
	d.Units = units.Items
	l, err := u.Training.ListStaff(ctx, a, training.StaffFilter{UnitID: d.UnitID, Q: d.Q, Limit: 1000})
	if err != nil {
		return err
	}
	d.Total = l.Total
	names, err := u.staffUnits(ctx, l.Items)
	if err != nil {
		return err
	}
	for _, s := range l.Items {
		d.Rows = append(d.Rows, staffRow{Staff: s, UnitName: names[s.UnitID].Name, LevelLabel: s.PoliticalLevel.Label(p.Lang)})
	}
	v := url.Values{}
	if d.Q != "" {
		v.Set("q", d.Q)
	}
	if d.UnitID != 0 {
		v.Set("unit_id", strconv.FormatInt(d.UnitID, 10))
	}
	d.ExportURL = "/api/v1/training/staff.xlsx"
	if len(v) > 0 {
		d.ExportURL += "?" + v.Encode()
	}
	if msg, ok := trainingFlashes[q.Get("done")]; ok {
		p.Flash = &Flash{Kind: "ok", Text: p.T(msg)}
	}
	p.Data = d
	return u.render(w, r, "training_staff.html", p)
}

// staffUnits loads the units of the staff for display.
func (u *ui) staffUnits(ctx context.Context, staff []training.Staff) (map[int64]org.Unit, error) {
	ids := make([]int64, 0, len(staff))
	for _, s := range staff {
		ids = append(ids, s.UnitID)
	}
	if len(ids) == 0 {
		return map[int64]org.Unit{}, nil
	}
	return u.Org.UnitsByID(ctx, org.SystemActor("training"), ids)
}

var trainingFlashes = map[string]string{
	"created": "Đã thêm cán bộ.", "updated": "Đã lưu thông tin cán bộ.", "moved": "Đã chuyển đơn vị, lịch sử công tác được ghi lại.",
	"course": "Đã lưu lớp tập huấn, bồi dưỡng.", "participants": "Đã lưu danh sách học viên.",
	"certificate": "Đã đính kèm chứng chỉ.", "detached": "Đã xóa chứng chỉ.",
}
