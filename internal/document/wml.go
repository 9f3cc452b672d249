package document

import (
	"strconv"
	"strings"
)

// Sizes in WordprocessingML units: font sizes in half-points, lengths in
// twentieths of a point (twips; 1 mm ≈ 56.7 twips).
const (
	pt11 = 22
	pt12 = 24
	pt13 = 26
	pt14 = 28
	pt15 = 30
	pt16 = 32

	cm1 = 567 // one centimetre in twips
)

// rpr is the formatting of a run.
type rpr struct {
	size    int // half-points; 0 keeps the style's 14 pt
	bold    bool
	italic  bool
	underln bool
}

// ppr is the formatting of a paragraph.
type ppr struct {
	align     string // "left", "center", "right", "both"
	firstLine int    // first-line indent, twips
	left      int    // left indent, twips
	right     int    // right indent, twips
	before    int    // space before, twips
	after     int    // space after, twips
	line      int    // line spacing in 240ths of a line (240 single); 0 keeps the style's
	keepNext  bool   // keep with the next paragraph (headings, the type and subject)
	ruleBelow bool   // a single rule under the paragraph, as long as its indented width
	outline   int    // 1-based outline level for headings; 0 for body text
	markSize  int    // size of the paragraph mark in half-points, for tiny empty paragraphs
}

// wml accumulates WordprocessingML markup.
type wml struct {
	strings.Builder
}

// attrInt writes ` name="v"`.
func (w *wml) attrInt(name string, v int) {
	w.WriteString(` ` + name + `="` + strconv.Itoa(v) + `"`)
}

// pPr writes the paragraph properties in the order the schema wants.
func (w *wml) pPr(p ppr) {
	w.WriteString(`<w:pPr>`)
	if p.keepNext {
		w.WriteString(`<w:keepNext/>`)
	}
	if p.ruleBelow {
		w.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	w.WriteString(`<w:spacing`)
	w.attrInt("w:before", p.before)
	w.attrInt("w:after", p.after)
	if p.line > 0 {
		w.attrInt("w:line", p.line)
		w.WriteString(` w:lineRule="auto"`)
	}
	w.WriteString(`/>`)
	if p.left != 0 || p.right != 0 || p.firstLine != 0 {
		w.WriteString(`<w:ind`)
		w.attrInt("w:left", p.left)
		w.attrInt("w:right", p.right)
		w.attrInt("w:firstLine", p.firstLine)
		w.WriteString(`/>`)
	}
	if p.align != "" {
		w.WriteString(`<w:jc w:val="` + p.align + `"/>`)
	}
	if p.outline > 0 {
		w.attrIntElem("w:outlineLvl", p.outline-1)
	}
	if p.markSize > 0 {
		w.WriteString(`<w:rPr>`)
		w.attrIntElem("w:sz", p.markSize)
		w.attrIntElem("w:szCs", p.markSize)
		w.WriteString(`</w:rPr>`)
	}
	w.WriteString(`</w:pPr>`)
}

// attrIntElem writes `<name w:val="v"/>`.
func (w *wml) attrIntElem(name string, v int) {
	w.WriteString(`<` + name + ` w:val="` + strconv.Itoa(v) + `"/>`)
}

// rPr writes the run properties; fonts and language come from the styles.
func (w *wml) rPr(r rpr) {
	if r == (rpr{}) {
		return
	}
	w.WriteString(`<w:rPr>`)
	if r.bold {
		w.WriteString(`<w:b/><w:bCs/>`)
	}
	if r.italic {
		w.WriteString(`<w:i/><w:iCs/>`)
	}
	if r.size > 0 {
		w.attrIntElem("w:sz", r.size)
		w.attrIntElem("w:szCs", r.size)
	}
	if r.underln {
		w.WriteString(`<w:u w:val="single"/>`)
	}
	w.WriteString(`</w:rPr>`)
}

// run writes text (already cleaned) as one run; "\n" becomes a line break
// and "\t" a tab, so no control character reaches w:t.
func (w *wml) run(r rpr, text string) {
	w.WriteString(`<w:r>`)
	w.rPr(r)
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			w.WriteString(`<w:br/>`)
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				w.WriteString(`<w:tab/>`)
			}
			if part != "" {
				w.WriteString(`<w:t xml:space="preserve">` + esc(part) + `</w:t>`)
			}
		}
	}
	w.WriteString(`</w:r>`)
}

// para writes a paragraph of one run.
func (w *wml) para(p ppr, r rpr, text string) {
	w.WriteString(`<w:p>`)
	w.pPr(p)
	if text != "" {
		w.run(r, text)
	}
	w.WriteString(`</w:p>`)
}

// field writes a complex field such as PAGE, with placeholder as its last
// computed result until the reader updates it.
func (w *wml) field(r rpr, instr, placeholder string) {
	w.WriteString(`<w:r>`)
	w.rPr(r)
	w.WriteString(`<w:fldChar w:fldCharType="begin"/></w:r><w:r>`)
	w.rPr(r)
	w.WriteString(`<w:instrText xml:space="preserve"> ` + esc(instr) + ` </w:instrText></w:r><w:r>`)
	w.rPr(r)
	w.WriteString(`<w:fldChar w:fldCharType="separate"/></w:r>`)
	w.run(r, placeholder)
	w.WriteString(`<w:r>`)
	w.rPr(r)
	w.WriteString(`<w:fldChar w:fldCharType="end"/></w:r>`)
}

// tableStart opens a table of the given column widths (twips). Borderless
// tables (the header and signature blocks) have no borders and no cell
// padding at the sides, so their text lines up with the margins.
func (w *wml) tableStart(widths []int, bordered bool) {
	total := 0
	for _, c := range widths {
		total += c
	}
	w.WriteString(`<w:tbl><w:tblPr>`)
	w.WriteString(`<w:tblW w:w="` + strconv.Itoa(total) + `" w:type="dxa"/>`)
	if bordered {
		w.WriteString(`<w:jc w:val="center"/><w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			w.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
		}
		w.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/>`)
		w.WriteString(`<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`)
	} else {
		w.WriteString(`<w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			w.WriteString(`<w:` + side + ` w:val="nil"/>`)
		}
		w.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/>`)
		w.WriteString(`<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>`)
	}
	w.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, c := range widths {
		w.WriteString(`<w:gridCol w:w="` + strconv.Itoa(c) + `"/>`)
	}
	w.WriteString(`</w:tblGrid>`)
}

// rowStart opens a row; header rows repeat at the top of each page, and no
// row is split across a page break.
func (w *wml) rowStart(header bool) {
	w.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
	if header {
		w.WriteString(`<w:tblHeader/>`)
	}
	w.WriteString(`</w:trPr>`)
}

// cellStart opens a cell of the given width (twips).
func (w *wml) cellStart(width int, vcenter bool) {
	w.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(width) + `" w:type="dxa"/>`)
	if vcenter {
		w.WriteString(`<w:vAlign w:val="center"/>`)
	}
	w.WriteString(`</w:tcPr>`)
}
