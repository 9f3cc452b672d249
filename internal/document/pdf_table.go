package document

import (
	"slices"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// pdfWidths turns a table's percentages into millimetres; without them the
// first column takes what the figures (16 mm each, at most) leave.
func pdfWidths(t Table) []float64 {
	n := len(t.Header)
	out := make([]float64, n)
	if len(t.Widths) == n {
		for i, pc := range t.Widths {
			out[i] = textW * float64(pc) / 100
		}
		return out
	}
	if n == 1 {
		return []float64{textW}
	}
	rest := min(22.0, textW*0.55/float64(n-1))
	out[0] = textW - rest*float64(n-1)
	for i := 1; i < n; i++ {
		out[i] = rest
	}
	return out
}

// table writes the header, then the rows; a row never breaks across
// pages, and the header is repeated on every new page.
func (p *pdfPage) table(t Table, boldLast bool) {
	pdf := p.pdf
	widths := pdfWidths(t)
	var header func()
	align := func(col int) string {
		switch {
		case slices.Contains(t.NumericCols, col):
			return "R"
		case slices.Contains(t.CenterCols, col):
			return "C"
		}
		return "L"
	}
	row := func(cells []string, style string, fill bool) {
		pdf.SetFont(fontFamily, style, 11.5)
		lines := make([][]string, len(widths))
		height := 1
		for i := range widths {
			text := ""
			if i < len(cells) {
				text = clean(cells[i])
			}
			lines[i] = pdf.SplitText(text, widths[i]-2)
			if len(lines[i]) == 0 {
				lines[i] = []string{""}
			}
			height = max(height, len(lines[i]))
		}
		h := float64(height)*lineH + 1.5
		if p.room(h) && style == "" {
			header()
			pdf.SetFont(fontFamily, style, 11.5)
		}
		x, y := pdf.GetX(), pdf.GetY()
		for i, w := range widths {
			if fill {
				pdf.SetFillColor(238, 240, 243)
			}
			pdf.Rect(x, y, w, h, map[bool]string{true: "FD", false: "D"}[fill])
			for j, l := range lines[i] {
				pdf.SetXY(x+1, y+0.75+float64(j)*lineH)
				pdf.CellFormat(w-2, lineH, l, "", 0, align(i), false, 0, "")
			}
			x += w
		}
		pdf.SetXY(marginL, y+h)
	}
	header = func() { row(t.Header, "B", true) }
	pdf.SetDrawColor(150, 155, 162)
	header()
	for i, r := range t.Rows {
		row(r, map[bool]string{true: "B", false: ""}[boldLast && i == len(t.Rows)-1], false)
	}
}

// chart draws horizontal bars: a label column, then the bars scaled to the
// largest line, each with its figure; a legend when there are several series.
func (p *pdfPage) chart(c BarChart) {
	pdf := p.pdf
	const labelW, barH, gap = 55.0, 4.2, 1.6
	top := 0.0
	for i := range c.Labels {
		line := 0.0
		for _, s := range c.Series {
			if i < len(s.Values) {
				if c.Stacked {
					line += s.Values[i]
				} else {
					line = max(line, s.Values[i])
				}
			}
		}
		top = max(top, line)
	}
	if top <= 0 {
		return
	}
	per := barH
	if !c.Stacked {
		per = barH * float64(len(c.Series))
	}
	p.room(float64(len(c.Labels))*(per+gap) + 10)
	if len(c.Series) > 1 {
		p.legend(c.Series)
	}
	areaW := textW - labelW - 12
	pdf.SetFont(fontFamily, "", 10)
	for i, label := range c.Labels {
		y := pdf.GetY()
		pdf.SetXY(marginL, y)
		pdf.CellFormat(labelW-2, per, firstLine(pdf.SplitText(clean(label), labelW-2)), "", 0, "L", false, 0, "")
		x := marginL + labelW
		for k, s := range c.Series {
			v := 0.0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			w := areaW * v / top
			by := y
			if !c.Stacked {
				by, x = y+float64(k)*barH, marginL+labelW
			}
			pdf.SetFillColor(s.Color.R, s.Color.G, s.Color.B)
			if w > 0 {
				pdf.Rect(x, by+0.4, w, barH-0.8, "F")
			}
			if !c.Stacked {
				pdf.SetXY(x+w+1, by)
				pdf.CellFormat(12, barH, vntext.FormatInt(int64(v)), "", 0, "L", false, 0, "")
			}
			x += w
		}
		if c.Stacked {
			pdf.SetXY(x+1, y)
			pdf.CellFormat(12, per, vntext.FormatInt(int64(sum(c.Series, i))), "", 0, "L", false, 0, "")
		}
		pdf.SetXY(marginL, y+per+gap)
	}
	pdf.Ln(2)
}

func (p *pdfPage) legend(series []Series) {
	pdf := p.pdf
	pdf.SetFont(fontFamily, "", 10)
	x, y := marginL, pdf.GetY()
	for _, s := range series {
		name := clean(s.Name)
		w := pdf.GetStringWidth(name) + 9
		pdf.SetFillColor(s.Color.R, s.Color.G, s.Color.B)
		pdf.Rect(x, y+1, 4, 3, "F")
		pdf.SetXY(x+5, y)
		pdf.CellFormat(w-5, 5, name, "", 0, "L", false, 0, "")
		x += w
	}
	pdf.SetXY(marginL, y+6)
}

func sum(series []Series, i int) float64 {
	n := 0.0
	for _, s := range series {
		if i < len(s.Values) {
			n += s.Values[i]
		}
	}
	return n
}

// firstLine keeps the first line of a wrapped label, marked when cut.
func firstLine(lines []string) string {
	switch len(lines) {
	case 0:
		return ""
	case 1:
		return lines[0]
	}
	return strings.TrimRight(lines[0], " ,.;:—-") + "…"
}
