// Package training keeps the register of the staff who do science–education
// work (cán bộ làm công tác khoa giáo) in each unit — with the history of
// their moves between units — and the courses they attend: training,
// fostering, refresher courses and conferences, with attendance, results
// and certificates. Its figures (staff, trained this year, share not
// trained in the last three years) feed the reporting regimes.
package training

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Level is a political-theory qualification (trình độ lý luận chính trị).
type Level string

// The levels, lowest first; "" means none yet.
const (
	LevelNone     Level = ""
	LevelBasic    Level = "so_cap"
	LevelMiddle   Level = "trung_cap"
	LevelAdvanced Level = "cao_cap"
	LevelBachelor Level = "cu_nhan"
)

// Levels lists the levels in display order.
var Levels = []Level{LevelNone, LevelBasic, LevelMiddle, LevelAdvanced, LevelBachelor}

var levelLabels = map[Level][2]string{
	LevelNone: {"Chưa qua đào tạo", "None"}, LevelBasic: {"Sơ cấp", "Elementary"}, LevelMiddle: {"Trung cấp", "Intermediate"},
	LevelAdvanced: {"Cao cấp", "Advanced"}, LevelBachelor: {"Cử nhân", "Bachelor"},
}

// Valid reports whether l is a known level.
func (l Level) Valid() bool { _, ok := levelLabels[l]; return ok }

// Label is the level's name in lang ("vi" or "en").
func (l Level) Label(lang string) string { return label(levelLabels, l, lang) }

// Kind is what a course is.
type Kind string

// The kinds of course.
const (
	KindTraining   Kind = "training"
	KindFostering  Kind = "fostering"
	KindRefresher  Kind = "refresher"
	KindConference Kind = "conference"
)

// Kinds lists the kinds in display order.
var Kinds = []Kind{KindTraining, KindFostering, KindRefresher, KindConference}

var kindLabels = map[Kind][2]string{
	KindTraining: {"Tập huấn", "Training"}, KindFostering: {"Bồi dưỡng", "Fostering"},
	KindRefresher: {"Bồi dưỡng cập nhật kiến thức", "Refresher"}, KindConference: {"Hội nghị", "Conference"},
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindLabels[k]; return ok }

// Label is the kind's name in lang.
func (k Kind) Label(lang string) string { return label(kindLabels, k, lang) }

// Attendance is whether a registered participant came.
type Attendance string

// The attendance states.
const (
	Registered Attendance = "registered"
	Attended   Attendance = "attended"
	Absent     Attendance = "absent"
)

// Attendances lists the states in display order.
var Attendances = []Attendance{Registered, Attended, Absent}

var attendanceLabels = map[Attendance][2]string{
	Registered: {"Đã đăng ký", "Registered"}, Attended: {"Có tham dự", "Attended"}, Absent: {"Vắng mặt", "Absent"},
}

// Valid reports whether s is a known state.
func (s Attendance) Valid() bool { _, ok := attendanceLabels[s]; return ok }

// Label is the state's name in lang.
func (s Attendance) Label(lang string) string { return label(attendanceLabels, s, lang) }

func label[K ~string](m map[K][2]string, k K, lang string) string {
	l, ok := m[k]
	if !ok {
		return string(k)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Staff is one person doing science–education work in a unit.
type Staff struct {
	ID             int64      `json:"id"`
	UnitID         int64      `json:"unit_id"`
	FullName       string     `json:"full_name"`
	Position       string     `json:"position"`
	BirthDate      civil.Date `json:"birth_date"`
	PoliticalLevel Level      `json:"political_level"`
	Qualification  string     `json:"qualification"`
	Phone          string     `json:"phone"`
	Email          string     `json:"email"`
	Active         bool       `json:"active"`
	Version        int        `json:"version"`
	CreatedBy      string     `json:"created_by"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	Moves          []Move     `json:"moves,omitempty"`
}

// Move is one change of unit in a staff member's history.
type Move struct {
	ID         int64      `json:"id"`
	StaffID    int64      `json:"staff_id"`
	FromUnitID int64      `json:"from_unit_id"`
	ToUnitID   int64      `json:"to_unit_id"`
	MovedOn    civil.Date `json:"moved_on"`
	Note       string     `json:"note"`
	Actor      string     `json:"actor"`
	At         time.Time  `json:"at"`
}

// Normalize cleans the texts as typed (NFC, no stray spaces).
func (s *Staff) Normalize() {
	s.FullName = strings.Join(strings.Fields(vntext.Normalize(s.FullName)), " ")
	s.Position, s.Qualification = vntext.Normalize(s.Position), vntext.Normalize(s.Qualification)
	s.Phone, s.Email = strings.TrimSpace(s.Phone), strings.ToLower(strings.TrimSpace(s.Email))
}

// Validate checks the fields of a staff member as of today.
func (s *Staff) Validate(today civil.Date) error {
	var v apperr.Invalid
	switch n := utf8.RuneCountInString(s.FullName); {
	case n == 0:
		v.Add("full_name", "Họ và tên là bắt buộc.", "The full name is required.")
	case n > 200 || len(strings.Fields(s.FullName)) < 2:
		v.Add("full_name", "Nhập đầy đủ họ và tên (tối đa 200 ký tự).", "Enter the full name (at most 200 characters).")
	}
	if s.UnitID <= 0 {
		v.Add("unit_id", "Chọn đơn vị công tác.", "Choose the unit.")
	}
	switch n := utf8.RuneCountInString(s.Position); {
	case n == 0:
		v.Add("position", "Chức vụ là bắt buộc.", "The position is required.")
	case n > 200:
		v.Add("position", "Chức vụ tối đa 200 ký tự.", "At most 200 characters.")
	}
	if !s.BirthDate.IsZero() {
		if s.BirthDate.Before(civil.D(1940, 1, 1)) || s.BirthDate.After(civil.D(today.Year-18, today.Month, today.Day)) {
			v.Add("birth_date", "Ngày sinh không hợp lệ (từ 1940 và đủ 18 tuổi).", "The birth date is not plausible (from 1940, at least 18 years old).")
		}
	}
	if !s.PoliticalLevel.Valid() {
		v.Add("political_level", "Trình độ lý luận chính trị không hợp lệ.", "Unknown political-theory level.")
	}
	if utf8.RuneCountInString(s.Qualification) > 200 {
		v.Add("qualification", "Trình độ chuyên môn tối đa 200 ký tự.", "At most 200 characters.")
	}
	if s.Phone != "" && !validPhone(s.Phone) {
		v.Add("phone", "Số điện thoại chỉ gồm 8–15 chữ số (có thể có +, dấu cách, dấu chấm).", "A phone number has 8–15 digits (+, spaces and dots allowed).")
	}
	if s.Email != "" {
		if a, err := mail.ParseAddress(s.Email); err != nil || a.Address != s.Email || len(s.Email) > 254 {
			v.Add("email", "Địa chỉ thư điện tử không hợp lệ.", "The e-mail address is not valid.")
		}
	}
	return v.Err()
}

func validPhone(p string) bool {
	digits := 0
	for i, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '.', r == '-':
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15
}

func (s *Staff) searchKey() string {
	return vntext.Fold(s.FullName + " " + s.Position + " " + s.Email + " " + s.Phone)
}

// NameOrder is the text a staff list is sorted by: Vietnamese lists order
// people by their given name (the last word), then family and middle names,
// so "Trần Văn An" comes before "Nguyễn Thị Bình".
func NameOrder(fullName string) string {
	w := strings.Fields(fullName)
	if len(w) < 2 {
		return fullName
	}
	return w[len(w)-1] + " " + strings.Join(w[:len(w)-1], " ")
}

func sortKey(fullName string) []byte { return vntext.SortKey(NameOrder(fullName)) }
