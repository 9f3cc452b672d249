package api

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// trainingRoutes are the staff training register's endpoints.
func (a *api) trainingRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/training/staff", Handler: a.listTrainingStaff},
		{Method: "POST", Path: "/training/staff", Handler: a.createTrainingStaff},
		{Method: "GET", Path: "/training/staff.xlsx", Handler: a.trainingStaffXLSX},
		{Method: "GET", Path: "/training/staff/{id}", Handler: a.getTrainingStaff},
		{Method: "PATCH", Path: "/training/staff/{id}", Handler: a.patchTrainingStaff},
		{Method: "POST", Path: "/training/staff/{id}/move", Handler: a.moveTrainingStaff},
		{Method: "GET", Path: "/training/courses", Handler: a.listTrainingCourses},
		{Method: "POST", Path: "/training/courses", Handler: a.createTrainingCourse},
		{Method: "GET", Path: "/training/courses/{id}", Handler: a.getTrainingCourse},
		{Method: "PATCH", Path: "/training/courses/{id}", Handler: a.patchTrainingCourse},
		{Method: "PUT", Path: "/training/courses/{id}/participants", Handler: a.putTrainingParticipants},
		{Method: "POST", Path: "/training/courses/{id}/participants/{staff_id}/certificate", Handler: a.attachTrainingCertificate},
		{Method: "GET", Path: "/training/certificates/{id}", Handler: a.downloadTrainingCertificate},
		{Method: "DELETE", Path: "/training/certificates/{id}", Handler: a.detachTrainingCertificate},
		{Method: "GET", Path: "/training/figures", Handler: a.trainingFigures},
		{Method: "GET", Path: "/training/figures.xlsx", Handler: a.trainingFiguresXLSX},
	}
}

// staffFilter reads ?q=&unit_id=&active=&limit=&offset=.
func staffFilter(r *http.Request) (training.StaffFilter, error) {
	var f training.StaffFilter
	unitID, err := httpx.QueryInt(r, "unit_id", 0)
	if err != nil {
		return f, err
	}
	limit, err := httpx.QueryInt(r, "limit", 200)
	if err != nil {
		return f, err
	}
	offset, err := httpx.QueryInt(r, "offset", 0)
	if err != nil {
		return f, err
	}
	f = training.StaffFilter{UnitID: unitID, Q: r.URL.Query().Get("q"), Limit: int(limit), Offset: int(offset)}
	switch r.URL.Query().Get("active") {
	case "":
	case "true", "1":
		f.Active = ptr(true)
	case "false", "0":
		f.Active = ptr(false)
	default:
		return f, apperr.InvalidField("active", "active là true hoặc false.", "active is true or false.")
	}
	return f, nil
}

func ptr[T any](v T) *T { return &v }

func (a *api) listTrainingStaff(w http.ResponseWriter, r *http.Request) error {
	f, err := staffFilter(r)
	if err != nil {
		return err
	}
	l, err := a.Training.ListStaff(r.Context(), httpx.Actor(r.Context()), f)
	if err != nil {
		return err
	}
	return ok(w, l)
}

func (a *api) createTrainingStaff(w http.ResponseWriter, r *http.Request) error {
	var in training.Staff
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Training.CreateStaff(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/training/staff/"+strconv.FormatInt(out.ID, 10))
	return created(w, out)
}

func (a *api) getTrainingStaff(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	s, err := a.Training.FindStaff(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(s.Version)))
	return ok(w, s)
}

// patchTrainingStaff applies the fields sent over the stored record.
func (a *api) patchTrainingStaff(w http.ResponseWriter, r *http.Request) error {
	return patchOver(w, r, nil, a.Training.FindStaff, func(s *training.Staff) *int { return &s.Version }, a.Training.UpdateStaff)
}

func (a *api) moveTrainingStaff(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in training.MoveInput
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, &in.Version)
	out, err := a.Training.MoveStaff(r.Context(), httpx.Actor(r.Context()), id, in)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (a *api) listTrainingCourses(w http.ResponseWriter, r *http.Request) error {
	year, err := httpx.QueryInt(r, "year", 0)
	if err != nil {
		return err
	}
	limit, err := httpx.QueryInt(r, "limit", 100)
	if err != nil {
		return err
	}
	offset, err := httpx.QueryInt(r, "offset", 0)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	l, err := a.Training.ListCourses(r.Context(), httpx.Actor(r.Context()), training.CourseFilter{Year: int(year),
		Kind: training.Kind(q.Get("kind")), Q: q.Get("q"), Limit: int(limit), Offset: int(offset)})
	if err != nil {
		return err
	}
	return ok(w, l)
}

func (a *api) createTrainingCourse(w http.ResponseWriter, r *http.Request) error {
	var in training.Course
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Training.CreateCourse(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/training/courses/"+strconv.FormatInt(out.ID, 10))
	return created(w, out)
}

func (a *api) getTrainingCourse(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := a.Training.FindCourse(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(c.Version)))
	return ok(w, c)
}

func (a *api) patchTrainingCourse(w http.ResponseWriter, r *http.Request) error {
	return patchOver(w, r, training.CanManageAll, a.Training.FindCourse, func(c *training.Course) *int { return &c.Version }, a.Training.UpdateCourse)
}

// participantsInput is the whole participant list and the course's version.
type participantsInput struct {
	Version      int                    `json:"version"`
	Participants []training.Participant `json:"participants"`
}

func (a *api) putTrainingParticipants(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in participantsInput
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, &in.Version)
	out, err := a.Training.SetParticipants(r.Context(), httpx.Actor(r.Context()), id, in.Version, in.Participants)
	if err != nil {
		return err
	}
	return ok(w, out)
}

// attachTrainingCertificate stores the multipart field "file" (PDF, image;
// 20 MB at most, judged by content) with a participant.
func (a *api) attachTrainingCertificate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	staffID, err := httpx.PathID(r, "staff_id")
	if err != nil {
		return err
	}
	name, data, err := httpx.ReadAttachment(w, r, "file")
	if err != nil {
		return err
	}
	f, err := a.Training.AttachCertificate(r.Context(), httpx.Actor(r.Context()), id, staffID, name, data)
	if err != nil {
		return err
	}
	return created(w, f)
}

// downloadTrainingCertificate sends a certificate as an attachment, never inline.
func (a *api) downloadTrainingCertificate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	f, data, err := a.Training.CertificateFile(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	httpx.Download(w, f.Name, f.ContentType, data)
	return nil
}

func (a *api) detachTrainingCertificate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.Training.DetachCertificate(r.Context(), httpx.Actor(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
