package document

import (
	"github.com/xuri/excelize/v2"
)

// Number formats. The codes are Excel's locale-neutral syntax ("," groups
// thousands, "." marks decimals); the [$-42A] prefix tags them Vietnamese
// (LCID 0x042A). LibreOffice then shows 1.234.567 and 1.234,5 whatever the
// reader's own locale; Excel shows the separators of the reader's system,
// as it does for every number. "#.##0" would not do: there "." is the
// decimal point, and 1234567 shows as "1234567.000". See README.md.
const (
	NumFmtInt        = `[$-42A]#,##0`
	NumFmtDecimal    = `[$-42A]#,##0.0`
	NumFmtMoney      = `[$-42A]#,##0" đ"`
	NumFmtPercentInt = `[$-42A]#,##0\ %`
	NumFmtPercent    = `[$-42A]#,##0.0\ %`
)

// valueKind is how a cell's value is shown.
type valueKind int

const (
	kindText valueKind = iota
	kindInt
	kindDecimal
	kindMoney
	kindPercentInt
	kindPercent
)

// numFmts maps the kinds of numbers to their formats.
var numFmts = map[valueKind]string{
	kindInt: NumFmtInt, kindDecimal: NumFmtDecimal, kindMoney: NumFmtMoney,
	kindPercentInt: NumFmtPercentInt, kindPercent: NumFmtPercent,
}

// kindOf tells how c is shown, and the value to store.
func kindOf(c Cell) (valueKind, interface{}) {
	switch {
	case c.Int != nil && c.Percent:
		return kindPercentInt, float64(*c.Int) / 100
	case c.Int != nil && c.Money:
		return kindMoney, *c.Int
	case c.Int != nil:
		return kindInt, *c.Int
	case c.Num != nil && c.Percent:
		return kindPercent, *c.Num / 100
	case c.Num != nil && c.Money:
		return kindMoney, *c.Num
	case c.Num != nil:
		return kindDecimal, *c.Num
	}
	return kindText, clean(c.Text)
}

// styleKey names one cell style: the kind of value, and whether the cell
// is in the totals row.
type styleKey struct {
	kind  valueKind
	total bool
}

// styler creates each cell style once per workbook.
type styler struct {
	f             *excelize.File
	ids           map[styleKey]int
	title, header int
}

func newStyler(f *excelize.File) (*styler, error) {
	st := &styler{f: f, ids: map[styleKey]int{}}
	var err error
	st.title, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: 14, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return nil, err
	}
	st.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: 12, Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    borders(),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	return st, err
}

// borders is a thin black frame on every side.
func borders() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "top", "right", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return b
}

// id returns the style of key, creating it on first use.
func (st *styler) id(key styleKey) (int, error) {
	if id, ok := st.ids[key]; ok {
		return id, nil
	}
	s := &excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: 12, Bold: key.total},
		Border:    borders(),
		Alignment: &excelize.Alignment{Vertical: "center"},
	}
	if key.total {
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	}
	if code, ok := numFmts[key.kind]; ok {
		s.CustomNumFmt = &code
		s.Alignment.Horizontal = "right"
	}
	id, err := st.f.NewStyle(s)
	if err != nil {
		return 0, err
	}
	st.ids[key] = id
	return id, nil
}

// fill sets vals to the styled cells of row, blank styled cells past its end.
func (st *styler) fill(vals []interface{}, row []Cell, total bool) error {
	for i := range vals {
		var c Cell
		if i < len(row) {
			c = row[i]
		}
		kind, v := kindOf(c)
		id, err := st.id(styleKey{kind, total})
		if err != nil {
			return err
		}
		vals[i] = excelize.Cell{StyleID: id, Value: v}
	}
	return nil
}
