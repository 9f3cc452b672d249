// Package meeting runs the Board's review conferences (hội nghị giao ban):
// the conference itself with its invited units and people, the agenda with
// the unit presenting each item, attendance, the minutes typed during the
// session, and the conclusion notice (thông báo kết luận) whose items become
// key tasks through package task when the notice is issued. It also keeps
// each user's secret iCalendar subscription of conferences and deadlines.
package meeting

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Kind is the sort of conference.
type Kind string

// The conference kinds.
const (
	SixMonth  Kind = "six_month" // sơ kết 6 tháng
	Quarterly Kind = "quarterly" // giao ban quý
	Thematic  Kind = "thematic"  // chuyên đề
	AdHoc     Kind = "adhoc"     // đột xuất
)

// Kinds lists the kinds in the order forms show them.
var Kinds = []Kind{SixMonth, Quarterly, Thematic, AdHoc}

var kindLabels = map[Kind][2]string{
	SixMonth:  {"Giao ban 6 tháng", "Six-month review"},
	Quarterly: {"Giao ban quý", "Quarterly review"},
	Thematic:  {"Chuyên đề", "Thematic"},
	AdHoc:     {"Đột xuất", "Ad hoc"},
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindLabels[k]; return ok }

// Label returns the kind in Vietnamese ("vi") or English ("en").
func (k Kind) Label(lang string) string { return label(kindLabels, k, lang) }

// Status is where a conference stands: planned (draft), held, or
// concluded once its conclusion notice is issued.
type Status string

// The conference statuses.
const (
	Draft     Status = "draft"
	Held      Status = "held"
	Concluded Status = "concluded"
)

var statusLabels = map[Status][2]string{
	Draft:     {"Dự kiến", "Planned"},
	Held:      {"Đã họp", "Held"},
	Concluded: {"Đã có thông báo kết luận", "Concluded"},
}

// Label returns the status in Vietnamese or English.
func (s Status) Label(lang string) string { return label(statusLabels, s, lang) }

func label[K comparable](m map[K][2]string, k K, lang string) string {
	l, ok := m[k]
	switch {
	case !ok:
		return ""
	case lang == "en":
		return l[1]
	}
	return l[0]
}

// UnitRef names a unit where a conference refers to one.
type UnitRef struct {
	ID        int64  `json:"id"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
}

// Short is the unit's short name, or its name when it has none.
func (u UnitRef) Short() string {
	if u.ShortName != "" {
		return u.ShortName
	}
	return u.Name
}

// Person is someone invited in person: a user of the system, or a guest
// named in free text (a leader of the provincial People's Committee…).
type Person struct {
	UserID int64  `json:"user_id,omitempty"`
	Name   string `json:"name"`
	Note   string `json:"note,omitempty"`
}

// Meeting is a review conference.
type Meeting struct {
	ID          int64     `json:"id"`
	Kind        Kind      `json:"kind"`
	Title       string    `json:"title"`
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	Place       string    `json:"place"`
	OnlineLink  string    `json:"online_link"`
	ChairUserID int64     `json:"chair_user_id,omitempty"`
	ChairName   string    `json:"chair_name"`
	Secretary   string    `json:"secretary"`
	Status      Status    `json:"status"`
	UnitIDs     []int64   `json:"unit_ids"` // invited units
	People      []Person  `json:"people"`   // invited people
	Version     int       `json:"version"`
	CreatedBy   string    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`

	// Filled on reads: the invited units by name, and the minutes.
	Units   []UnitRef `json:"units"`
	Minutes Minutes   `json:"minutes"`
}

// Minutes is the record typed during the conference (biên bản), saved as
// it is typed under its own version, apart from the conference's details.
type Minutes struct {
	Text      string     `json:"text"`
	Version   int        `json:"minutes_version"`
	By        string     `json:"by,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

// Normalize cleans the texts as typed and orders the invited units.
func (m *Meeting) Normalize() {
	m.Title, m.Place = vntext.Normalize(m.Title), vntext.Normalize(m.Place)
	m.OnlineLink = strings.TrimSpace(vntext.Normalize(m.OnlineLink))
	m.ChairName, m.Secretary = vntext.Normalize(m.ChairName), vntext.Normalize(m.Secretary)
	m.UnitIDs = uniqueIDs(m.UnitIDs)
	people := m.People[:0:0]
	for _, p := range m.People {
		p.Name, p.Note = vntext.Normalize(p.Name), vntext.Normalize(p.Note)
		if p.UserID != 0 || p.Name != "" {
			people = append(people, p)
		}
	}
	m.People = people
	if m.Status == "" {
		m.Status = Draft
	}
	m.StartsAt, m.EndsAt = m.StartsAt.UTC().Truncate(time.Minute), m.EndsAt.UTC().Truncate(time.Minute)
}

// Validate checks the conference's own fields; the service checks the
// references (units, users) against the database.
func (m *Meeting) Validate() error {
	var v apperr.Invalid
	if !m.Kind.Valid() {
		v.Add("kind", "Loại hội nghị không hợp lệ.", "Unknown conference kind.")
	}
	textField(&v, "title", m.Title, 1, 500, "Tên hội nghị", "The title")
	textField(&v, "place", m.Place, 0, 500, "Địa điểm", "The place")
	textField(&v, "chair_name", m.ChairName, 0, 255, "Người chủ trì", "The chair")
	textField(&v, "secretary", m.Secretary, 0, 255, "Thư ký", "The secretary")
	if m.OnlineLink != "" && !strings.HasPrefix(m.OnlineLink, "https://") && !strings.HasPrefix(m.OnlineLink, "http://") {
		v.Add("online_link", "Đường dẫn họp trực tuyến phải bắt đầu bằng https://.", "The online link must start with https://.")
	}
	switch {
	case m.StartsAt.IsZero():
		v.Add("starts_at", "Nhập thời gian bắt đầu.", "Enter the start time.")
	case m.EndsAt.IsZero():
		v.Add("ends_at", "Nhập thời gian kết thúc.", "Enter the end time.")
	case !m.EndsAt.After(m.StartsAt):
		v.Add("ends_at", "Thời gian kết thúc phải sau thời gian bắt đầu.", "The end must be after the start.")
	case m.EndsAt.Sub(m.StartsAt) > 14*24*time.Hour:
		v.Add("ends_at", "Hội nghị kéo dài tối đa 14 ngày.", "A conference lasts at most 14 days.")
	}
	if m.Status != Draft && m.Status != Held && m.Status != Concluded {
		v.Add("status", "Trạng thái không hợp lệ.", "Unknown status.")
	}
	for _, p := range m.People {
		if utf8.RuneCountInString(p.Name) > 255 || utf8.RuneCountInString(p.Note) > 255 {
			v.Add("people", "Tên và ghi chú người dự tối đa 255 ký tự.", "A name or note is at most 255 characters.")
		}
	}
	return v.Err()
}

// textField checks a text's length in characters; name and en name the
// field in the messages ("Tên hội nghị", "The title").
func textField(v *apperr.Invalid, field, s string, minLen, maxLen int, name, en string) {
	switch n := utf8.RuneCountInString(s); {
	case n < minLen:
		v.Add(field, name+" là bắt buộc.", en+" is required.")
	case n > maxLen:
		v.Add(field, name+" tối đa "+vntext.FormatInt(int64(maxLen))+" ký tự.", en+" is at most "+strconv.Itoa(maxLen)+" characters.")
	}
}

// uniqueIDs drops zeros and repeats, keeping the first order.
func uniqueIDs(ids []int64) []int64 {
	out := []int64{}
	seen := map[int64]bool{}
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// searchKey is the folded text a search matches.
func (m *Meeting) searchKey() string {
	return vntext.Fold(m.Title + " " + m.Place + " " + m.ChairName)
}
