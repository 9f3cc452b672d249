// Package press follows press reports (thông tin báo chí phản ánh): an
// article reflecting a problem is registered, routed to the responsible
// unit with a deadline in working days, answered, reviewed by the Board,
// and the answer is given back to the outlet. The lead unit's work is a
// task (origin press_case) created in the assigning transaction.
package press

import (
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Field is the sector an article concerns.
type Field string

// The fields.
const (
	Environment Field = "environment"
	Health      Field = "health"
	Education   Field = "education"
	Science     Field = "science"
	Labour      Field = "labour"
	Other       Field = "other"
)

// Fields lists every field in display order.
var Fields = []Field{Environment, Health, Education, Science, Labour, Other}

var fieldLabels = map[Field][2]string{
	Environment: {"Môi trường", "Environment"}, Health: {"Y tế", "Health"}, Education: {"Giáo dục", "Education"},
	Science: {"Khoa học, công nghệ", "Science and technology"}, Labour: {"Lao động", "Labour"}, Other: {"Khác", "Other"},
}

// Valid reports whether f is a known field.
func (f Field) Valid() bool { _, ok := fieldLabels[f]; return ok }

// Label is the field's name in lang ("vi" or "en").
func (f Field) Label(lang string) string {
	l, ok := fieldLabels[f]
	if !ok {
		return string(f)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Status is where a case stands.
type Status string

// The statuses, in the order a case goes through them.
const (
	Received Status = "received"
	Assigned Status = "assigned"
	Answered Status = "answered"
	Reviewed Status = "reviewed"
	Closed   Status = "closed"
)

// Statuses lists every status in order.
var Statuses = []Status{Received, Assigned, Answered, Reviewed, Closed}

var statusLabels = map[Status][2]string{
	Received: {"Đã tiếp nhận", "Received"}, Assigned: {"Đã giao xử lý", "Assigned"}, Answered: {"Đã trả lời", "Answered"},
	Reviewed: {"Đã thẩm định", "Reviewed"}, Closed: {"Đã phản hồi báo chí", "Closed"},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

// Label is the status's name in lang.
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

// Case is one press report followed to its answer.
type Case struct {
	ID             int64      `json:"id"`
	Outlet         string     `json:"outlet"`
	URL            string     `json:"url"`
	CanonicalURL   string     `json:"canonical_url"`
	Title          string     `json:"title"`
	PublishedAt    civil.Date `json:"published_at"`
	Summary        string     `json:"summary"`
	Field          Field      `json:"field"`
	LocalityCode   string     `json:"locality_code"`
	PublicInterest bool       `json:"public_interest"`
	Status         Status     `json:"status"`
	StatusLabel    string     `json:"status_label"`
	Round          int        `json:"round"`
	LeadUnitID     int64      `json:"lead_unit_id,omitempty"`
	Due            civil.Date `json:"due"`
	Answer         string     `json:"answer"`
	AnsweredAt     *time.Time `json:"answered_at,omitempty"`
	ReviewNote     string     `json:"review_note"`
	Feedback       string     `json:"feedback"`
	TaskID         int64      `json:"task_id,omitempty"`
	Version        int        `json:"version"`
	CreatedBy      string     `json:"created_by"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	// Late is set once answered: the answer came after the due date.
	Late   *bool   `json:"late,omitempty"`
	Events []Event `json:"events,omitempty"`
}

// Event is one step of a case's history.
type Event struct {
	ID     int64      `json:"id"`
	Round  int        `json:"round"`
	Kind   string     `json:"kind"` // received, updated, assigned, answered, accepted, returned, closed, reopened
	Note   string     `json:"note,omitempty"`
	UnitID int64      `json:"unit_id,omitempty"`
	Due    civil.Date `json:"due"`
	Actor  string     `json:"actor"`
	At     time.Time  `json:"at"`
}

// Normalize cleans the texts as typed.
func (c *Case) Normalize() {
	c.Outlet, c.Title, c.Summary = vntext.Normalize(c.Outlet), vntext.Normalize(c.Title), vntext.Normalize(c.Summary)
	c.URL = strings.TrimSpace(c.URL)
	c.LocalityCode = strings.ToUpper(strings.TrimSpace(c.LocalityCode))
	if c.Field == "" {
		c.Field = Other
	}
}

// Validate checks a case's registered fields and fills its canonical URL.
func (c *Case) Validate() error {
	var v apperr.Invalid
	if c.Outlet == "" {
		v.Add("outlet", "Tên cơ quan báo chí là bắt buộc.", "The outlet is required.")
	}
	switch n := utf8.RuneCountInString(c.Title); {
	case n == 0:
		v.Add("title", "Tiêu đề bài báo là bắt buộc.", "The article's title is required.")
	case n > 500:
		v.Add("title", "Tiêu đề tối đa 500 ký tự.", "At most 500 characters.")
	}
	canon, err := Canonical(c.URL)
	if err != nil {
		v.Add("url", "Đường dẫn bài báo không hợp lệ (cần http:// hoặc https://).", "The article's URL is not valid (http:// or https://).")
	}
	c.CanonicalURL = canon
	if !c.Field.Valid() {
		v.Add("field", "Lĩnh vực không hợp lệ.", "Unknown field.")
	}
	return v.Err()
}

func (c *Case) searchKey() string {
	return vntext.Fold(c.Title + " " + c.Outlet + " " + c.Summary)
}

// Canonical reduces an article's address to one form, so the same article
// linked twice is one case: lowercase scheme and host, no fragment, no
// utm_* parameters, the others sorted, and no trailing slash.
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", apperr.InvalidField("url", "Đường dẫn không hợp lệ.", "Invalid URL.")
	}
	u.Scheme, u.Host, u.Fragment, u.RawFragment, u.User = strings.ToLower(u.Scheme), strings.ToLower(u.Host), "", "", nil
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "utm_") {
			delete(q, k)
		}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		for _, v := range q[k] {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	u.RawQuery = strings.Join(parts, "&")
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String(), nil
}

// Rule routes the cases of a field (and a locality) to a unit. An empty
// field or locality matches any; the most specific rule wins.
type Rule struct {
	Field        Field  `json:"field"`
	LocalityCode string `json:"locality_code"`
	UnitID       int64  `json:"unit_id"`
}

// Routing is the whole routing table and the response days per field.
type Routing struct {
	Rules []Rule        `json:"rules"`
	Days  map[Field]int `json:"days"`
}

// Validate checks the routing table.
func (r *Routing) Validate() error {
	var v apperr.Invalid
	seen := map[[2]string]bool{}
	for i := range r.Rules {
		x := &r.Rules[i]
		x.LocalityCode = strings.ToUpper(strings.TrimSpace(x.LocalityCode))
		if x.Field != "" && !x.Field.Valid() {
			v.Add("rules", "Lĩnh vực không hợp lệ trong quy tắc.", "Unknown field in a rule.")
		}
		if x.UnitID == 0 {
			v.Add("rules", "Mỗi quy tắc cần đơn vị xử lý.", "Every rule needs a unit.")
		}
		k := [2]string{string(x.Field), x.LocalityCode}
		if seen[k] {
			v.Add("rules", "Hai quy tắc trùng lĩnh vực và địa bàn.", "Two rules have the same field and locality.")
		}
		seen[k] = true
	}
	for f, d := range r.Days {
		if !f.Valid() || d < 1 || d > 60 {
			v.Add("days", "Số ngày làm việc phải từ 1 đến 60 cho lĩnh vực hợp lệ.", "Working days must be 1 to 60 for a known field.")
		}
	}
	return v.Err()
}

// DefaultDays is the response time of a field the table gives none.
const DefaultDays = 5

// daysFor is the field's response time in working days.
func (r Routing) daysFor(f Field) int {
	if d := r.Days[f]; d > 0 {
		return d
	}
	return DefaultDays
}

// Pick returns the unit of the most specific rule matching the field and
// locality: field and locality, then field, then the default (both empty).
func (r Routing) Pick(field Field, locality string) (int64, bool) {
	locality = strings.ToUpper(strings.TrimSpace(locality))
	best, score := int64(0), -1
	for _, x := range r.Rules {
		s := -1
		switch {
		case x.Field == field && x.LocalityCode != "" && x.LocalityCode == locality:
			s = 3
		case x.Field == field && x.LocalityCode == "":
			s = 2
		case x.Field == "" && x.LocalityCode != "" && x.LocalityCode == locality:
			s = 1
		case x.Field == "" && x.LocalityCode == "":
			s = 0
		}
		if s > score {
			best, score = x.UnitID, s
		}
	}
	return best, score >= 0
}
