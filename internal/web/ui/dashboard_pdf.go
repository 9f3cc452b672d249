package ui

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/document"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// dashboardRoutes are the dashboard's downloads (the dashboard itself is
// the home page).
func (u *ui) dashboardRoutes() []route {
	return []route{{pattern: "GET /dashboard.pdf", h: u.dashboardPDF}}
}

// pdfColors are the chart colours of the PDF, as the page draws them.
var pdfColors = map[string]document.RGB{"ok": {R: 30, G: 123, B: 52}, "warn": {R: 208, G: 138}, "bad": {R: 180, G: 35, B: 24},
	"info": {R: 11, G: 87, B: 164}, "accent": {R: 107, G: 79, B: 160}, "muted": {R: 138, G: 147, B: 158}, "": {R: 11, G: 87, B: 164}}

// dashboardPDF sends the leader's dashboard as an A4 PDF, counted now, for
// those who read on paper.
func (u *ui) dashboardPDF(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	p := u.page(r, "Bảng điều khiển của lãnh đạo Ban", "home")
	if !dashboard.Allowed(a, dashboard.Leader) {
		return apperr.Forbidden()
	}
	d, err := u.Dashboard.Build(ctx, a, dashboard.Leader, p.Lang)
	if err != nil {
		return err
	}
	settings, err := u.Org.Settings(ctx)
	if err != nil {
		return err
	}
	now := u.now()
	rep := document.PDFReport{
		Organisation: strings.Trim(settings[org.SettingSuperiorName]+" · "+settings[org.SettingBoardName], " ·"),
		Title:        p.T("Bảng điều khiển của lãnh đạo Ban"),
		Subtitle:     p.T("Số liệu tính đến") + " " + vntext.FormatDateTime(now),
		Date:         now, PageLabel: p.T("Trang"),
	}
	for _, wg := range d.Widgets {
		rep.Sections = append(rep.Sections, pdfSection(p, wg))
	}
	var buf bytes.Buffer
	if err := document.WritePDF(&buf, rep); err != nil {
		return err
	}
	name := "bang-dieu-khien-" + d.Today.String() + ".pdf"
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err = buf.WriteTo(w)
	return err
}

// pdfSection lays a widget out as a table, with its chart as bars.
func pdfSection(p *Page, wg dashboard.Widget) document.PDFSection {
	s := document.PDFSection{Title: wg.Title, Note: wg.Note, Empty: wg.Empty, BoldLast: wg.Total != nil}
	t := document.Table{Header: []string{p.T("Mục")}}
	for i, c := range wg.Columns {
		t.Header = append(t.Header, c.Label)
		t.NumericCols = append(t.NumericCols, i+1)
	}
	cells := func(r dashboard.Row) []string {
		out := []string{r.Label}
		if r.Sub != "" {
			out[0] += " — " + r.Sub
		}
		for i, c := range r.Cells {
			v := vntext.FormatInt(int64(c.Value))
			if i < len(wg.Columns) && wg.Columns[i].Percent {
				v += " %"
			}
			out = append(out, v)
		}
		return out
	}
	for _, r := range wg.Rows {
		t.Rows = append(t.Rows, cells(r))
	}
	for _, it := range wg.Items {
		t.Rows = append(t.Rows, []string{it.Label + " — " + it.DateNote})
	}
	if len(t.Rows) > 0 && wg.Total != nil {
		t.Rows = append(t.Rows, cells(*wg.Total))
	}
	s.Table = t
	if wg.Chart != dashboard.NoChart && len(wg.Rows) > 0 {
		s.Chart = pdfChart(wg)
	}
	return s
}

func pdfChart(wg dashboard.Widget) *document.BarChart {
	c := &document.BarChart{Stacked: wg.Chart == dashboard.Bars}
	for _, r := range wg.Rows {
		c.Labels = append(c.Labels, r.Label)
	}
	for i, col := range wg.Columns {
		if !col.Plot {
			continue
		}
		s := document.Series{Name: col.Label, Color: pdfColors[col.Color]}
		for _, r := range wg.Rows {
			s.Values = append(s.Values, float64(r.Cells[i].Value))
		}
		c.Series = append(c.Series, s)
	}
	return c
}
