package document

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// sampleReport is a dashboard-like report; rows makes the last table long
// enough to run onto further pages.
func sampleReport(rows int) PDFReport {
	long := Table{Header: []string{"Đơn vị", "Quá hạn"}, NumericCols: []int{1}}
	for i := 1; i <= rows; i++ {
		long.Rows = append(long.Rows, []string{fmt.Sprintf("Ủy ban nhân dân xã số %d", i), fmt.Sprint(i)})
	}
	return PDFReport{
		Organisation: "Ban Tuyên giáo Tỉnh ủy Quảng Trị",
		Title:        "Bảng điều khiển của lãnh đạo Ban",
		// NFD on purpose: the writer must put it back together.
		Subtitle:  norm.NFD.String("Số liệu tính đến 09:00 ngày 15/01/2021"),
		Date:      time.Date(2021, 1, 15, 2, 0, 0, 0, time.UTC),
		PageLabel: "Trang",
		Sections: []PDFSection{
			{Title: "Báo cáo kỳ hiện tại", Note: "Đã nộp, đúng hạn và muộn.",
				Chart: &BarChart{Labels: []string{"Báo cáo sơ kết 6 tháng", "Phòng, chống dịch COVID-19"}, Stacked: true,
					Series: []Series{{Name: "Đúng hạn", Values: []float64{6, 1}, Color: RGB{30, 123, 52}},
						{Name: "Muộn", Values: []float64{2, 0}, Color: RGB{208, 138, 0}}, {Name: "Chưa nộp", Values: []float64{1, 8}, Color: RGB{180, 35, 24}}}},
				Table: Table{Header: []string{"Chế độ báo cáo", "Đúng hạn", "Muộn", "Chưa nộp"}, NumericCols: []int{1, 2, 3},
					Rows: [][]string{{"Báo cáo sơ kết 6 tháng", "6", "2", "1"}, {"Phòng, chống dịch COVID-19", "1", "0", "8"}, {"Tổng cộng", "7", "2", "9"}}},
				BoldLast: true},
			{Title: "Văn bản chỉ đạo chưa đọc", Empty: "Chưa có văn bản nào được ban hành."},
			{Title: "Nhiệm vụ quá hạn theo đơn vị chủ trì", Table: long,
				Chart: &BarChart{Labels: []string{"Sở Giáo dục và Đào tạo"}, Series: []Series{{Name: "Quá hạn", Values: []float64{3}, Color: RGB{180, 35, 24}}}}},
		},
	}
}

// pdfText extracts the text of a PDF with pdftotext (poppler-utils), or
// skips when it is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", "-layout", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	return string(out)
}

func TestWritePDFVietnameseText(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePDF(&buf, sampleReport(120)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", buf.Bytes()[:min(20, buf.Len())])
	}
	if out := os.Getenv("KHOAGIAO_PDF_OUT"); out != "" {
		_ = os.WriteFile(out, buf.Bytes(), 0o644) // to look at it
	}
	if !bytes.Contains(buf.Bytes(), []byte("/FontFile2")) {
		t.Error("no TrueType font is embedded")
	}
	text := norm.NFC.String(pdfText(t, buf.Bytes()))
	for _, want := range []string{"BAN TUYÊN GIÁO TỈNH ỦY QUẢNG TRỊ", "BẢNG ĐIỀU KHIỂN CỦA LÃNH ĐẠO BAN", "Báo cáo kỳ hiện tại",
		"Đã nộp, đúng hạn và muộn.", "Số liệu tính đến 09:00 ngày 15/01/2021", "Quá hạn", "Chưa có văn bản nào được ban hành.",
		"Phòng, chống dịch COVID-19", "Ủy ban nhân dân xã số 120", "Trang 1/", "Đúng hạn"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	pages := strings.Count(text, "\f")
	if pages < 3 {
		t.Errorf("%d pages for 120 table rows, want the table to run onto more pages", pages)
	}
	if last := fmt.Sprintf("Trang %d/%d", pages, pages); !strings.Contains(text, last) {
		t.Errorf("the last page is not numbered %q", last)
	}
	// Each page holding rows of the long table starts it with its header.
	for i, page := range strings.Split(text, "\f") {
		if strings.Contains(page, "Ủy ban nhân dân xã số") && !strings.Contains(page, "Đơn vị") {
			t.Errorf("page %d continues the table without its header", i+1)
		}
	}
}

func TestWritePDFEmptyAndOneTable(t *testing.T) {
	for name, r := range map[string]PDFReport{
		"no sections": {Title: "Trống"},
		"one row":     {Title: "Một dòng", Sections: []PDFSection{{Title: "A", Table: Table{Header: []string{"Tên"}, Rows: [][]string{{"Đà Nẵng"}}}}}},
		"zero chart": {Title: "Số không", Sections: []PDFSection{{Title: "A", Chart: &BarChart{Labels: []string{"x"}, Series: []Series{{Name: "n", Values: []float64{0}}}},
			Table: Table{Header: []string{"Tên", "Số"}, Rows: [][]string{{"x", "0"}}}}}},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WritePDF(&buf, r); err != nil {
				t.Fatal(err)
			}
			if text := norm.NFC.String(pdfText(t, buf.Bytes())); !strings.Contains(text, strings.ToUpper(r.Title)) {
				t.Errorf("title %q missing from %q", r.Title, text)
			}
		})
	}
}

func BenchmarkWritePDF(b *testing.B) {
	r := sampleReport(30)
	for b.Loop() {
		if err := WritePDF(&bytes.Buffer{}, r); err != nil {
			b.Fatal(err)
		}
	}
}
