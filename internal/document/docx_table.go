package document

import "slices"

// writeTable writes a table of the body: bordered, 13 pt, the header row
// bold, centred and repeated on each page, numeric columns right-aligned,
// cells centred vertically.
func (w *wml) writeTable(t Table) {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	widths := columnWidths(t.Widths, cols, textWidth)
	w.tableStart(widths, true)
	if len(t.Header) > 0 {
		w.rowStart(true)
		for i, wd := range widths {
			w.cellStart(wd, true)
			p := cellPara
			p.align = "center"
			w.para(p, rpr{size: pt13, bold: true}, cellText(t.Header, i))
			w.WriteString(`</w:tc>`)
		}
		w.WriteString(`</w:tr>`)
	}
	for _, row := range t.Rows {
		w.rowStart(false)
		for i, wd := range widths {
			w.cellStart(wd, true)
			p := cellPara
			switch {
			case slices.Contains(t.NumericCols, i):
				p.align = "right"
			case slices.Contains(t.CenterCols, i):
				p.align = "center"
			default:
				p.align = "left"
			}
			w.para(p, rpr{size: pt13}, cellText(row, i))
			w.WriteString(`</w:tc>`)
		}
		w.WriteString(`</w:tr>`)
	}
	w.WriteString(`</w:tbl>`)
}

// cellText is the cleaned text of column i, or "" past the end of a short row.
func cellText(row []string, i int) string {
	if i >= len(row) {
		return ""
	}
	return clean(row[i])
}

// columnWidths turns percentage shares into twips over total: missing or
// non-positive shares split what is left equally, and shares summing over
// 100 are scaled down. Every column gets at least 1/40 of the width (less
// past 20 columns; the widest column gives way for it), and the widths add
// up to total exactly.
func columnWidths(shares []int, cols, total int) []int {
	pct := make([]float64, cols)
	given, unset := 0.0, 0
	for i := range pct {
		if i < len(shares) && shares[i] > 0 {
			pct[i] = float64(shares[i])
			given += pct[i]
		} else {
			unset++
		}
	}
	if unset > 0 {
		rest := max(100-given, float64(unset)*2.5)
		for i := range pct {
			if pct[i] == 0 {
				pct[i] = rest / float64(unset)
			}
		}
	}
	sum := 0.0
	for _, p := range pct {
		sum += p
	}
	floor := total / max(40, 2*cols)
	out := make([]int, cols)
	used, widest := 0, 0
	for i, p := range pct {
		out[i] = max(int(float64(total)*p/sum), floor)
		used += out[i]
		if out[i] > out[widest] {
			widest = i
		}
	}
	out[widest] += total - used // rounding, or the floors, settle on the widest column
	return out
}
