package org_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/xuri/excelize/v2"
)

// FuzzParseImport feeds arbitrary bytes to each unit-import layout: no
// panic, and either rows that all carry their line and valid UTF-8, or a
// clear "file" field error (never an internal error). The corpus lives in
// testdata/fuzz/FuzzParseImport.
func FuzzParseImport(f *testing.F) {
	f.Add(uint8(0), []byte(`[{"code":"45","name":"Quảng Trị","kind":"province","parent_code":""},{"code":"19","name":"Phường Đông Hà","kind":"commune","parent_code":"45"}]`))
	f.Add(uint8(0), []byte(`[{"matinh":45,"tentinh":"Quảng Trị"}]`))
	f.Add(uint8(1), []byte("code,name,kind,parent_code\n45,Quảng Trị,province,\n19,\"Phường Đông Hà, tỉnh\",commune,45\n"))
	f.Add(uint8(1), []byte("\uFEFFcode;name;kind\n45;Quảng Trị;province\n"))
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"code", "name", "kind", "parent_code"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"45", "Quảng Trị", "province", ""})
	b, err := x.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint8(2), b.Bytes())
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		format := []org.ImportFormat{org.FormatJSON, org.FormatCSV, org.FormatXLSX}[int(which)%3]
		rows, err := org.ParseImport(format, data)
		if err != nil {
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.KindInvalid || e.Fields["file"] == "" {
				t.Fatalf("%s: error is not a file field error: %v", format, err)
			}
			return
		}
		if len(rows) == 0 {
			t.Fatalf("%s: no rows and no error", format)
		}
		for _, r := range rows {
			if r.Line < 1 || !utf8.ValidString(r.Code+r.Name+r.ShortName+string(r.Kind)+r.ParentCode) {
				t.Fatalf("%s: bad row %+v", format, r)
			}
		}
	})
}

// TestImportRefusesZipBomb: an XLSX whose sheet inflates to gigabytes is
// refused quickly with a clear message instead of filling memory.
func TestImportRefusesZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"} {
		w, _ := zw.Create(name)
		w.Write([]byte(`<?xml version="1.0"?><x/>`))
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	chunk := []byte(strings.Repeat("<row><c><v>0</v></c></row>", 4096))
	for written := 0; written < 1<<30; written += len(chunk) { // 1 GiB inflated, ~1 MiB deflated
		w.Write(chunk)
	}
	zw.Close()
	if buf.Len() > 8<<20 {
		t.Fatalf("the bomb itself is %d bytes", buf.Len())
	}
	start := time.Now()
	_, err := org.ParseImport(org.FormatXLSX, buf.Bytes())
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid || e.Fields["file"] == "" {
		t.Fatalf("zip bomb: %v", err)
	}
	t.Logf("refused a %d-byte file inflating to 1 GiB in %v: %s", buf.Len(), time.Since(start), e.Fields["file"])
}
