// Package xlsxguard checks the sheets of an uploaded workbook before a
// spreadsheet library reads them. The library (excelize) pads every row it
// returns to the row's last column, and fills the rows in between: one
// cell in column XFD on each of 4,000 rows — a 22 KB file — made it
// allocate 4.5 GB. Check reads the sheets' XML as a stream and refuses a
// workbook whose rows, padded that way, would hold too many cells.
package xlsxguard

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// Limits bound what a sheet may address.
type Limits struct {
	Cols  int // the last column a cell may stand in (1 = A)
	Cells int // cells in all rows of a sheet once each row is padded to its last cell
	Bytes int64
}

// Default fits every workbook the product reads (the data-entry workbook
// uses columns A–E, the unit lists four columns) with room for notes
// typed beside, while keeping what the library allocates under 100 MB.
var Default = Limits{Cols: 1024, Cells: 4_000_000, Bytes: 64 << 20}

// Check returns a "file" field error when a sheet of data (an OOXML zip)
// has a cell past l.Cols, or more than l.Cells padded cells, or when
// the sheets inflate past l.Bytes. A file that is no readable zip passes:
// the library refuses it with its own message.
func Check(data []byte, l Limits) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	budget := l.Bytes
	for _, f := range z.File {
		// Every XML part: a workbook may keep its sheets anywhere its
		// relationships point to, not only in xl/worksheets/.
		if !strings.HasSuffix(strings.ToLower(f.Name), ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		lr := &io.LimitedReader{R: rc, N: budget + 1}
		err = checkSheet(lr, l)
		rc.Close()
		budget = lr.N - 1
		if budget < 0 {
			return refuse("Tệp giải nén ra quá lớn.", "The file unpacks to too much data.")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

var errMalformed = errors.New("xlsxguard: malformed sheet")

// checkSheet streams one sheet: rows and cells without an r attribute
// follow the previous one, as the library reads them.
func checkSheet(r io.Reader, l Limits) error {
	dec := xml.NewDecoder(r)
	row, col, maxCol, cells, inRow := 0, 0, 0, 0, false
	endRow := func() error {
		cells += maxCol
		if cells > l.Cells {
			return refuse(fmt.Sprintf("Trang tính có quá nhiều ô (quá %d ô tính cả ô trống đến ô cuối mỗi dòng): tệp không phải bảng tính thông thường.", l.Cells),
				fmt.Sprintf("A sheet addresses too many cells (over %d counting the blanks up to each row's last cell): not an ordinary workbook.", l.Cells))
		}
		return nil
	}
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return nil // the library reports a broken sheet itself
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > 0 {
					row = n
				}
				col, maxCol, inRow = 0, 0, true
			case "c":
				if !inRow { // a chart's c: element, not a cell
					continue
				}
				col++
				if c, err := column(attr(t, "r")); err == nil {
					col = c
				}
				if col > l.Cols {
					return refuse(fmt.Sprintf("Trang tính có ô ở dòng %d, cột thứ %d (tối đa %d cột): tệp không phải bảng tính thông thường.", row, col, l.Cols),
						fmt.Sprintf("A sheet has a cell in row %d, column %d (at most %d columns): not an ordinary workbook.", row, col, l.Cols))
				}
				maxCol = max(maxCol, col)
			}
		case xml.EndElement:
			if t.Name.Local == "row" {
				inRow = false
				if err := endRow(); err != nil {
					return err
				}
			}
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// column reads the column of a reference such as "E12" (A = 1).
func column(ref string) (int, error) {
	n, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		n = n*26 + int(c-'a'+1)
	}
	if i == 0 || i == 4 {
		return 0, errMalformed
	}
	return n, nil
}

func refuse(vi, en string) error { return apperr.InvalidField("file", vi, en) }
