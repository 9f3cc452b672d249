package ui

import (
	"context"
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type moveRow struct {
	training.Move
	FromName, ToName string
}

type staffFormPage struct {
	S         training.Staff
	Birth     string
	IsNew     bool
	CanEdit   bool
	Units     []org.Unit // units a new staff member may be put in
	UnitName  string
	Levels    []trainingOption
	Moves     []moveRow
	MoveUnits []org.Unit // units a move may go to
	MoveTo    int64
	MoveOn    string
	MoveNote  string
}

// allUnits lists every active unit: a move may go anywhere, and unit
// names are no secret.
func (u *ui) allUnits(ctx context.Context) ([]org.Unit, error) {
	active := true
	l, err := u.Org.ListUnits(ctx, org.SystemActor("training"), org.UnitFilter{Active: &active, Limit: 1000})
	return l.Items, err
}

// staffForm builds the form page of a new (id 0) or stored staff member.
func (u *ui) staffForm(ctx context.Context, p *Page, s training.Staff) (*staffFormPage, error) {
	a := p.Actor
	d := &staffFormPage{S: s, IsNew: s.ID == 0, Levels: levelOptions(p.Lang), MoveOn: vntext.FormatDate(u.now())}
	if !s.BirthDate.IsZero() {
		d.Birth = vntext.FormatDate(s.BirthDate.In(vntext.Location))
	}
	all, err := u.allUnits(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, x := range all {
		names[x.ID] = x.Name
		if training.CanManageUnit(a, x.ID) {
			d.Units = append(d.Units, x)
		}
		if x.ID != s.UnitID {
			d.MoveUnits = append(d.MoveUnits, x)
		}
	}
	d.CanEdit = d.IsNew || training.CanManageUnit(a, s.UnitID)
	d.UnitName = names[s.UnitID]
	for _, m := range s.Moves {
		d.Moves = append(d.Moves, moveRow{Move: m, FromName: names[m.FromUnitID], ToName: names[m.ToUnitID]})
	}
	return d, nil
}

func (u *ui) trainingStaffNew(w http.ResponseWriter, r *http.Request) error {
	a := httpx.Actor(r.Context())
	if !training.CanManageAll(a) && !training.CanManageUnit(a, a.UnitID) {
		return apperr.Forbidden()
	}
	p := u.page(r, "Thêm cán bộ", "training")
	d, err := u.staffForm(r.Context(), p, training.Staff{UnitID: a.UnitID, Active: true})
	if err != nil {
		return err
	}
	p.Data = d
	return u.render(w, r, "training_staff_form.html", p)
}

// staffFromForm reads the staff fields of the form.
func staffFromForm(r *http.Request) (training.Staff, string, error) {
	r.ParseForm()
	f := r.PostForm
	s := training.Staff{FullName: f.Get("full_name"), Position: f.Get("position"), PoliticalLevel: training.Level(f.Get("political_level")),
		Qualification: f.Get("qualification"), Phone: f.Get("phone"), Email: f.Get("email"), Active: f.Get("active") == "1"}
	s.UnitID, _ = strconv.ParseInt(f.Get("unit_id"), 10, 64)
	s.Version, _ = strconv.Atoi(f.Get("version"))
	birth, err := formDate("birth_date", f.Get("birth_date"))
	s.BirthDate = birth
	return s, f.Get("birth_date"), err
}

func (u *ui) trainingStaffCreate(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	in, birth, err := staffFromForm(r)
	if err == nil {
		var out training.Staff
		if out, err = u.Training.CreateStaff(r.Context(), httpx.Actor(r.Context()), in); err == nil {
			http.Redirect(w, r, "/training/staff/"+strconv.FormatInt(out.ID, 10)+"?done=created", http.StatusSeeOther)
			return nil
		}
	}
	return u.staffFormErr(w, r, err, "Thêm cán bộ", in, birth)
}

// staffFormErr re-renders the form with what was typed and the messages.
func (u *ui) staffFormErr(w http.ResponseWriter, r *http.Request, err error, title string, in training.Staff, birth string) error {
	p := u.page(r, title, "training")
	d, lerr := u.staffForm(r.Context(), p, in)
	if lerr != nil {
		return lerr
	}
	d.Birth = birth
	p.Data = d
	return u.formErr(w, r, err, "training_staff_form.html", p)
}

// trainingStaffView shows /training/staff/{id}: the record as a form, the
// move form and the history of units.
func (u *ui) trainingStaffView(w http.ResponseWriter, r *http.Request) error {
	s, err := u.Training.FindStaff(r.Context(), httpx.Actor(r.Context()), mustID(r))
	if err != nil {
		return err
	}
	p := u.page(r, "Hồ sơ cán bộ", "training")
	d, err := u.staffForm(r.Context(), p, s)
	if err != nil {
		return err
	}
	if msg, ok := trainingFlashes[r.URL.Query().Get("done")]; ok {
		p.Flash = &Flash{Kind: "ok", Text: p.T(msg)}
	}
	p.Data = d
	return u.render(w, r, "training_staff_form.html", p)
}

func (u *ui) trainingStaffUpdate(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	ctx, a, id := r.Context(), httpx.Actor(r.Context()), mustID(r)
	in, birth, err := staffFromForm(r)
	if err == nil {
		if _, err = u.Training.UpdateStaff(ctx, a, id, in); err == nil {
			http.Redirect(w, r, "/training/staff/"+strconv.FormatInt(id, 10)+"?done=updated", http.StatusSeeOther)
			return nil
		}
	}
	stored, ferr := u.Training.FindStaff(ctx, a, id)
	if ferr != nil {
		return ferr
	}
	in.ID, in.UnitID, in.Moves, in.CreatedBy = id, stored.UnitID, stored.Moves, stored.CreatedBy
	if cur, ok := conflictCurrent[training.Staff](err); ok {
		in.Version = cur.Version // a second save overwrites knowingly
	}
	return u.staffFormErr(w, r, err, "Hồ sơ cán bộ", in, birth)
}

func (u *ui) trainingStaffMove(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	ctx, a, id := r.Context(), httpx.Actor(r.Context()), mustID(r)
	r.ParseForm()
	f := r.PostForm
	in := training.MoveInput{Note: f.Get("note")}
	in.ToUnitID, _ = strconv.ParseInt(f.Get("to_unit_id"), 10, 64)
	in.Version, _ = strconv.Atoi(f.Get("version"))
	on, err := formDate("moved_on", f.Get("moved_on"))
	if err == nil && on.IsZero() {
		err = apperr.InvalidField("moved_on", "Nhập ngày chuyển công tác.", "Enter the date of the move.")
	}
	if err == nil {
		in.MovedOn = on
		if _, err = u.Training.MoveStaff(ctx, a, id, in); err == nil {
			// The unit may no longer see the person: back to the register.
			dest := "/training/staff/" + strconv.FormatInt(id, 10) + "?done=moved"
			if !a.CanSeeUnit(in.ToUnitID) {
				dest = "/training?done=moved"
			}
			http.Redirect(w, r, dest, http.StatusSeeOther)
			return nil
		}
	}
	s, ferr := u.Training.FindStaff(ctx, a, id)
	if ferr != nil {
		return ferr
	}
	p := u.page(r, "Hồ sơ cán bộ", "training")
	d, lerr := u.staffForm(ctx, p, s)
	if lerr != nil {
		return lerr
	}
	d.MoveTo, d.MoveOn, d.MoveNote = in.ToUnitID, f.Get("moved_on"), in.Note
	p.Data = d
	return u.formErr(w, r, err, "training_staff_form.html", p)
}
