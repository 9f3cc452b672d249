package training

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Course is one training, fostering or refresher course, or a conference
// held to train the staff.
type Course struct {
	ID        int64      `json:"id"`
	Title     string     `json:"title"`
	Organiser string     `json:"organiser"`
	Kind      Kind       `json:"kind"`
	KindLabel string     `json:"kind_label"`
	StartsOn  civil.Date `json:"starts_on"`
	EndsOn    civil.Date `json:"ends_on"`
	Place     string     `json:"place"`
	Version   int        `json:"version"`
	CreatedBy string     `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	// Participants is set when one course is read: the participants the
	// reader may see (the Board all, a unit its own staff).
	Participants []Participant `json:"participants,omitempty"`
	// Attended counts every participant who came, whoever reads.
	Attended int `json:"attended"`
}

// Participant is a staff member's place on a course.
type Participant struct {
	ID            int64       `json:"id"`
	CourseID      int64       `json:"course_id"`
	StaffID       int64       `json:"staff_id"`
	StaffName     string      `json:"staff_name"`
	UnitID        int64       `json:"unit_id"` // the staff member's unit now
	Attendance    Attendance  `json:"attendance"`
	Result        string      `json:"result"`
	CertificateNo string      `json:"certificate_no"`
	Certificates  []blob.File `json:"certificates,omitempty"`
}

// Normalize cleans the texts as typed and fills the label.
func (c *Course) Normalize() {
	c.Title, c.Organiser, c.Place = vntext.Normalize(c.Title), vntext.Normalize(c.Organiser), vntext.Normalize(c.Place)
	c.KindLabel = c.Kind.Label("vi")
}

// Validate checks a course's fields.
func (c *Course) Validate() error {
	var v apperr.Invalid
	switch n := utf8.RuneCountInString(c.Title); {
	case n == 0:
		v.Add("title", "Tên lớp, khóa học là bắt buộc.", "The course title is required.")
	case n > 500:
		v.Add("title", "Tên tối đa 500 ký tự.", "At most 500 characters.")
	}
	switch n := utf8.RuneCountInString(c.Organiser); {
	case n == 0:
		v.Add("organiser", "Đơn vị tổ chức là bắt buộc.", "The organiser is required.")
	case n > 300:
		v.Add("organiser", "Đơn vị tổ chức tối đa 300 ký tự.", "At most 300 characters.")
	}
	if !c.Kind.Valid() {
		v.Add("kind", "Chọn loại hình: tập huấn, bồi dưỡng, bồi dưỡng cập nhật kiến thức hoặc hội nghị.",
			"Choose the kind: training, fostering, refresher or conference.")
	}
	if c.StartsOn.IsZero() {
		v.Add("starts_on", "Nhập ngày bắt đầu.", "Enter the start date.")
	} else if c.StartsOn.Year < 1990 || c.StartsOn.Year > 2100 {
		v.Add("starts_on", "Ngày bắt đầu không hợp lệ.", "The start date is not plausible.")
	}
	switch {
	case c.EndsOn.IsZero():
		v.Add("ends_on", "Nhập ngày kết thúc.", "Enter the end date.")
	case !c.StartsOn.IsZero() && c.EndsOn.Before(c.StartsOn):
		v.Add("ends_on", "Ngày kết thúc không được trước ngày bắt đầu.", "The end cannot be before the start.")
	case !c.StartsOn.IsZero() && c.StartsOn.DaysUntil(c.EndsOn) > 366:
		v.Add("ends_on", "Một lớp kéo dài tối đa một năm.", "A course lasts at most a year.")
	}
	if utf8.RuneCountInString(c.Place) > 300 {
		v.Add("place", "Địa điểm tối đa 300 ký tự.", "At most 300 characters.")
	}
	return v.Err()
}

func (c *Course) searchKey() string { return vntext.Fold(c.Title + " " + c.Organiser + " " + c.Place) }

// ValidateParticipants checks a whole participant list: each staff member
// once, a known attendance, and a result or certificate only for who came.
func ValidateParticipants(rows []Participant) error {
	var v apperr.Invalid
	if len(rows) > 2000 {
		v.Add("participants", "Một lớp có tối đa 2.000 học viên.", "At most 2,000 participants.")
	}
	seen := map[int64]bool{}
	for i := range rows {
		r := &rows[i]
		r.Result, r.CertificateNo = vntext.Normalize(r.Result), vntext.Normalize(r.CertificateNo)
		if r.Attendance == "" {
			r.Attendance = Registered
		}
		p := "participants[" + strconv.Itoa(i) + "]."
		switch {
		case r.StaffID <= 0:
			v.Add(p+"staff_id", "Chọn cán bộ.", "Choose the staff member.")
		case seen[r.StaffID]:
			v.Add(p+"staff_id", "Mỗi cán bộ chỉ một dòng.", "One row per staff member.")
		}
		seen[r.StaffID] = true
		if !r.Attendance.Valid() {
			v.Add(p+"attendance", "Tình trạng tham dự không hợp lệ.", "Unknown attendance.")
		}
		if r.Attendance != Attended && (r.Result != "" || r.CertificateNo != "") {
			v.Add(p+"result", "Chỉ ghi kết quả, số chứng chỉ cho học viên có tham dự.", "Only a participant who attended has a result or certificate.")
		}
		if utf8.RuneCountInString(r.Result) > 100 {
			v.Add(p+"result", "Kết quả tối đa 100 ký tự.", "At most 100 characters.")
		}
		if utf8.RuneCountInString(r.CertificateNo) > 100 {
			v.Add(p+"certificate_no", "Số chứng chỉ tối đa 100 ký tự.", "At most 100 characters.")
		}
	}
	return v.Err()
}
