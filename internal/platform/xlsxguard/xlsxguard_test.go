package xlsxguard_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/xlsxguard"
)

// sheetZip is a zip holding one part named part with a sheet of rows.
func sheetZip(part string, rows func(b *strings.Builder)) []byte {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	rows(&sb)
	sb.WriteString(`</sheetData></worksheet>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0"?><Types/>`))
	w, _ = zw.Create(part)
	w.Write([]byte(sb.String()))
	zw.Close()
	return buf.Bytes()
}

func TestCheck(t *testing.T) {
	real := excelize.NewFile()
	for i := 1; i <= 500; i++ {
		real.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i), &[]any{"SGDDT", "Sở Giáo dục và Đào tạo", "bloc_member", 42})
	}
	realData, _ := real.WriteToBuffer()
	small := xlsxguard.Limits{Cols: 26, Cells: 1000, Bytes: 1 << 20}
	for _, tc := range []struct {
		name string
		data []byte
		l    xlsxguard.Limits
		bad  string // part of the Vietnamese message; "" passes
	}{
		{"a real workbook", realData.Bytes(), xlsxguard.Default, ""},
		{"not a zip", []byte("code,name\n"), small, ""},
		{"one cell in column XFD", sheetZip("xl/worksheets/sheet1.xml", func(b *strings.Builder) {
			b.WriteString(`<row r="5"><c r="A5"><v>1</v></c><c r="XFD5"><v>1</v></c></row>`)
		}), xlsxguard.Default, "cột thứ 16384"},
		{"a sheet kept outside xl/worksheets", sheetZip("xl/khac/trang.xml", func(b *strings.Builder) {
			b.WriteString(`<x:row r="1"><x:c r="AA1"><x:v>1</x:v></x:c></x:row>`)
		}), small, "cột thứ 27"},
		{"cells without references", sheetZip("xl/worksheets/sheet1.xml", func(b *strings.Builder) {
			b.WriteString(`<row>` + strings.Repeat(`<c><v>1</v></c>`, 27) + `</row>`)
		}), small, "cột thứ 27"},
		{"rows padded past the cell budget", sheetZip("xl/worksheets/sheet1.xml", func(b *strings.Builder) {
			for i := 1; i <= 100; i++ {
				fmt.Fprintf(b, `<row r="%d"><c r="Z%d"><v>1</v></c></row>`, i, i)
			}
		}), small, "quá nhiều ô"},
		{"within the budget", sheetZip("xl/worksheets/sheet1.xml", func(b *strings.Builder) {
			for i := 1; i <= 38; i++ {
				fmt.Fprintf(b, `<row r="%d"><c r="Z%d"><v>1</v></c></row>`, i*1000, i*1000)
			}
		}), small, ""},
		{"chart elements named c", sheetZip("xl/charts/chart1.xml", func(b *strings.Builder) {
			b.WriteString(strings.Repeat(`<c:c r="ZZ9"/>`, 100))
		}), small, ""},
		{"sheets inflating past the byte budget", sheetZip("xl/worksheets/sheet1.xml", func(b *strings.Builder) {
			b.WriteString(strings.Repeat(`<row><c><v>1</v></c></row>`, 50000))
		}), xlsxguard.Limits{Cols: 26, Cells: 1 << 30, Bytes: 1 << 20}, "quá lớn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := xlsxguard.Check(tc.data, tc.l)
			if tc.bad == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.KindInvalid || !strings.Contains(e.Fields["file"], tc.bad) {
				t.Fatalf("error %v, want a file field error saying %q", err, tc.bad)
			}
		})
	}
}
