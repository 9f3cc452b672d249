// Package notice is the two-way information between the Board and the
// units: directives sent down (văn bản chỉ đạo) with read receipts and
// acknowledgements, information sent up with the Board's replies, and the
// in-app notifications of both.
package notice

import (
	"slices"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// TypeCodes are the document types a directive may take (Hướng dẫn
// 36-HD/VPTW): công văn, hướng dẫn, kế hoạch, thông báo.
var TypeCodes = []string{"CV", "HD", "KH", "TB"}

// Directive is a document the Board sends down to units. It is numbered
// and sent when issued; before that it is the Board's draft.
type Directive struct {
	ID          int64      `json:"id"`
	TypeCode    string     `json:"type_code"`
	Number      int        `json:"number"`
	Symbol      string     `json:"symbol"` // "12-CV/BTGTU" once issued
	Title       string     `json:"title"`
	Body        string     `json:"body"`
	RequiresAck bool       `json:"requires_ack"`
	IssuedAt    *time.Time `json:"issued_at,omitempty"`
	IssuedBy    string     `json:"issued_by"`
	UnitIDs     []int64    `json:"unit_ids"`
	Version     int        `json:"version"`
	CreatedBy   string     `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Issued reports whether the directive has been sent.
func (d Directive) Issued() bool { return d.IssuedAt != nil }

// Normalize trims the text and sorts the recipients.
func (d *Directive) Normalize() {
	d.TypeCode = strings.ToUpper(strings.TrimSpace(d.TypeCode))
	if d.TypeCode == "" {
		d.TypeCode = "CV"
	}
	d.Title, d.Body = strings.TrimSpace(d.Title), strings.TrimSpace(d.Body)
	slices.Sort(d.UnitIDs)
	d.UnitIDs = slices.Compact(d.UnitIDs)
	if d.UnitIDs == nil {
		d.UnitIDs = []int64{}
	}
}

// Validate checks what a draft needs.
func (d *Directive) Validate() error {
	var v apperr.Invalid
	if !slices.Contains(TypeCodes, d.TypeCode) {
		v.Add("type_code", "Loại văn bản phải là CV, HD, KH hoặc TB.", "The type must be CV, HD, KH or TB.")
	}
	if d.Title == "" {
		v.Add("title", "Nhập trích yếu của văn bản.", "Enter the directive's title.")
	} else if len([]rune(d.Title)) > 500 {
		v.Add("title", "Trích yếu tối đa 500 ký tự.", "The title has at most 500 characters.")
	}
	if len(d.UnitIDs) == 0 {
		v.Add("unit_ids", "Chọn ít nhất một đơn vị nhận.", "Choose at least one recipient unit.")
	}
	return v.Err()
}

func (d *Directive) searchKey() string { return vntext.Fold(d.Symbol + " " + d.Title) }

// Receipt is what one recipient unit did with a directive.
type Receipt struct {
	UnitID         int64      `json:"unit_id"`
	UnitCode       string     `json:"unit_code"`
	UnitName       string     `json:"unit_name"`
	ReadAt         *time.Time `json:"read_at,omitempty"`
	ReadBy         string     `json:"read_by"`
	AcknowledgedAt *time.Time `json:"acknowledged_at,omitempty"`
	AcknowledgedBy string     `json:"acknowledged_by"`
}

// Receipts is the read and acknowledgement table of a directive.
type Receipts struct {
	DirectiveID  int64     `json:"directive_id"`
	Rows         []Receipt `json:"rows"`
	Units        int       `json:"units"`
	Read         int       `json:"read"`
	Acknowledged int       `json:"acknowledged"`
	ReadRate     float64   `json:"read_rate"` // 0..1
	AckRate      float64   `json:"ack_rate"`  // 0..1
}

func (r *Receipts) count() {
	r.Units = len(r.Rows)
	for _, x := range r.Rows {
		if x.ReadAt != nil {
			r.Read++
		}
		if x.AcknowledgedAt != nil {
			r.Acknowledged++
		}
	}
	if r.Units > 0 {
		r.ReadRate, r.AckRate = float64(r.Read)/float64(r.Units), float64(r.Acknowledged)/float64(r.Units)
	}
}

// Detail is a directive with what its page shows: the caller unit's own
// receipt (units) or every unit's (the Board).
type Detail struct {
	Directive
	Mine        *Receipt    `json:"mine,omitempty"`
	Receipts    *Receipts   `json:"receipts,omitempty"`
	Attachments []blob.File `json:"attachments"`
}

// UnreadUnit is a recipient unit that has not opened an issued directive
// after the given number of working days.
type UnreadUnit struct {
	DirectiveID int64     `json:"directive_id"`
	Symbol      string    `json:"symbol"`
	Title       string    `json:"title"`
	IssuedAt    time.Time `json:"issued_at"`
	UnitID      int64     `json:"unit_id"`
	UnitName    string    `json:"unit_name"`
	WorkingDays int       `json:"working_days"`
}

// Message is information sent up by a unit, or a reply in its thread (by
// the unit or the Board). The thread belongs to the unit of its first message.
type Message struct {
	ID          int64     `json:"id"`
	UnitID      int64     `json:"unit_id"`
	UnitName    string    `json:"unit_name"`
	Subject     string    `json:"subject"`
	Body        string    `json:"body"`
	ParentID    int64     `json:"parent_id,omitempty"`
	DirectiveID int64     `json:"directive_id,omitempty"`
	TaskID      int64     `json:"task_id,omitempty"`
	ReportID    int64     `json:"report_id,omitempty"`
	ReportLink  string    `json:"report_link,omitempty"` // the report's page, filled on reads
	FromBoard   bool      `json:"from_board"`
	Author      string    `json:"author"`
	CreatedAt   time.Time `json:"created_at"`
	Replies     int       `json:"replies"`
	// Attachments are the message's files, filled when its thread is read.
	Attachments []blob.File `json:"attachments,omitempty"`
}

// Validate checks a message before it is sent.
func (m *Message) Validate() error {
	m.Subject, m.Body = strings.TrimSpace(m.Subject), strings.TrimSpace(m.Body)
	var v apperr.Invalid
	if m.ParentID == 0 && m.Subject == "" {
		v.Add("subject", "Nhập tiêu đề.", "Enter a subject.")
	}
	if len([]rune(m.Subject)) > 300 {
		v.Add("subject", "Tiêu đề tối đa 300 ký tự.", "The subject has at most 300 characters.")
	}
	if m.Body == "" {
		v.Add("body", "Nhập nội dung.", "Enter the message.")
	}
	return v.Err()
}

// Thread is a first message and its replies, oldest first.
type Thread struct {
	Message
	Replies []Message `json:"replies"`
}

// Notification is one in-app notice to one user.
type Notification struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Link      string     `json:"link"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at,omitempty"`
}

// Notification kinds.
const (
	KindDirective = "directive"
	KindMessage   = "message"
	KindPress     = "press"
	KindMeeting   = "meeting" // a conference invitation, a change of its time, the reminder the day before
)
