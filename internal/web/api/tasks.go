package api

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// listTasks answers GET /tasks?unit_id=&status=&key=&meeting_id=&due_before=&q=&limit=&offset=:
// the caller's scope (a unit: the tasks it leads or supports; the Board: all).
func (a *api) listTasks(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := task.Filter{Status: task.Status(q.Get("status")), Q: q.Get("q")}
	var errs []error
	var err error
	if f.UnitID, err = httpx.QueryInt(r, "unit_id", 0); err != nil {
		errs = append(errs, err)
	}
	if f.MeetingID, err = httpx.QueryInt(r, "meeting_id", 0); err != nil {
		errs = append(errs, err)
	}
	if f.Key, err = queryBool(r, "key"); err != nil {
		errs = append(errs, err)
	}
	if s := q.Get("due_before"); s != "" {
		if f.DueBefore, err = parseDateField("due_before", s); err != nil {
			errs = append(errs, err)
		}
	}
	if f.Status != "" && !f.Status.Valid() {
		errs = append(errs, apperr.InvalidField("status", "Trạng thái không hợp lệ: "+strings.Join(statusNames(), ", ")+".",
			"Unknown status; one of "+strings.Join(statusNames(), ", ")+"."))
	}
	if err := paging(r, &f.Limit, &f.Offset); err != nil {
		errs = append(errs, err)
	}
	if err := mergeInvalid(errs...); err != nil {
		return err
	}
	list, err := a.Task.List(r.Context(), httpx.Actor(r.Context()), f)
	if err != nil {
		return err
	}
	return ok(w, list)
}

func statusNames() []string {
	out := make([]string, len(task.Statuses))
	for i, s := range task.Statuses {
		out[i] = string(s)
	}
	return out
}

// taskInput is the body of POST /tasks. Tasks from a conference or a press
// case are created by those modules, so the origin here is manual or directive.
type taskInput struct {
	Origin         task.Origin `json:"origin"`
	Title          string      `json:"title"`
	Description    string      `json:"description"`
	LeadUnitID     int64       `json:"lead_unit_id"`
	SupportUnitIDs []int64     `json:"support_unit_ids"`
	Due            string      `json:"due"` // yyyy-mm-dd, empty: no deadline
	Key            bool        `json:"key"`
}

// createTask answers POST /tasks (the Board).
func (a *api) createTask(w http.ResponseWriter, r *http.Request) error {
	actor := httpx.Actor(r.Context())
	if !actor.Has(org.RoleBoardSpecialist, org.RoleBoardLeader, org.RoleAdmin) {
		return apperr.Forbidden()
	}
	var in taskInput
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	n := task.New{Origin: in.Origin, Title: in.Title, Description: in.Description, LeadUnitID: in.LeadUnitID,
		SupportUnitIDs: in.SupportUnitIDs, Key: in.Key}
	var errs []error
	if strings.TrimSpace(in.Due) != "" {
		var err error
		if n.Due, err = parseDateField("due", in.Due); err != nil {
			errs = append(errs, err)
		}
	}
	if n.Origin != "" && n.Origin != task.Manual && n.Origin != task.FromDirective {
		errs = append(errs, apperr.InvalidField("origin", "Nguồn nhiệm vụ ở đây là manual hoặc directive; nhiệm vụ từ hội nghị, báo chí do các chức năng đó tạo.",
			"Origin is manual or directive here; conference and press tasks come from those modules."))
	}
	n.Normalize()
	if err := mergeInvalid(append(errs, n.Validate())...); err != nil {
		return err
	}
	t, err := a.Task.Create(r.Context(), actor, n)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/tasks/"+strconv.FormatInt(t.ID, 10))
	return created(w, t)
}

// getTask answers GET /tasks/{id}: the task with its history and extensions.
func (a *api) getTask(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	t, err := a.Task.Find(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(t.Version)))
	return ok(w, t)
}

// scoreLine is one lead unit's row of the scorecard, with its name.
type scoreLine struct {
	UnitID   int64               `json:"unit_id"`
	UnitCode string              `json:"unit_code"`
	UnitName string              `json:"unit_name"`
	Counts   map[task.Status]int `json:"counts"`
	Total    int                 `json:"total"`
}

// scoreLines names the rows of a scorecard, fills every status (0 when
// none) and sorts them by unit name in Vietnamese order. The units are the
// lead units of tasks the caller may see, so their names are shown even
// when the unit itself is outside the caller's scope.
func scoreLines(r *http.Request, orgSvc *org.Service, rows []task.ScoreRow) ([]scoreLine, error) {
	ids := make([]int64, len(rows))
	for i, row := range rows {
		ids[i] = row.UnitID
	}
	units, err := orgSvc.UnitsByID(r.Context(), org.SystemActor("scorecard"), ids)
	if err != nil {
		return nil, err
	}
	out := make([]scoreLine, len(rows))
	for i, row := range rows {
		l := scoreLine{UnitID: row.UnitID, UnitCode: units[row.UnitID].Code, UnitName: units[row.UnitID].Name,
			Counts: map[task.Status]int{}, Total: row.Total}
		for _, s := range task.Statuses {
			l.Counts[s] = row.Counts[s]
		}
		out[i] = l
	}
	sort.SliceStable(out, func(i, j int) bool { return vntext.Compare(out[i].UnitName, out[j].UnitName) < 0 })
	return out, nil
}

// taskScorecard answers GET /tasks/scorecard?key=: per lead unit, its tasks
// by status (within the caller's scope).
func (a *api) taskScorecard(w http.ResponseWriter, r *http.Request) error {
	key, err := queryBool(r, "key")
	if err != nil {
		return err
	}
	rows, err := a.Task.Scorecard(r.Context(), httpx.Actor(r.Context()), task.Filter{Key: key})
	if err != nil {
		return err
	}
	lines, err := scoreLines(r, a.Org, rows)
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": lines, "total": len(lines)})
}

// optionalDate reads a yyyy-mm-dd (or dd/mm/yyyy) body field; empty is the zero date.
func optionalDate(field, s string) (civil.Date, error) {
	if strings.TrimSpace(s) == "" {
		return civil.Date{}, nil
	}
	return parseDateField(field, strings.TrimSpace(s))
}
