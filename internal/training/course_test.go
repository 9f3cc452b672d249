package training

import (
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestCourseValidate(t *testing.T) {
	ok := Course{Title: "Tập huấn nghiệp vụ công tác khoa giáo", Organiser: "Ban Tuyên giáo Tỉnh ủy", Kind: KindTraining,
		StartsOn: civil.D(2020, 9, 15), EndsOn: civil.D(2020, 9, 16)}
	for _, tc := range []struct {
		name  string
		edit  func(*Course)
		field string
	}{
		{"valid", func(*Course) {}, ""},
		{"one day", func(c *Course) { c.EndsOn = c.StartsOn }, ""},
		{"no title", func(c *Course) { c.Title = "" }, "title"},
		{"no organiser", func(c *Course) { c.Organiser = " " }, "organiser"},
		{"unknown kind", func(c *Course) { c.Kind = "seminar" }, "kind"},
		{"no start", func(c *Course) { c.StartsOn = civil.Date{} }, "starts_on"},
		{"no end", func(c *Course) { c.EndsOn = civil.Date{} }, "ends_on"},
		{"end before start", func(c *Course) { c.EndsOn = civil.D(2020, 9, 14) }, "ends_on"},
		{"two years", func(c *Course) { c.EndsOn = civil.D(2022, 9, 14) }, "ends_on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.edit(&c)
			c.Normalize()
			if err := c.Validate(); tc.field == "" && err != nil {
				t.Fatalf("refused: %v", err)
			} else if tc.field != "" {
				wantField(t, err, tc.field, tc.name)
			}
		})
	}
	if got := KindRefresher.Label("vi"); got != "Bồi dưỡng cập nhật kiến thức" {
		t.Errorf("refresher label %q", got)
	}
}

func TestValidateParticipants(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rows  []Participant
		field string
	}{
		{"empty", nil, ""},
		{"default registered", []Participant{{StaffID: 1}}, ""},
		{"twice", []Participant{{StaffID: 1}, {StaffID: 1}}, "participants[1].staff_id"},
		{"no staff", []Participant{{Attendance: Attended}}, "participants[0].staff_id"},
		{"bad attendance", []Participant{{StaffID: 1, Attendance: "late"}}, "participants[0].attendance"},
		{"result while absent", []Participant{{StaffID: 1, Attendance: Absent, Result: "Giỏi"}}, "participants[0].result"},
	} {
		err := ValidateParticipants(tc.rows)
		if tc.field == "" && err != nil {
			t.Errorf("%s: %v", tc.name, err)
		} else if tc.field != "" {
			wantField(t, err, tc.field, tc.name)
		}
	}
}

// TestParticipantsAndCertificates: the Board keeps the list as a whole
// under the course's version; a unit sees its own participants and attaches
// their certificates; dropping a participant drops the certificate.
func TestParticipantsAndCertificates(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		an, binh, chau := e.staff("Lê Văn An", e.sgd), e.staff("Nguyễn Thị Bình", e.sgd), e.staff("Hoàng Minh Châu", e.syt)
		_, err := e.svc.CreateCourse(e.ctx, e.repGD, Course{Title: "Lớp", Organiser: "Sở", Kind: KindTraining, StartsOn: civil.D(2020, 9, 1), EndsOn: civil.D(2020, 9, 1)})
		wantKind(t, err, apperr.KindForbidden, "a unit records a course")
		c := e.course("Tập huấn nghiệp vụ công tác khoa giáo năm 2020", civil.D(2020, 9, 15), civil.D(2020, 9, 16))
		rows := []Participant{{StaffID: an.ID, Attendance: Attended, Result: "Hoàn thành tốt", CertificateNo: "CN-2020-001"},
			{StaffID: binh.ID, Attendance: Absent}, {StaffID: chau.ID, Attendance: Attended}}
		_, err = e.svc.SetParticipants(e.ctx, e.repGD, c.ID, c.Version, rows)
		wantKind(t, err, apperr.KindForbidden, "a unit sets the list")
		_, err = e.svc.SetParticipants(e.ctx, e.spec, c.ID, c.Version, append(rows, Participant{StaffID: 424242}))
		wantField(t, err, "participants[3].staff_id", "an unknown staff member")
		got, err := e.svc.SetParticipants(e.ctx, e.spec, c.ID, c.Version, rows)
		if err != nil || got.Version != c.Version+1 || got.Attended != 2 || len(got.Participants) != 3 {
			t.Fatalf("list set: %+v, %v", got, err)
		}
		_, err = e.svc.SetParticipants(e.ctx, e.spec, c.ID, c.Version, rows[:1])
		wantKind(t, err, apperr.KindConflict, "a stale list")

		// A unit sees its own participants only; the count covers everyone.
		mine, err := e.svc.FindCourse(e.ctx, e.repGD, c.ID)
		if err != nil || len(mine.Participants) != 2 || mine.Attended != 2 {
			t.Fatalf("SGD reads the course: %+v, %v", mine, err)
		}
		for _, p := range mine.Participants {
			if p.UnitID != e.sgd.ID {
				t.Errorf("SGD sees participant %s of unit %d", p.StaffName, p.UnitID)
			}
		}

		// Certificates: for who came, by the Board or the person's unit.
		_, err = e.svc.AttachCertificate(e.ctx, e.repYT, c.ID, an.ID, "chung-chi.pdf", pdfFile)
		wantKind(t, err, apperr.KindForbidden, "another unit attaches")
		_, err = e.svc.AttachCertificate(e.ctx, e.repGD, c.ID, binh.ID, "chung-chi.pdf", pdfFile)
		wantField(t, err, "file", "a certificate for an absentee")
		_, err = e.svc.AttachCertificate(e.ctx, e.repGD, c.ID, an.ID, "chung-chi.html", htmlFile)
		wantField(t, err, "file", "an HTML certificate")
		f, err := e.svc.AttachCertificate(e.ctx, e.repGD, c.ID, an.ID, "Chứng chỉ Lê Văn An.pdf", pdfFile)
		if err != nil || f.ContentType != "application/pdf" {
			t.Fatalf("attach: %+v, %v", f, err)
		}
		if _, _, err := e.svc.CertificateFile(e.ctx, e.repYT, f.ID); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("another unit downloads the certificate: %v", err)
		}
		if _, data, err := e.svc.CertificateFile(e.ctx, e.viewGD, f.ID); err != nil || string(data) != string(pdfFile) {
			t.Errorf("the unit's viewer downloads: %v", err)
		}
		read, _ := e.svc.FindCourse(e.ctx, e.leader, c.ID)
		if len(read.Participants) != 3 || len(read.Participants[0].Certificates) != 1 || read.Participants[0].StaffName != "Lê Văn An" {
			t.Errorf("the Board reads %+v", read.Participants)
		}

		// Keeping An updates in place (the certificate stays); dropping Bình deletes.
		got, err = e.svc.SetParticipants(e.ctx, e.spec, c.ID, got.Version, []Participant{{StaffID: an.ID, Attendance: Attended, Result: "Xuất sắc"}})
		if err != nil || len(got.Participants) != 1 || got.Participants[0].Result != "Xuất sắc" || len(got.Participants[0].Certificates) != 1 {
			t.Fatalf("list narrowed: %+v, %v", got, err)
		}
		got, err = e.svc.SetParticipants(e.ctx, e.spec, c.ID, got.Version, nil)
		if err != nil || len(got.Participants) != 0 {
			t.Fatalf("list emptied: %+v, %v", got, err)
		}
		if _, err := blob.Find(e.ctx, db, f.ID); !apperr.Is(err, apperr.KindNotFound) {
			t.Errorf("the certificate outlived its participant: %v", err)
		}

		// Course edits: version, audit.
		c2 := got
		c2.Place = "Trường Chính trị Lê Duẩn"
		if c2, err = e.svc.UpdateCourse(e.ctx, e.spec, c.ID, c2); err != nil || c2.Place != "Trường Chính trị Lê Duẩn" {
			t.Fatalf("update course: %+v, %v", c2, err)
		}
		_, err = e.svc.UpdateCourse(e.ctx, e.spec, c.ID, got)
		wantKind(t, err, apperr.KindConflict, "a stale course edit")
		if l, err := e.svc.ListCourses(e.ctx, e.repYT, CourseFilter{Year: 2020, Q: "khoa giao"}); err != nil || l.Total != 1 {
			t.Errorf("courses of 2020: %+v, %v", l, err)
		}
		if l, _ := e.svc.ListCourses(e.ctx, e.repYT, CourseFilter{Year: 2021}); l.Total != 0 {
			t.Errorf("courses of 2021: %d", l.Total)
		}
	})
}
