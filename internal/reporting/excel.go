package reporting

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/xlsxguard"
)

// The data-entry workbook: sheet "Số liệu" lists every cell of the template
// (hidden key in column A, value to fill in column E from row 5), sheet
// "Nội dung" the narrative sections (text in column C), and a hidden sheet
// "meta" says which report and version it was made from.
const (
	sheetData     = "Số liệu"
	sheetText     = "Nội dung"
	sheetMeta     = "meta"
	firstDataRow  = 5
	valueColumn   = "E"
	entryMaxBytes = 10 << 20
)

// EntryWorkbook builds the workbook a unit fills offline, pre-filled with
// what is stored (or, before the first save, with the system's figures).
func (s *Service) EntryWorkbook(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64) ([]byte, error) {
	rc, err := s.load(ctx, s.db, a, regimeID, period, unitID)
	if err != nil {
		return nil, err
	}
	if err := s.withFigures(ctx, a, &rc); err != nil {
		return nil, err
	}
	return writeEntryWorkbook(rc, regimeID, unitID)
}

// writeEntryWorkbook lays the report out in the three sheets.
func writeEntryWorkbook(rc reportCtx, regimeID, unitID int64) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", sheetData)
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EBEF"}}})
	input, _ := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF8D6"}},
		Border: []excelize.Border{{Type: "bottom", Color: "B8BFC8", Style: 1}}})
	f.SetCellStr(sheetData, "B1", rc.regime.Name+" — "+periodLabel(rc.period.Key))
	f.SetCellStr(sheetData, "B2", "Đơn vị: "+rc.unit.Name+". Nhập số liệu vào cột E (ô màu vàng), lưu tệp và tải lên lại.")
	for i, h := range []string{"Mã", "Chỉ tiêu", "Đơn vị tính", "Phân tổ", "Giá trị"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 4)
		f.SetCellStr(sheetData, cell, h)
	}
	f.SetCellStyle(sheetData, "A4", "E4", bold)
	for i, key := range rc.tmpl.Cells() {
		row := firstDataRow + i
		code, opt := SplitCell(key)
		ind, _ := rc.tmpl.Indicator(code)
		f.SetCellStr(sheetData, "A"+strconv.Itoa(row), key)
		f.SetCellStr(sheetData, "B"+strconv.Itoa(row), ind.Name)
		f.SetCellStr(sheetData, "C"+strconv.Itoa(row), ind.Unit)
		if opt != "" {
			f.SetCellStr(sheetData, "D"+strconv.Itoa(row), rc.tmpl.optionName(code, opt))
		}
		ref := valueColumn + strconv.Itoa(row)
		if v, ok := rc.report.Values[key]; ok {
			switch {
			case v.Num != nil:
				f.SetCellFloat(sheetData, ref, *v.Num, -1, 64)
			default:
				f.SetCellStr(sheetData, ref, v.Text)
			}
		}
		f.SetCellStyle(sheetData, ref, ref, input)
	}
	f.SetColVisible(sheetData, "A", false)
	f.SetColWidth(sheetData, "B", "B", 60)
	f.SetColWidth(sheetData, "C", "D", 18)
	f.SetColWidth(sheetData, "E", "E", 20)
	f.SetPanes(sheetData, &excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft"})
	f.NewSheet(sheetText)
	f.SetCellStr(sheetText, "A1", "Mã")
	f.SetCellStr(sheetText, "B1", "Phần")
	f.SetCellStr(sheetText, "C1", "Nội dung")
	f.SetCellStyle(sheetText, "A1", "C1", bold)
	for i, sec := range rc.tmpl.Sections {
		row := strconv.Itoa(i + 2)
		f.SetCellStr(sheetText, "A"+row, sec.Key)
		f.SetCellStr(sheetText, "B"+row, sec.Title)
		f.SetCellStr(sheetText, "C"+row, rc.report.Sections[sec.Key])
	}
	f.SetColVisible(sheetText, "A", false)
	f.SetColWidth(sheetText, "B", "B", 40)
	f.SetColWidth(sheetText, "C", "C", 100)
	f.NewSheet(sheetMeta)
	for i, kv := range [][2]string{{"regime_id", strconv.FormatInt(regimeID, 10)}, {"period", rc.period.Key},
		{"unit_id", strconv.FormatInt(unitID, 10)}, {"version", strconv.Itoa(rc.report.Version)},
		{"template_version", strconv.Itoa(rc.report.TemplateVersion)}} {
		f.SetCellStr(sheetMeta, "A"+strconv.Itoa(i+1), kv[0])
		f.SetCellStr(sheetMeta, "B"+strconv.Itoa(i+1), kv[1])
	}
	f.SetSheetVisible(sheetMeta, false)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("reporting: write workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// ImportEntryWorkbook reads a filled workbook back: every cell is checked
// and errors name their cell ("E7: phải là số nguyên"); one bad cell refuses
// the whole file. The stored draft is then replaced by the workbook's
// content, with the usual version check.
func (s *Service) ImportEntryWorkbook(ctx context.Context, a org.Actor, regimeID int64, period string, unitID int64, data []byte) (Report, error) {
	if len(data) > entryMaxBytes {
		return Report{}, apperr.TooLarge("Tệp vượt quá giới hạn 10 MB.", "The file is over the 10 MB limit.")
	}
	rc, err := s.load(ctx, s.db, a, regimeID, period, unitID)
	if err != nil {
		return Report{}, err
	}
	f, err := openEntryWorkbook(data)
	if err != nil {
		return Report{}, err
	}
	defer f.Close()
	meta := readMeta(f)
	if meta["regime_id"] != strconv.FormatInt(regimeID, 10) || meta["period"] != rc.period.Key || meta["unit_id"] != strconv.FormatInt(unitID, 10) {
		return Report{}, apperr.InvalidField("file", "Tệp này không phải biểu nhập liệu của báo cáo này (khác chế độ, kỳ hoặc đơn vị).",
			"This workbook belongs to another report (regime, period or unit).")
	}
	version, _ := strconv.Atoi(meta["version"])
	values, err := readValues(f, rc.tmpl)
	if err != nil {
		return Report{}, err
	}
	sections := readSections(f, rc.report.Sections)
	return s.SaveDraft(ctx, a, regimeID, period, unitID, Draft{Version: version, Sections: sections, Values: values, Explanations: rc.report.Explanations})
}

// openEntryWorkbook opens an uploaded workbook within the unzip limits
// (64 MB in all, sheets over 32 MB spill to a temporary file) and checks
// its sheets (xlsxguard): a zip bomb, or a few KB of cells in column XFD
// that the library would pad to gigabytes, is refused with a clear
// message instead of filling memory.
func openEntryWorkbook(data []byte) (*excelize.File, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 32 << 20})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") { // a zip bomb, or no ordinary workbook
			return nil, apperr.InvalidField("file", "Tệp Excel giải nén ra quá 64 MB nên không được nhận (tệp hỏng hoặc không phải biểu nhập liệu).",
				"The workbook unpacks to more than 64 MB and is refused (damaged, or not the entry workbook).")
		}
		return nil, apperr.InvalidField("file", "Không mở được tệp Excel: "+err.Error(), "Cannot open the workbook: "+err.Error())
	}
	if err := xlsxguard.Check(data, xlsxguard.Default); err != nil { // before rows padded to column XFD fill memory
		f.Close()
		return nil, err
	}
	return f, nil
}

func readMeta(f *excelize.File) map[string]string {
	rows, _ := f.GetRows(sheetMeta)
	m := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			m[r[0]] = r[1]
		}
	}
	return m
}

func readValues(f *excelize.File, t Template) (map[string]Value, error) {
	cells := map[string]bool{}
	for _, k := range t.Cells() {
		cells[k] = true
	}
	rows, err := f.GetRows(sheetData, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, apperr.InvalidField("file", "Thiếu trang \""+sheetData+"\".", "Sheet \""+sheetData+"\" is missing.")
	}
	out := map[string]Value{}
	var problems []string
	for i := firstDataRow - 1; i < len(rows); i++ {
		r := rows[i]
		if len(r) == 0 || strings.TrimSpace(r[0]) == "" {
			continue
		}
		key, ref := strings.TrimSpace(r[0]), valueColumn+strconv.Itoa(i+1)
		if !cells[key] {
			problems = append(problems, "A"+strconv.Itoa(i+1)+": mã chỉ tiêu không có trong mẫu ("+key+")")
			continue
		}
		raw := ""
		if len(r) >= 5 {
			raw = strings.TrimSpace(r[4])
		}
		if raw == "" {
			continue
		}
		code, _ := SplitCell(key)
		ind, _ := t.Indicator(code)
		val := Value{Raw: raw}
		// A number cell arrives in its raw form ("1234.5"); a text cell as
		// typed ("1.234"), read the Vietnamese way like the form does.
		if typ, _ := f.GetCellType(sheetData, ref); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
			if n, err := strconv.ParseFloat(raw, 64); err == nil && ind.Type != TypeText {
				val = Value{Num: &n}
			}
		}
		c, err := coerceOne(ind, val)
		if err != nil {
			e, _ := apperr.As(err)
			problems = append(problems, ref+": "+e.Message)
			continue
		}
		out[key] = c
	}
	if len(problems) > 0 {
		msg := strings.Join(problems[:min(len(problems), 20)], "; ")
		if len(problems) > 20 {
			msg += fmt.Sprintf("; và %d lỗi khác", len(problems)-20)
		}
		e := apperr.InvalidField("file", msg, msg).(*apperr.Error)
		e.Detail = map[string]any{"cells": problems}
		return nil, e
	}
	return out, nil
}

func readSections(f *excelize.File, current map[string]string) map[string]string {
	rows, err := f.GetRows(sheetText)
	if err != nil {
		return current
	}
	out := map[string]string{}
	for i, r := range rows {
		if i == 0 || len(r) == 0 {
			continue
		}
		if len(r) >= 3 {
			out[strings.TrimSpace(r[0])] = r[2]
		}
	}
	return out
}
