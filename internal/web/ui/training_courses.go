package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type courseRow struct {
	training.Course
	Label string
}

type trainingCoursesPage struct {
	Year      int
	Years     []int
	Kind      string
	Kinds     []trainingOption
	Q         string
	Rows      []courseRow
	Total     int
	CanManage bool
}

// trainingCourseList shows /training/courses: the courses of a year (all
// years when none is chosen), latest first.
func (u *ui) trainingCourseList(w http.ResponseWriter, r *http.Request) error {
	ctx, a, q := r.Context(), httpx.Actor(r.Context()), r.URL.Query()
	p := u.page(r, "Lớp tập huấn, bồi dưỡng", "training")
	d := &trainingCoursesPage{Q: q.Get("q"), Kinds: kindOptions(p.Lang), CanManage: training.CanManageAll(a)}
	d.Year, _ = strconv.Atoi(q.Get("year"))
	this := civil.Of(u.now(), vntext.Location).Year
	for y := this + 1; y >= this-7; y-- {
		d.Years = append(d.Years, y)
	}
	f := training.CourseFilter{Year: d.Year, Q: d.Q, Limit: 500}
	if k := training.Kind(q.Get("kind")); k.Valid() {
		d.Kind, f.Kind = string(k), k
	}
	l, err := u.Training.ListCourses(ctx, a, f)
	if err != nil {
		return err
	}
	d.Total = l.Total
	for _, c := range l.Items {
		d.Rows = append(d.Rows, courseRow{Course: c, Label: c.Kind.Label(p.Lang)})
	}
	if msg, ok := trainingFlashes[q.Get("done")]; ok {
		p.Flash = &Flash{Kind: "ok", Text: p.T(msg)}
	}
	p.Data = d
	return u.render(w, r, "training_courses.html", p)
}

func (u *ui) trainingCourseNew(w http.ResponseWriter, r *http.Request) error {
	if !training.CanManageAll(httpx.Actor(r.Context())) {
		return apperr.Forbidden()
	}
	p := u.page(r, "Thêm lớp tập huấn, bồi dưỡng", "training")
	p.Data = &coursePage{IsNew: true, C: training.Course{Kind: training.KindTraining}, Kinds: kindOptions(p.Lang), CanManage: true}
	return u.render(w, r, "training_course.html", p)
}

// courseFromForm reads the course fields of the form.
func courseFromForm(r *http.Request) (training.Course, string, string, error) {
	r.ParseForm()
	f := r.PostForm
	c := training.Course{Title: f.Get("title"), Organiser: f.Get("organiser"), Kind: training.Kind(f.Get("kind")), Place: f.Get("place")}
	c.Version, _ = strconv.Atoi(f.Get("version"))
	starts, err := formDate("starts_on", f.Get("starts_on"))
	ends, err2 := formDate("ends_on", f.Get("ends_on"))
	if err == nil {
		err = err2
	}
	c.StartsOn, c.EndsOn = starts, ends
	return c, f.Get("starts_on"), f.Get("ends_on"), err
}

func (u *ui) trainingCourseCreate(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	in, starts, ends, err := courseFromForm(r)
	if err == nil {
		var out training.Course
		if out, err = u.Training.CreateCourse(r.Context(), httpx.Actor(r.Context()), in); err == nil {
			http.Redirect(w, r, courseURL(out.ID)+"?done=course", http.StatusSeeOther)
			return nil
		}
	}
	p := u.page(r, "Thêm lớp tập huấn, bồi dưỡng", "training")
	p.Data = &coursePage{IsNew: true, C: in, Starts: starts, Ends: ends, Kinds: kindOptions(p.Lang), CanManage: true}
	return u.formErr(w, r, err, "training_course.html", p)
}

func (u *ui) trainingCourseUpdate(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	ctx, a, id := r.Context(), httpx.Actor(r.Context()), mustID(r)
	in, starts, ends, err := courseFromForm(r)
	if err == nil {
		if _, err = u.Training.UpdateCourse(ctx, a, id, in); err == nil {
			http.Redirect(w, r, courseURL(id)+"?done=course", http.StatusSeeOther)
			return nil
		}
	}
	p := u.page(r, "Lớp tập huấn, bồi dưỡng", "training")
	d, lerr := u.coursePage(ctx, p, id)
	if lerr != nil {
		return lerr
	}
	title := d.C.Title
	in.ID, in.Participants, in.Attended = id, d.C.Participants, d.C.Attended
	if cur, ok := conflictCurrent[training.Course](err); ok {
		in.Version = cur.Version
	}
	d.C, d.Starts, d.Ends, d.Heading = in, starts, ends, title
	p.Data = d
	return u.formErr(w, r, err, "training_course.html", p)
}

func courseURL(id int64) string { return "/training/courses/" + strconv.FormatInt(id, 10) }
