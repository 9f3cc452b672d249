package ui

import (
	"context"
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// participantRow is a participant with the labels, the form field prefix
// of the service's messages ("participants[i].") and what the reader may do.
type participantRow struct {
	training.Participant
	UnitName, AttendanceLabel, Prefix string
	CanAttach                         bool
}

// staffGroup is the staff of one unit, offered for the participant list.
type staffGroup struct {
	Unit  string
	Staff []training.Staff
}

type coursePage struct {
	C            training.Course
	Heading      string // the stored title while the form shows an edit
	Starts, Ends string
	IsNew        bool
	CanManage    bool
	Kinds        []trainingOption
	Attendances  []trainingOption
	Rows         []participantRow
	Candidates   []staffGroup
}

// coursePage loads a stored course with its participants for the page.
func (u *ui) coursePage(ctx context.Context, p *Page, id int64) (*coursePage, error) {
	a := p.Actor
	c, err := u.Training.FindCourse(ctx, a, id)
	if err != nil {
		return nil, err
	}
	d := &coursePage{C: c, Heading: c.Title, Starts: showCivil(c.StartsOn), Ends: showCivil(c.EndsOn), CanManage: training.CanManageAll(a),
		Kinds: kindOptions(p.Lang)}
	for _, s := range training.Attendances {
		d.Attendances = append(d.Attendances, trainingOption{string(s), s.Label(p.Lang)})
	}
	units, err := u.allUnits(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, x := range units {
		names[x.ID] = x.Name
	}
	listed := map[int64]bool{}
	for i, pt := range c.Participants {
		listed[pt.StaffID] = true
		d.Rows = append(d.Rows, participantRow{Participant: pt, UnitName: names[pt.UnitID], AttendanceLabel: pt.Attendance.Label(p.Lang),
			Prefix: "participants[" + strconv.Itoa(i) + "].", CanAttach: training.CanManageUnit(a, pt.UnitID)})
	}
	if d.CanManage {
		active := true
		l, err := u.Training.ListStaff(ctx, a, training.StaffFilter{Active: &active, Limit: 1000})
		if err != nil {
			return nil, err
		}
		d.Candidates = groupByUnit(l.Items, units, listed)
	}
	return d, nil
}

// groupByUnit groups the staff not yet listed by unit, units in their
// Vietnamese order (the order of units), people in theirs.
func groupByUnit(staff []training.Staff, units []org.Unit, listed map[int64]bool) []staffGroup {
	by := map[int64][]training.Staff{}
	for _, s := range staff {
		if !listed[s.ID] {
			by[s.UnitID] = append(by[s.UnitID], s)
		}
	}
	var out []staffGroup
	for _, x := range units {
		if len(by[x.ID]) > 0 {
			out = append(out, staffGroup{Unit: x.Name, Staff: by[x.ID]})
		}
	}
	return out
}

// trainingCourseView shows /training/courses/{id}.
func (u *ui) trainingCourseView(w http.ResponseWriter, r *http.Request) error {
	p := u.page(r, "Lớp tập huấn, bồi dưỡng", "training")
	d, err := u.coursePage(r.Context(), p, mustID(r))
	if err != nil {
		return err
	}
	if msg, ok := trainingFlashes[r.URL.Query().Get("done")]; ok {
		p.Flash = &Flash{Kind: "ok", Text: p.T(msg)}
	}
	p.Data = d
	return u.render(w, r, "training_course.html", p)
}

// participantsFromForm reads the table: one "staff" value per row with
// its attendance_, result_ and certificate_no_ fields, "remove_" to drop a
// row, and the staff chosen in "add", registered.
func participantsFromForm(r *http.Request) (int, []training.Participant) {
	r.ParseForm()
	f := r.PostForm
	version, _ := strconv.Atoi(f.Get("version"))
	var rows []training.Participant
	seen := map[int64]bool{}
	for _, v := range f["staff"] {
		id, _ := strconv.ParseInt(v, 10, 64)
		if f.Get("remove_"+v) == "1" || seen[id] {
			continue
		}
		seen[id] = true
		rows = append(rows, training.Participant{StaffID: id, Attendance: training.Attendance(f.Get("attendance_" + v)),
			Result: f.Get("result_" + v), CertificateNo: f.Get("certificate_no_" + v)})
	}
	for _, v := range f["add"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && !seen[id] {
			seen[id] = true
			rows = append(rows, training.Participant{StaffID: id, Attendance: training.Registered})
		}
	}
	return version, rows
}

// trainingParticipants saves the whole participant table.
func (u *ui) trainingParticipants(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	ctx, a, id := r.Context(), httpx.Actor(r.Context()), mustID(r)
	version, rows := participantsFromForm(r)
	_, err := u.Training.SetParticipants(ctx, a, id, version, rows)
	if err == nil {
		http.Redirect(w, r, courseURL(id)+"?done=participants#participants", http.StatusSeeOther)
		return nil
	}
	p := u.page(r, "Lớp tập huấn, bồi dưỡng", "training")
	d, lerr := u.coursePage(ctx, p, id)
	if lerr != nil {
		return lerr
	}
	u.keepTyped(ctx, p, d, rows)
	p.Data = d
	return u.formErr(w, r, err, "training_course.html", p)
}

// keepTyped shows the rows as they were sent, so nothing typed is lost
// when the service refuses the list.
func (u *ui) keepTyped(ctx context.Context, p *Page, d *coursePage, rows []training.Participant) {
	known := map[int64]participantRow{}
	for _, r := range d.Rows {
		known[r.StaffID] = r
	}
	d.Rows = nil
	for i, in := range rows {
		row, ok := known[in.StaffID]
		if !ok {
			s, err := u.Training.FindStaff(ctx, p.Actor, in.StaffID)
			if err != nil {
				continue
			}
			row = participantRow{Participant: training.Participant{StaffID: s.ID, StaffName: s.FullName, UnitID: s.UnitID}}
		}
		row.Attendance, row.Result, row.CertificateNo = in.Attendance, in.Result, in.CertificateNo
		row.Prefix = "participants[" + strconv.Itoa(i) + "]."
		d.Rows = append(d.Rows, row)
	}
}
