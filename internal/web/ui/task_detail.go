package ui

import (
	"context"
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// taskForm holds what the action forms hold, as typed, so a refused form
// comes back filled.
type taskForm struct {
	Percent, Note, DoneOn, Evidence, RequestedDue, Reason, DecisionNote string
}

// taskPage is /tasks/{id}: the task, its units, history and extensions, and
// the forms the caller may use now.
type taskPage struct {
	T          task.Task
	LeadName   string
	Supporters []string
	DueNote    string
	Pending    *task.Extension // the request waiting for the Board, if any
	CanReport  bool            // the lead unit's reporter or leader, the task open
	CanRequest bool            // …and no request pending
	CanDecide  bool            // the Board
	Posted     string          // the form that was refused: progress, complete, extension, reject, confirm, decide
	Form       taskForm
	Conflict   bool // the version sent was stale: the page shows the current one
}

// loadTaskPage reads the task as the caller sees it now.
func (u *ui) loadTaskPage(ctx context.Context, p *Page, id int64) (*taskPage, error) {
	a := p.Actor
	t, err := u.Task.Find(ctx, a, id)
	if err != nil {
		return nil, err
	}
	names, err := u.unitNames(ctx, append([]int64{t.LeadUnitID}, t.SupportUnitIDs...))
	if err != nil {
		return nil, err
	}
	d := &taskPage{T: t, LeadName: names[t.LeadUnitID].Name, DueNote: dueNote(p, t, civil.Of(u.now(), vntext.Location)),
		Form: taskForm{Percent: strconv.Itoa(t.Progress)}}
	for _, id := range t.SupportUnitIDs {
		d.Supporters = append(d.Supporters, names[id].Name)
	}
	for i := range t.Extensions {
		if t.Extensions[i].Status == "pending" {
			d.Pending = &t.Extensions[i]
		}
	}
	open := t.Completion == task.NotDone || t.Completion == task.Rejected
	d.CanReport = open && a.UnitID == t.LeadUnitID && a.Has(org.RoleUnitReporter, org.RoleUnitLeader)
	d.CanRequest = d.CanReport && d.Pending == nil
	d.CanDecide = canAssignTasks(a)
	return d, nil
}

var taskFlashes = map[string]string{
	"created": "Đã giao nhiệm vụ.", "progress": "Đã cập nhật tiến độ.", "complete": "Đã báo hoàn thành; nhiệm vụ chờ Ban xác nhận.",
	"confirm": "Đã xác nhận hoàn thành.", "reject": "Đã trả lại nhiệm vụ để đơn vị tiếp tục thực hiện.",
	"extension": "Đã gửi đề nghị gia hạn.", "approved": "Đã đồng ý gia hạn.", "refused": "Đã không đồng ý gia hạn.",
}

// taskView shows /tasks/{id}.
func (u *ui) taskView(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	p := u.page(r, "Nhiệm vụ", "tasks")
	d, err := u.loadTaskPage(r.Context(), p, id)
	if err != nil {
		return err
	}
	if msg, ok := taskFlashes[r.URL.Query().Get("done")]; ok {
		p.Flash = &Flash{Kind: "ok", Text: p.T(msg)}
	}
	p.Data = d
	return u.render(w, r, "task.html", p)
}

// taskAction handles the forms of /tasks/{id}: the lead unit's progress,
// completion and extension request; the Board's confirmation, sending back
// and decisions on requests. A refusal re-renders the page with the task as
// it is now, the typed values, and the messages beside the fields (422) or
// the news that someone changed it meanwhile (409).
func (u *ui) taskAction(action string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, a := r.Context(), httpx.Actor(r.Context())
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
		_ = r.ParseForm()
		f := r.PostForm
		form := taskForm{Percent: f.Get("percent"), Note: f.Get("note"), DoneOn: f.Get("done_on"), Evidence: f.Get("evidence"),
			RequestedDue: f.Get("requested_due"), Reason: f.Get("reason"), DecisionNote: f.Get("decision_note")}
		version, _ := strconv.Atoi(f.Get("version"))
		done := action
		switch action {
		case "progress":
			var percent int
			if percent, err = formPercent(form.Percent); err == nil {
				_, err = u.Task.Progress(ctx, a, id, version, percent, form.Note)
			}
		case "complete":
			doneOn, dateErr := formDate("done_on", form.DoneOn)
			if dateErr == nil {
				_, err = u.Task.Complete(ctx, a, id, version, doneOn, form.Evidence)
			} else {
				// Without a date the service refuses before writing: its
				// messages on the other fields go with the date's.
				_, err = u.Task.Complete(ctx, a, id, version, civil.Date{}, form.Evidence)
				err = mergeFieldErrs(dateErr, err)
			}
		case "confirm":
			_, err = u.Task.Confirm(ctx, a, id, version)
		case "reject":
			_, err = u.Task.Reject(ctx, a, id, version, form.Reason)
		case "extension":
			due, dateErr := formDate("requested_due", form.RequestedDue)
			_, err = u.Task.RequestExtension(ctx, a, id, due, form.Reason)
			if dateErr != nil {
				err = mergeFieldErrs(dateErr, err)
			}
		case "decide":
			var extID int64
			if extID, err = httpx.PathID(r, "ext"); err == nil {
				approve := f.Get("approve") == "1"
				if done = "refused"; approve {
					done = "approved"
				}
				_, err = u.Task.DecideExtension(ctx, a, id, extID, approve, form.DecisionNote)
			}
		}
		if err == nil {
			http.Redirect(w, r, "/tasks/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
			return nil
		}
		p := u.page(r, "Nhiệm vụ", "tasks")
		d, lerr := u.loadTaskPage(ctx, p, id)
		if lerr != nil {
			return lerr
		}
		if _, stale := conflictCurrent[task.Task](err); stale {
			d.Conflict = true
		}
		d.Posted, d.Form = action, form
		p.Data = d
		return u.formErr(w, r, err, "task.html", p)
	}
}
