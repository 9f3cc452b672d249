package document

import (
	"strconv"
	"strings"
)

// The page of Hướng dẫn 36-HD/VPTW: A4 portrait with margins top and bottom
// 20 mm, left 30 mm, right 15 mm (the low ends of 20–25, 30–35 and 15–20 mm,
// which leave the most room for tables of figures).
const (
	pageWidth    = 11906 // 210 mm
	pageHeight   = 16838 // 297 mm
	marginTop    = 1134  // 20 mm
	marginBottom = 1134  // 20 mm
	marginLeft   = 1701  // 30 mm
	marginRight  = 850   // 15 mm
	headerDist   = 567   // 10 mm from the top edge to the page number
	textWidth    = pageWidth - marginLeft - marginRight

	// The header block: the left column holds the bodies and the number,
	// the right column the title and the date line.
	headLeft  = 4000
	headRight = textWidth - headLeft

	// titleWidth is the printed width of "ĐẢNG CỘNG SẢN VIỆT NAM" in Times
	// New Roman Bold 15 pt (13,777 thousandths of an em: 206.7 pt), so the
	// rule under it, drawn as the paragraph's bottom border between equal
	// indents, is as long as the title, as the Hướng dẫn asks.
	titleWidth  = 4134
	titleIndent = (headRight - titleWidth) / 2

	// shortRule is the rule under the subject line: 25 mm, centred.
	shortRule = 1417

	// Body text: 14 pt, justified, first line indented 1 cm, line spacing
	// 1.2 (288/240), 6 pt after each paragraph.
	bodyLine  = 288
	bodyAfter = 120

	// signatureSpace is the room for the signature and the seal between
	// the position and the name: about 24 mm.
	signatureSpace = 1360
)

// Paragraph formats used more than once.
var (
	headPara  = ppr{align: "center", line: 240}
	bodyPara  = ppr{align: "both", firstLine: cm1, line: bodyLine, after: bodyAfter}
	cellPara  = ppr{line: 240}
	tightPara = ppr{line: 240}
)

// writeHeader writes the header block as a borderless table of two rows,
// so that the number line and the date line stand level with each other.
func (w *wml) writeHeader(d PartyDoc) {
	w.tableStart([]int{headLeft, headRight}, false)

	w.rowStart(false)
	w.cellStart(headLeft, false)
	if s := upper(d.SuperiorBody); s != "" {
		w.para(headPara, rpr{size: pt14}, s)
	}
	w.para(headPara, rpr{size: pt14, bold: true}, upper(d.IssuingBody))
	w.para(headPara, rpr{size: pt14}, "*")
	w.WriteString(`</w:tc>`)
	w.cellStart(headRight, false)
	title := headPara
	title.left, title.right, title.ruleBelow = titleIndent, titleIndent, true
	w.para(title, rpr{size: pt15, bold: true}, "ĐẢNG CỘNG SẢN VIỆT NAM")
	w.WriteString(`</w:tc></w:tr>`)

	// The number and the date stand level, a little below the "*" and the rule.
	level := headPara
	level.before = 60
	w.rowStart(false)
	w.cellStart(headLeft, false)
	w.para(level, rpr{size: pt14}, d.NumberLine())
	if clean(d.TypeName) == "" {
		if s := congVanSubject(d.Subject); s != "" {
			w.para(headPara, rpr{size: pt12, italic: true}, s)
		}
	}
	w.WriteString(`</w:tc>`)
	w.cellStart(headRight, false)
	w.para(level, rpr{size: pt14, italic: true}, d.DateLine())
	w.WriteString(`</w:tc></w:tr></w:tbl>`)
}

// congVanSubject is the subject of a công văn, which stands under its number
// and opens with "V/v" ("về việc").
func congVanSubject(s string) string {
	s = clean(s)
	if s == "" || strings.HasPrefix(strings.ToLower(s), "v/v") {
		return s
	}
	return "V/v " + s
}

// writeTitle writes the document type, the subject and the short rule under
// them, centred. A công văn has no type; its subject is in the header.
func (w *wml) writeTitle(d PartyDoc) {
	name := upper(d.TypeName)
	if name == "" {
		w.para(ppr{after: 240, line: 240}, rpr{}, "")
		return
	}
	w.para(ppr{align: "center", before: 480, line: 240, keepNext: true}, rpr{size: pt16, bold: true}, name)
	if s := clean(d.Subject); s != "" {
		w.para(ppr{align: "center", before: 60, line: 240, keepNext: true}, rpr{size: pt14, bold: true}, s)
	}
	side := (textWidth - shortRule) / 2
	w.para(ppr{left: side, right: side, line: 240, before: 60, after: 360, ruleBelow: true, markSize: 8}, rpr{}, "")
}

// writeBody writes the blocks of the body, numbering the items.
func (w *wml) writeBody(blocks []Block) {
	var num numberer
	for _, b := range blocks {
		if b.Kind != BlockItem && b.Kind != BlockBullet {
			num.reset() // dash items under a numbered item do not break its list
		}
		switch b.Kind {
		case BlockHeading:
			p := bodyPara
			p.keepNext = true
			p.outline = max(b.Level, 1)
			w.para(p, rpr{bold: true, italic: b.Level >= 3}, clean(b.Text))
		case BlockItem:
			w.para(bodyPara, rpr{}, num.next(b.Level)+" "+clean(b.Text))
		case BlockBullet:
			mark := "-"
			if b.Level > 0 {
				mark = "+"
			}
			w.para(bodyPara, rpr{}, mark+" "+clean(b.Text))
		case BlockTable:
			if b.Table != nil {
				w.writeTable(*b.Table)
				// Keep the next table (the signature block) from being
				// merged into this one by the reader.
				w.para(ppr{line: 240, after: bodyAfter, markSize: pt12}, rpr{}, "")
			}
		default:
			w.para(bodyPara, rpr{}, clean(b.Text))
		}
	}
}

// numberer numbers consecutive items: "1.", "2." at level 0, "a)", "b)" at
// level 1, "-" deeper.
type numberer struct {
	top, sub int
}

func (n *numberer) reset() { *n = numberer{} }

func (n *numberer) next(level int) string {
	switch {
	case level <= 0:
		n.top++
		n.sub = 0
		return strconv.Itoa(n.top) + "."
	case level == 1:
		n.sub++
		return alpha(n.sub) + ")"
	}
	return "-"
}

// alpha writes 1 → "a", 26 → "z", 27 → "aa" as item letters run on.
func alpha(n int) string {
	var s []byte
	for ; n > 0; n = (n - 1) / 26 {
		s = append([]byte{byte('a' + (n-1)%26)}, s...)
	}
	return string(s)
}

// writeSignature writes the recipients (left) and the signature (right) as
// a borderless table of one row that is never split across pages.
func (w *wml) writeSignature(d PartyDoc) {
	left := textWidth / 2
	right := textWidth - left
	w.tableStart([]int{left, right}, false)
	w.rowStart(false)

	w.cellStart(left, false)
	if len(d.Recipients) > 0 {
		w.para(ppr{line: 240, before: 120}, rpr{size: pt12, bold: true, italic: true}, "Nơi nhận:")
		for _, r := range d.Recipients {
			w.para(tightPara, rpr{size: pt11}, recipientLine(r))
		}
	} else {
		w.para(tightPara, rpr{}, "")
	}
	w.WriteString(`</w:tc>`)

	w.cellStart(right, false)
	sig := headPara
	sig.before = 120
	if a := upper(d.Signature.Authority); a != "" {
		w.para(sig, rpr{size: pt14, bold: true}, a)
		sig.before = 0
	}
	w.para(sig, rpr{size: pt14, bold: true}, upper(d.Signature.Position))
	name := headPara
	name.before = signatureSpace
	w.para(name, rpr{size: pt14, bold: true}, clean(d.Signature.Name))
	w.WriteString(`</w:tc></w:tr></w:tbl>`)
}

// recipientLine writes one recipient after a dash, unless it has one.
func recipientLine(s string) string {
	s = clean(s)
	if strings.HasPrefix(s, "-") {
		return s
	}
	return "- " + s
}
