package demo

import (
	"context"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/training"
)

// trainee is a demo staff member and the courses they attended (by year:
// 2018, 2020; "absent" for a place they did not take).
type trainee struct {
	name, position string
	born           civil.Date
	level          training.Level
	qualification  string
	y2018, y2020   string // "attended", "absent" or ""
}

// trainees are the staff doing science–education work in the Board and the
// Bloc in 2020 (plausible, invented), the units' focal points among them.
var trainees = map[string][]trainee{
	Board: {
		{"Nguyễn Thị Khánh Linh", "Chuyên viên Phòng Khoa giáo", civil.D(1986, 4, 12), training.LevelBachelor, "Thạc sĩ Chính trị học", "attended", "attended"},
		{"Hồ Văn Thanh", "Trưởng phòng Khoa giáo", civil.D(1972, 8, 3), training.LevelAdvanced, "Cử nhân Sư phạm Ngữ văn", "attended", ""},
	},
	"SGDDT": {
		{"Nguyễn Thị Hoa", "Chuyên viên Văn phòng Sở", civil.D(1988, 11, 20), training.LevelMiddle, "Cử nhân Sư phạm Toán", "attended", "attended"},
		{"Lê Quang Vinh", "Phó Chánh Văn phòng Sở", civil.D(1979, 2, 14), training.LevelAdvanced, "Thạc sĩ Quản lý giáo dục", "", "attended"},
		{"Trương Thị Ngọc Ánh", "Chuyên viên Phòng Giáo dục trung học", civil.D(1991, 6, 5), training.LevelBasic, "Cử nhân Sư phạm Lịch sử", "", ""},
	},
	"SYT": {
		{"Lê Thị Thu Hà", "Chuyên viên Văn phòng Sở", civil.D(1987, 9, 9), training.LevelMiddle, "Bác sĩ Y học dự phòng", "attended", "attended"},
		{"Nguyễn Hữu Phước", "Trưởng phòng Nghiệp vụ Y", civil.D(1975, 12, 1), training.LevelAdvanced, "Bác sĩ chuyên khoa II", "", "absent"},
	},
	"SKHCN": {
		{"Hoàng Văn Nam", "Chuyên viên Phòng Quản lý khoa học", civil.D(1985, 3, 27), training.LevelMiddle, "Thạc sĩ Công nghệ thông tin", "", "attended"},
		{"Cao Thị Thảo", "Chuyên viên Văn phòng Sở", civil.D(1990, 1, 18), training.LevelBasic, "Kỹ sư Công nghệ sinh học", "attended", ""},
	},
	"STNMT": {
		{"Võ Thị Mai", "Chuyên viên Chi cục Bảo vệ môi trường", civil.D(1989, 5, 30), training.LevelMiddle, "Kỹ sư Môi trường", "", "attended"},
		{"Phan Đình Khoa", "Phó Chánh Văn phòng Sở", civil.D(1980, 10, 10), training.LevelAdvanced, "Thạc sĩ Quản lý tài nguyên và môi trường", "", ""},
	},
	"SLDTBXH": {
		{"Bùi Thị Hằng", "Chuyên viên Phòng Bảo trợ xã hội", civil.D(1986, 7, 22), training.LevelMiddle, "Cử nhân Công tác xã hội", "attended", "attended"},
		{"Lý Văn Tâm", "Chuyên viên Văn phòng Sở", civil.D(1993, 4, 4), training.LevelNone, "Cử nhân Luật", "", "absent"},
	},
	"BAOTINH": {
		{"Phan Thanh Tùng", "Phó Trưởng phòng Thời sự", civil.D(1984, 2, 2), training.LevelMiddle, "Cử nhân Báo chí", "attended", "attended"},
		{"Đoàn Thị Quỳnh", "Phóng viên", civil.D(1992, 8, 16), training.LevelBasic, "Cử nhân Báo chí", "", "attended"},
	},
	"DPTTH": {
		{"Huỳnh Văn Sơn", "Trưởng phòng Thời sự", civil.D(1978, 11, 11), training.LevelAdvanced, "Cử nhân Báo chí", "attended", ""},
		{"Tôn Nữ Diệu Hiền", "Biên tập viên", civil.D(1990, 12, 24), training.LevelBasic, "Cử nhân Ngữ văn", "", ""},
	},
	"LHHKHKT": {
		{"Trương Công Minh", "Chánh Văn phòng Liên hiệp hội", civil.D(1976, 6, 6), training.LevelAdvanced, "Kỹ sư Nông học", "", "attended"},
	},
	"HKH": {
		{"Đinh Văn Lợi", "Phó Chủ tịch Hội", civil.D(1962, 3, 8), training.LevelAdvanced, "Cử nhân Sư phạm Vật lý", "attended", "attended"},
	},
}

// trainingCourses are the two courses of the demo: the Board's fostering
// course of 2018 and, after the conference of 30 June 2020 asked the units
// to train their staff, its training course of September 2020.
var trainingCourses = []struct {
	c        training.Course
	year     int
	created  civil.Date
	finished civil.Date
}{
	{training.Course{Title: "Bồi dưỡng nghiệp vụ công tác khoa giáo năm 2018", Organiser: "Ban Tuyên giáo Tỉnh ủy", Kind: training.KindFostering,
		StartsOn: civil.D(2018, 10, 16), EndsOn: civil.D(2018, 10, 17), Place: "Trường Chính trị Lê Duẩn"}, 2018, civil.D(2018, 9, 20), civil.D(2018, 10, 18)},
	{training.Course{Title: "Tập huấn nghiệp vụ công tác khoa giáo năm 2020", Organiser: "Ban Tuyên giáo Tỉnh ủy", Kind: training.KindTraining,
		StartsOn: civil.D(2020, 9, 22), EndsOn: civil.D(2020, 9, 23), Place: "Hội trường Tỉnh ủy"}, 2020, civil.D(2020, 8, 25), civil.D(2020, 9, 24)},
}

// loadTraining registers the staff (once: skipped when the register holds
// anyone) and records the courses with who attended (each course once, by
// title), through the service, as the Board's specialist.
func loadTraining(ctx context.Context, d Deps, ids map[string]int64) error {
	clock := &demoClock{t: ict(2018, 9, 3, 8, 0)}
	svc := training.NewService(d.Org.DB(), clock.now)
	users, err := actors(ctx, d.Org)
	if err != nil {
		return err
	}
	cv := users["chuyenvien"]
	if cv.UserID == 0 {
		return fmt.Errorf("demo: training: the Board specialist is missing")
	}
	staff, created, err := ensureTrainees(ctx, svc, cv, ids)
	if err != nil {
		return err
	}
	for _, tc := range trainingCourses {
		if err := ensureCourse(ctx, svc, clock, cv, tc.c, tc.year, tc.created, tc.finished, staff); err != nil {
			return fmt.Errorf("demo: course %q: %w", tc.c.Title, err)
		}
		if tc.year == 2018 && created {
			if err := moveTrainee(ctx, svc, clock, cv, staff, ids); err != nil {
				return err
			}
		}
	}
	return nil
}

// The demo's move: a reporter of the provincial newspaper joined the radio
// and television station in July 2019 (she is registered at the newspaper,
// then moved, so the history shows it).
const (
	movedTrainee  = "Tôn Nữ Diệu Hiền"
	movedFromUnit = "BAOTINH"
)

func moveTrainee(ctx context.Context, svc *training.Service, clock *demoClock, cv org.Actor, staff map[string]training.Staff, ids map[string]int64) error {
	s := staff[movedTrainee]
	clock.t = ict(2019, 7, 1, 9, 0)
	moved, err := svc.MoveStaff(ctx, cv, s.ID, training.MoveInput{Version: s.Version, ToUnitID: ids["DPTTH"], MovedOn: civil.D(2019, 7, 1),
		Note: "Điều động theo Quyết định số 112/QĐ-UBND ngày 24/6/2019"})
	if err != nil {
		return fmt.Errorf("demo: move %s: %w", movedTrainee, err)
	}
	staff[movedTrainee] = moved
	return nil
}

// ensureTrainees returns the register by name, creating it when empty.
func ensureTrainees(ctx context.Context, svc *training.Service, cv org.Actor, ids map[string]int64) (map[string]training.Staff, bool, error) {
	out := map[string]training.Staff{}
	l, err := svc.ListStaff(ctx, cv, training.StaffFilter{Limit: 1000})
	if err != nil {
		return nil, false, err
	}
	created := l.Total == 0
	if created {
		for _, u := range Units {
			for _, p := range trainees[u.Code] {
				unit := u.Code
				if p.name == movedTrainee {
					unit = movedFromUnit
				}
				s, err := svc.CreateStaff(ctx, cv, training.Staff{UnitID: ids[unit], FullName: p.name, Position: p.position,
					BirthDate: p.born, PoliticalLevel: p.level, Qualification: p.qualification})
				if err != nil {
					return nil, false, fmt.Errorf("demo: staff %s: %w", p.name, err)
				}
				l.Items = append(l.Items, s)
			}
		}
	}
	for _, s := range l.Items {
		out[s.FullName] = s
	}
	return out, created, nil
}

func ensureCourse(ctx context.Context, svc *training.Service, clock *demoClock, cv org.Actor, c training.Course, year int,
	created, finished civil.Date, staff map[string]training.Staff) error {
	l, err := svc.ListCourses(ctx, cv, training.CourseFilter{Year: year, Limit: 1000})
	if err != nil {
		return err
	}
	for _, x := range l.Items {
		if x.Title == c.Title {
			return nil
		}
	}
	clock.t = ict(created.Year, created.Month, created.Day, 9, 0)
	c, err = svc.CreateCourse(ctx, cv, c)
	if err != nil {
		return err
	}
	var rows []training.Participant
	for _, u := range Units {
		for _, p := range trainees[u.Code] {
			s, ok := staff[p.name]
			att := p.y2018
			if year == 2020 {
				att = p.y2020
			}
			if !ok || att == "" {
				continue
			}
			row := training.Participant{StaffID: s.ID, Attendance: training.Attendance(att)}
			if row.Attendance == training.Attended {
				row.Result = "Hoàn thành"
				row.CertificateNo = fmt.Sprintf("%d/GCN-BTGTU-%03d", year, len(rows)+1)
			}
			rows = append(rows, row)
		}
	}
	clock.t = ict(finished.Year, finished.Month, finished.Day, 16, 0)
	_, err = svc.SetParticipants(ctx, cv, c.ID, c.Version, rows)
	return err
}
