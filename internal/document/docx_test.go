package document

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// sampleDoc is the conclusion notice of the conference of 30 June 2020 in
// the seed article, with a table of figures; it fits on one page.
func sampleDoc() PartyDoc {
	figures := [][]string{
		{"1", "Cơ sở giáo dục tổ chức thi cuối cấp", vntext.FormatInt(612), vntext.FormatInt(598), vntext.FormatDecimal(97.71, 1)},
		{"2", "Người được hỗ trợ (Nghị quyết 42/NQ-CP)", vntext.FormatInt(128450), vntext.FormatInt(121336), vntext.FormatDecimal(94.46, 1)},
		{"3", "Kinh phí hỗ trợ (nghìn đồng)", vntext.FormatInt(1234567), vntext.FormatInt(1180250), vntext.FormatDecimal(95.6, 1)},
	}
	return PartyDoc{
		SuperiorBody: "Tỉnh ủy Quảng Trị",
		IssuingBody:  "Ban Tuyên giáo",
		Number:       12,
		TypeCode:     "TB",
		Symbol:       "BTGTU",
		Place:        "Quảng Trị",
		Date:         time.Date(2020, 6, 30, 9, 0, 0, 0, vntext.Location),
		TypeName:     "Thông báo",
		Subject:      "kết luận của đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy tại Hội nghị giao ban\ncông tác khoa giáo 6 tháng đầu năm 2020",
		Body: []Block{
			{Kind: BlockParagraph, Text: "Tại Hội nghị ngày 30-6-2020, đồng chí Trưởng Ban kết luận như sau:"},
			{Kind: BlockHeading, Level: 1, Text: "I. KẾT QUẢ ĐẠT ĐƯỢC"},
			{Kind: BlockParagraph, Text: "Dù chịu tác động của dịch COVID-19, các ngành trong Khối vẫn thực hiện hiệu quả nhiệm vụ; một số chỉ tiêu chủ yếu (ký hiệu \"<b>&\" giữ nguyên văn):"},
			{Kind: BlockTable, Table: &Table{
				Header:      []string{"TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)"},
				Rows:        figures,
				NumericCols: []int{2, 3, 4},
				CenterCols:  []int{0},
				Widths:      []int{7, 45, 16, 16, 16},
			}},
			{Kind: BlockHeading, Level: 1, Text: "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM"},
			{Kind: BlockItem, Text: "Đào tạo, bồi dưỡng đội ngũ cán bộ làm công tác khoa giáo."},
			{Kind: BlockItem, Text: "Duy trì chế độ báo cáo, cung cấp thông tin hai chiều:"},
			{Kind: BlockItem, Level: 1, Text: "Báo cáo định kỳ 6 tháng, năm đúng hạn;"},
			{Kind: BlockItem, Level: 1, Text: "Báo cáo đột xuất khi có vụ việc phức tạp."},
			{Kind: BlockItem, Text: "Các cơ quan báo chí tập trung tuyên truyền:"},
			{Kind: BlockBullet, Text: "Phòng, chống dịch bệnh, lụt bão; chuẩn bị đại hội Đảng các cấp."},
			{Kind: BlockItem, Text: "Ban Tuyên giáo các cấp theo dõi, đôn đốc thực hiện."},
		},
		Signature: Signature{Authority: "T/M Ban Tuyên giáo", Position: "Trưởng ban", Name: "Lê Văn Tuấn"},
		Recipients: []string{
			"Thường trực Tỉnh ủy (b/c),",
			"Ban Tuyên giáo Trung ương (b/c),",
			"Các ngành trong Khối Khoa giáo,",
			"Ban Tuyên giáo các huyện, thị, thành ủy,",
			"Lưu Văn phòng.",
		},
	}
}

// writeSample writes d and returns its parts by name.
func writeSample(t *testing.T, d PartyDoc) (raw []byte, parts map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d); err != nil {
		t.Fatalf("WriteDOCX: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("reopen zip: %v", err)
	}
	parts = map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		parts[f.Name] = string(b)
	}
	return buf.Bytes(), parts
}

func TestWriteDOCXParts(t *testing.T) {
	_, parts := writeSample(t, sampleDoc())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/header1.xml", "word/header2.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("part %s is missing", name)
		}
	}
	for name, body := range parts {
		t.Run(name, func(t *testing.T) {
			dec := xml.NewDecoder(strings.NewReader(body))
			for {
				_, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", name, err)
				}
			}
		})
	}
}

func TestWriteDOCXContent(t *testing.T) {
	_, parts := writeSample(t, sampleDoc())
	doc := parts["word/document.xml"]
	runs := readRuns(t, doc)
	tests := []struct {
		text         string
		bold, italic bool
	}{
		{"TỈNH ỦY QUẢNG TRỊ", false, false},
		{"BAN TUYÊN GIÁO", true, false},
		{"*", false, false},
		{"Số 12-TB/BTGTU", false, false},
		{"ĐẢNG CỘNG SẢN VIỆT NAM", true, false},
		{"Quảng Trị, ngày 30 tháng 6 năm 2020", false, true},
		{"THÔNG BÁO", true, false},
		{"I. KẾT QUẢ ĐẠT ĐƯỢC", true, false},
		{"1. Đào tạo, bồi dưỡng đội ngũ cán bộ làm công tác khoa giáo.", false, false},
		{"b) Báo cáo đột xuất khi có vụ việc phức tạp.", false, false},
		{"3. Các cơ quan báo chí tập trung tuyên truyền:", false, false},
		{"- Phòng, chống dịch bệnh, lụt bão; chuẩn bị đại hội Đảng các cấp.", false, false},
		{"4. Ban Tuyên giáo các cấp theo dõi, đôn đốc thực hiện.", false, false},
		{"1.234.567", false, false},
		{"Nơi nhận:", true, true},
		{"- Thường trực Tỉnh ủy (b/c),", false, false},
		{"- Lưu Văn phòng.", false, false},
		{"T/M BAN TUYÊN GIÁO", true, false},
		{"TRƯỞNG BAN", true, false},
		{"Lê Văn Tuấn", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r, ok := runs[tt.text]
			if !ok {
				t.Fatalf("no run reads %q", tt.text)
			}
			if r.bold != tt.bold || r.italic != tt.italic {
				t.Errorf("%q: bold %v italic %v, want bold %v italic %v", tt.text, r.bold, r.italic, tt.bold, tt.italic)
			}
		})
	}
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`, // A4
		`w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`,
		`<w:t xml:space="preserve">Số 12-TB/BTGTU</w:t>`,
		`&#34;&lt;b&gt;&amp;&#34;`, // the body's "<b>&" escaped
		`<w:tblHeader/>`,           // table header repeated
		`<w:jc w:val="both"/>`,     // justified body
		`<w:titlePg/>`,             // no number on page 1
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(parts["word/header1.xml"], `<w:instrText xml:space="preserve"> PAGE </w:instrText>`) {
		t.Error("header1.xml has no PAGE field")
	}
	styles := parts["word/styles.xml"]
	if !strings.Contains(styles, `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>`) {
		t.Error("styles.xml does not declare Times New Roman for every script")
	}
}

// runInfo is what a test needs of a run: its text and emphasis.
type runInfo struct{ bold, italic bool }

// readRuns decodes document.xml and maps the text of each run to its
// emphasis. It also proves the part decodes with encoding/xml.
func readRuns(t *testing.T, doc string) map[string]runInfo {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	out := map[string]runInfo{}
	var cur *runInfo
	var text strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("decode document.xml: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "r":
				cur, inText = &runInfo{}, false
				text.Reset()
			case "b":
				if cur != nil {
					cur.bold = true
				}
			case "i":
				if cur != nil {
					cur.italic = true
				}
			case "t":
				inText = true
			case "br":
				text.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				text.Write(el)
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "t":
				inText = false
			case "r":
				if cur != nil && text.Len() > 0 {
					out[text.String()] = *cur
				}
				cur = nil
			}
		}
	}
}

func TestWriteDOCXDraftAndCongVan(t *testing.T) {
	d := sampleDoc()
	d.Number = 0
	d.TypeCode = "CV"
	d.TypeName = ""
	d.Subject = "tăng cường tuyên truyền phòng, chống dịch COVID-19"
	_, parts := writeSample(t, d)
	runs := readRuns(t, parts["word/document.xml"])
	if _, ok := runs["Số    -CV/BTGTU"]; !ok {
		t.Error("a draft's number line should read \"Số    -CV/BTGTU\"")
	}
	if r, ok := runs["V/v tăng cường tuyên truyền phòng, chống dịch COVID-19"]; !ok || !r.italic {
		t.Errorf("a công văn's subject should stand in italics under the number: %v %v", r, ok)
	}
}

func TestWriteDOCXCleansText(t *testing.T) {
	d := sampleDoc()
	// NFD input, a zero-width space, C0 controls, U+FFFF and a broken byte.
	d.Body = []Block{{Kind: BlockParagraph, Text: "Tho\u0302ng ba\u0301o\u200b \x00\x01\x08\x0b\x1f\uffffkết\xffluận"}}
	_, parts := writeSample(t, d)
	runs := readRuns(t, parts["word/document.xml"])
	if _, ok := runs["Thông báo kết\uFFFDluận"]; !ok {
		t.Errorf("cleaned text not found; runs: %v", keys(runs))
	}
}

func keys(m map[string]runInfo) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestWriteDOCXValidates(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*PartyDoc)
		field string
	}{
		{"no issuing body", func(d *PartyDoc) { d.IssuingBody = " " }, "IssuingBody"},
		{"no type code", func(d *PartyDoc) { d.TypeCode = "" }, "TypeCode"},
		{"symbol with slash", func(d *PartyDoc) { d.Symbol = "BTG/TU" }, "Symbol"},
		{"negative number", func(d *PartyDoc) { d.Number = -1 }, "Number"},
		{"no date", func(d *PartyDoc) { d.Date = time.Time{} }, "Date"},
		{"table block without table", func(d *PartyDoc) { d.Body = []Block{{Kind: BlockTable}} }, "Body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := sampleDoc()
			tt.edit(&d)
			err := WriteDOCX(io.Discard, d)
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.KindInvalid {
				t.Fatalf("err = %v, want an invalid-field error", err)
			}
			if _, ok := e.Fields[tt.field]; !ok {
				t.Errorf("err fields %v, want %s", e.Fields, tt.field)
			}
		})
	}
}

func TestColumnWidths(t *testing.T) {
	tests := []struct {
		shares []int
		cols   int
		want   []int
	}{
		{nil, 4, []int{250, 250, 250, 250}},
		{[]int{10, 50, 20, 20}, 4, []int{100, 500, 200, 200}},
		{[]int{10}, 3, []int{100, 450, 450}},
		{[]int{100, 100}, 2, []int{500, 500}},
		{[]int{99, 1, 0}, 3, []int{950, 25, 25}},
	}
	for _, tt := range tests {
		got := columnWidths(tt.shares, tt.cols, 1000)
		sum := 0
		for _, g := range got {
			sum += g
		}
		if sum != 1000 || len(got) != tt.cols {
			t.Errorf("columnWidths(%v, %d) = %v: sum %d", tt.shares, tt.cols, got, sum)
		}
		if tt.want != nil && !equalInts(got, tt.want) {
			t.Errorf("columnWidths(%v, %d) = %v, want %v", tt.shares, tt.cols, got, tt.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
