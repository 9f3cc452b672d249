package document

import (
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// PartyDoc is one document of a Party committee or body laid out as Hướng
// dẫn 36-HD/VPTW (2018) asks: the header block, the number and symbol, the
// place and date, the document type and subject, the body, the signature
// and the recipients. Callers fill it from their own rows; WriteDOCX lays it
// out. Text may arrive in NFC or NFD with stray zero-width characters: it is
// normalised (vntext.Normalize) and stripped of characters XML cannot carry.
type PartyDoc struct {
	SuperiorBody string    // superior body, top left, e.g. "TỈNH ỦY QUẢNG TRỊ"; may be empty
	IssuingBody  string    // issuing body, top left under it, e.g. "BAN TUYÊN GIÁO"
	Number       int       // 12 gives "Số 12-TB/BTGTU"; 0 leaves the number blank for a draft
	TypeCode     string    // "TB", "BC", "KH", "HD", "CV", "CTr", "TTr", "QĐ", …
	Symbol       string    // symbol of the issuing body, e.g. "BTGTU"
	Place        string    // province name opening the date line
	Date         time.Time // date of issue, taken in Asia/Ho_Chi_Minh
	TypeName     string    // "THÔNG BÁO", "BÁO CÁO", …; empty for a công văn
	Subject      string    // subject line (trích yếu); for a công văn "V/v …" under the number
	Body         []Block   // the content, in order
	Signature    Signature // who signs, and for whom
	Recipients   []string  // "Thường trực Tỉnh ủy (b/c),", …, last "Lưu Văn phòng."
}

// BlockKind tells how a Block of the body is laid out.
type BlockKind int

// The kinds of body blocks.
const (
	// BlockParagraph is running text: justified, first line indented 1 cm.
	BlockParagraph BlockKind = iota
	// BlockHeading is a bold heading whose numbering the caller writes in
	// Text ("I. KẾT QUẢ ĐẠT ĐƯỢC", "1. Về công tác tuyên truyền"). Level 1
	// and 2 are bold, level 3 and deeper bold italic.
	BlockHeading
	// BlockItem is a numbered item; the writer numbers consecutive items:
	// level 0 "1.", "2.", …; level 1 "a)", "b)", … (restarting under each
	// level-0 item); level 2 and deeper "-". A paragraph, heading or table
	// restarts the numbering; dash items (BlockBullet) between numbered
	// items do not. Text carries no number of its own.
	BlockItem
	// BlockBullet is a dash item as Party documents write them: level 0
	// "- …", level 1 and deeper "+ …".
	BlockBullet
	// BlockTable is the Table in Table; Text, if any, is ignored.
	BlockTable
)

// Block is one paragraph, heading, item or table of the body.
type Block struct {
	Kind  BlockKind
	Text  string // a newline inside Text starts a new line in the same paragraph
	Level int    // nesting depth for headings (1…) and items (0…)
	Table *Table // only for BlockTable
}

// Table is a table of figures in the body: bordered, header row bold and
// repeated at the top of each page, rows kept whole across page breaks.
// Cells are text: format numbers with vntext.FormatInt, FormatDecimal or
// FormatPercent before putting them here.
type Table struct {
	Header      []string
	Rows        [][]string
	NumericCols []int // zero-based columns whose cells are right-aligned
	CenterCols  []int // zero-based columns whose cells are centred, such as the ordinal "TT"
	// Widths are the columns' shares of the text width in percent
	// (e.g. 8, 52, 20, 20). Missing or non-positive entries share what is
	// left equally; shares summing over 100 are scaled down to fit.
	Widths []int
}

// Signature is the signature block: the authority line ("T/M BAN TUYÊN
// GIÁO", "K/T TRƯỞNG BAN", "T/L …"; empty when the head signs in their own
// name), the position ("TRƯỞNG BAN"), room for the signature and seal, and
// the signer's name.
type Signature struct {
	Authority string
	Position  string
	Name      string
}

// NumberLine is the number-and-symbol line: "Số 12-TB/BTGTU" (no colon,
// hyphen after the number), or "Số    -TB/BTGTU" when Number is 0, so a
// draft leaves room for the number written by the records office.
func (d PartyDoc) NumberLine() string {
	n := "   "
	if d.Number > 0 {
		n = strconv.Itoa(d.Number)
	}
	return "Số " + n + "-" + clean(d.TypeCode) + "/" + clean(d.Symbol)
}

// DateLine is the place-and-date line, e.g. "Quảng Trị, ngày 30 tháng 6 năm 2020".
func (d PartyDoc) DateLine() string {
	return vntext.DateLine(clean(d.Place), d.Date)
}

// Validate reports the fields a Party document cannot go without.
func (d PartyDoc) Validate() error {
	switch {
	case clean(d.IssuingBody) == "":
		return apperr.InvalidField("IssuingBody", "Thiếu tên cơ quan ban hành.", "The issuing body is missing.")
	case clean(d.TypeCode) == "" || strings.ContainsAny(d.TypeCode, "/- "):
		return apperr.InvalidField("TypeCode", "Ký hiệu loại văn bản không hợp lệ.", "The document type code is missing or invalid.")
	case clean(d.Symbol) == "" || strings.ContainsAny(d.Symbol, "/- "):
		return apperr.InvalidField("Symbol", "Ký hiệu cơ quan ban hành không hợp lệ.", "The issuing body's symbol is missing or invalid.")
	case d.Number < 0:
		return apperr.InvalidField("Number", "Số văn bản không được âm.", "The document number cannot be negative.")
	case d.Date.IsZero():
		return apperr.InvalidField("Date", "Thiếu ngày ban hành.", "The date of issue is missing.")
	}
	for i, b := range d.Body {
		if b.Kind == BlockTable && b.Table == nil {
			return apperr.InvalidField("Body", "Bảng trong nội dung bị trống.", "Body block "+strconv.Itoa(i)+" is a table without a Table.")
		}
	}
	return nil
}

// upper writes a line in capitals, as the header, type and signature
// lines are; strings.ToUpper handles Vietnamese letters (ỉ → Ỉ, đ → Đ).
func upper(s string) string {
	return strings.ToUpper(clean(s))
}
