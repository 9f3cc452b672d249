package ui

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// pressOption is a value of a select with its label in the page's language.
type pressOption struct{ Value, Label string }

type pressRow struct {
	press.Case
	FieldLabel, StatusLabel, LeadName string
}

type pressListPage struct {
	Q, Status, Field string
	Statuses, Fields []pressOption
	Rows             []pressRow
	Total            int
	CanManage        bool
	Open, Late       bool       // the dashboard's filters: not closed; answer overdue
	DueFrom, DueTo   civil.Date // answer due in this window
	PrevURL, NextURL string
}

func pressOptions(p *Page) (statuses, fields []pressOption) {
	for _, s := range press.Statuses {
		statuses = append(statuses, pressOption{string(s), s.Label(p.Lang)})
	}
	for _, f := range press.Fields {
		fields = append(fields, pressOption{string(f), f.Label(p.Lang)})
	}
	return statuses, fields
}

// pressList shows /press: the Board sees every case, a unit those it leads.
func (u *ui) pressList(w http.ResponseWriter, r *http.Request) error {
	ctx, a, q := r.Context(), httpx.Actor(r.Context()), r.URL.Query()
	p := u.page(r, "Báo chí", "press")
	d := &pressListPage{Q: q.Get("q"), CanManage: press.CanManage(a)}
	d.Statuses, d.Fields = pressOptions(p)
	f := press.Filter{Q: d.Q, Limit: pageSize}
	if s := press.Status(q.Get("status")); s.Valid() {
		d.Status, f.Status = string(s), s
	}
	if fl := press.Field(q.Get("field")); fl.Valid() {
		d.Field, f.Field = string(fl), fl
	}
	pressDashFilters(q, d, &f)
	cases, total, err := u.Press.List(ctx, a, f)
	if err != nil {
		return err
	}
	d.Total = total
	d.PrevURL, d.NextURL = pageURLs("/press", q, f.Offset, total)
	names, err := u.pressUnitNames(ctx, cases)
	if err != nil {
		return err
	}
	for _, c := range cases {
		d.Rows = append(d.Rows, pressRow{Case: c, FieldLabel: c.Field.Label(p.Lang), StatusLabel: c.Status.Label(p.Lang), LeadName: names[c.LeadUnitID].Name})
	}
	p.Data = d
	return u.render(w, r, "press_cases.html", p)
}

func (u *ui) pressUnitNames(ctx context.Context, cases []press.Case) (map[int64]org.Unit, error) {
	var ids []int64
	for _, c := range cases {
		if c.LeadUnitID != 0 {
			ids = append(ids, c.LeadUnitID)
		}
	}
	if len(ids) == 0 {
		return map[int64]org.Unit{}, nil
	}
	return u.Org.UnitsByID(ctx, org.SystemActor("press"), ids)
}

type pressFormPage struct {
	C         press.Case
	Published string
	Fields    []pressOption
}

// pressNew shows the registration form (the Board).
func (u *ui) pressNew(w http.ResponseWriter, r *http.Request) error {
	if !press.CanManage(httpx.Actor(r.Context())) {
		return apperr.Forbidden()
	}
	p := u.page(r, "Tiếp nhận thông tin báo chí", "press")
	_, fields := pressOptions(p)
	p.Data = &pressFormPage{C: press.Case{Field: press.Environment}, Fields: fields}
	return u.render(w, r, "press_form.html", p)
}

// pressCreate registers a case from the form.
func (u *ui) pressCreate(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	_ = r.ParseForm()
	f := r.PostForm
	c := press.Case{Outlet: f.Get("outlet"), URL: f.Get("url"), Title: f.Get("title"), Summary: f.Get("summary"),
		Field: press.Field(f.Get("field")), LocalityCode: f.Get("locality_code"), PublicInterest: f.Get("public_interest") == "1"}
	pub, err := formDate("published_at", f.Get("published_at"))
	if err == nil {
		c.PublishedAt = pub
		var out press.Case
		if out, err = u.Press.Create(r.Context(), httpx.Actor(r.Context()), c); err == nil {
			http.Redirect(w, r, "/press/"+strconv.FormatInt(out.ID, 10)+"?done=received", http.StatusSeeOther)
			return nil
		}
	}
	p := u.page(r, "Tiếp nhận thông tin báo chí", "press")
	_, fields := pressOptions(p)
	p.Data = &pressFormPage{C: c, Published: f.Get("published_at"), Fields: fields}
	return u.formErr(w, r, err, "press_form.html", p)
}

type pressCasePage struct {
	C                      press.Case
	FieldLabel, LeadName   string
	Suggested              int64
	SuggestedName          string
	Units                  []org.Unit
	CanManage, CanAnswer   bool
	Events                 []pressEventRow
	Assignable, Answerable bool
	Reviewable, Closable   bool
	Reopenable             bool
	Files                  []ownerFile // the case's files (files.go)
	CanAttachFiles         bool        // the Board, or the lead unit while it answers
	CanSnapshot            bool        // the Board saves a copy of the article
}

type pressEventRow struct {
	press.Event
	Label, UnitName string
}

var pressEventLabels = map[string][2]string{
	"received": {"Tiếp nhận", "Received"}, "updated": {"Sửa thông tin", "Edited"}, "assigned": {"Giao xử lý", "Assigned"},
	"answered": {"Trả lời", "Answered"}, "accepted": {"Chấp nhận trả lời", "Answer accepted"}, "returned": {"Trả lại", "Sent back"},
	"closed": {"Phản hồi báo chí", "Given back to the press"}, "reopened": {"Mở lại", "Reopened"},
}

func (u *ui) loadPressPage(ctx context.Context, p *Page, id int64) (*pressCasePage, error) {
	a := p.Actor
	c, err := u.Press.Find(ctx, a, id)
	if err != nil {
		return nil, err
	}
	d := &pressCasePage{C: c, FieldLabel: c.Field.Label(p.Lang), CanManage: press.CanManage(a), CanAnswer: press.CanAnswer(a, c)}
	d.Assignable = d.CanManage && (c.Status == press.Received || c.Status == press.Assigned)
	d.Answerable = d.CanAnswer && c.Status == press.Assigned
	d.Reviewable = d.CanManage && c.Status == press.Answered
	d.Closable = d.CanManage && c.Status == press.Reviewed
	d.Reopenable = d.CanManage && c.Status == press.Closed
	ids := []int64{}
	for _, e := range c.Events {
		if e.UnitID != 0 {
			ids = append(ids, e.UnitID)
		}
	}
	if c.LeadUnitID != 0 {
		ids = append(ids, c.LeadUnitID)
	}
	if d.Assignable {
		if d.Suggested, err = u.Press.Suggest(ctx, c); err != nil {
			return nil, err
		}
		list, err := u.Org.ListUnits(ctx, a, org.UnitFilter{Limit: 1000})
		if err != nil {
			return nil, err
		}
		d.Units = list.Items
		if d.Suggested != 0 {
			ids = append(ids, d.Suggested)
		}
	}
	names := map[int64]org.Unit{}
	if len(ids) > 0 {
		if names, err = u.Org.UnitsByID(ctx, org.SystemActor("press"), ids); err != nil {
			return nil, err
		}
	}
	d.LeadName, d.SuggestedName = names[c.LeadUnitID].Name, names[d.Suggested].Name
	if err := u.pressFiles(ctx, a, d); err != nil {
		return nil, err
	}
	for _, e := range c.Events {
		d.Events = append(d.Events, pressEventRow{Event: e, Label: pick(pressEventLabels[e.Kind], e.Kind, p.Lang), UnitName: names[e.UnitID].Name})
	}
	return d, nil
}

var pressFlashes = map[string]string{
	"received": "Đã tiếp nhận bài báo.", "assign": "Đã giao đơn vị chủ trì xử lý.", "answer": "Đã gửi trả lời.",
	"review": "Đã ghi kết quả thẩm định.", "close": "Đã ghi nhận phản hồi cơ quan báo chí.", "reopen": "Đã mở lại vụ việc.",
	"attach": "Đã đính kèm tệp.", "detach": "Đã xóa tệp đính kèm.", "snapshot": "Đã lưu bản sao bài báo.",
}

// pressView shows /press/{id}: the case, its steps as forms and its history.
func (u *ui) pressView(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	p := u.page(r, "Báo chí", "press")
	d, err := u.loadPressPage(r.Context(), p, id)
	if err != nil {
		return err
	}
	if msg, ok := pressFlashes[r.URL.Query().Get("done")]; ok {
		p.Flash = &Flash{Kind: "ok", Text: p.T(msg)}
	}
	p.Data = d
	return u.render(w, r, "press_case.html", p)
}

// pressAction handles the step forms of /press/{id}.
func (u *ui) pressAction(step string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, a := r.Context(), httpx.Actor(r.Context())
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
		_ = r.ParseForm()
		f := r.PostForm
		version, _ := strconv.Atoi(f.Get("version"))
		switch step {
		case "assign":
			unitID, _ := strconv.ParseInt(f.Get("lead_unit_id"), 10, 64)
			_, err = u.Press.Assign(ctx, a, id, version, unitID, f.Get("note"))
		case "answer":
			_, err = u.Press.Answer(ctx, a, id, version, f.Get("answer"))
		case "review":
			_, err = u.Press.Review(ctx, a, id, version, f.Get("accept") == "1", f.Get("note"))
		case "close":
			_, err = u.Press.Close(ctx, a, id, version, f.Get("feedback"))
		case "reopen":
			_, err = u.Press.Reopen(ctx, a, id, version, f.Get("note"))
		}
		if err == nil {
			http.Redirect(w, r, "/press/"+strconv.FormatInt(id, 10)+"?done="+step, http.StatusSeeOther)
			return nil
		}
		p := u.page(r, "Báo chí", "press")
		d, lerr := u.loadPressPage(ctx, p, id)
		if lerr != nil {
			return lerr
		}
		p.Data = d
		if strings.TrimSpace(f.Get("answer")) != "" && d.C.Answer == "" {
			d.C.Answer = f.Get("answer")
		}
		return u.formErr(w, r, err, "press_case.html", p)
	}
}

// IsLate reports whether the case was answered after its due date.
func (r pressRow) IsLate() bool { return r.Late != nil && *r.Late }

// Timeliness says whether the answer came on time ("on", "late" or "").
func (d *pressCasePage) Timeliness() string {
	switch {
	case d.C.Late == nil:
		return ""
	case *d.C.Late:
		return "late"
	}
	return "on"
}
