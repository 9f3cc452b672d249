package meeting

import (
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// AgendaItem is one item of the programme: a report or an exchange
// presented by a unit, in a time slot of the day, optionally tied to a
// reporting regime's period (the reports the item presents), so that
// preparing the conference shows whether those reports are in.
type AgendaItem struct {
	ID               int64       `json:"id,omitempty"` // kept when the list is replaced, so attachments follow the item
	Position         int         `json:"position"`
	Title            string      `json:"title"`
	PresentingUnitID int64       `json:"presenting_unit_id,omitempty"`
	From             string      `json:"from,omitempty"` // "08:00", Asia/Ho_Chi_Minh
	To               string      `json:"to,omitempty"`
	RegimeID         int64       `json:"regime_id,omitempty"`
	PeriodKey        string      `json:"period_key,omitempty"`
	Notes            string      `json:"notes,omitempty"`
	PresentingUnit   *UnitRef    `json:"presenting_unit,omitempty"` // filled on reads
	Attachments      []blob.File `json:"attachments,omitempty"`     // filled on reads
}

var slotRe = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)

// periodRe accepts the period keys of reporting ("2020-H1", "2020-Q2",
// "2020-M06", "2020"…) without knowing their rules: the web layer asks
// reporting about them.
var periodRe = regexp.MustCompile(`^[A-Za-z0-9._-]{1,32}$`)

// ValidateAgenda checks an agenda; each field error names the item
// ("items[2].title") so a form can show it beside its row.
func ValidateAgenda(items []AgendaItem) error {
	var v apperr.Invalid
	if len(items) > 100 {
		v.Add("items", "Chương trình có tối đa 100 mục.", "At most 100 agenda items.")
	}
	for i := range items {
		it := &items[i]
		it.Title, it.Notes = vntext.Normalize(it.Title), vntext.Normalize(it.Notes)
		it.From, it.To, it.PeriodKey = vntext.Normalize(it.From), vntext.Normalize(it.To), vntext.Normalize(it.PeriodKey)
		it.Position = i + 1
		p := "items[" + strconv.Itoa(i) + "]."
		textField(&v, p+"title", it.Title, 1, 1000, "Nội dung", "The content")
		textField(&v, p+"notes", it.Notes, 0, 2000, "Ghi chú", "The note")
		for _, s := range [][2]string{{"from", it.From}, {"to", it.To}} {
			if s[1] != "" && !slotRe.MatchString(s[1]) {
				v.Add(p+s[0], "Giờ theo dạng HH:MM, ví dụ 08:30.", "Times are HH:MM, e.g. 08:30.")
			}
		}
		if it.From != "" && it.To != "" && it.To <= it.From {
			v.Add(p+"to", "Giờ kết thúc phải sau giờ bắt đầu.", "The end must be after the start.")
		}
		if (it.RegimeID == 0) != (it.PeriodKey == "") {
			v.Add(p+"period_key", "Chọn cả chế độ báo cáo và kỳ báo cáo, hoặc để trống cả hai.", "Give both the regime and the period, or neither.")
		} else if it.PeriodKey != "" && !periodRe.MatchString(it.PeriodKey) {
			v.Add(p+"period_key", "Kỳ báo cáo không hợp lệ (ví dụ 2020-H1).", "Invalid period (e.g. 2020-H1).")
		}
	}
	return v.Err()
}

// AttendanceStatus is whether an invited unit came.
type AttendanceStatus string

// The attendance statuses.
const (
	Present     AttendanceStatus = "present"
	Absent      AttendanceStatus = "absent"
	Represented AttendanceStatus = "represented" // sent someone in its leader's place (cử người dự thay)
)

// AttendanceStatuses lists them in the order forms show them.
var AttendanceStatuses = []AttendanceStatus{Present, Represented, Absent}

var attendanceLabels = map[AttendanceStatus][2]string{
	Present:     {"Có mặt", "Present"},
	Represented: {"Cử người dự thay", "Represented"},
	Absent:      {"Vắng mặt", "Absent"},
}

// Label returns the status in Vietnamese or English.
func (s AttendanceStatus) Label(lang string) string { return label(attendanceLabels, s, lang) }

// Attendance is one invited unit's attendance.
type Attendance struct {
	UnitID        int64            `json:"unit_id"`
	Status        AttendanceStatus `json:"status"`
	Reason        string           `json:"reason,omitempty"`
	RepresentedBy string           `json:"represented_by,omitempty"`
	Unit          *UnitRef         `json:"unit,omitempty"` // filled on reads
}

// ValidateAttendance checks the rows against the invited units: every row
// names an invited unit once; a unit represented names who came.
func ValidateAttendance(rows []Attendance, invited []int64) error {
	var v apperr.Invalid
	inv := map[int64]bool{}
	for _, id := range invited {
		inv[id] = true
	}
	seen := map[int64]bool{}
	for i := range rows {
		r := &rows[i]
		r.Reason, r.RepresentedBy = vntext.Normalize(r.Reason), vntext.Normalize(r.RepresentedBy)
		p := "rows[" + strconv.Itoa(i) + "]."
		switch {
		case !inv[r.UnitID]:
			v.Add(p+"unit_id", "Đơn vị không có trong danh sách mời.", "The unit was not invited.")
		case seen[r.UnitID]:
			v.Add(p+"unit_id", "Mỗi đơn vị chỉ một dòng.", "One row per unit.")
		}
		seen[r.UnitID] = true
		if _, ok := attendanceLabels[r.Status]; !ok {
			v.Add(p+"status", "Tình trạng tham dự không hợp lệ.", "Unknown attendance status.")
		}
		if r.Status == Represented && r.RepresentedBy == "" {
			v.Add(p+"represented_by", "Ghi rõ người dự thay.", "Name who came instead.")
		}
		if utf8.RuneCountInString(r.Reason) > 500 || utf8.RuneCountInString(r.RepresentedBy) > 255 {
			v.Add(p+"reason", "Nội dung quá dài.", "Too long.")
		}
	}
	return v.Err()
}
