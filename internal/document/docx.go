package document

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The namespaces of the parts.
const (
	nsW       = `http://schemas.openxmlformats.org/wordprocessingml/2006/main`
	nsR       = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	relBase   = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
	ctWML     = `application/vnd.openxmlformats-officedocument.wordprocessingml.`
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// zipTime stamps every part, so the same document gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteDOCX writes d as a Word document (Office Open XML) laid out per
// Hướng dẫn 36-HD/VPTW: A4, Times New Roman, the header block, number and
// date, type and subject, body, signature and recipients, with the page
// number centred at the top of every page but the first. It is written
// with the standard library only; see README.md for why.
func WriteDOCX(w io.Writer, d PartyDoc) error {
	if err := d.Validate(); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, p := range docxParts(d) {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("document: write docx %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("document: write docx %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("document: write docx: %w", err)
	}
	return nil
}

// part is one file of the package.
type part struct{ name, body string }

// docxParts lists the package's parts, [Content_Types].xml first.
func docxParts(d PartyDoc) []part {
	return []part{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", coreProps(d)},
		{"docProps/app.xml", appProps},
		{"word/document.xml", documentXML(d)},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/fontTable.xml", fontTableXML},
		{"word/header1.xml", pageNumberHeader()},
		{"word/header2.xml", xmlHeader + `<w:hdr xmlns:w="` + nsW + `"><w:p/></w:hdr>`},
	}
}

// documentXML is the main part: header block, title, body, signature, and
// the section properties (page size, margins, headers).
func documentXML(d PartyDoc) string {
	var w wml
	w.WriteString(xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	w.writeHeader(d)
	w.writeTitle(d)
	w.writeBody(d.Body)
	w.writeSignature(d)
	// A body ends with a paragraph; this one is too small to spill a page.
	w.para(ppr{line: 240, markSize: 2}, rpr{}, "")
	w.WriteString(`<w:sectPr>`)
	w.WriteString(`<w:headerReference w:type="default" r:id="rIdHeaderPage"/>`)
	w.WriteString(`<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>`)
	w.WriteString(`<w:pgSz w:w="` + strconv.Itoa(pageWidth) + `" w:h="` + strconv.Itoa(pageHeight) + `"/>`)
	w.WriteString(`<w:pgMar`)
	w.attrInt("w:top", marginTop)
	w.attrInt("w:right", marginRight)
	w.attrInt("w:bottom", marginBottom)
	w.attrInt("w:left", marginLeft)
	w.attrInt("w:header", headerDist)
	w.attrInt("w:footer", headerDist)
	w.attrInt("w:gutter", 0)
	w.WriteString(`/><w:titlePg/></w:sectPr></w:body></w:document>`)
	return w.String()
}

// pageNumberHeader is the header of pages 2 onwards: the page number,
// 13 pt upright, centred in the top margin. The first page's header is
// empty (w:titlePg), as the Hướng dẫn numbers pages from the second.
func pageNumberHeader() string {
	var w wml
	w.WriteString(xmlHeader + `<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p>`)
	w.pPr(ppr{align: "center", line: 240})
	w.field(rpr{size: pt13}, "PAGE", "2")
	w.WriteString(`</w:p></w:hdr>`)
	return w.String()
}

// coreProps carries the title, author, language and date of the document.
func coreProps(d PartyDoc) string {
	title := strings.Join(strings.Fields(upper(d.TypeName)+" "+clean(d.Subject)), " ")
	if title == "" {
		title = d.NumberLine()
	}
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(title) + `</dc:title>` +
		`<dc:creator>` + esc(upper(d.IssuingBody)) + `</dc:creator>` +
		`<dc:language>vi-VN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + d.Date.UTC().Format(time.RFC3339) + `</dcterms:created>` +
		`</cp:coreProperties>`
}

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="` + ctWML + `document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="` + ctWML + `styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="` + ctWML + `settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="` + ctWML + `fontTable+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="` + ctWML + `header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="` + ctWML + `header+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relBase + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="` + relBase + `styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdSettings" Type="` + relBase + `settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdFonts" Type="` + relBase + `fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rIdHeaderPage" Type="` + relBase + `header" Target="header1.xml"/>` +
	`<Relationship Id="rIdHeaderFirst" Type="` + relBase + `header" Target="header2.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>khoagiao</Application></Properties>`
