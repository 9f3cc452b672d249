package ui

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// newTaskForm is /tasks/new as typed: units by code, the date dd/mm/yyyy.
type newTaskForm struct {
	Title, Description, LeadCode, SupportCodes, Due, Origin string
	Key                                                     bool
}

// taskNew shows the form to assign a task (the Board).
func (u *ui) taskNew(w http.ResponseWriter, r *http.Request) error {
	if !canAssignTasks(httpx.Actor(r.Context())) {
		return apperr.Forbidden()
	}
	p := u.page(r, "Giao nhiệm vụ", "tasks")
	p.Data = &newTaskForm{Origin: string(task.Manual), Key: true}
	return u.render(w, r, "task_form.html", p)
}

// taskCreate assigns the task of the form and opens it.
func (u *ui) taskCreate(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if !canAssignTasks(a) {
		return apperr.Forbidden()
	}
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	_ = r.ParseForm()
	f := r.PostForm
	d := &newTaskForm{Title: f.Get("title"), Description: f.Get("description"), LeadCode: strings.TrimSpace(f.Get("lead_code")),
		SupportCodes: f.Get("support_codes"), Due: f.Get("due"), Origin: f.Get("origin"), Key: f.Get("key") == "on"}
	n := task.New{Origin: task.Origin(d.Origin), Title: d.Title, Description: d.Description, Key: d.Key}
	if n.Origin != task.FromDirective {
		n.Origin = task.Manual
	}
	var v apperr.Invalid
	if d.LeadCode != "" {
		if unit, err := u.Org.UnitByCode(ctx, a, d.LeadCode); err == nil {
			n.LeadUnitID = unit.ID
		} else {
			v.Add("lead_unit_id", "Không tìm thấy đơn vị có mã "+d.LeadCode+".", "No unit with code "+d.LeadCode+".")
		}
	}
	for _, code := range strings.FieldsFunc(d.SupportCodes, func(c rune) bool { return c == '\n' || c == ',' || c == ';' || c == '\r' || c == ' ' }) {
		if unit, err := u.Org.UnitByCode(ctx, a, code); err == nil {
			n.SupportUnitIDs = append(n.SupportUnitIDs, unit.ID)
		} else {
			v.Add("support_unit_ids", "Không tìm thấy đơn vị có mã "+code+".", "No unit with code "+code+".")
		}
	}
	if strings.TrimSpace(d.Due) != "" {
		var err error
		if n.Due, err = formDate("due", d.Due); err != nil {
			v.Add("due", "Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm (ví dụ 30/06/2020).", "Invalid date: enter day/month/year (e.g. 30/06/2020).")
		}
	}
	n.Normalize()
	err := mergeFieldErrs(v.Err(), n.Validate())
	var t task.Task
	if err == nil {
		t, err = u.Task.Create(ctx, a, n)
	}
	if err != nil {
		p := u.page(r, "Giao nhiệm vụ", "tasks")
		p.Data = d
		return u.formErr(w, r, err, "task_form.html", p)
	}
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(t.ID, 10)+"?done=created", http.StatusSeeOther)
	return nil
}

// formDate reads a date typed dd/mm/yyyy (or yyyy-mm-dd); empty is the zero
// date, which the services refuse where a date is needed.
func formDate(field, s string) (civil.Date, error) {
	if strings.TrimSpace(s) == "" {
		return civil.Date{}, nil
	}
	t, err := vntext.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return civil.Date{}, apperr.InvalidField(field, "Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm.", "Invalid date: enter day/month/year.")
	}
	return civil.Of(t, vntext.Location), nil
}

// formPercent reads the progress typed as a whole number, "%" allowed.
func formPercent(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")))
	if err != nil {
		return 0, apperr.InvalidField("percent", "Nhập tiến độ là số nguyên từ 0 đến 100.", "Enter a whole number from 0 to 100.")
	}
	return n, nil
}

// mergeFieldErrs joins the field messages of validation errors (the first
// per field wins); any other error is returned as it is.
func mergeFieldErrs(errs ...error) error {
	var v apperr.Invalid
	for _, err := range errs {
		if err == nil {
			continue
		}
		e, ok := apperr.As(err)
		if !ok || e.Kind != apperr.KindInvalid {
			return err
		}
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v.Add(k, e.Fields[k], e.FieldsEn[k])
		}
	}
	return v.Err()
}
