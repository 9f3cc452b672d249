package document

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// writeSheet streams one sheet: print setup first (the stream writer keeps
// it), then column widths and panes, then the rows in order.
func writeSheet(f *excelize.File, st *styler, name string, s Sheet) error {
	cols := s.columns()
	title := clean(s.Title)
	headerRow := 0 // the last row repeated on printed pages and frozen
	if title != "" {
		headerRow = 1
	}
	if len(s.Header) > 0 {
		headerRow++
	}
	if err := setupPrint(f, name, cols, headerRow); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	widths := columnChars(s, cols)
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if s.FreezeHeader && headerRow > 0 {
		top := cellRef(1, headerRow+1)
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}); err != nil {
			return err
		}
	}
	row := 1
	if title != "" {
		if err := sw.SetRow("A1", []interface{}{excelize.Cell{StyleID: st.title, Value: title}}, excelize.RowOpts{Height: 24}); err != nil {
			return err
		}
		if cols > 1 {
			if err := sw.MergeCell("A1", cellRef(cols, 1)); err != nil {
				return err
			}
		}
		row++
	}
	if len(s.Header) > 0 {
		vals := make([]interface{}, cols)
		lines := 1
		for i := range vals {
			text := ""
			if i < len(s.Header) {
				text = clean(s.Header[i])
			}
			vals[i] = excelize.Cell{StyleID: st.header, Value: text}
			lines = max(lines, wrappedLines(text, widths[i]))
		}
		if err := sw.SetRow(cellRef(1, row), vals, excelize.RowOpts{Height: 16.5 * float64(lines)}); err != nil {
			return err
		}
		row++
	}
	vals := make([]interface{}, cols) // reused: SetRow encodes the row before it returns
	for _, r := range s.Rows {
		if err := st.fill(vals, r, false); err != nil {
			return err
		}
		if err := sw.SetRow(cellRef(1, row), vals); err != nil {
			return err
		}
		row++
	}
	if s.Stream != nil {
		err := s.Stream(func(r []Cell) error {
			if err := st.fill(vals, r, false); err != nil {
				return err
			}
			row++
			return sw.SetRow(cellRef(1, row-1), vals)
		})
		if err != nil {
			return err
		}
	}
	if len(s.Totals) > 0 {
		if err := st.fill(vals, s.Totals, true); err != nil {
			return err
		}
		if err := sw.SetRow(cellRef(1, row), vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// setupPrint prints the sheet on A4, landscape past eight columns, one page
// wide, with the title and header repeated at the top of every page.
func setupPrint(f *excelize.File, name string, cols, headerRow int) error {
	size, fitW, fitH := 9, 1, 0 // 9 is A4; 0 pages high means "as many as needed"
	orient := "portrait"
	if cols > 8 {
		orient = "landscape"
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if headerRow == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: quoteSheet(name) + "!$1:$" + strconv.Itoa(headerRow)})
}

// columnChars gives each column its width in characters: the caller's, or
// a guess from the header (which wraps) and the first 200 rows.
func columnChars(s Sheet, cols int) []float64 {
	out := make([]float64, cols)
	for i := range out {
		if i < len(s.ColWidths) && s.ColWidths[i] > 0 {
			out[i] = s.ColWidths[i]
			continue
		}
		n := 0
		if i < len(s.Header) { // bold, and wrapped past 24 characters
			n = min(utf8.RuneCountInString(s.Header[i]), 24) + 2
		}
		for _, r := range s.Rows[:min(len(s.Rows), 200)] {
			if i < len(r) {
				n = max(n, shownLen(r[i]))
			}
		}
		if i < len(s.Totals) {
			n = max(n, shownLen(s.Totals[i]))
		}
		out[i] = float64(min(max(n+2, 6), 60))
	}
	return out
}

// shownLen is about how many characters a cell shows.
func shownLen(c Cell) int {
	switch {
	case c.Int != nil:
		return len(vntext.FormatInt(*c.Int)) + 2
	case c.Num != nil:
		return len(vntext.FormatDecimal(*c.Num, 1)) + 2
	}
	return utf8.RuneCountInString(c.Text)
}

// wrappedLines is how many lines text wraps to in a column of width characters.
func wrappedLines(text string, width float64) int {
	per := max(int(width)-1, 1)
	return max(1, (utf8.RuneCountInString(text)+per-1)/per)
}

// cellRef names the cell at 1-based col and row: (3, 2) → "C2".
func cellRef(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row) // col and row are ≥ 1 here
	return s
}

// quoteSheet quotes a sheet name for a formula or a defined name.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
