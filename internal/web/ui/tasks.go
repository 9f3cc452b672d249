package ui

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// taskTab is one view of the task list.
type taskTab struct {
	Key, Label, URL string
	Active          bool
}

// taskRow is a task as a line of the list: its lead unit's name and its
// deadline in words.
type taskRow struct {
	task.Task
	LeadName string
	DueNote  string // "còn N ngày làm việc", "quá hạn N ngày", "đến hạn hôm nay"
}

type taskListPage struct {
	Tabs      []taskTab
	View      string
	Q         string
	Status    string
	MeetingID int64
	UnitID    int64
	UnitName  string
	DueBefore civil.Date
	Statuses  []task.Status
	Rows      []taskRow
	Total     int
	PrevURL   string
	NextURL   string
	CanAssign bool
}

func canAssignTasks(a org.Actor) bool {
	return a.Has(org.RoleBoardSpecialist, org.RoleBoardLeader, org.RoleAdmin)
}

// dueNote says how the deadline stands, in the page's language: working
// days left while in time, calendar days past it once overdue.
func dueNote(p *Page, t task.Task, today civil.Date) string {
	switch {
	case t.Due.IsZero() || (t.Status != task.InProgress && t.Status != task.Overdue):
		return ""
	case t.Status == task.Overdue:
		return p.T("quá hạn") + " " + strconv.Itoa(t.Due.DaysUntil(today)) + " " + p.T("ngày")
	case t.Due == today:
		return p.T("đến hạn hôm nay")
	case t.DaysLeft != nil:
		return strings.TrimSpace(p.T("còn") + " " + strconv.Itoa(*t.DaysLeft) + " " + p.T("ngày làm việc")) // English: "N working days left"
	}
	return ""
}

// unitNames returns the names of units that lead or support tasks the
// caller may see (so also of units outside the caller's own scope).
func (u *ui) unitNames(ctx context.Context, ids []int64) (map[int64]org.Unit, error) {
	return u.Org.UnitsByID(ctx, org.SystemActor("tasks"), ids)
}

// taskList shows /tasks: views as tabs ("my unit's tasks" by default for a
// unit, all tasks for the Board), a status filter, search, and the tasks of
// one conference (meeting_id) or one lead unit (unit_id).
func (u *ui) taskList(w http.ResponseWriter, r *http.Request) error {
	ctx, a, q := r.Context(), httpx.Actor(r.Context()), r.URL.Query()
	d := &taskListPage{View: q.Get("view"), Q: q.Get("q"), Statuses: task.Statuses, CanAssign: canAssignTasks(a)}
	d.MeetingID, _ = strconv.ParseInt(q.Get("meeting_id"), 10, 64)
	d.UnitID, _ = strconv.ParseInt(q.Get("unit_id"), 10, 64)
	if s := task.Status(q.Get("status")); s.Valid() {
		d.Status = string(s)
	}
	board := a.AllUnits()
	if d.View == "" {
		d.View = "mine"
		if board {
			d.View = "all"
		}
	}
	f := task.Filter{Q: d.Q, MeetingID: max(d.MeetingID, 0), Limit: pageSize}
	off, _ := strconv.Atoi(q.Get("offset"))
	f.Offset = max(off, 0)
	switch d.View {
	case "mine":
		f.UnitID = a.UnitID
	case "overdue":
		f.Status = task.Overdue
	case "key":
		key := true
		f.Key = &key
	case "awaiting":
		f.Status = task.AwaitingConfirmation
	}
	if d.Status != "" {
		f.Status = task.Status(d.Status)
	}
	if due, err := civil.Parse(q.Get("due_before")); err == nil && q.Get("due_before") != "" {
		f.DueBefore, d.DueBefore = due, due // the dashboard's "due this week"
	}
	if d.UnitID > 0 {
		f.UnitID, f.LeadOnly = d.UnitID, true
	}
	list, err := u.Task.List(ctx, a, f)
	if err != nil {
		return err
	}
	p := u.page(r, "Nhiệm vụ", "tasks")
	if err := u.fillTaskRows(ctx, p, d, list); err != nil {
		return err
	}
	d.Tabs = taskTabs(p, d.View, board, a.UnitID != 0)
	d.PrevURL, d.NextURL = pageURLs("/tasks", q, f.Offset, list.Total)
	p.Data = d
	return u.render(w, r, "tasks.html", p)
}

func (u *ui) fillTaskRows(ctx context.Context, p *Page, d *taskListPage, list task.List) error {
	ids := []int64{d.UnitID}
	for _, t := range list.Items {
		ids = append(ids, t.LeadUnitID)
	}
	names, err := u.unitNames(ctx, ids)
	if err != nil {
		return err
	}
	d.UnitName = names[d.UnitID].Name
	today := civil.Of(u.now(), vntext.Location)
	for _, t := range list.Items {
		d.Rows = append(d.Rows, taskRow{Task: t, LeadName: names[t.LeadUnitID].Name, DueNote: dueNote(p, t, today)})
	}
	d.Total = list.Total
	return nil
}

// taskTabs are the list's views: a unit's people start on their unit's
// tasks, the Board on every task and has the confirmations to give.
func taskTabs(p *Page, view string, board, hasUnit bool) []taskTab {
	var tabs []taskTab
	add := func(key, label string) {
		tabs = append(tabs, taskTab{Key: key, Label: p.T(label), URL: "/tasks?view=" + key, Active: key == view})
	}
	if board {
		add("all", "Tất cả nhiệm vụ")
	} else if hasUnit {
		add("mine", "Nhiệm vụ của đơn vị tôi")
	}
	add("overdue", "Quá hạn")
	add("key", "Nhiệm vụ trọng tâm")
	if board {
		add("awaiting", "Chờ xác nhận")
	}
	return tabs
}

// scoreRow is one lead unit's line of the scorecard page.
type scoreRow struct {
	UnitID int64
	Name   string
	Counts []int // in the order of taskScorePage.Statuses
	Total  int
}

type taskScorePage struct {
	Key      bool
	Statuses []task.Status
	Rows     []scoreRow
	Sums     []int
	Total    int
	Board    bool
}

// scoreStatuses orders the scorecard's columns as the government's reports do.
var scoreStatuses = []task.Status{task.DoneOnTime, task.DoneLate, task.InProgress, task.Overdue, task.AwaitingConfirmation, task.NoDeadline}

// taskScorecard shows /tasks/scorecard?key=1: per lead unit, its tasks by status.
func (u *ui) taskScorecard(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	d := &taskScorePage{Key: r.URL.Query().Get("key") == "1", Statuses: scoreStatuses, Sums: make([]int, len(scoreStatuses)), Board: a.AllUnits()}
	f := task.Filter{}
	if d.Key {
		key := true
		f.Key = &key
	}
	rows, err := u.Task.Scorecard(ctx, a, f)
	if err != nil {
		return err
	}
	ids := make([]int64, len(rows))
	for i, row := range rows {
		ids[i] = row.UnitID
	}
	names, err := u.unitNames(ctx, ids)
	if err != nil {
		return err
	}
	for _, row := range rows {
		line := scoreRow{UnitID: row.UnitID, Name: names[row.UnitID].Name, Total: row.Total}
		for i, s := range scoreStatuses {
			line.Counts = append(line.Counts, row.Counts[s])
			d.Sums[i] += row.Counts[s]
		}
		d.Total += row.Total
		d.Rows = append(d.Rows, line)
	}
	sort.SliceStable(d.Rows, func(i, j int) bool { return vntext.Compare(d.Rows[i].Name, d.Rows[j].Name) < 0 })
	p := u.page(r, "Tổng hợp nhiệm vụ theo đơn vị", "tasks")
	p.Data = d
	return u.render(w, r, "task_scorecard.html", p)
}

// scoreLink lists one unit's tasks of one status (the Board's drill-down).
func scoreLink(unitID int64, s task.Status) string {
	return "/tasks?" + url.Values{"view": {"all"}, "unit_id": {strconv.FormatInt(unitID, 10)}, "status": {string(s)}}.Encode()
}

// Template helpers of the task pages, added to the shared FuncMap before
// the templates are parsed (Register).
func init() {
	funcs["taskStatus"] = func(s task.Status, lang string) string { return s.Label(lang) }
	funcs["taskClass"] = func(s task.Status) string {
		switch s {
		case task.DoneOnTime:
			return "ok"
		case task.DoneLate:
			return "warn"
		case task.Overdue:
			return "bad"
		case task.InProgress, task.AwaitingConfirmation:
			return "info"
		}
		return ""
	}
	funcs["scoreLink"] = scoreLink
	funcs["eventLabel"] = func(kind, lang string) string { return pick(taskEventLabels[kind], kind, lang) }
	funcs["extStatus"] = func(status, lang string) string { return pick(extensionLabels[status], status, lang) }
	funcs["extClass"] = func(status string) string {
		switch status {
		case "approved":
			return "ok"
		case "refused":
			return "bad"
		}
		return "info"
	}
}

var taskEventLabels = map[string][2]string{
	"created": {"Giao nhiệm vụ", "Assigned"}, "progress": {"Cập nhật tiến độ", "Progress"},
	"complete": {"Báo hoàn thành", "Reported done"}, "confirm": {"Ban xác nhận hoàn thành", "Confirmed by the Board"},
	"reject": {"Ban trả lại", "Sent back"}, "extension_request": {"Đề nghị gia hạn", "Extension requested"},
	"extension_approved": {"Đồng ý gia hạn", "Extension approved"}, "extension_refused": {"Không đồng ý gia hạn", "Extension refused"},
	"reassigned": {"Chuyển đơn vị chủ trì", "Lead unit changed"},
}

var extensionLabels = map[string][2]string{
	"pending": {"Chờ Ban xem xét", "Waiting for the Board"}, "approved": {"Đã đồng ý", "Approved"}, "refused": {"Không đồng ý", "Refused"},
}
