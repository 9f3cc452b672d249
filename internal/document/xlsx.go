package document

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet of figures: an optional title row, a header row,
// the rows and an optional totals row, laid out for A4 printing.
type Sheet struct {
	// Name is the tab's name; characters Excel forbids ([]:*?/\) become
	// "-", it is cut to 31 characters, "Trang N" stands in when it is
	// empty, and a repeated name gets " (2)", " (3)", ….
	Name string
	// Title, when set, is a bold row above the header, merged across the columns.
	Title string
	// Header is the column headings: bold, centred, filled, repeated on
	// every printed page.
	Header []string
	Rows   [][]Cell
	// Stream, when set, yields further rows after Rows, one at a time, so a
	// large table never sits in memory whole. Column widths then come from
	// ColWidths, the header and Rows only.
	Stream func(yield func([]Cell) error) error
	// Totals, when set, is a bold row under the rows.
	Totals []Cell
	// FreezeHeader keeps the title and header in view while scrolling.
	FreezeHeader bool
	// ColWidths are column widths in characters, as Excel counts them;
	// missing or non-positive entries are guessed from the header and the
	// first rows.
	ColWidths []float64
}

// Cell is one value. Int, then Num, wins when set; otherwise the cell is
// Text. Money shows an integer as đồng ("1.800.000 đ"); Percent takes the
// number in percent (12.5 means 12,5 %) and stores the fraction 0.125, so
// the spreadsheet's own arithmetic stays right.
type Cell struct {
	Text    string
	Num     *float64
	Int     *int64
	Money   bool
	Percent bool
}

// TextCell is a cell of text.
func TextCell(s string) Cell { return Cell{Text: s} }

// NumCell is a decimal number, shown with one decimal: "1.234,5".
func NumCell(f float64) Cell { return Cell{Num: &f} }

// IntCell is a whole number, shown grouped: "1.234.567".
func IntCell(n int64) Cell { return Cell{Int: &n} }

// MoneyCell is an amount of đồng, shown "1.800.000 đ".
func MoneyCell(vnd int64) Cell { return Cell{Int: &vnd, Money: true} }

// PercentCell is a percentage given in percent (12.5 for 12,5 %).
func PercentCell(pct float64) Cell { return Cell{Num: &pct, Percent: true} }

// WriteXLSX writes the sheets as one workbook through excelize's stream
// writer, which spills rows to a temporary file past 16 MB, so thousands of
// rows by a hundred columns stay within a few tens of megabytes of memory.
func WriteXLSX(w io.Writer, sheets ...Sheet) error {
	if len(sheets) == 0 {
		return errors.New("document: write xlsx: no sheets")
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(fontName); err != nil {
		return fmt.Errorf("document: write xlsx: %w", err)
	}
	st, err := newStyler(f)
	if err != nil {
		return fmt.Errorf("document: write xlsx: %w", err)
	}
	names := map[string]bool{}
	for i, s := range sheets {
		name := sheetName(s.Name, i+1, names)
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
				return fmt.Errorf("document: write xlsx: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("document: write xlsx: %w", err)
		}
		if err := writeSheet(f, st, name, s); err != nil {
			return fmt.Errorf("document: write xlsx sheet %q: %w", name, err)
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{Language: "vi-VN", Title: clean(sheets[0].Title)}); err != nil {
		return fmt.Errorf("document: write xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("document: write xlsx: %w", err)
	}
	return nil
}

// sheetName makes a legal, unique tab name.
func sheetName(name string, n int, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, clean(strings.ReplaceAll(name, "\n", " ")))
	name = strings.Trim(name, "'")
	if name == "" {
		name = "Trang " + strconv.Itoa(n)
	}
	base := truncate(name, 31)
	name = base
	for k := 2; used[strings.ToLower(name)]; k++ {
		suffix := " (" + strconv.Itoa(k) + ")"
		name = truncate(base, 31-utf8.RuneCountInString(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// truncate cuts s to at most n runes.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// columns is the sheet's width: the widest of header, rows and totals.
func (s Sheet) columns() int {
	n := max(len(s.Header), len(s.Totals))
	for _, r := range s.Rows {
		n = max(n, len(r))
	}
	return max(n, 1)
}
