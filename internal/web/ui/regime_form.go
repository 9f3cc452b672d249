package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Blank rows offered at the end of each table of the template: a new line
// is typed into one of them (no script needed); empty rows are ignored.
const blankRows = 3

type regimeFormPage struct {
	R            reporting.Regime
	IsNew        bool
	ReceiverCode string
	UnitCodes    string // chosen reporting units, one code per line
	Kinds        []org.UnitKind
	Frequencies  []calendar.Frequency
	Types        []reporting.ValueType
	Aggs         []reporting.AggKind
	Sections     []reporting.Section
	Indicators   []reporting.Indicator
	Categories   []categoryRow
	Rules        []reporting.Rule
	Sources      []reporting.Source // figures an indicator may take from the system
}

type categoryRow struct {
	Code, Name, Options string // options "g1 = Tên" one per line
}

func newRegimeForm(r reporting.Regime, isNew bool) *regimeFormPage {
	d := &regimeFormPage{R: r, IsNew: isNew, Kinds: org.UnitKinds,
		Frequencies: []calendar.Frequency{calendar.Monthly, calendar.Quarterly, calendar.FirstHalf, calendar.SecondHalf, calendar.NineMonths, calendar.Yearly, calendar.Explicit},
		Types:       []reporting.ValueType{reporting.TypeInteger, reporting.TypeDecimal, reporting.TypePercent, reporting.TypeMoney, reporting.TypeBool, reporting.TypeText},
		Aggs:        []reporting.AggKind{reporting.AggSum, reporting.AggAvg, reporting.AggMin, reporting.AggMax, reporting.AggNone},
		Sections:    append(r.Template.Sections, make([]reporting.Section, blankRows)...),
		Indicators:  append(r.Template.Indicators, make([]reporting.Indicator, blankRows)...),
		Rules:       append(r.Template.Rules, make([]reporting.Rule, blankRows)...)}
	for _, c := range r.Template.Categories {
		var lines []string
		for _, o := range c.Options {
			lines = append(lines, o.Code+" = "+o.Name)
		}
		d.Categories = append(d.Categories, categoryRow{Code: c.Code, Name: c.Name, Options: strings.Join(lines, "\n")})
	}
	d.Categories = append(d.Categories, make([]categoryRow, 1)...)
	return d
}

func (u *ui) regimeNew(w http.ResponseWriter, r *http.Request) error {
	a := httpx.Actor(r.Context())
	if !a.Has(org.RoleBoardSpecialist, org.RoleAdmin) {
		return apperr.Forbidden()
	}
	d := newRegimeForm(reporting.Regime{Kind: reporting.Periodic, Frequency: calendar.FirstHalf, Cutoff: calendar.Window15,
		Deadline: calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5}, LockDays: 30, ReporterBloc: true}, true)
	d.Sources = u.Reporting.Sources()
	if unit, err := u.Org.FindUnit(r.Context(), a, a.UnitID); err == nil {
		d.ReceiverCode = unit.Code
	}
	p := u.page(r, "Thêm chế độ báo cáo", "reports")
	p.Data = d
	return u.render(w, r, "regime_form.html", p)
}

func (u *ui) regimeEdit(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if !a.Has(org.RoleBoardSpecialist, org.RoleAdmin) {
		return apperr.Forbidden()
	}
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	rg, err := u.Reporting.FindRegime(ctx, a, id)
	if err != nil {
		return err
	}
	d := newRegimeForm(rg, false)
	d.Sources = u.Reporting.Sources()
	if err := u.fillUnitCodes(r, d); err != nil {
		return err
	}
	p := u.page(r, "Sửa chế độ báo cáo", "reports")
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lưu.")}
	}
	p.Data = d
	return u.render(w, r, "regime_form.html", p)
}

// fillUnitCodes shows the receiving unit and the chosen units by code.
func (u *ui) fillUnitCodes(r *http.Request, d *regimeFormPage) error {
	ids := append([]int64{d.R.ReceiverUnitID}, d.R.ReporterUnitIDs...)
	units, err := u.Org.UnitsByID(r.Context(), httpx.Actor(r.Context()), ids)
	if err != nil {
		return err
	}
	d.ReceiverCode = units[d.R.ReceiverUnitID].Code
	var codes []string
	for _, id := range d.R.ReporterUnitIDs {
		codes = append(codes, units[id].Code)
	}
	d.UnitCodes = strings.Join(codes, "\n")
	return nil
}

func (u *ui) regimeSave(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if !a.Has(org.RoleBoardSpecialist, org.RoleAdmin) {
		return apperr.Forbidden()
	}
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	if err := r.ParseForm(); err != nil {
		return apperr.TooLarge("Biểu mẫu quá lớn.", "The form is too large.")
	}
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = httpx.PathID(r, "id"); err != nil {
			return err
		}
	}
	rg, v := regimeFromForm(r)
	rg.ID = id
	d := newRegimeForm(rg, id == 0)
	d.Sources = u.Reporting.Sources()
	d.ReceiverCode, d.UnitCodes = r.PostForm.Get("receiver_code"), r.PostForm.Get("unit_codes")
	title := "Thêm chế độ báo cáo"
	if id != 0 {
		title = "Sửa chế độ báo cáo"
	}
	p := u.page(r, title, "reports")
	p.Data = d
	u.resolveUnits(r, &rg, d, &v)
	d.R = rg
	if err := v.Err(); err != nil {
		return u.formErr(w, r, err, "regime_form.html", p)
	}
	var saved reporting.Regime
	var err error
	if id == 0 {
		saved, err = u.Reporting.CreateRegime(ctx, a, rg)
	} else {
		saved, err = u.Reporting.UpdateRegime(ctx, a, id, rg)
	}
	if err != nil {
		if c, ok := conflictCurrent[reporting.Regime](err); ok {
			d.R.Version = c.Version
		}
		return u.formErr(w, r, err, "regime_form.html", p)
	}
	http.Redirect(w, r, "/regimes/"+strconv.FormatInt(saved.ID, 10)+"/edit?saved=1", http.StatusSeeOther)
	return nil
}

// resolveUnits turns the codes typed in the form into unit ids.
func (u *ui) resolveUnits(r *http.Request, rg *reporting.Regime, d *regimeFormPage, v *apperr.Invalid) {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if unit, err := u.Org.UnitByCode(ctx, a, strings.TrimSpace(d.ReceiverCode)); err == nil {
		rg.ReceiverUnitID = unit.ID
	} else {
		v.Add("receiver_unit_id", "Không tìm thấy đơn vị nhận có mã "+d.ReceiverCode+".", "No unit with code "+d.ReceiverCode+".")
	}
	rg.ReporterUnitIDs = nil
	for _, code := range strings.FieldsFunc(d.UnitCodes, func(c rune) bool { return c == '\n' || c == ',' || c == ';' || c == '\r' }) {
		code = strings.TrimSpace(code)
		if code == "" {
			continue
		}
		unit, err := u.Org.UnitByCode(ctx, a, code)
		if err != nil {
			v.Add("reporter_unit_ids", "Không tìm thấy đơn vị có mã "+code+".", "No unit with code "+code+".")
			continue
		}
		rg.ReporterUnitIDs = append(rg.ReporterUnitIDs, unit.ID)
	}
}

// regimeFromForm reads the regime and its template from the form; rows
// left blank are skipped.
func regimeFromForm(r *http.Request) (reporting.Regime, apperr.Invalid) {
	f := r.PostForm
	var v apperr.Invalid
	rg := reporting.Regime{Code: f.Get("code"), Name: f.Get("name"), Kind: reporting.Kind(f.Get("kind")),
		Frequency: calendar.Frequency(f.Get("frequency")), Cutoff: calendar.CutoffRule(f.Get("cutoff")),
		ReporterBloc: f.Get("reporter_bloc") == "on", ApprovalRequired: f.Get("approval_required") == "on"}
	rg.Version, _ = strconv.Atoi(f.Get("version"))
	rg.LockDays = formInt(f.Get("lock_days"), "lock_days", &v)
	rg.Deadline = calendar.DeadlineRule{Kind: f.Get("deadline_kind"), N: formInt(f.Get("deadline_n"), "deadline", &v),
		Day: formInt(f.Get("deadline_day"), "deadline", &v), MonthOffset: formInt(f.Get("deadline_month_offset"), "deadline", &v)}
	for _, k := range f["reporter_kinds"] {
		rg.ReporterKinds = append(rg.ReporterKinds, org.UnitKind(k))
	}
	for name, dst := range map[string]*civil.Date{"explicit_from": &rg.ExplicitFrom, "explicit_to": &rg.ExplicitTo} {
		if s := strings.TrimSpace(f.Get(name)); s != "" {
			t, err := vntext.ParseDate(s)
			if err != nil {
				v.Add(name, "Ngày không hợp lệ (dd/mm/yyyy).", "Invalid date.")
				continue
			}
			*dst = civil.Of(t, vntext.Location)
		}
	}
	rg.Template = templateFromForm(f, &v)
	return rg, v
}

func formInt(s, field string, v *apperr.Invalid) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		v.Add(field, "Phải là số nguyên.", "Must be a whole number.")
	}
	return n
}

func formFloat(s, field string, v *apperr.Invalid) *float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	x, err := vntext.ParseDecimal(s)
	if err != nil {
		v.Add(field, "Phải là số.", "Must be a number.")
		return nil
	}
	return &x
}

func rowKey(prefix string, i int) string { return fmt.Sprintf("%s_%d", prefix, i) }
