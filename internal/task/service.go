package task

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Service holds the task rules; handlers and other modules call it.
type Service struct {
	db  *sqldb.DB
	cal *calendar.Service
	now func() time.Time
}

// NewService builds the task service.
func NewService(db *sqldb.DB, cal *calendar.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, cal: cal, now: now}
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Today is the service's date in Asia/Ho_Chi_Minh.
func (s *Service) Today() civil.Date { return civil.Of(s.now(), vntext.Location) }

// canAssign: the Board sets, confirms and extends tasks.
func canAssign(a org.Actor) bool {
	return a.Has(org.RoleBoardSpecialist, org.RoleBoardLeader, org.RoleAdmin)
}

// canReport: the lead unit's people post progress and completion.
func canReport(a org.Actor, t Task) bool {
	return a.UnitID == t.LeadUnitID && a.Has(org.RoleUnitReporter, org.RoleUnitLeader)
}

// canSee: the Board sees every task; a unit sees the tasks it leads or supports.
func canSee(a org.Actor, t Task) bool {
	return a.AllUnits() || a.UnitID == t.LeadUnitID || slices.Contains(t.SupportUnitIDs, a.UnitID)
}

func conflict(current any) error {
	e := apperr.Conflict("Nhiệm vụ đã được người khác cập nhật. Hãy xem bản mới nhất.", "The task was changed by someone else; review the latest version.")
	e.Detail = map[string]any{"current": current}
	return e
}

// derive fills the computed status and the working days left.
func (s *Service) derive(ctx context.Context, ts []Task) {
	today := s.Today()
	cal, _ := s.cal.Calendar(ctx)
	for i := range ts {
		t := &ts[i]
		t.Status = StatusOf(t.Due, t.DoneOn, t.Completion, today)
		t.StatusLabel = t.Status.Label("vi")
		if cal != nil && !t.Due.IsZero() && (t.Status == InProgress || t.Status == Overdue) {
			n := cal.WorkingDaysBetween(today, t.Due)
			t.DaysLeft = &n
		}
	}
}

// withStatus fills the status fields that need no database read, for a
// task shown from inside a transaction (the current version on a conflict).
func (s *Service) withStatus(t Task) Task {
	t.Status = StatusOf(t.Due, t.DoneOn, t.Completion, s.Today())
	t.StatusLabel = t.Status.Label("vi")
	return t
}

// Create adds a task set by hand (the Board).
func (s *Service) Create(ctx context.Context, a org.Actor, n New) (Task, error) {
	if !canAssign(a) {
		return Task{}, apperr.Forbidden()
	}
	var out []Task
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = CreateInTx(ctx, tx, a, s.clock(), []New{n})
		return err
	})
	if err != nil {
		return Task{}, fmt.Errorf("task: create: %w", err)
	}
	s.derive(ctx, out)
	return out[0], nil
}

// CreateInTx creates tasks inside a caller's transaction — a conclusion
// notice issued, a press case assigned — so the origin and its tasks commit
// together. The caller has checked the actor may assign them.
func CreateInTx(ctx context.Context, tx *sqldb.Tx, a org.Actor, now time.Time, ns []New) ([]Task, error) {
	var out []Task
	var audit []org.AuditEntry
	for i := range ns {
		n := ns[i]
		n.Normalize()
		if err := n.Validate(); err != nil {
			return nil, err
		}
		t, err := insertTask(ctx, tx, n, a.UserID, a.Username, now)
		if err != nil {
			return nil, err
		}
		if err := insertEvent(ctx, tx, t.ID, Event{Kind: "created", DueTo: t.Due, Actor: a.Username, At: now}, a.UserID); err != nil {
			return nil, err
		}
		out = append(out, t)
		audit = append(audit, org.NewAudit(a, org.ActionCreate, "task", t.ID, nil, t))
	}
	return out, org.AppendAudit(ctx, tx, now, audit...)
}

// Find returns a task the actor may see, with its history and extensions.
func (s *Service) Find(ctx context.Context, a org.Actor, id int64) (Task, error) {
	t, err := findTask(ctx, s.db, id)
	if err != nil {
		return Task{}, err
	}
	if !canSee(a, t) {
		return Task{}, apperr.Forbidden()
	}
	if t.Events, err = taskEvents(ctx, s.db, id); err != nil {
		return Task{}, err
	}
	if t.Extensions, err = taskExtensions(ctx, s.db, id); err != nil {
		return Task{}, err
	}
	ts := []Task{t}
	s.derive(ctx, ts)
	return ts[0], nil
}

// List returns tasks in the actor's scope.
func (s *Service) List(ctx context.Context, a org.Actor, f Filter) (List, error) {
	if f.Status != "" && !f.Status.Valid() {
		return List{}, apperr.InvalidField("status", "Trạng thái không hợp lệ.", "Unknown status.")
	}
	if f.UnitID != 0 && !a.CanSeeUnit(f.UnitID) {
		return List{}, apperr.Forbidden()
	}
	var scope []int64
	if !a.AllUnits() {
		scope = []int64{a.UnitID}
	}
	out, err := listTasks(ctx, s.db, f, scope, s.Today())
	if err != nil {
		return List{}, err
	}
	s.derive(ctx, out.Items)
	return out, nil
}

// Scorecard counts each lead unit's tasks by status (within the actor's scope).
func (s *Service) Scorecard(ctx context.Context, a org.Actor, f Filter) ([]ScoreRow, error) {
	var scope []int64
	if !a.AllUnits() {
		scope = []int64{a.UnitID}
	}
	m, err := scorecard(ctx, s.db, f, scope, s.Today())
	if err != nil {
		return nil, err
	}
	out := make([]ScoreRow, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UnitID < out[j].UnitID })
	return out, nil
}

// DueBetween lists the tasks a unit leads that fall due in a window (a
// reporting period): they are prefilled in the unit's report.
func (s *Service) DueBetween(ctx context.Context, a org.Actor, unitID int64, from, to civil.Date) ([]Task, error) {
	if !a.CanSeeUnit(unitID) {
		return nil, apperr.Forbidden()
	}
	l, err := listTasks(ctx, s.db, Filter{UnitID: unitID, LeadOnly: true, DueAfter: from, DueBefore: to, Limit: 500}, nil, s.Today())
	if err != nil {
		return nil, err
	}
	s.derive(ctx, l.Items)
	return l.Items, nil
}

// change runs one update of a task under its version, with an event and an
// audit entry, in one transaction.
func (s *Service) change(ctx context.Context, a org.Actor, id, version int, action string,
	allow func(Task) error, apply func(*sqldb.Tx, *Task, time.Time) (Event, error)) (Task, error) {
	var out Task
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		t, err := findTask(ctx, tx, int64(id))
		if err != nil {
			return err
		}
		if !canSee(a, t) {
			return apperr.Forbidden()
		}
		if err := allow(t); err != nil {
			return err
		}
		if version != 0 && version != t.Version {
			return conflict(s.withStatus(t))
		}
		before := t
		now := s.clock()
		ev, err := apply(tx, &t, now)
		if err != nil {
			return err
		}
		if err := updateTask(ctx, tx, &t, now); errors.Is(err, errStale) {
			return conflict(s.withStatus(before))
		} else if err != nil {
			return err
		}
		ev.Actor, ev.At = a.Username, now
		if err := insertEvent(ctx, tx, t.ID, ev, a.UserID); err != nil {
			return err
		}
		out = t
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "task_"+action, "task", t.ID, before, t))
	})
	if err != nil {
		return Task{}, fmt.Errorf("task: %s: %w", action, err)
	}
	ts := []Task{out}
	s.derive(ctx, ts)
	return ts[0], nil
}
