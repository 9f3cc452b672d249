package reporting

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// fuzzTemplate has a cell of every type, a breakdown and two sections.
func fuzzTemplate() Template {
	zero, hundred := 0.0, 100.0
	return Template{Version: 1,
		Sections:   []Section{{Key: "results", Title: "Kết quả đạt được"}, {Key: "limits", Title: "Hạn chế, khó khăn"}},
		Categories: []Category{{Code: "group", Name: "Nhóm", Options: []Option{{Code: "g1", Name: "Nhóm 1"}, {Code: "g2", Name: "Nhóm 2"}}}},
		Indicators: []Indicator{
			{Code: "sessions", Name: "Số buổi", Type: TypeInteger, Agg: AggSum, Min: &zero},
			{Code: "people", Name: "Số người", Type: TypeInteger, Agg: AggSum, Category: "group"},
			{Code: "paid", Name: "Số tiền", Type: TypeMoney, Agg: AggSum},
			{Code: "rate", Name: "Tỷ lệ", Type: TypePercent, Agg: AggAvg, Min: &zero, Max: &hundred},
			{Code: "ratio", Name: "Hệ số", Type: TypeDecimal, Agg: AggAvg},
			{Code: "done", Name: "Đã hoàn thành", Type: TypeBool, Agg: AggNone},
			{Code: "note", Name: "Ghi chú", Type: TypeText, Agg: AggNone},
		}}
}

// fuzzWorkbook is a real entry workbook of the fuzz template, as
// EntryWorkbook writes it, with values.
func fuzzWorkbook(tb testing.TB, values map[string]Value, sections map[string]string) []byte {
	tb.Helper()
	rc := reportCtx{regime: Regime{Name: "Báo cáo sơ kết"}, tmpl: fuzzTemplate(), period: PeriodInfo{Key: "2021-H1"},
		unit: org.Unit{Name: "Sở Giáo dục và Đào tạo"}, report: Report{Values: values, Sections: sections, Version: 3, TemplateVersion: 1}}
	data, err := writeEntryWorkbook(rc, 8, 2)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func num(f float64) Value { return Value{Num: &f} }

// fuzzSeeds are the kept corpus (testdata/fuzz/FuzzEntryWorkbook): a
// filled workbook, one with a bad value typed as text, one cut short, and
// one whose rows reach column XFD (refused by xlsxguard).
func fuzzSeeds(tb testing.TB) map[string][]byte {
	filled := fuzzWorkbook(tb, map[string]Value{"sessions": num(12), "people|g1": num(1200), "paid": num(1.8e6), "rate": num(87.5),
		"ratio": num(0.25), "done": {Num: ptr(1.0), Bool: true}, "note": {Text: "=HYPERLINK(\"http://x\")"}},
		map[string]string{"results": "Đạt kế hoạch.", "limits": "<script>alert(1)</script>"})
	bad := fuzzWorkbook(tb, map[string]Value{"sessions": {Text: "mười hai"}, "rate": {Text: "120%"}}, nil)
	return map[string][]byte{"seed_filled": filled, "seed_bad_values": bad, "seed_truncated": filled[:len(filled)/2],
		"seed_wide_rows": withWideRows(tb, filled, 300)}
}

// withWideRows adds n rows holding one cell in column XFD to the data
// sheet, written by hand: the library would pad each to 16,384 cells.
func withWideRows(tb testing.TB, data []byte, n int) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "xl/worksheets/sheet1.xml" {
			var rows strings.Builder
			for i := 100; i < 100+n; i++ {
				fmt.Fprintf(&rows, `<row r="%d"><c r="XFD%d" t="str"><v>x</v></c></row>`, i, i)
			}
			body = bytes.Replace(body, []byte("</sheetData>"), []byte(rows.String()+"</sheetData>"), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// FuzzEntryWorkbook feeds arbitrary bytes to the reading of an uploaded
// data-entry workbook (openEntryWorkbook, readMeta, readValues,
// readSections): no panic; a refusal is always a clear "file" field error;
// what is accepted holds only the template's cells, each coerced to its
// type, and valid UTF-8 text. The corpus lives in
// testdata/fuzz/FuzzEntryWorkbook (regenerate with
// KHOAGIAO_FUZZ_CORPUS=write go test -run TestEntryWorkbookCorpus).
func FuzzEntryWorkbook(f *testing.F) {
	for _, data := range fuzzSeeds(f) {
		f.Add(data)
	}
	tmpl := fuzzTemplate()
	cells := map[string]bool{}
	for _, k := range tmpl.Cells() {
		cells[k] = true
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := openEntryWorkbook(data)
		if err != nil {
			wantFileError(t, err)
			return
		}
		defer wb.Close()
		for k, v := range readMeta(wb) {
			if !utf8.ValidString(k + v) {
				t.Fatalf("meta %q=%q is not UTF-8", k, v)
			}
		}
		values, err := readValues(wb, tmpl)
		if err != nil {
			wantFileError(t, err)
			return
		}
		for key, v := range values {
			code, _ := SplitCell(key)
			ind, _ := tmpl.Indicator(code)
			switch {
			case !cells[key]:
				t.Fatalf("value for %q, not a cell of the template", key)
			case ind.Type == TypeText && (v.Num != nil || !utf8.ValidString(v.Text) || utf8.RuneCountInString(v.Text) > 500):
				t.Fatalf("text cell %s = %+v", key, v)
			case ind.Type != TypeText && (v.Num == nil || math.IsNaN(*v.Num) || math.IsInf(*v.Num, 0)):
				t.Fatalf("number cell %s = %+v", key, v)
			}
		}
		for k, v := range readSections(wb, nil) {
			if !utf8.ValidString(k + v) {
				t.Fatalf("section %q is not UTF-8", k)
			}
		}
	})
}

func wantFileError(t *testing.T, err error) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid || e.Fields["file"] == "" {
		t.Fatalf("not a file field error: %v", err)
	}
}

// TestEntryWorkbookCorpus keeps the seeds of the kept corpus in step with
// the writer: with KHOAGIAO_FUZZ_CORPUS=write it writes them again.
func TestEntryWorkbookCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzEntryWorkbook")
	for name, data := range fuzzSeeds(t) {
		file := filepath.Join(dir, name)
		want := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(data)))
		if os.Getenv("KHOAGIAO_FUZZ_CORPUS") == "write" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := os.Stat(file); err != nil {
			t.Errorf("corpus file %s: %v (KHOAGIAO_FUZZ_CORPUS=write writes it)", file, err)
		}
	}
}
