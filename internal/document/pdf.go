package document

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// The serif font of the printed pages: Liberation Serif 2 (metric-compatible
// with Times New Roman, which Hướng dẫn 36-HD/VPTW asks for, and with every
// Vietnamese letter), embedded so a PDF looks the same on every machine.
// Licence: fonts/LICENSE (SIL Open Font License 1.1).
//
//go:embed fonts/LiberationSerif-Regular.ttf fonts/LiberationSerif-Bold.ttf
var pdfFonts embed.FS

// fontFamily is the name the PDF writer gives the embedded font.
const fontFamily = "LiberationSerif"

// PDFReport is a printed overview for people who read on paper: a heading,
// then sections of one table each, with an optional bar chart above it.
type PDFReport struct {
	Organisation string // top line, written in capitals ("BAN TUYÊN GIÁO TỈNH ỦY QUẢNG TRỊ")
	Title        string // written in capitals, bold
	Subtitle     string // "Số liệu tính đến 09:00 ngày 15/01/2021"
	Date         time.Time
	Sections     []PDFSection
	PageLabel    string // "Trang": the footer reads "Trang 1/3"
}

// PDFSection is one titled table, drawn as bars when Chart is set.
type PDFSection struct {
	Title    string
	Note     string
	Chart    *BarChart
	Table    Table  // Header, Rows, NumericCols, Widths (percent of the text width)
	BoldLast bool   // the last row is a total
	Empty    string // written instead of the table when it has no rows
}

// BarChart is horizontal bars, one line per label; several series stack
// (Stacked) or stand side by side.
type BarChart struct {
	Labels  []string
	Series  []Series
	Stacked bool
}

// Series is one set of bars.
type Series struct {
	Name   string
	Values []float64
	Color  RGB
}

// RGB is a colour.
type RGB struct{ R, G, B int }

// Page geometry, in millimetres: A4 with the Party documents' margins.
const (
	pageW, pageH              = 210.0, 297.0
	marginL, marginR, marginT = 25.0, 15.0, 20.0
	marginB                   = 20.0
	textW                     = pageW - marginL - marginR
	lineH                     = 5.5
)

// WritePDF writes the report as an A4 PDF with the embedded fonts.
func WritePDF(w io.Writer, r PDFReport) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	for style, file := range map[string]string{"": "fonts/LiberationSerif-Regular.ttf", "B": "fonts/LiberationSerif-Bold.ttf"} {
		data, err := pdfFonts.ReadFile(file)
		if err != nil {
			return fmt.Errorf("document: font %s: %w", file, err)
		}
		pdf.AddUTF8FontFromBytes(fontFamily, style, data)
	}
	if !r.Date.IsZero() {
		pdf.SetCreationDate(r.Date)
		pdf.SetModificationDate(r.Date)
	}
	pdf.SetTitle(clean(r.Title), true)
	pdf.SetCreator("khoagiao", true)
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(false, marginB)
	pdf.AliasNbPages("{nb}")
	label := clean(r.PageLabel)
	pdf.SetFooterFunc(func() {
		pdf.SetY(pageH - marginB + 6)
		pdf.SetFont(fontFamily, "", 10)
		pdf.CellFormat(textW, 5, strings.TrimSpace(label+" "+fmt.Sprint(pdf.PageNo())+"/{nb}"), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	p := &pdfPage{pdf: pdf}
	p.heading(r)
	for _, s := range r.Sections {
		p.section(s)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("document: pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("document: pdf: %w", err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// pdfPage writes from top to bottom, breaking pages where needed.
type pdfPage struct {
	pdf *fpdf.Fpdf
}

// room starts a new page unless h millimetres still fit on this one.
func (p *pdfPage) room(h float64) bool {
	if p.pdf.GetY()+h <= pageH-marginB {
		return false
	}
	p.pdf.AddPage()
	return true
}

func (p *pdfPage) heading(r PDFReport) {
	pdf := p.pdf
	if r.Organisation != "" {
		pdf.SetFont(fontFamily, "", 12)
		pdf.CellFormat(textW, 6, strings.ToUpper(clean(r.Organisation)), "", 1, "C", false, 0, "")
	}
	pdf.SetFont(fontFamily, "B", 15)
	pdf.MultiCell(textW, 7, strings.ToUpper(clean(r.Title)), "", "C", false)
	if r.Subtitle != "" {
		pdf.SetFont(fontFamily, "", 12)
		pdf.CellFormat(textW, 6, clean(r.Subtitle), "", 1, "C", false, 0, "")
	}
	pdf.Ln(4)
}

func (p *pdfPage) section(s PDFSection) {
	pdf := p.pdf
	p.room(7 + 3*lineH)
	pdf.SetFont(fontFamily, "B", 13)
	pdf.MultiCell(textW, 6.5, clean(s.Title), "", "L", false)
	if s.Note != "" {
		pdf.SetFont(fontFamily, "", 11)
		pdf.MultiCell(textW, 5, clean(s.Note), "", "L", false)
	}
	pdf.Ln(1)
	if len(s.Table.Rows) == 0 {
		pdf.SetFont(fontFamily, "", 12)
		pdf.MultiCell(textW, lineH, clean(s.Empty), "", "L", false)
		pdf.Ln(4)
		return
	}
	if s.Chart != nil {
		p.chart(*s.Chart)
	}
	p.table(s.Table, s.BoldLast)
	pdf.Ln(5)
}
