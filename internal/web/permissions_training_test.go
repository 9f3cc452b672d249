package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/training"
)

// Training register: "own" is a staff member (or a participant, or a
// certificate) of the caller's unit, "other" one of SKHCN. The Board's
// specialists and administrators keep every unit's register and the
// courses; a unit's reporter and leader keep their own unit's staff and
// certificates; every signed-in user reads the courses and the figures of
// their scope; the Board's leader reads everything and changes nothing.
var (
	trainingManagers = statuses{200, 403, 200, 403, 403, 403}
	trainingOwn      = func(ok int) statuses { return statuses{ok, 403, ok, ok, ok, 403} }
	trainingAll      = func(ok int) statuses { return statuses{ok, 403, ok, 403, 403, 403} }
)

func init() {
	for k, v := range map[string]map[string]statuses{
		"GET /training/staff":                                             {"-": everyone(200), "own": everyone(200), "other": boardRoles}, // ?unit_id=
		"POST /training/staff":                                            {"own": trainingOwn(201), "other": trainingAll(201)},
		"GET /training/staff.xlsx":                                        {"-": everyone(200), "other": boardRoles},
		"GET /training/staff/{id}":                                        {"own": everyone(200), "other": boardRoles},
		"PATCH /training/staff/{id}":                                      {"own": trainingOwn(200), "other": trainingAll(200)},
		"POST /training/staff/{id}/move":                                  {"own": trainingOwn(200), "other": trainingAll(200)},
		"GET /training/courses":                                           {"-": everyone(200)},
		"POST /training/courses":                                          {"-": trainingAll(201)},
		"GET /training/courses/{id}":                                      {"own": everyone(200), "other": everyone(200)}, // participants filtered by scope
		"PATCH /training/courses/{id}":                                    {"-": trainingManagers},
		"PUT /training/courses/{id}/participants":                         {"-": trainingManagers},
		"POST /training/courses/{id}/participants/{staff_id}/certificate": {"own": trainingOwn(201), "other": trainingAll(201)},
		"GET /training/certificates/{id}":                                 {"own": everyone(200), "other": boardRoles},
		"DELETE /training/certificates/{id}":                              {"own": trainingOwn(204), "other": trainingAll(204)},
		"GET /training/figures":                                           {"-": everyone(200)},
		"GET /training/figures.xlsx":                                      {"-": everyone(200)},
	} {
		expected[k] = v
	}
}

// matrixStaff registers a fresh staff member in unit.
func matrixStaff(t *testing.T, f *fixture, unit org.Unit) training.Staff {
	t.Helper()
	s, err := f.env.Training.CreateStaff(context.Background(), system, training.Staff{UnitID: unit.ID,
		FullName: fmt.Sprintf("Cán Bộ Thử %d", f.next()), Position: "Chuyên viên"})
	if err != nil {
		t.Fatalf("matrix staff: %v", err)
	}
	return s
}

// matrixCourse records a course with the staff attending.
func matrixCourse(t *testing.T, f *fixture, attended ...training.Staff) training.Course {
	t.Helper()
	ctx := context.Background()
	c, err := f.env.Training.CreateCourse(ctx, system, training.Course{Title: fmt.Sprintf("Lớp thử quyền %d", f.next()),
		Organiser: "Ban Tuyên giáo Tỉnh ủy", Kind: training.KindTraining, StartsOn: civil.D(2020, 9, 22), EndsOn: civil.D(2020, 9, 23)})
	if err != nil {
		t.Fatal(err)
	}
	var rows []training.Participant
	for _, s := range attended {
		rows = append(rows, training.Participant{StaffID: s.ID, Attendance: training.Attended})
	}
	if c, err = f.env.Training.SetParticipants(ctx, system, c.ID, c.Version, rows); err != nil {
		t.Fatal(err)
	}
	return c
}

func storedStaff(t *testing.T, f *fixture, id int64) training.Staff {
	t.Helper()
	s, err := f.env.Training.FindStaff(context.Background(), system, id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// trainingRequest builds the matrix cells of the training routes.
func trainingRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if !strings.Contains(key, " /training/") {
		return "", nil, nil, nil, false
	}
	if p, body, hdr, after, ok := trainingStaffRequest(t, f, key, cl, scope); ok {
		return p, body, hdr, after, true
	}
	return trainingCourseRequest(t, f, key, cl, scope)
}

func trainingStaffRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	unit, _ := f.target(cl, scope)
	board := org.ActorFor(&cl.user, "").AllUnits()
	switch key {
	case "GET /training/staff", "GET /training/staff.xlsx":
		mine, theirs := matrixStaff(t, f, cl.unit), matrixStaff(t, f, f.otherUnit)
		p := "/training/staff"
		if key == "GET /training/staff.xlsx" {
			p += ".xlsx"
		}
		if scope != "-" {
			p += path("?unit_id=%d", unit.ID)
		}
		return p, nil, nil, onOK(func(t *testing.T, r resp) {
			if key == "GET /training/staff.xlsx" {
				if !bytes.Contains(r.Body, []byte("PK")) || r.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
					t.Errorf("not a workbook: %s", r.Header.Get("Content-Type"))
				}
				return
			}
			var l listJSON[training.Staff]
			r.decode(t, &l)
			seen := map[int64]bool{}
			for _, s := range l.Items {
				seen[s.ID] = true
				if !board && s.UnitID != cl.unit.ID {
					t.Errorf("%s sees staff %d of unit %d", cl.name, s.ID, s.UnitID)
				}
			}
			if scope != "other" && !seen[mine.ID] || seen[theirs.ID] != (board && scope != "own") {
				t.Errorf("%s (%s) lists own %v, other %v", cl.name, scope, seen[mine.ID], seen[theirs.ID])
			}
		}), true
	case "POST /training/staff":
		name := fmt.Sprintf("Người Mới Thêm %d", f.next())
		return "/training/staff", map[string]any{"unit_id": unit.ID, "full_name": name, "position": "Chuyên viên", "political_level": "trung_cap"}, nil,
			func(t *testing.T, r resp) {
				l, _ := f.env.Training.ListStaff(context.Background(), system, training.StaffFilter{Q: name})
				if (l.Total == 1) != (r.Status == http.StatusCreated) {
					t.Errorf("status %d, %d stored", r.Status, l.Total)
				}
			}, true
	}
	s := matrixStaff(t, f, unit)
	p := path("/training/staff/%d", s.ID)
	switch key {
	case "GET /training/staff/{id}":
		return p, nil, nil, onOK(func(t *testing.T, r resp) {
			var got training.Staff
			if r.decode(t, &got); got.ID != s.ID || r.Header.Get("ETag") == "" {
				t.Errorf("got %+v", got)
			}
		}), true
	case "PATCH /training/staff/{id}":
		pos := fmt.Sprintf("Trưởng phòng %d", f.next())
		return p, map[string]any{"position": pos, "version": s.Version}, nil, func(t *testing.T, r resp) {
			if changed := storedStaff(t, f, s.ID).Position == pos; changed != (r.Status == http.StatusOK) {
				t.Errorf("status %d, changed %v", r.Status, changed)
			}
		}, true
	case "POST /training/staff/{id}/move":
		to := f.env.Unit(t, "HKH")
		return p + "/move", map[string]any{"version": s.Version, "to_unit_id": to.ID, "moved_on": "2020-07-01"}, nil, func(t *testing.T, r resp) {
			got := storedStaff(t, f, s.ID)
			if (got.UnitID == to.ID && len(got.Moves) == 1) != (r.Status == http.StatusOK) {
				t.Errorf("status %d, unit %d, %d moves", r.Status, got.UnitID, len(got.Moves))
			}
		}, true
	}
	return "", nil, nil, nil, false
}

func trainingCourseRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	ctx := context.Background()
	unit, _ := f.target(cl, scope)
	board := org.ActorFor(&cl.user, "").AllUnits()
	switch key {
	case "GET /training/courses":
		return "/training/courses?year=2020", nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[training.Course]
			if r.decode(t, &l); l.Total == 0 {
				t.Error("no course of 2020 listed")
			}
		}), true
	case "POST /training/courses":
		title := fmt.Sprintf("Lớp mới thử quyền %d", f.next())
		body := map[string]any{"title": title, "organiser": "Ban Tuyên giáo Tỉnh ủy", "kind": "refresher", "starts_on": "2021-05-10", "ends_on": "2021-05-11"}
		return "/training/courses", body, nil, func(t *testing.T, r resp) {
			l, _ := f.env.Training.ListCourses(ctx, system, training.CourseFilter{Q: title})
			if (l.Total == 1) != (r.Status == http.StatusCreated) {
				t.Errorf("status %d, %d stored", r.Status, l.Total)
			}
		}, true
	case "GET /training/figures":
		return "/training/figures?year=2020", nil, nil, onOK(func(t *testing.T, r resp) {
			var st training.Stats
			if r.decode(t, &st); !board && (len(st.Rows) != 1 || st.Rows[0].UnitID != cl.unit.ID) {
				t.Errorf("%s sees rows %+v", cl.name, st.Rows)
			}
		}), true
	case "GET /training/figures.xlsx":
		return "/training/figures.xlsx?year=2020", nil, nil, onOK(func(t *testing.T, r resp) {
			if !bytes.HasPrefix(r.Body, []byte("PK")) || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") {
				t.Errorf("not a workbook download: %q", r.Header.Get("Content-Disposition"))
			}
		}), true
	}
	s := matrixStaff(t, f, unit)
	c := matrixCourse(t, f, s)
	p := path("/training/courses/%d", c.ID)
	switch key {
	case "GET /training/courses/{id}":
		return p, nil, nil, onOK(func(t *testing.T, r resp) {
			var got training.Course
			r.decode(t, &got)
			if shown := len(got.Participants) == 1; shown != (board || scope == "own") || got.Attended != 1 {
				t.Errorf("%s (%s) sees %d participants, attended %d", cl.name, scope, len(got.Participants), got.Attended)
			}
		}), true
	case "PATCH /training/courses/{id}":
		place := fmt.Sprintf("Hội trường %d", f.next())
		return p, map[string]any{"place": place, "version": c.Version}, nil, func(t *testing.T, r resp) {
			got, _ := f.env.Training.FindCourse(ctx, system, c.ID)
			if (got.Place == place) != (r.Status == http.StatusOK) {
				t.Errorf("status %d, place %q", r.Status, got.Place)
			}
		}, true
	case "PUT /training/courses/{id}/participants":
		body := map[string]any{"version": c.Version, "participants": []map[string]any{{"staff_id": s.ID, "attendance": "absent"}}}
		return p + "/participants", body, nil, func(t *testing.T, r resp) {
			got, _ := f.env.Training.FindCourse(ctx, system, c.ID)
			if (got.Attended == 0) != (r.Status == http.StatusOK) {
				t.Errorf("status %d, attended %d", r.Status, got.Attended)
			}
		}, true
	case "POST /training/courses/{id}/participants/{staff_id}/certificate":
		ctype, body := multipartFile(t, "file", "chung-chi.pdf", attachmentPDF)
		return path("%s/participants/%d/certificate", p, s.ID), body, []string{"Content-Type", ctype}, func(t *testing.T, r resp) {
			got, _ := f.env.Training.FindCourse(ctx, system, c.ID)
			if (len(got.Participants[0].Certificates) == 1) != (r.Status == http.StatusCreated) {
				t.Errorf("status %d, %d certificates", r.Status, len(got.Participants[0].Certificates))
			}
		}, true
	}
	file, err := f.env.Training.AttachCertificate(ctx, system, c.ID, s.ID, "chung-chi.pdf", attachmentPDF)
	if err != nil {
		t.Fatal(err)
	}
	switch key {
	case "GET /training/certificates/{id}":
		return path("/training/certificates/%d", file.ID), nil, nil, onOK(func(t *testing.T, r resp) {
			if !bytes.Equal(r.Body, attachmentPDF) || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") {
				t.Errorf("download: %q, %d bytes", r.Header.Get("Content-Disposition"), len(r.Body))
			}
		}), true
	case "DELETE /training/certificates/{id}":
		return path("/training/certificates/%d", file.ID), nil, nil, func(t *testing.T, r resp) {
			got, _ := f.env.Training.FindCourse(ctx, system, c.ID)
			if (len(got.Participants[0].Certificates) == 0) != (r.Status == http.StatusNoContent) {
				t.Errorf("status %d, %d certificates", r.Status, len(got.Participants[0].Certificates))
			}
		}, true
	}
	return "", nil, nil, nil, false
}
