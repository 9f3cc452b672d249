package meeting

import (
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// TypeCode is the document type of a conclusion notice (thông báo) in its
// number and symbol, "Số 12-TB/BTGTU"; numbering restarts every year.
const TypeCode = "TB"

// Conclusion is a conference's conclusion notice. It is a draft, edited as
// a whole, until it is issued: then it carries its number, the header
// (bodies, symbol, place) as they stood that day, and every item its task.
type Conclusion struct {
	ID           int64      `json:"id"`
	MeetingID    int64      `json:"meeting_id"`
	Number       int        `json:"number,omitempty"`
	Year         int        `json:"year,omitempty"`
	Symbol       string     `json:"symbol"`
	SuperiorBody string     `json:"superior_body"`
	IssuingBody  string     `json:"issuing_body"`
	Place        string     `json:"place"`
	IssuedAt     *time.Time `json:"issued_at,omitempty"`
	IssuedBy     string     `json:"issued_by,omitempty"`
	Subject      string     `json:"subject"`
	Intro        string     `json:"body_intro"`
	Closing      string     `json:"body_closing"`
	Signer       Signer     `json:"signer"`
	Recipients   []string   `json:"recipients"`
	Items        []Item     `json:"items"`
	Version      int        `json:"version"`
	Stored       bool       `json:"stored"` // false: a default draft, not saved yet
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// Signer is the notice's signature block.
type Signer struct {
	Authority string `json:"authority"` // "T/M BAN TUYÊN GIÁO"
	Position  string `json:"position"`  // "TRƯỞNG BAN"
	Name      string `json:"name"`
}

// Item is one conclusion item: what is to be done, the lead unit, the
// supporting units, the deadline, whether it is a key task; after issue,
// the task it became.
type Item struct {
	ID             int64      `json:"id,omitempty"`
	Position       int        `json:"position"`
	Text           string     `json:"text"`
	LeadUnitID     int64      `json:"lead_unit_id"`
	SupportUnitIDs []int64    `json:"support_unit_ids"`
	Due            civil.Date `json:"due"`
	Key            bool       `json:"key"`
	TaskID         int64      `json:"task_id,omitempty"`
	LeadUnit       *UnitRef   `json:"lead_unit,omitempty"` // filled on reads
	SupportUnits   []UnitRef  `json:"support_units,omitempty"`
}

// Issued reports whether the notice has been issued (it is then frozen).
func (c Conclusion) Issued() bool { return c.IssuedAt != nil }

// NumberLine is "Số 12-TB/BTGTU", or "Số    -TB/BTGTU" for a draft, leaving
// room for the number (Hướng dẫn 36-HD/VPTW: no colon, hyphen after the number).
func (c Conclusion) NumberLine() string {
	n := "   "
	if c.Number > 0 {
		n = strconv.Itoa(c.Number)
	}
	return "Số " + n + "-" + TypeCode + "/" + c.Symbol
}

// Assignment is the line under an item naming who does it and by when:
// "Chủ trì: Sở GD&ĐT; phối hợp: Sở YT, Sở KH&CN; thời hạn: 31/12/2020."
func (it Item) Assignment() string {
	var parts []string
	if it.LeadUnit != nil {
		parts = append(parts, "Chủ trì: "+it.LeadUnit.Short())
	}
	if len(it.SupportUnits) > 0 {
		names := make([]string, len(it.SupportUnits))
		for i, u := range it.SupportUnits {
			names[i] = u.Short()
		}
		parts = append(parts, "phối hợp: "+strings.Join(names, ", "))
	}
	if !it.Due.IsZero() {
		parts = append(parts, "thời hạn: "+vntext.FormatDate(it.Due.In(vntext.Location)))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + "."
}

// Normalize cleans the texts as typed.
func (c *Conclusion) Normalize() {
	c.Subject, c.Intro, c.Closing = vntext.Normalize(c.Subject), vntext.Normalize(c.Intro), vntext.Normalize(c.Closing)
	c.Signer = Signer{Authority: vntext.Normalize(c.Signer.Authority), Position: vntext.Normalize(c.Signer.Position), Name: vntext.Normalize(c.Signer.Name)}
	recipients := []string{}
	for _, r := range c.Recipients {
		if r = vntext.Normalize(r); r != "" {
			recipients = append(recipients, r)
		}
	}
	c.Recipients = recipients
	items := []Item{}
	for _, it := range c.Items {
		it.Text = vntext.Normalize(it.Text)
		it.SupportUnitIDs = uniqueIDs(it.SupportUnitIDs)
		if it.Text != "" || it.LeadUnitID != 0 {
			it.Position = len(items) + 1
			items = append(items, it)
		}
	}
	c.Items = items
}

// Validate checks the notice's own fields; field errors of items are
// named "items[i].field".
func (c *Conclusion) Validate() error {
	var v apperr.Invalid
	textField(&v, "subject", c.Subject, 1, 1000, "Trích yếu", "The subject")
	textField(&v, "body_intro", c.Intro, 0, 20000, "Phần mở đầu", "The opening")
	textField(&v, "body_closing", c.Closing, 0, 2000, "Phần kết", "The closing")
	textField(&v, "signer", c.Signer.Authority+c.Signer.Position+c.Signer.Name, 0, 500, "Người ký", "The signature")
	if len(c.Recipients) > 50 {
		v.Add("recipients", "Tối đa 50 nơi nhận.", "At most 50 recipients.")
	}
	if len(c.Items) > 100 {
		v.Add("items", "Thông báo có tối đa 100 nội dung kết luận.", "At most 100 items.")
	}
	for i, it := range c.Items {
		p := "items[" + strconv.Itoa(i) + "]."
		textField(&v, p+"text", it.Text, 1, 1000, "Nội dung kết luận", "The item's text") // a task title holds 1,000
		if it.LeadUnitID == 0 {
			v.Add(p+"lead_unit_id", "Chọn đơn vị chủ trì.", "Choose the lead unit.")
		}
		for _, id := range it.SupportUnitIDs {
			if id == it.LeadUnitID {
				v.Add(p+"support_unit_ids", "Đơn vị chủ trì không đồng thời là đơn vị phối hợp.", "The lead unit cannot also support.")
			}
		}
		if len(it.SupportUnitIDs) > 50 {
			v.Add(p+"support_unit_ids", "Tối đa 50 đơn vị phối hợp.", "At most 50 supporting units.")
		}
	}
	return v.Err()
}

// DefaultConclusion is the draft a conference starts from, worded as the
// seed conference's notice: the subject, an opening that names the chair,
// and the usual signature, closing and recipients. issuingBody is the
// Board's name in capitals ("BAN TUYÊN GIÁO"), for the signature.
func DefaultConclusion(m Meeting, issuingBody string) Conclusion {
	chair := strings.TrimSpace(m.ChairName)
	day := vntext.DateLine("", m.StartsAt) // "ngày 30 tháng 6 năm 2020"
	day = "N" + day[1:]
	where := ""
	if m.Place != "" {
		where = " tại " + m.Place
	}
	subject := "Kết luận tại " + m.Title
	intro := day + ", " + firstLower(m.Title) + " đã được tổ chức" + where + ".\n" +
		"Kết luận hội nghị, đồng chí chủ trì yêu cầu các cơ quan, đơn vị tập trung thực hiện tốt các nhiệm vụ sau:"
	if chair != "" {
		subject = "Kết luận của đồng chí " + chair + " tại " + m.Title
		intro = day + where + ", đồng chí " + chair + " đã chủ trì " + firstLower(m.Title) + ".\n" +
			"Kết luận hội nghị, đồng chí " + chair + " yêu cầu các cơ quan, đơn vị tập trung thực hiện tốt các nhiệm vụ sau:"
	}
	authority := ""
	if issuingBody = strings.TrimSpace(issuingBody); issuingBody != "" {
		authority = "T/M " + strings.ToUpper(issuingBody)
	}
	return Conclusion{MeetingID: m.ID, Subject: subject, Intro: intro,
		Closing:    "Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
		Signer:     Signer{Authority: authority, Position: "TRƯỞNG BAN", Name: chair},
		Recipients: []string{"Thường trực Tỉnh ủy (b/c),", "Các cơ quan, đơn vị dự hội nghị,", "Lưu Văn phòng."},
		Items:      []Item{}}
}

// firstLower lowers the first letter of a title used inside a sentence
// ("Hội nghị giao ban…" → "hội nghị giao ban…").
func firstLower(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
