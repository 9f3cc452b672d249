package ui

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// reportLine is one regime × period on the reports page, for the caller's unit.
type reportLine struct {
	Regime      reporting.Regime
	Period      reporting.PeriodInfo
	Status      reporting.Status
	Exists      bool
	Timeliness  reporting.Timeliness
	WorkingLeft int // working days until the due date (negative: overdue)
	URL         string
}

type reportsPage struct {
	Year    int
	Years   []int
	Lines   []reportLine
	Regimes []reporting.Regime
	Board   bool
}

func yearParam(r *http.Request, now time.Time) int {
	y, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || y < 2000 || y > 2100 {
		return now.In(vntext.Location).Year()
	}
	return y
}

func yearChoices(t time.Time) []int {
	now := t.In(vntext.Location).Year()
	var ys []int
	for y := now + 1; y >= 2019; y-- {
		ys = append(ys, y)
	}
	return ys
}

// reportsIndex lists, for a unit, its reports of a year with status and
// deadline; for the Board, the regimes with links to their overview.
func (u *ui) reportsIndex(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	d := reportsPage{Year: yearParam(r, u.now()), Years: yearChoices(u.now()), Board: a.AllUnits()}
	regimes, err := u.Reporting.ListRegimes(ctx, a)
	if err != nil {
		return err
	}
	d.Regimes = regimes
	if !d.Board {
		cal, err := u.Calendar.Calendar(ctx)
		if err != nil {
			return err
		}
		today := civil.Of(u.now(), vntext.Location)
		for _, rg := range regimes {
			periods, err := u.Reporting.Periods(ctx, a, rg.ID, d.Year)
			if err != nil {
				return err
			}
			for _, p := range periods {
				rep, _, err := u.Reporting.Report(ctx, a, rg.ID, p.Key, a.UnitID)
				if err != nil {
					return err
				}
				d.Lines = append(d.Lines, reportLine{Regime: rg, Period: p, Status: rep.Status, Exists: rep.Exists,
					Timeliness: rep.Timeliness, WorkingLeft: cal.WorkingDaysBetween(today, p.Due),
					URL: reportURL(rg.ID, p.Key, a.UnitID)})
			}
		}
	}
	p := u.page(r, "Báo cáo", "reports")
	p.Data = d
	return u.render(w, r, "reports.html", p)
}

func reportURL(regime int64, period string, unit int64) string {
	return "/reports/" + strconv.FormatInt(regime, 10) + "/" + period + "/" + strconv.FormatInt(unit, 10)
}

// cellRow is one line of the indicator grid.
type cellRow struct {
	Key, Name, Unit, Option string
	Type                    reporting.ValueType
	Value                   string
	Finding                 *reporting.Finding
	// The system's figure of a sourced indicator: shown ("1.234"), for the
	// script (FigureNum, "1234"), and whether the value differs from it.
	HasFigure         bool
	Figure, FigureNum string
	Differs           bool
}

type reportPage struct {
	Regime    reporting.Regime
	Template  reporting.Template
	Report    reporting.Report
	Unit      org.Unit
	Rows      []cellRow
	Sections  map[string]*reporting.Finding
	Rules     []reporting.Rule // soft rules that currently need an explanation
	APIPath   string
	Editable  bool
	CanFill   bool
	CanReview bool
	CanLeader bool
	Current   *reporting.Report // on a conflict: the stored version
	Figures   bool              // some indicators take their figures from the system
}

func (u *ui) reportForm(w http.ResponseWriter, r *http.Request) error {
	d, err := u.loadReportPage(r)
	if err != nil {
		return err
	}
	p := u.page(r, d.Regime.Name, "reports")
	p.Data = d
	if msg := r.URL.Query().Get("done"); msg != "" {
		p.Flash = &Flash{Kind: "ok", Text: p.T(doneMessages[msg])}
	}
	return u.render(w, r, "report.html", p)
}

var doneMessages = map[string]string{"save": "Đã lưu.", "submit": "Đã gửi báo cáo.", "approve": "Đã duyệt và gửi Ban.",
	"return": "Đã trả lại báo cáo.", "accept": "Đã tiếp nhận báo cáo.", "reopen": "Đã mở lại báo cáo để sửa.",
	"attach": "Đã đính kèm tệp.", "detach": "Đã xóa tệp đính kèm."}

func (u *ui) loadReportPage(r *http.Request) (*reportPage, error) {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	regimeID, err := httpx.PathID(r, "regime")
	if err != nil {
		return nil, err
	}
	unitID, err := httpx.PathID(r, "unit")
	if err != nil {
		return nil, err
	}
	period := r.PathValue("period")
	rg, err := u.Reporting.FindRegime(ctx, a, regimeID)
	if err != nil {
		return nil, err
	}
	rep, tmpl, err := u.Reporting.Report(ctx, a, regimeID, period, unitID)
	if err != nil {
		return nil, err
	}
	unit, err := u.Org.FindUnit(ctx, a, unitID)
	if err != nil {
		return nil, err
	}
	d := &reportPage{Regime: rg, Template: tmpl, Report: rep, Unit: unit,
		APIPath:   "/api/v1/reports/" + strconv.FormatInt(regimeID, 10) + "/" + period + "/" + strconv.FormatInt(unitID, 10),
		CanFill:   a.UnitID == unitID && a.Has(org.RoleUnitReporter, org.RoleUnitLeader),
		CanLeader: a.UnitID == unitID && a.Has(org.RoleUnitLeader),
		CanReview: a.Has(org.RoleBoardSpecialist, org.RoleAdmin)}
	d.Editable = d.CanFill && rep.Status.Editable() && !rep.Locked
	d.fill()
	return d, nil
}

// fill lays out the grid rows and attaches findings to their fields; a
// report never saved shows none (a blank form is not yet wrong).
func (d *reportPage) fill() {
	if !d.Report.Exists {
		d.Report.Findings = nil
	}
	byField := map[string]*reporting.Finding{}
	for i := range d.Report.Findings {
		f := &d.Report.Findings[i]
		if _, seen := byField[f.Field]; !seen {
			byField[f.Field] = f
		}
		if f.Severity == reporting.Soft && !slices.ContainsFunc(d.Rules, func(r reporting.Rule) bool { return r.Code == f.Rule }) {
			for _, rule := range d.Template.Rules {
				if rule.Code == f.Rule {
					d.Rules = append(d.Rules, rule)
				}
			}
		}
	}
	d.Sections = map[string]*reporting.Finding{}
	for _, s := range d.Template.Sections {
		d.Sections[s.Key] = byField["sections."+s.Key]
	}
	d.Rows, d.Figures = nil, false
	for _, key := range d.Template.Cells() {
		code, opt := reporting.SplitCell(key)
		ind, _ := d.Template.Indicator(code)
		row := cellRow{Key: key, Name: ind.Name, Unit: ind.Unit, Type: ind.Type, Finding: byField[key]}
		if opt != "" {
			row.Option = optionName(d.Template, ind.Category, opt)
		}
		v, has := d.Report.Values[key]
		if has {
			row.Value = displayValue(ind, v)
		}
		if f, ok := d.Report.Figures[key]; ok {
			row.HasFigure, row.Figure, row.FigureNum = true, displayValue(ind, reporting.Number(f)), strconv.FormatFloat(f, 'f', -1, 64)
			row.Differs = !has || v.Num == nil || *v.Num != f
			d.Figures = true
		}
		d.Rows = append(d.Rows, row)
	}
}

func optionName(t reporting.Template, cat, opt string) string {
	if c, ok := t.Category(cat); ok {
		for _, o := range c.Options {
			if o.Code == opt {
				return o.Name
			}
		}
	}
	return opt
}

// displayValue shows a stored value the way users type it: "1.234.567", "12,5".
func displayValue(ind reporting.Indicator, v reporting.Value) string {
	switch {
	case v.Num == nil:
		return v.Text
	case ind.Type == reporting.TypeBool:
		if *v.Num != 0 {
			return "Có"
		}
		return "Không"
	case *v.Num == float64(int64(*v.Num)):
		return vntext.FormatInt(int64(*v.Num))
	}
	return strings.TrimRight(strings.TrimRight(vntext.FormatDecimal(*v.Num, 4), "0"), ",")
}

// reportPost is the form without JavaScript: save, and the lifecycle buttons.
func (u *ui) reportPost(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	if err := r.ParseForm(); err != nil {
		return apperr.TooLarge("Biểu mẫu quá lớn.", "The form is too large.")
	}
	d, err := u.loadReportPage(r)
	if err != nil {
		return err
	}
	action := r.PostForm.Get("action")
	rid, period, uid := d.Regime.ID, d.Report.PeriodKey, d.Unit.ID
	switch action {
	case "save", "submit":
		if d.CanFill && d.Report.Status.Editable() {
			draft := draftFromForm(r, d.Template)
			if _, err = u.Reporting.SaveDraft(ctx, a, rid, period, uid, draft); err == nil && action == "submit" {
				_, err = u.Reporting.Submit(ctx, a, rid, period, uid)
			}
		} else if action == "submit" {
			_, err = u.Reporting.Submit(ctx, a, rid, period, uid)
		}
	case "approve":
		_, err = u.Reporting.Approve(ctx, a, rid, period, uid)
	case "return":
		_, err = u.Reporting.Return(ctx, a, rid, period, uid, r.PostForm.Get("reason"))
	case "accept":
		_, err = u.Reporting.Accept(ctx, a, rid, period, uid)
	case "reopen":
		_, err = u.Reporting.Reopen(ctx, a, rid, period, uid, r.PostForm.Get("reason"))
	default:
		return apperr.BadRequest("Thao tác không rõ.", "Unknown action.")
	}
	if err != nil {
		return u.reportFormErr(w, r, err, action)
	}
	http.Redirect(w, r, reportURL(rid, period, uid)+"?done="+action, http.StatusSeeOther)
	return nil
}

// reportFormErr re-renders the form with the user's input and the messages.
func (u *ui) reportFormErr(w http.ResponseWriter, r *http.Request, err error, action string) error {
	d, lerr := u.loadReportPage(r)
	if lerr != nil {
		return lerr
	}
	if d.CanFill && d.Report.Status.Editable() && (action == "save" || action == "submit") {
		draft := draftFromForm(r, d.Template)
		d.Report.Sections, d.Report.Explanations = draft.Sections, draft.Explanations
		for i := range d.Rows {
			d.Rows[i].Value = draft.Values[d.Rows[i].Key].Raw
		}
		if c, ok := conflictCurrent[reporting.Report](err); ok {
			d.Current = &c
			d.Report.Version = c.Version
		}
	}
	p := u.page(r, d.Regime.Name, "reports")
	p.Data = d
	return u.formErr(w, r, err, "report.html", p)
}

// draftFromForm reads fields named s.<section>, v.<cell> and e.<rule>.
func draftFromForm(r *http.Request, t reporting.Template) reporting.Draft {
	f := r.PostForm
	d := reporting.Draft{Sections: map[string]string{}, Values: map[string]reporting.Value{}, Explanations: map[string]string{}}
	d.Version, _ = strconv.Atoi(f.Get("version"))
	for _, s := range t.Sections {
		d.Sections[s.Key] = f.Get("s." + s.Key)
	}
	for _, key := range t.Cells() {
		if raw := f.Get("v." + key); raw != "" {
			d.Values[key] = reporting.Value{Raw: raw}
		}
	}
	for k, vs := range f {
		if strings.HasPrefix(k, "e.") && len(vs) > 0 {
			d.Explanations[strings.TrimPrefix(k, "e.")] = vs[0]
		}
	}
	return d
}
