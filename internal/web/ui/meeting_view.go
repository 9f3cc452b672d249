package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// agendaRow is an agenda item as a row of the form.
type agendaRow struct {
	meeting.AgendaItem
	RegimeID string // "" or the id, for the select
}

// attendanceRow is one invited unit in the attendance grid.
type attendanceRow struct {
	Unit meeting.UnitRef
	meeting.Attendance
}

// itemRow is a conclusion item as a row of the editor.
type itemRow struct {
	meeting.Item
	LeadCode, SupportCodes, Due string
	Task                        *task.Task // after issue
}

// minutesConflict is shown when the minutes form (without script) met a
// newer stored text: both texts, side by side.
type minutesConflict struct {
	Theirs, Mine string
}

type meetingPage struct {
	D           meeting.Detail
	CanManage   bool
	CanIssue    bool
	IsBoard     bool
	Agenda      []agendaRow
	Regimes     []reporting.Regime
	Attendance  []attendanceRow
	Statuses    []meeting.AttendanceStatus
	Items       []itemRow
	Recipients  string
	Minutes     string
	MinutesV    int
	Conflict    *minutesConflict
	MinutesAPI  string
	DocxURL     string
	AgendaTitle map[int64]string // agenda item id → title, for files
}

// meetingPageData loads everything the conference page shows; a POST that
// fails replaces the part it sent before rendering again.
func (u *ui) meetingPageData(r *http.Request) (*meetingPage, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	ctx, a := r.Context(), httpx.Actor(r.Context())
	det, err := u.Meeting.Detail(ctx, a, id)
	if err != nil {
		return nil, err
	}
	d := &meetingPage{D: det, CanManage: meeting.CanManage(a),
		CanIssue: meeting.CanIssue(a), IsBoard: a.AllUnits(), Statuses: meeting.AttendanceStatuses,
		Minutes: det.Minutes.Text, MinutesV: det.Minutes.Version, AgendaTitle: map[int64]string{},
		MinutesAPI: "/api/v1/meetings/" + strconv.FormatInt(id, 10) + "/minutes",
		DocxURL:    "/api/v1/meetings/" + strconv.FormatInt(id, 10) + "/conclusion.docx"}
	for _, it := range det.Agenda {
		d.Agenda = append(d.Agenda, agendaRow{AgendaItem: it, RegimeID: idText(it.RegimeID)})
		d.AgendaTitle[it.ID] = it.Title
	}
	d.Agenda = append(d.Agenda, make([]agendaRow, blankRows)...)
	byUnit := map[int64]meeting.Attendance{}
	for _, row := range det.Attendance {
		byUnit[row.UnitID] = row
	}
	for _, unit := range det.Units {
		d.Attendance = append(d.Attendance, attendanceRow{Unit: unit, Attendance: byUnit[unit.ID]})
	}
	var tasks map[int64]task.Task
	if det.Conclusion.Issued() {
		if tasks, err = u.Meeting.ConclusionTasks(ctx, a, id); err != nil {
			return nil, err
		}
	}
	d.setItems(det.Conclusion.Items, tasks)
	d.Recipients = strings.Join(det.Conclusion.Recipients, "\n")
	if d.CanManage {
		if d.Regimes, err = u.Reporting.ListRegimes(ctx, a); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// setItems fills the conclusion editor's rows (and blank rows to add
// more while the notice is a draft).
func (d *meetingPage) setItems(items []meeting.Item, tasks map[int64]task.Task) {
	d.Items = nil
	for _, it := range items {
		row := itemRow{Item: it}
		if it.LeadUnit != nil {
			row.LeadCode = it.LeadUnit.Code
		}
		codes := make([]string, len(it.SupportUnits))
		for i, s := range it.SupportUnits {
			codes[i] = s.Code
		}
		row.SupportCodes = strings.Join(codes, ", ")
		if !it.Due.IsZero() {
			row.Due = vntext.FormatDate(it.Due.In(vntext.Location))
		}
		if t, ok := tasks[it.ID]; ok {
			row.Task = &t
		}
		d.Items = append(d.Items, row)
	}
	if !d.D.Conclusion.Issued() {
		d.Items = append(d.Items, make([]itemRow, blankRows)...)
	}
}

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// peopleLines writes the invited people one per line by name; a user
// stays linked to their account while their line is unchanged
// (meetingUpdate), and "@username" lines invite more users.
func peopleLines(ps []meeting.Person) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Name
	}
	return strings.Join(lines, "\n")
}

var meetingDone = map[string]string{
	"create": "Đã thêm hội nghị.", "save": "Đã lưu.", "agenda": "Đã lưu chương trình.", "attendance": "Đã lưu điểm danh.",
	"minutes": "Đã lưu biên bản.", "conclusion": "Đã lưu dự thảo thông báo kết luận.", "attach": "Đã đính kèm tệp.",
	"detach": "Đã xóa tệp đính kèm.", "issue": "Đã ban hành thông báo kết luận và giao nhiệm vụ cho các đơn vị.",
}

// meetingView shows a conference: details, agenda, attendance, minutes,
// the conclusion notice and the files.
func (u *ui) meetingView(w http.ResponseWriter, r *http.Request) error {
	d, err := u.meetingPageData(r)
	if err != nil {
		return err
	}
	p := u.page(r, "Hội nghị", "meetings")
	if msg, ok := meetingDone[r.URL.Query().Get("done")]; ok {
		p.Flash = &Flash{Kind: "ok", Text: p.T(msg)}
	}
	p.Data = d
	return u.render(w, r, "meeting.html", p)
}

// meetingEdit shows the details form of a conference.
func (u *ui) meetingEdit(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if !meeting.CanManage(a) {
		return apperr.Forbidden()
	}
	m, err := u.Meeting.Find(ctx, a, mustID(r))
	if err != nil {
		return err
	}
	d := newMeetingForm(m, false)
	d.People = peopleLines(m.People)
	p := u.page(r, "Sửa thông tin hội nghị", "meetings")
	p.Data = d
	return u.render(w, r, "meeting_form.html", p)
}

// meetingUpdate saves the details form (with the conference's version).
func (u *ui) meetingUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if !meeting.CanManage(a) {
		return apperr.Forbidden()
	}
	cur, err := u.Meeting.Find(ctx, a, mustID(r))
	if err != nil {
		return err
	}
	m, form, err := u.meetingFromForm(w, r)
	form.M.ID = cur.ID
	p := u.page(r, "Sửa thông tin hội nghị", "meetings")
	p.Data = form
	if err != nil {
		return u.formErr(w, r, err, "meeting_form.html", p)
	}
	// The chair and the people kept by name stay linked to their user
	// account (the form shows names only).
	if m.ChairName == cur.ChairName {
		m.ChairUserID = cur.ChairUserID
	}
	for i := range m.People {
		for _, old := range cur.People {
			if old.UserID != 0 && old.Name == m.People[i].Name {
				m.People[i].UserID = old.UserID
			}
		}
	}
	if _, err := u.Meeting.Update(ctx, a, cur.ID, m); err != nil {
		if c, ok := conflictCurrent[meeting.Meeting](err); ok {
			form.M.Version = c.Version // saving again overwrites, knowingly
		}
		return u.formErr(w, r, err, "meeting_form.html", p)
	}
	http.Redirect(w, r, meetingURL(cur.ID)+"?done=save", http.StatusSeeOther)
	return nil
}

// meetingErr renders the page again with the posted part (edit) and the
// field messages, or hands other errors to the wrapper.
func (u *ui) meetingErr(w http.ResponseWriter, r *http.Request, err error, edit func(*meetingPage)) error {
	if e, ok := apperr.As(err); !ok || (e.Kind != apperr.KindInvalid && e.Kind != apperr.KindConflict && e.Kind != apperr.KindTooLarge) {
		return err
	}
	d, lerr := u.meetingPageData(r)
	if lerr != nil {
		return lerr
	}
	edit(d)
	p := u.page(r, "Hội nghị", "meetings")
	p.Data = d
	return u.formErr(w, r, err, "meeting.html", p)
}

func mustID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}
