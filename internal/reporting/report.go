package reporting

import (
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/task"
)

// Status is where a report stands in its lifecycle:
// draft → (awaiting_approval → the unit leader approves) → submitted →
// accepted, or returned with a reason → submitted again.
type Status string

// The report statuses.
const (
	StatusDraft            Status = "draft"
	StatusAwaitingApproval Status = "awaiting_approval"
	StatusSubmitted        Status = "submitted"
	StatusReturned         Status = "returned"
	StatusAccepted         Status = "accepted"
)

var statusLabels = map[Status][2]string{
	StatusDraft:            {"Đang soạn", "Draft"},
	StatusAwaitingApproval: {"Chờ lãnh đạo duyệt", "Awaiting approval"},
	StatusSubmitted:        {"Đã gửi", "Submitted"},
	StatusReturned:         {"Bị trả lại", "Returned"},
	StatusAccepted:         {"Đã tiếp nhận", "Accepted"},
}

// Label returns the status in Vietnamese or English.
func (s Status) Label(lang string) string {
	l, ok := statusLabels[s]
	if !ok {
		return string(s)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Editable reports whether the unit may still change the content.
func (s Status) Editable() bool { return s == StatusDraft || s == StatusReturned }

// Counted reports whether the report's figures count in aggregates: once it
// has reached the Board.
func (s Status) Counted() bool { return s == StatusSubmitted || s == StatusAccepted }

// Report is one unit's report for one regime and period.
type Report struct {
	ID               int64             `json:"id"`
	RegimeID         int64             `json:"regime_id"`
	PeriodKey        string            `json:"period_key"`
	UnitID           int64             `json:"unit_id"`
	TemplateVersion  int               `json:"template_version"`
	Status           Status            `json:"status"`
	Sections         map[string]string `json:"sections"`
	Values           map[string]Value  `json:"values"`
	Explanations     map[string]string `json:"explanations"`
	ReturnReason     string            `json:"return_reason,omitempty"`
	Reopened         bool              `json:"reopened"`
	FirstSubmittedAt *time.Time        `json:"first_submitted_at,omitempty"`
	SubmittedAt      *time.Time        `json:"submitted_at,omitempty"`
	AcceptedAt       *time.Time        `json:"accepted_at,omitempty"`
	Version          int               `json:"version"`
	CreatedAt        time.Time         `json:"created_at"`
	UpdatedAt        time.Time         `json:"updated_at"`

	// Derived for the reader, never stored.
	Due        civil.Date `json:"due"`
	Locks      civil.Date `json:"locks"`
	Timeliness Timeliness `json:"timeliness"`
	Locked     bool       `json:"locked"`
	Findings   []Finding  `json:"findings"`
	Events     []Event    `json:"events,omitempty"`
	Exists     bool       `json:"exists"` // false: nothing saved yet (an empty form)
	// Tasks the unit leads that fall due in the period, with their status
	// now: the report's "Kết quả thực hiện nhiệm vụ được giao", prefilled.
	Tasks []task.Task `json:"tasks,omitempty"`
	// Figures are the system's figures of the sourced indicators, by cell
	// ("press_received", "cases|environment"), computed at each read for
	// the period's window; a form never saved starts from them.
	Figures map[string]float64 `json:"figures,omitempty"`

	// Attachments are the report's files, filled by Service.Report only
	// (like Events): one indexed query, metadata without the content.
	Attachments []blob.File `json:"attachments,omitempty"`
}

// Event is one step of a report's history, immutable: who did what, when.
type Event struct {
	ID     int64     `json:"id"`
	Action string    `json:"action"`
	From   Status    `json:"from"`
	To     Status    `json:"to"`
	Actor  string    `json:"actor"`
	Reason string    `json:"reason,omitempty"`
	At     time.Time `json:"at"`
}

// Timeliness says whether a report reached the Board on time.
type Timeliness struct {
	State    string `json:"state"`     // "on_time", "late", "pending", "overdue"
	DaysLate int    `json:"days_late"` // calendar days after the due date
	Label    string `json:"label"`     // "nộp đúng hạn", "nộp muộn 3 ngày", …
}

// ComputeTimeliness compares the date of the first submission (zero when
// none; a date in Asia/Ho_Chi_Minh) with the due date; today decides between
// "pending" and "overdue".
func ComputeTimeliness(first, due, today civil.Date) Timeliness {
	if !first.IsZero() {
		d := first
		if !d.After(due) {
			return Timeliness{State: "on_time", Label: "nộp đúng hạn"}
		}
		n := due.DaysUntil(d)
		return Timeliness{State: "late", DaysLate: n, Label: "nộp muộn " + strconv.Itoa(n) + " ngày"}
	}
	if today.After(due) {
		n := due.DaysUntil(today)
		return Timeliness{State: "overdue", DaysLate: n, Label: "quá hạn " + strconv.Itoa(n) + " ngày, chưa nộp"}
	}
	return Timeliness{State: "pending", Label: "chưa đến hạn"}
}
