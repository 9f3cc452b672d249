package document

import (
	"bytes"
	"io"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sampleSheets is a small workbook of the kinds of figures reports carry.
func sampleSheets() []Sheet {
	return []Sheet{{
		Name:   "Kết quả 6 tháng",
		Title:  "KẾT QUẢ CÔNG TÁC KHOA GIÁO 6 THÁNG ĐẦU NĂM 2020",
		Header: []string{"TT", "Đơn vị", "Số tin, bài", "Tỷ lệ hoàn thành", "Kinh phí", "Điểm bình quân"},
		Rows: [][]Cell{
			{IntCell(1), TextCell("Huyện Đakrông"), IntCell(1234), PercentCell(97.5), MoneyCell(1800000), NumCell(8.25)},
			{IntCell(2), TextCell("Huyện Hướng Hóa"), IntCell(956), PercentCell(88), MoneyCell(125000000), NumCell(7.5)},
			{IntCell(3), TextCell("Thành phố Đông Hà <b>&"), IntCell(2310), PercentCell(100), MoneyCell(0), NumCell(9)},
		},
		Totals:       []Cell{{}, TextCell("Tổng cộng"), IntCell(4500), PercentCell(95.2), MoneyCell(126800000), NumCell(8.25)},
		FreezeHeader: true,
		ColWidths:    []float64{6, 30},
	}, {
		Name:   "Kết quả 6 tháng", // a repeated name gets " (2)"
		Header: []string{"Chỉ tiêu", "Giá trị"},
		Rows:   [][]Cell{{TextCell("Số hội nghị"), IntCell(12)}},
	}}
}

// bigSheet is 3,355 rows by 100 numeric columns.
func bigSheet() Sheet {
	const rows, cols = 3355, 100
	header := make([]string, cols)
	for c := range header {
		header[c] = "Cột " + strconv.Itoa(c+1)
	}
	data := make([][]Cell, rows)
	for r := range data {
		row := make([]Cell, cols)
		for c := range row {
			if c%2 == 0 {
				row[c] = IntCell(int64(r*1000 + c))
			} else {
				row[c] = NumCell(float64(r) + float64(c)/10)
			}
		}
		data[r] = row
	}
	return Sheet{Name: "Số liệu", Title: "BẢNG SỐ LIỆU", Header: header, Rows: data, FreezeHeader: true}
}

func TestWriteXLSXLarge(t *testing.T) {
	s := bigSheet()
	var buf bytes.Buffer
	peak := measurePeakHeap(func() {
		if err := WriteXLSX(&buf, s); err != nil {
			t.Fatalf("WriteXLSX: %v", err)
		}
	})
	t.Logf("3,355 × 100 cells: %d bytes of XLSX, peak heap %d MB (input included)", buf.Len(), peak>>20)
	if peak > 100<<20 {
		t.Errorf("peak heap %d MB, want well under 100 MB", peak>>20)
	}

	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows("Số liệu", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+3355 {
		t.Fatalf("%d rows, want title + header + 3355", len(rows))
	}
	if rows[0][0] != "BẢNG SỐ LIỆU" || rows[1][99] != "Cột 100" {
		t.Errorf("title %q, last heading %q", rows[0][0], rows[1][99])
	}
	for _, r := range []int{0, 1, 1677, 3354} {
		got := rows[r+2]
		if len(got) != 100 {
			t.Fatalf("row %d has %d cells", r, len(got))
		}
		if want := strconv.Itoa(r*1000 + 98); got[98] != want {
			t.Errorf("row %d col 99 = %q, want %q", r, got[98], want)
		}
		if v, err := strconv.ParseFloat(got[99], 64); err != nil || v != float64(r)+9.9 {
			t.Errorf("row %d col 100 = %q, want %v", r, got[99], float64(r)+9.9)
		}
	}
	panes, err := f.GetPanes("Số liệu")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("panes = %+v, want frozen above A3", panes)
	}
	assertNumFmt(t, f, "Số liệu", "A3", NumFmtInt)
	assertNumFmt(t, f, "Số liệu", "B3", NumFmtDecimal)
}

// measurePeakHeap runs fn and samples the heap in use meanwhile (live and
// not yet swept objects, plus free space in spans in use: HeapInuse),
// through runtime/metrics, which does not stop the world.
func measurePeakHeap(fn func()) uint64 {
	runtime.GC()
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			if inUse := samples[0].Value.Uint64() + samples[1].Value.Uint64(); inUse > peak.Load() {
				peak.Store(inUse)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	return peak.Load()
}

// assertNumFmt checks the custom number format of a cell.
func assertNumFmt(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil || *st.CustomNumFmt != want {
		got := "<none>"
		if st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		t.Errorf("%s!%s number format %s, want %s", sheet, cell, got, want)
	}
}

func TestWriteXLSXSample(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sampleSheets()...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Kết quả 6 tháng" || got[1] != "Kết quả 6 tháng (2)" {
		t.Fatalf("sheets %q", got)
	}
	const sh = "Kết quả 6 tháng"
	cells := []struct {
		cell, value, format string
	}{
		{"B5", "Thành phố Đông Hà <b>&", ""},
		{"C3", "1234", NumFmtInt},
		{"D3", "0.975", NumFmtPercent},
		{"E4", "125000000", NumFmtMoney},
		{"F3", "8.25", NumFmtDecimal},
		{"B6", "Tổng cộng", ""},
		{"C6", "4500", NumFmtInt},
	}
	for _, c := range cells {
		got, err := f.GetCellValue(sh, c.cell, excelize.Options{RawCellValue: true})
		if err != nil || got != c.value {
			t.Errorf("%s = %q (%v), want %q", c.cell, got, err, c.value)
		}
		if c.format != "" {
			assertNumFmt(t, f, sh, c.cell, c.format)
		}
	}
	if merged, err := f.GetMergeCells(sh); err != nil || len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "F1" {
		t.Errorf("title merge %v %v, want A1:F1", merged, err)
	}
	if w, err := f.GetColWidth(sh, "B"); err != nil || w != 30 {
		t.Errorf("column B width %v %v, want 30", w, err)
	}
	if panes, err := f.GetPanes("Kết quả 6 tháng (2)"); err != nil || panes.Freeze {
		t.Errorf("second sheet panes %+v %v, want none", panes, err)
	}
	name, err := f.GetDefinedName(), error(nil)
	if err != nil || len(name) == 0 || name[0].Name != "_xlnm.Print_Titles" {
		t.Errorf("defined names %+v, want print titles", name)
	}
}

func TestWriteXLSXNoSheets(t *testing.T) {
	if err := WriteXLSX(io.Discard); err == nil {
		t.Error("WriteXLSX with no sheets succeeded")
	}
}

func TestSheetName(t *testing.T) {
	used := map[string]bool{}
	tests := []struct{ in, want string }{
		{"Báo cáo [6/2020]: tổng hợp?", "Báo cáo -6-2020-- tổng hợp-"},
		{"", "Trang 2"},
		{"Một tên rất dài vượt quá ba mươi mốt ký tự cho phép", "Một tên rất dài vượt quá ba mươ"},
		{"Một tên rất dài vượt quá ba mươi mốt ký tự", "Một tên rất dài vượt quá ba (2)"},
		{"'Trích'", "Trích"},
		{"trích", "trích (2)"},
	}
	for i, tt := range tests {
		if got := sheetName(tt.in, i+1, used); got != tt.want {
			t.Errorf("sheetName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkWriteXLSX(b *testing.B) {
	s := bigSheet()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteXLSX(io.Discard, s); err != nil {
			b.Fatal(err)
		}
	}
}

func TestKindOf(t *testing.T) {
	i, f := int64(7), 2.5
	tests := []struct {
		name  string
		cell  Cell
		kind  valueKind
		value interface{}
	}{
		{"text", TextCell(" Huye\u0302\u0323n "), kindText, "Huyện"},
		{"empty", Cell{}, kindText, ""},
		{"int", IntCell(1234567), kindInt, int64(1234567)},
		{"decimal", NumCell(2.5), kindDecimal, 2.5},
		{"money", MoneyCell(1800000), kindMoney, int64(1800000)},
		{"percent", PercentCell(12.5), kindPercent, 0.125},
		{"whole percent", Cell{Int: &i, Percent: true}, kindPercentInt, 0.07},
		{"int wins over num", Cell{Int: &i, Num: &f, Text: "x"}, kindInt, int64(7)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, v := kindOf(tt.cell)
			if kind != tt.kind || v != tt.value {
				t.Errorf("kindOf = %v %#v, want %v %#v", kind, v, tt.kind, tt.value)
			}
		})
	}
}
