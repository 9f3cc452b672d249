// Package task tracks key tasks from any origin — a conference's conclusion
// items, directives, press cases, or tasks set by hand: the lead and
// supporting units, deadlines, progress, completion confirmed by the Board,
// extensions, and the status computed from dates by the wording of the
// government's task-tracking reports.
package task

import (
	"slices"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Origin is where a task comes from.
type Origin string

// The origins.
const (
	FromConclusion Origin = "conclusion"
	FromDirective  Origin = "directive"
	FromPressCase  Origin = "press_case"
	Manual         Origin = "manual"
)

// Completion is the lead unit's report of completion and the Board's answer.
type Completion string

// The completion states.
const (
	NotDone   Completion = "none"
	Awaiting  Completion = "awaiting"  // marked done, waiting for the Board (chờ xác nhận)
	Confirmed Completion = "confirmed" // the Board confirmed it
	Rejected  Completion = "rejected"  // sent back: still to be done
)

// Task is a tracked task.
type Task struct {
	ID             int64      `json:"id"`
	Origin         Origin     `json:"origin"`
	OriginID       int64      `json:"origin_id,omitempty"`
	MeetingID      int64      `json:"meeting_id,omitempty"`
	Title          string     `json:"title"`
	Description    string     `json:"description"`
	LeadUnitID     int64      `json:"lead_unit_id"`
	SupportUnitIDs []int64    `json:"support_unit_ids"`
	AssignerID     int64      `json:"assigner_id,omitempty"`
	Assigner       string     `json:"assigner"`
	Due            civil.Date `json:"due"`
	Key            bool       `json:"key"`
	Progress       int        `json:"progress"`
	Completion     Completion `json:"completion"`
	DoneOn         civil.Date `json:"done_on"`
	Evidence       string     `json:"evidence"`
	Version        int        `json:"version"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`

	// Derived at read time from the dates and the injected clock.
	Status      Status `json:"status"`
	StatusLabel string `json:"status_label"`
	DaysLeft    *int   `json:"days_left,omitempty"` // working days to the deadline (negative: overdue)

	Events     []Event     `json:"events,omitempty"`
	Extensions []Extension `json:"extensions,omitempty"`
}

// New is what a caller gives to create a task.
type New struct {
	Origin         Origin     `json:"origin"`
	OriginID       int64      `json:"origin_id"`
	MeetingID      int64      `json:"meeting_id"`
	Title          string     `json:"title"`
	Description    string     `json:"description"`
	LeadUnitID     int64      `json:"lead_unit_id"`
	SupportUnitIDs []int64    `json:"support_unit_ids"`
	Due            civil.Date `json:"due"`
	Key            bool       `json:"key"`
}

// Normalize cleans the texts as typed.
func (n *New) Normalize() {
	n.Title, n.Description = vntext.Normalize(n.Title), vntext.Normalize(n.Description)
	// A unit named twice supports once (the pair is the table's key).
	n.SupportUnitIDs = slices.Compact(slices.Sorted(slices.Values(n.SupportUnitIDs)))
	if n.Origin == "" {
		n.Origin = Manual
	}
}

// Validate checks a new task's fields.
func (n *New) Validate() error {
	var v apperr.Invalid
	switch c := utf8.RuneCountInString(n.Title); {
	case c == 0:
		v.Add("title", "Nội dung nhiệm vụ là bắt buộc.", "The task's title is required.")
	case c > 1000:
		v.Add("title", "Nội dung nhiệm vụ tối đa 1.000 ký tự.", "At most 1,000 characters.")
	}
	switch n.Origin {
	case FromConclusion, FromDirective, FromPressCase, Manual:
	default:
		v.Add("origin", "Nguồn nhiệm vụ không hợp lệ.", "Unknown origin.")
	}
	if n.LeadUnitID == 0 {
		v.Add("lead_unit_id", "Chọn đơn vị chủ trì.", "Choose the lead unit.")
	}
	for _, id := range n.SupportUnitIDs {
		if id == n.LeadUnitID {
			v.Add("support_unit_ids", "Đơn vị chủ trì không đồng thời là đơn vị phối hợp.", "The lead unit cannot also support.")
		}
	}
	return v.Err()
}

// Event is one step of a task's history.
type Event struct {
	ID      int64      `json:"id"`
	Kind    string     `json:"kind"` // created, progress, complete, confirm, reject, extension_request, extension_approved, extension_refused
	Percent *int       `json:"percent,omitempty"`
	Note    string     `json:"note,omitempty"`
	DueFrom civil.Date `json:"due_from"`
	DueTo   civil.Date `json:"due_to"`
	Actor   string     `json:"actor"`
	At      time.Time  `json:"at"`
}

// Extension is a request to move the deadline (gia hạn) and the Board's answer.
type Extension struct {
	ID           int64      `json:"id"`
	RequestedDue civil.Date `json:"requested_due"`
	Reason       string     `json:"reason"`
	Status       string     `json:"status"` // pending, approved, refused
	RequestedBy  string     `json:"requested_by"`
	DecidedBy    string     `json:"decided_by,omitempty"`
	DecisionNote string     `json:"decision_note,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	DecidedAt    *time.Time `json:"decided_at,omitempty"`
}
