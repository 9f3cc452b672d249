package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// The routing page (/press/routing): the Board edits which unit answers the
// cases of a field and a locality, the default unit, and the working days
// each field has to answer. The table is replaced as a whole, as by the API.

// blankRoutingRows is how many empty rows the form offers for new rules.
const blankRoutingRows = 3

type routingRow struct {
	Field, Locality string
	UnitID          int64
	LocalityName    string // the commune's or province's name, when the code is one
}

type routingDays struct {
	Field, Label string
	Days         int
}

type routingPage struct {
	Rows        []routingRow
	DefaultUnit int64
	Days        []routingDays
	Fields      []pressOption
	Units       []org.Unit // units that may answer
	Localities  []org.Unit // communes and the province, for the locality list
}

func (u *ui) pressRouting(w http.ResponseWriter, r *http.Request) error {
	a := httpx.Actor(r.Context())
	if !press.CanManage(a) {
		return apperr.Forbidden()
	}
	rt, err := u.Press.Routing(r.Context(), a)
	if err != nil {
		return err
	}
	p := u.page(r, "Phân công xử lý", "press")
	if r.URL.Query().Get("done") == "saved" {
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lưu quy tắc phân công.")}
	}
	return u.renderRouting(w, r, p, rt, nil)
}

func (u *ui) pressRoutingSave(w http.ResponseWriter, r *http.Request) error {
	a := httpx.Actor(r.Context())
	if !press.CanManage(a) {
		return apperr.Forbidden()
	}
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	if err := r.ParseForm(); err != nil {
		return apperr.InvalidField("rules", "Biểu mẫu không đọc được.", "The form could not be read.")
	}
	in, err := routingFromForm(r)
	if err == nil {
		if _, err = u.Press.SetRouting(r.Context(), a, in); err == nil {
			http.Redirect(w, r, "/press/routing?done=saved", http.StatusSeeOther)
			return nil
		}
	}
	return u.renderRouting(w, r, u.page(r, "Phân công xử lý", "press"), in, err)
}

// routingFromForm reads the rows (rows without a unit are dropped: that is
// how a rule is removed), the default unit and the days per field.
func routingFromForm(r *http.Request) (press.Routing, error) {
	f := r.PostForm
	fields, locs, units := f["rule_field"], f["rule_locality"], f["rule_unit"]
	out := press.Routing{Rules: []press.Rule{}, Days: map[press.Field]int{}}
	var v apperr.Invalid
	for i := range units {
		id, _ := strconv.ParseInt(units[i], 10, 64)
		if id == 0 || i >= len(fields) || i >= len(locs) {
			continue
		}
		if fields[i] == "" && strings.TrimSpace(locs[i]) == "" {
			v.Add("rules", "Quy tắc không có lĩnh vực và địa bàn: hãy chọn đơn vị mặc định thay vào đó.",
				"A rule with neither field nor locality: choose the default unit instead.")
		}
		out.Rules = append(out.Rules, press.Rule{Field: press.Field(fields[i]), LocalityCode: locs[i], UnitID: id})
	}
	if id, _ := strconv.ParseInt(f.Get("default_unit"), 10, 64); id != 0 {
		out.Rules = append(out.Rules, press.Rule{UnitID: id})
	}
	for _, fl := range press.Fields {
		s := strings.TrimSpace(f.Get("days_" + string(fl)))
		if s == "" {
			continue
		}
		d, err := strconv.Atoi(s)
		if err != nil {
			d = 0 // refused by the routing's own check, with its message
		}
		out.Days[fl] = d
	}
	return out, v.Err()
}

func (u *ui) renderRouting(w http.ResponseWriter, r *http.Request, p *Page, rt press.Routing, formErr error) error {
	ctx := r.Context()
	active := true
	units, err := u.Org.ListUnits(ctx, p.Actor, org.UnitFilter{Active: &active, Limit: 1000})
	if err != nil {
		return err
	}
	d := &routingPage{}
	_, d.Fields = pressOptions(p)
	names := map[string]string{}
	for _, x := range units.Items {
		switch x.Kind {
		case org.KindCommune, org.KindProvince:
			d.Localities = append(d.Localities, x)
			names[x.Code] = x.Name
		default:
			d.Units = append(d.Units, x)
		}
	}
	for _, x := range rt.Rules {
		if x.Field == "" && x.LocalityCode == "" {
			d.DefaultUnit = x.UnitID
			continue
		}
		loc := strings.ToUpper(strings.TrimSpace(x.LocalityCode))
		d.Rows = append(d.Rows, routingRow{Field: string(x.Field), Locality: loc, UnitID: x.UnitID, LocalityName: names[loc]})
	}
	for range blankRoutingRows {
		d.Rows = append(d.Rows, routingRow{})
	}
	for _, f := range press.Fields {
		d.Days = append(d.Days, routingDays{Field: string(f), Label: f.Label(p.Lang), Days: rt.Days[f]})
	}
	p.Data = d
	if formErr != nil {
		return u.formErr(w, r, formErr, "press_routing.html", p)
	}
	return u.render(w, r, "press_routing.html", p)
}
