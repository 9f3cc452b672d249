package api

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/document"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

func (a *api) getConsolidated(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := a.Reporting.Consolidated(r.Context(), httpx.Actor(r.Context()), id, r.URL.Query().Get("period"))
	if err != nil {
		return err
	}
	return ok(w, c)
}

func (a *api) putConsolidated(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var c reporting.Consolidated
	if err := httpx.DecodeJSON(w, r, &c); err != nil {
		return err
	}
	ifMatch(r, &c.Version)
	out, err := a.Reporting.SaveConsolidated(r.Context(), httpx.Actor(r.Context()), id, r.URL.Query().Get("period"), c)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (a *api) issueConsolidated(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version int `json:"version"`
	}
	if err := httpx.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	out, err := a.Reporting.IssueConsolidated(r.Context(), httpx.Actor(r.Context()), id, r.URL.Query().Get("period"), body.Version)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (a *api) consolidatedDOCX(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), httpx.Actor(r.Context())
	c, err := a.Reporting.Consolidated(ctx, actor, id, r.URL.Query().Get("period"))
	if err != nil {
		return err
	}
	settings, err := a.Org.Settings(ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := document.WriteDOCX(&buf, ConsolidatedDoc(c, settings, a.now())); err != nil {
		return err
	}
	httpx.Download(w, "bao-cao-tong-hop-"+c.PeriodKey+".docx", httpx.DOCXType, buf.Bytes())
	return nil
}

// ConsolidatedDoc lays a consolidated report out as a Party document.
func ConsolidatedDoc(c reporting.Consolidated, settings map[string]string, now time.Time) document.PartyDoc {
	date := now
	if c.IssuedAt != nil {
		date = *c.IssuedAt
	}
	d := document.PartyDoc{SuperiorBody: settings[org.SettingSuperiorName], IssuingBody: settings[org.SettingBoardName],
		Number: c.Number, TypeCode: reporting.ConsolidatedTypeCode, Symbol: settings[org.SettingBoardSymbol],
		Place: settings[org.SettingProvinceName], Date: date, TypeName: strings.ToUpper(c.Title), Subject: c.Subject,
		Signature:  document.Signature{Authority: c.Signature.Authority, Position: c.Signature.Position, Name: c.Signature.Name},
		Recipients: c.Recipients}
	for _, s := range c.Sections {
		if strings.TrimSpace(s.Body) == "" {
			continue // a heading with nothing under it is left out of the signed document
		}
		d.Body = append(d.Body, document.Block{Kind: document.BlockHeading, Text: s.Title, Level: 1})
		d.Body = append(d.Body, TextBlocks(s.Body)...)
	}
	for _, t := range c.Tables {
		if t.Title != "" {
			d.Body = append(d.Body, document.Block{Kind: document.BlockHeading, Text: t.Title, Level: 2})
		}
		d.Body = append(d.Body, document.Block{Kind: document.BlockTable, Table: &document.Table{Header: t.Header, Rows: t.Rows,
			NumericCols: t.NumericCols, Widths: []int{6, 40, 12, 14, 14, 14}}})
	}
	return d
}

func (a *api) exportXLSX(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	t, err := a.Reporting.TableHeader(ctx, httpx.Actor(ctx), id, r.URL.Query().Get("period"))
	if err != nil {
		return err
	}
	sheet := ExportSheet(ctx, a.Reporting, &t)
	var buf bytes.Buffer
	if err := document.WriteXLSX(&buf, sheet); err != nil {
		return err
	}
	httpx.Download(w, t.Regime.Code+"-"+t.Period.Key+".xlsx", httpx.XLSXType, buf.Bytes())
	return nil
}

// ExportSheet is the worksheet of a period, its rows streamed from the
// database while the workbook is written.
func ExportSheet(ctx context.Context, svc *reporting.Service, t *reporting.PeriodTable) document.Sheet {
	sheet := PeriodSheet(*t)
	sheet.Stream = func(yield func([]document.Cell) error) error {
		return svc.TableRows(ctx, t, func(row reporting.TableRow) error { return yield(rowCells(*t, row)) })
	}
	return sheet
}

// PeriodSheet lays a period table out as a worksheet: a row per unit, a
// column per indicator or option, totals at the bottom.
func PeriodSheet(t reporting.PeriodTable) document.Sheet {
	s := document.Sheet{Name: t.Period.Key, Title: t.Regime.Name + " — " + reporting.PeriodLabel(t.Period.Key), FreezeHeader: true,
		ColWidths: []float64{14, 42, 16, 20},
		Header:    []string{"Mã", "Đơn vị", "Trạng thái", "Thời hạn"}}
	for _, c := range t.Columns {
		h := c.Title
		if c.Unit != "" {
			h += " (" + c.Unit + ")"
		}
		s.Header = append(s.Header, h)
	}
	for _, row := range t.Rows {
		s.Rows = append(s.Rows, rowCells(t, row))
	}
	s.Totals = []document.Cell{document.TextCell(""), document.TextCell("Tổng hợp"), document.TextCell(""), document.TextCell("")}
	for i, c := range t.Columns {
		s.Totals = append(s.Totals, valueCell(c, reporting.Value{Num: t.Totals[i].Value}))
	}
	return s
}

func rowCells(t reporting.PeriodTable, row reporting.TableRow) []document.Cell {
	cells := make([]document.Cell, 4, 4+len(t.Columns))
	cells[0], cells[1] = document.TextCell(row.Code), document.TextCell(row.Name)
	cells[2], cells[3] = document.TextCell(reporting.Status(row.Status).Label("vi")), document.TextCell(row.Timeliness.Label)
	if row.Status == "missing" {
		cells[2] = document.TextCell("Chưa nộp")
	}
	for i, c := range t.Columns {
		cells = append(cells, valueCell(c, row.Values[i]))
	}
	return cells
}

func valueCell(c reporting.Column, v reporting.Value) document.Cell {
	if v.Num == nil {
		return document.TextCell(v.Text)
	}
	switch c.Type {
	case reporting.TypeMoney:
		return document.MoneyCell(int64(*v.Num))
	case reporting.TypeInteger, reporting.TypeBool:
		return document.IntCell(int64(*v.Num))
	case reporting.TypePercent:
		return document.PercentCell(*v.Num)
	}
	return document.NumCell(*v.Num)
}
