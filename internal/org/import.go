package org

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/xlsxguard"
)

// ImportRow is one unit read from an import file. Line is where it stands in
// the file (a CSV/XLSX row number, or the item number in JSON), so errors can
// point at it.
type ImportRow struct {
	Line       int
	Code       string
	Name       string
	ShortName  string
	Kind       UnitKind
	ParentCode string
}

// MaxImportRows bounds one import file.
const MaxImportRows = 200_000

// ImportFormat names a supported file layout.
type ImportFormat string

// The supported layouts.
const (
	FormatJSON ImportFormat = "json"
	FormatCSV  ImportFormat = "csv"
	FormatXLSX ImportFormat = "xlsx"
)

// DetectFormat chooses the layout from the file name, falling back to the content.
func DetectFormat(name string, head []byte) (ImportFormat, error) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".json"):
		return FormatJSON, nil
	case strings.HasSuffix(lower, ".csv"):
		return FormatCSV, nil
	case strings.HasSuffix(lower, ".xlsx"):
		return FormatXLSX, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return FormatXLSX, nil
	case len(bytes.TrimSpace(head)) > 0 && bytes.TrimSpace(head)[0] == '[':
		return FormatJSON, nil
	}
	return "", apperr.InvalidField("file", "Chỉ nhận tệp JSON, CSV hoặc XLSX.", "Only JSON, CSV or XLSX files are accepted.")
}

// ParseImport reads rows from data in the given layout.
func ParseImport(format ImportFormat, data []byte) ([]ImportRow, error) {
	switch format {
	case FormatJSON:
		return parseAdminJSON(data)
	case FormatCSV:
		return parseCSV(data)
	case FormatXLSX:
		return parseXLSX(data)
	}
	return nil, apperr.InvalidField("file", "Định dạng tệp không được hỗ trợ.", "Unsupported file format.")
}

func fileErr(msg, en string) error { return apperr.InvalidField("file", msg, en) }

// adminProvince is the layout of vn-admin-units-2026.json.
type adminProvince struct {
	Code     string `json:"Code"`
	FullName string `json:"FullName"`
	Wards    []struct {
		Code         string `json:"Code"`
		FullName     string `json:"FullName"`
		ProvinceCode string `json:"ProvinceCode"`
	} `json:"Wards"`
}

func parseAdminJSON(data []byte) ([]ImportRow, error) {
	var provinces []adminProvince
	if err := json.Unmarshal(data, &provinces); err != nil {
		return nil, fileErr("Tệp JSON không đúng cấu trúc danh mục đơn vị hành chính: "+err.Error(),
			"The JSON does not follow the administrative-unit layout: "+err.Error())
	}
	var rows []ImportRow
	line := 0
	for _, p := range provinces {
		line++
		rows = append(rows, ImportRow{Line: line, Code: p.Code, Name: p.FullName, Kind: KindProvince})
		for _, w := range p.Wards {
			line++
			parent := w.ProvinceCode
			if parent == "" {
				parent = p.Code
			}
			rows = append(rows, ImportRow{Line: line, Code: w.Code, Name: w.FullName, Kind: KindCommune, ParentCode: parent})
		}
		if line > MaxImportRows {
			return nil, fileErr(fmt.Sprintf("Tệp có quá %d dòng.", MaxImportRows), "Too many rows.")
		}
	}
	if len(rows) == 0 {
		return nil, fileErr("Tệp không có đơn vị nào.", "The file holds no units.")
	}
	return rows, nil
}

var importColumns = map[string]string{
	"code": "code", "ma": "code", "mã": "code",
	"name": "name", "ten": "name", "tên": "name",
	"short_name": "short_name", "ten_viet_tat": "short_name",
	"kind": "kind", "loai": "kind", "loại": "kind",
	"parent_code": "parent_code", "ma_cap_tren": "parent_code",
}

// rowsFromTable maps a header row and data rows to ImportRows. lines holds
// each table row's line in the file (CSV skips blank lines and a quoted
// field may span lines); nil means row i is on line i+1.
func rowsFromTable(table [][]string, lines []int) ([]ImportRow, error) {
	if len(table) == 0 {
		return nil, fileErr("Tệp trống.", "The file is empty.")
	}
	idx := map[string]int{}
	for i, h := range table[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if col, ok := importColumns[h]; ok {
			idx[col] = i
		}
	}
	for _, need := range []string{"code", "name", "kind"} {
		if _, ok := idx[need]; !ok {
			return nil, fileErr("Dòng 1: thiếu cột "+need+" (cần các cột code, name, kind, parent_code).",
				"Line 1: column "+need+" is missing (need code, name, kind, parent_code).")
		}
	}
	if len(table)-1 > MaxImportRows {
		return nil, fileErr(fmt.Sprintf("Tệp có quá %d dòng.", MaxImportRows), "Too many rows.")
	}
	cell := func(rec []string, col string) string {
		i, ok := idx[col]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	var rows []ImportRow
	for n, rec := range table[1:] {
		line := n + 2
		if lines != nil {
			line = lines[n+1]
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		for _, c := range rec {
			if !utf8.ValidString(c) {
				return nil, fileErr(fmt.Sprintf("Dòng %d: văn bản không phải UTF-8.", line), fmt.Sprintf("Line %d: text is not UTF-8.", line))
			}
		}
		rows = append(rows, ImportRow{Line: line, Code: cell(rec, "code"), Name: cell(rec, "name"),
			ShortName: cell(rec, "short_name"), Kind: UnitKind(cell(rec, "kind")), ParentCode: cell(rec, "parent_code")})
	}
	if len(rows) == 0 {
		return nil, fileErr("Tệp không có đơn vị nào.", "The file holds no units.")
	}
	return rows, nil
}

func parseCSV(data []byte) ([]ImportRow, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';' // Excel with Vietnamese regional settings writes ';'
	}
	r.FieldsPerRecord = -1
	var table [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := len(table) + 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, fileErr(fmt.Sprintf("Dòng %d: tệp CSV không đọc được (%v).", line, err),
				fmt.Sprintf("Line %d: unreadable CSV (%v).", line, err))
		}
		line, _ := r.FieldPos(0)
		table, lines = append(table, rec), append(lines, line)
		if len(table) > MaxImportRows+1 {
			return nil, fileErr(fmt.Sprintf("Tệp có quá %d dòng.", MaxImportRows), "Too many rows.")
		}
	}
	return rowsFromTable(table, lines)
}

func parseXLSX(data []byte) ([]ImportRow, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 32 << 20})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") { // a zip bomb, or no ordinary workbook
			return nil, fileErr("Tệp XLSX giải nén ra quá 64 MB nên không được nhận (tệp hỏng hoặc không phải bảng tính thông thường).",
				"The XLSX file unpacks to more than 64 MB and is refused (damaged, or not an ordinary workbook).")
		}
		return nil, fileErr("Tệp XLSX không mở được: "+err.Error(), "Cannot open the XLSX file: "+err.Error())
	}
	defer f.Close()
	if err := xlsxguard.Check(data, xlsxguard.Default); err != nil { // before rows padded to column XFD fill memory
		return nil, err
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fileErr("Tệp XLSX không có trang tính.", "The workbook has no sheet.")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fileErr("Không đọc được trang tính: "+err.Error(), "Cannot read the sheet: "+err.Error())
	}
	defer rows.Close()
	var table [][]string
	for rows.Next() {
		rec, err := rows.Columns()
		if err != nil {
			return nil, fileErr(fmt.Sprintf("Dòng %d: %v", len(table)+1, err), fmt.Sprintf("Row %d: %v", len(table)+1, err))
		}
		table = append(table, rec)
		if len(table) > MaxImportRows+1 {
			return nil, fileErr(fmt.Sprintf("Tệp có quá %d dòng.", MaxImportRows), "Too many rows.")
		}
	}
	return rowsFromTable(table, nil)
}
