package blob

import (
	"archive/zip"
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

const (
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// zipOf builds a zip with the named entries in order. Office writes
// [Content_Types].xml first, but other tools do not: the tests put it last,
// behind a part large enough that it is nowhere near the first bytes.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := z.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		body := "<?xml version=\"1.0\"?><x/>"
		if n != "[Content_Types].xml" {
			body += strings.Repeat("<p>nội dung</p>", 400)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func imageOf(t *testing.T, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func samples(t *testing.T) (docx, xlsx, plainZip, pngData, jpegData []byte) {
	docx = zipOf(t, "word/document.xml", "word/styles.xml", "[Content_Types].xml")
	xlsx = zipOf(t, "xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml")
	plainZip = zipOf(t, "readme.txt", "data.csv")
	pngData = imageOf(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
	jpegData = imageOf(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
	return
}

const pdfData = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

func TestSniff(t *testing.T) {
	docx, xlsx, plainZip, pngData, jpegData := samples(t)
	if i := bytes.Index(docx, []byte("[Content_Types].xml")); i < 2048 {
		t.Fatalf("[Content_Types].xml is at byte %d: the sample must keep it away from the first bytes", i)
	}
	html := []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")
	for _, tc := range []struct {
		name string
		file string
		data []byte
		want string // "" = refused
	}{
		{"PDF", "bao-cao.pdf", []byte(pdfData), "application/pdf"},
		{"PDF whatever its name", "bao-cao.bin", []byte(pdfData), "application/pdf"},
		{"PNG", "anh.png", pngData, "image/png"},
		{"JPEG", "anh.jpg", jpegData, "image/jpeg"},
		{"DOCX, [Content_Types].xml last", "Báo cáo.docx", docx, docxType},
		{"XLSX, [Content_Types].xml last", "so-lieu.XLSX", xlsx, xlsxType},
		{"OOXML under another extension", "bao-cao.zip", docx, ""},
		{"plain zip named .docx", "bao-cao.docx", plainZip, ""},
		{"plain zip", "du-lieu.zip", plainZip, ""},
		{"HTML", "trang.html", html, ""},
		{"HTML named .pdf", "bao-cao.pdf", html, ""},
		{"SVG with a script", "anh.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ""},
		{"plain text", "ghi-chu.txt", []byte("Báo cáo 6 tháng đầu năm.\n"), ""},
		{"executable", "bao-cao.pdf.exe", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 64)...), ""},
		{"ZIP header, broken archive", "bao-cao.docx", []byte("PK\x03\x04garbage"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Sniff(tc.file, tc.data)
			if tc.want == "" {
				e, ok := apperr.As(err)
				if !ok || e.Kind != apperr.KindInvalid || e.Fields["file"] == "" {
					t.Fatalf("Sniff(%q) = %q, %v; want refused with a message on field file", tc.file, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Sniff(%q) = %q, %v; want %q", tc.file, got, err, tc.want)
			}
		})
	}
}

func TestIsOOXML(t *testing.T) {
	docx, xlsx, plainZip, pngData, _ := samples(t)
	for name, tc := range map[string]struct {
		data []byte
		want bool
	}{"docx": {docx, true}, "xlsx": {xlsx, true}, "plain zip": {plainZip, false}, "png": {pngData, false}, "empty": {nil, false},
		"truncated docx": {docx[:len(docx)/2], false}} {
		if got := IsOOXML(tc.data); got != tc.want {
			t.Errorf("IsOOXML(%s) = %v, want %v", name, got, tc.want)
		}
	}
}

func TestCleanName(t *testing.T) {
	long := strings.Repeat("Báo cáo kết quả ", 20) + ".pdf"
	for _, tc := range []struct{ in, want string }{
		{"bao-cao.pdf", "bao-cao.pdf"},
		{"Báo cáo 6 tháng.docx", "Báo cáo 6 tháng.docx"},
		{"../../etc/passwd", "passwd"},
		{"/var/tmp/so-lieu.xlsx", "so-lieu.xlsx"},
		{`C:\Users\chuyenvien\Desktop\bao cao.pdf`, "bao cao.pdf"},
		{"bao\x00cao\r\n.pdf", "baocao.pdf"},
		{"tab\there\x7f.pdf", "tabhere.pdf"},
		{`"quoted".pdf`, "quoted.pdf"},
		{"hoso\u202Efdp.exe", "hosofdp.exe"},
		{"\xffanh.png", "_anh.png"},
		{"", "tep"},
		{".", "tep"},
		{"..", "tep"},
		{"/", "tep"},
		{"\x01\x02", "tep"},
	} {
		if got := cleanName(tc.in); got != tc.want {
			t.Errorf("cleanName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	got := cleanName(long)
	if len(got) > 200 || !utf8.ValidString(got) || !strings.HasSuffix(got, ".pdf") || !strings.HasPrefix(got, "Báo cáo") {
		t.Errorf("long name cut to %d bytes, valid UTF-8 %v: %q", len(got), utf8.ValidString(got), got)
	}
}

func TestStore(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)
		docx, _, _, pngData, _ := samples(t)
		save := func(owner int64, name string, data []byte) (File, error) {
			var f File
			err := db.Transact(ctx, func(tx *sqldb.Tx) error {
				var err error
				f, err = Save(ctx, tx, "report", owner, name, data, "baocao", now)
				return err
			})
			return f, err
		}
		a, err := save(7, "../Báo cáo.docx", docx)
		if err != nil {
			t.Fatal(err)
		}
		b, err := save(7, "anh.png", pngData)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := save(8, "khac.pdf", []byte(pdfData)); err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || a.Name != "Báo cáo.docx" || a.ContentType != docxType || a.Size != int64(len(docx)) || len(a.SHA256) != 64 {
			t.Errorf("saved %+v", a)
		}
		for _, tc := range []struct {
			name string
			data []byte
			kind apperr.Kind
		}{
			{"empty", nil, apperr.KindInvalid},
			{"over 20 MB", append([]byte(pdfData), make([]byte, MaxSize)...), apperr.KindTooLarge},
			{"HTML named .pdf", []byte("<html><body>hi</body></html>"), apperr.KindInvalid},
		} {
			if _, err := save(7, "x.pdf", tc.data); apperr.KindOf(err) != tc.kind {
				t.Errorf("%s: error %v, want kind %d", tc.name, err, tc.kind)
			}
		}
		list, err := List(ctx, db, "report", 7)
		if err != nil || len(list) != 2 || list[0].ID != a.ID || list[1].ID != b.ID {
			t.Fatalf("List = %+v, %v; want the two files of owner 7, oldest first", list, err)
		}
		if !list[0].CreatedAt.Equal(now) || list[0].CreatedBy != "baocao" || list[0].SHA256 != a.SHA256 {
			t.Errorf("listed %+v", list[0])
		}
		if none, err := List(ctx, db, "meeting", 7); err != nil || none == nil || len(none) != 0 {
			t.Errorf("List of another owner kind = %#v, %v; want an empty list", none, err)
		}
		f, data, err := Open(ctx, db, a.ID)
		if err != nil || !bytes.Equal(data, docx) || f.Name != a.Name || f.OwnerID != 7 {
			t.Fatalf("Open = %+v (%d bytes), %v", f, len(data), err)
		}
		if meta, err := Find(ctx, db, b.ID); err != nil || meta.ContentType != "image/png" || meta.Size != int64(len(pngData)) {
			t.Errorf("Find = %+v, %v", meta, err)
		}
		if err := db.Transact(ctx, func(tx *sqldb.Tx) error { return Delete(ctx, tx, a.ID) }); err != nil {
			t.Fatal(err)
		}
		if _, _, err := Open(ctx, db, a.ID); apperr.KindOf(err) != apperr.KindNotFound {
			t.Errorf("Open after Delete: %v, want not found", err)
		}
		if _, err := Find(ctx, db, a.ID); apperr.KindOf(err) != apperr.KindNotFound {
			t.Errorf("Find after Delete: %v, want not found", err)
		}
		if list, _ := List(ctx, db, "report", 7); len(list) != 1 || list[0].ID != b.ID {
			t.Errorf("after Delete List = %+v", list)
		}
	})
}
