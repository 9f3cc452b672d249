package web_test

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"mime/multipart"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// maliciousFile is one entry of the upload corpus.
type maliciousFile struct {
	name, file, ctype string // case name, file name, Content-Type the client claims
	data              []byte
	accept            string // "" refused with 422; else the content type it is stored and served as
}

// attachmentCorpus is what the attachment routes (reports, conferences,
// training certificates) must refuse, or accept only as an opaque file
// served as a download.
func attachmentCorpus(t *testing.T) []maliciousFile {
	page := []byte("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>")
	return []maliciousFile{
		{name: "HTML named .pdf, sent as application/pdf", file: "bao-cao.pdf", ctype: "application/pdf", data: page},
		{name: "HTML behind a BOM and spaces", file: "bao-cao.pdf", ctype: "application/pdf", data: append([]byte("\xEF\xBB\xBF \n\t "), page...)},
		{name: "XHTML", file: "trang.pdf", ctype: "application/pdf",
			data: []byte(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`)},
		{name: "SVG with script", file: "logo.svg", ctype: "image/svg+xml",
			data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>`)},
		{name: "SVG named .png", file: "anh.png", ctype: "image/png", data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)},
		{name: "JavaScript named .jpg", file: "anh.jpg", ctype: "image/jpeg", data: []byte("alert(document.cookie)//")},
		{name: "plain zip named .docx", file: "nen.docx", ctype: "application/zip", data: zipOf(t)},
		{name: "polyglot PDF and HTML", file: "da-dang.pdf", ctype: "text/html", data: append([]byte("%PDF-1.4\n"), page...), accept: "application/pdf"},
		{name: "polyglot GIF and JavaScript", file: "anh.gif", ctype: "image/gif", data: []byte("GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert(document.cookie)//;"), accept: "image/gif"},
		{name: "PNG claiming 50000×50000 px", file: "khong-lo.png", ctype: "image/png", data: hugePNG(t), accept: "image/png"},
		{name: "XLSX zip bomb as an attachment", file: "bom.xlsx", ctype: "application/octet-stream", data: xlsxBomb(t),
			accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	}
}

// multipartAs builds a multipart body whose file part claims ctype.
func multipartAs(t *testing.T, field, filename, ctype string, data []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="`+field+`"; filename="`+strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(filename)+`"`)
	h.Set("Content-Type", ctype)
	w, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// hugePNG is a valid PNG header claiming 50000×50000 RGB pixels (7.5 GB
// decoded) with one tiny compressed row: a decoder that trusted the
// header would try to allocate it all.
func hugePNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 50000)
	binary.BigEndian.PutUint32(ihdr[4:], 50000)
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, RGB
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 1+3*64)) // one filter byte and a few pixels
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

var (
	bombOnce sync.Once
	bomb     []byte
)

// xlsxBomb is a workbook-shaped zip whose sheet inflates to 256 MiB from
// about a quarter of a megabyte: over the importers' 64 MiB unzip limit.
func xlsxBomb(t *testing.T) []byte {
	t.Helper()
	bombOnce.Do(func() {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
			w, _ := zw.Create(name)
			w.Write([]byte(`<?xml version="1.0"?><x/>`))
		}
		w, _ := zw.Create("xl/worksheets/sheet1.xml")
		chunk := []byte(strings.Repeat("<row><c><v>0</v></c></row>", 4096))
		for written := 0; written < 256<<20; written += len(chunk) {
			w.Write(chunk)
		}
		zw.Close()
		bomb = buf.Bytes()
	})
	return bomb
}

// wideXLSX is a workbook of a few KB whose 4,000 rows each hold one cell
// in column XFD: read by the library, each row is padded to 16,384 cells
// (4.5 GB allocated before xlsxguard refused it).
func wideXLSX(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`))
	for i := 1; i <= 4000; i++ {
		fmt.Fprintf(w, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, i, i)
	}
	w.Write([]byte(`</sheetData></worksheet>`))
	zw.Close()
	return buf.Bytes()
}
