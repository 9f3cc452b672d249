package press

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/pagefetch"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
)

// Service holds the press-case rules; handlers call it, it never sees HTTP.
type Service struct {
	db  *sqldb.DB
	cal *calendar.Service
	now func() time.Time
	// createTasks creates the lead unit's task in the caller's transaction;
	// a test replaces it to prove a failed task rolls the assignment back.
	createTasks func(context.Context, *sqldb.Tx, org.Actor, time.Time, []task.New) ([]task.Task, error)
	notify      Notifier
	pages       pagefetch.Fetcher // fetches the saved copy of an article (snapshot.go)
}

// Notifier tells a unit's users, inside the caller's transaction, that a
// case was assigned to it (the notice module implements it; wired in cmd).
type Notifier interface {
	NotifyUnits(ctx context.Context, tx *sqldb.Tx, unitIDs []int64, kind, title, link string) error
}

// WithNotifier makes assignments notify the lead unit at once, besides the
// reminders before the deadline.
func (s *Service) WithNotifier(n Notifier) *Service { s.notify = n; return s }

// NewService builds the press service.
func NewService(db *sqldb.DB, cal *calendar.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, cal: cal, now: now, createTasks: task.CreateInTx}
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Today is the service's date in Asia/Ho_Chi_Minh.
func (s *Service) Today() civil.Date { return civil.Of(s.now(), vntext.Location) }

// CanManage reports whether the actor registers, routes, reviews and closes
// cases: the Board.
func CanManage(a org.Actor) bool {
	return a.Has(org.RoleBoardSpecialist, org.RoleBoardLeader, org.RoleAdmin)
}

// CanAnswer reports whether the actor answers for the case's lead unit.
func CanAnswer(a org.Actor, c Case) bool {
	return !a.System && c.LeadUnitID != 0 && a.UnitID == c.LeadUnitID && a.Has(org.RoleUnitReporter, org.RoleUnitLeader) ||
		a.System && c.LeadUnitID != 0
}

func canSee(a org.Actor, c Case) bool {
	return a.AllUnits() || (c.LeadUnitID != 0 && a.UnitID == c.LeadUnitID)
}

func conflict(current Case) error {
	e := apperr.Conflict("Vụ việc đã được người khác cập nhật. Hãy xem bản mới nhất.", "The case was changed by someone else; review the latest version.")
	e.Detail = map[string]any{"current": current}
	return e
}

func duplicate(existing Case) error {
	e := apperr.InvalidField("url", "Bài báo này đã được tiếp nhận: vụ việc số "+strconv.FormatInt(existing.ID, 10)+" — "+existing.Title+".",
		"This article is already registered as case "+strconv.FormatInt(existing.ID, 10)+".")
	if ae, ok := apperr.As(e); ok {
		ae.Detail = map[string]any{"existing_id": existing.ID}
	}
	return e
}

func audit(a org.Actor, action string, before, after Case) org.AuditEntry {
	var b any
	if before.ID != 0 {
		b = before
	}
	return org.NewAudit(a, action, "press_case", after.ID, b, after)
}

// Create registers a case (the Board).
func (s *Service) Create(ctx context.Context, a org.Actor, c Case) (Case, error) {
	return s.create(ctx, a, c, nil)
}

// create registers c; then, when set, runs in the same transaction (the
// triage item that became the case is linked to it atomically).
func (s *Service) create(ctx context.Context, a org.Actor, c Case, then func(*sqldb.Tx, Case) error) (Case, error) {
	if !CanManage(a) {
		return Case{}, apperr.Forbidden()
	}
	c.ID, c.CreatedBy, c.LeadUnitID, c.TaskID = 0, a.Username, 0, 0
	c.Normalize()
	if err := c.Validate(); err != nil {
		return Case{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		if old, found, err := findByCanonical(ctx, tx, c.CanonicalURL); err != nil {
			return err
		} else if found {
			return duplicate(old)
		}
		now := s.clock()
		if err := insertCase(ctx, tx, &c, now); err != nil {
			if sqldb.IsUniqueViolation(err, "canonical_url") {
				return apperr.InvalidField("url", "Bài báo này đã được tiếp nhận.", "This article is already registered.")
			}
			return err
		}
		if err := insertEvent(ctx, tx, c.ID, Event{Round: 1, Kind: "received", Note: c.Outlet, Actor: a.Username, At: now}, a.UserID); err != nil {
			return err
		}
		if err := org.AppendAudit(ctx, tx, now, audit(a, org.ActionCreate, Case{}, c)); err != nil {
			return err
		}
		if then != nil {
			return then(tx, c)
		}
		return nil
	})
	if err != nil {
		return Case{}, fmt.Errorf("press: create: %w", err)
	}
	return c, nil
}

// Find returns a case the actor may see, with its history.
func (s *Service) Find(ctx context.Context, a org.Actor, id int64) (Case, error) {
	c, err := findCase(ctx, s.db, id)
	if err != nil {
		return Case{}, err
	}
	if !canSee(a, c) {
		return Case{}, apperr.Forbidden()
	}
	if c.Events, err = caseEvents(ctx, s.db, id); err != nil {
		return Case{}, err
	}
	return c, nil
}

// List returns the cases in the actor's scope: a unit sees those it leads.
func (s *Service) List(ctx context.Context, a org.Actor, f Filter) ([]Case, int, error) {
	if f.Status != "" && !f.Status.Valid() {
		return nil, 0, apperr.InvalidField("status", "Trạng thái không hợp lệ.", "Unknown status.")
	}
	if f.Field != "" && !f.Field.Valid() {
		return nil, 0, apperr.InvalidField("field", "Lĩnh vực không hợp lệ.", "Unknown field.")
	}
	f.today = s.Today()
	return listCases(ctx, s.db, f, a.ScopeIDs())
}

// step changes one case under its version, with an event and an audit
// entry, in one transaction; fn checks the state and edits the case.
func (s *Service) step(ctx context.Context, a org.Actor, id int64, version int, kind string,
	fn func(tx *sqldb.Tx, c *Case, e *Event, now time.Time) error) (Case, error) {
	var out Case
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findCase(ctx, tx, id)
		if err != nil {
			return err
		}
		if !canSee(a, before) && !CanManage(a) {
			return apperr.Forbidden()
		}
		if version != 0 && before.Version != version {
			return conflict(before)
		}
		c, now := before, s.clock()
		c.Events = nil
		e := Event{Kind: kind, Actor: a.Username, At: now}
		if err := fn(tx, &c, &e, now); err != nil {
			return err
		}
		if err := saveCase(ctx, tx, &c, now); err != nil {
			if errors.Is(err, errStale) {
				return conflict(before)
			}
			return err
		}
		e.Round = c.Round
		if err := insertEvent(ctx, tx, c.ID, e, a.UserID); err != nil {
			return err
		}
		out = c
		return org.AppendAudit(ctx, tx, now, audit(a, "press_"+kind, before, c))
	})
	if err != nil {
		return Case{}, fmt.Errorf("press: %s %d: %w", kind, id, err)
	}
	out.Events, err = caseEvents(ctx, s.db, id)
	return out, err
}

func wrongState(msg, en string) error { return apperr.Conflict(msg, en) }

// Update edits a case's registered details (the Board), not its steps.
func (s *Service) Update(ctx context.Context, a org.Actor, id int64, in Case) (Case, error) {
	if !CanManage(a) {
		return Case{}, apperr.Forbidden()
	}
	if in.Version <= 0 {
		return Case{}, apperr.InvalidField("version", "Thiếu phiên bản dữ liệu (version) đã đọc.", "The version you read is required.")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return Case{}, err
	}
	return s.step(ctx, a, id, in.Version, "updated", func(tx *sqldb.Tx, c *Case, e *Event, now time.Time) error {
		if in.CanonicalURL != c.CanonicalURL {
			if old, found, err := findByCanonical(ctx, tx, in.CanonicalURL); err != nil {
				return err
			} else if found && old.ID != c.ID {
				return duplicate(old)
			}
		}
		c.Outlet, c.URL, c.CanonicalURL, c.Title, c.PublishedAt = in.Outlet, in.URL, in.CanonicalURL, in.Title, in.PublishedAt
		c.Summary, c.Field, c.LocalityCode, c.PublicInterest = in.Summary, in.Field, in.LocalityCode, in.PublicInterest
		return nil
	})
}

// Suggest returns the unit the routing table picks for a case (0 if none).
func (s *Service) Suggest(ctx context.Context, c Case) (int64, error) {
	r, err := loadRouting(ctx, s.db)
	if err != nil {
		return 0, err
	}
	id, _ := r.Pick(c.Field, c.LocalityCode)
	return id, nil
}

// Assign sets the lead unit (the routing's pick when unitID is 0) and the
// due date — the field's working days after today — and creates the lead
// unit's task in the same transaction. Assigning again re-routes the case.
func (s *Service) Assign(ctx context.Context, a org.Actor, id int64, version int, unitID int64, note string) (Case, error) {
	if !CanManage(a) {
		return Case{}, apperr.Forbidden()
	}
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return Case{}, err
	}
	return s.step(ctx, a, id, version, "assigned", func(tx *sqldb.Tx, c *Case, e *Event, now time.Time) error {
		if c.Status != Received && c.Status != Assigned {
			return wrongState("Chỉ giao xử lý vụ việc vừa tiếp nhận hoặc đang chờ trả lời.", "Only a received or assigned case can be assigned.")
		}
		r, err := loadRouting(ctx, tx)
		if err != nil {
			return err
		}
		if unitID == 0 {
			unitID, _ = r.Pick(c.Field, c.LocalityCode)
		}
		if unitID == 0 {
			return apperr.InvalidField("lead_unit_id", "Chọn đơn vị chủ trì (chưa có quy tắc phân công phù hợp).", "Choose the lead unit (no routing rule matches).")
		}
		c.LeadUnitID, c.Due, c.Status = unitID, cal.AddWorkingDays(civil.Of(now, vntext.Location), r.daysFor(c.Field)), Assigned
		e.UnitID, e.Due, e.Note = unitID, c.Due, vntext.Normalize(note)
		if s.notify != nil {
			title := "Vụ việc báo chí giao xử lý (hạn " + c.Due.In(time.UTC).Format("02/01/2006") + "): " + c.Title
			if err := s.notify.NotifyUnits(ctx, tx, []int64{unitID}, "press", title, "/press/"+strconv.FormatInt(c.ID, 10)); err != nil {
				return err
			}
		}
		if c.TaskID != 0 {
			// Re-routed: the task moves to the new unit, so the old one is
			// not left holding an open task it no longer answers for.
			_, err := task.MoveInTx(ctx, tx, a, now, c.TaskID, unitID, c.Due, e.Note)
			return err
		}
		return s.newTask(ctx, tx, a, c, now)
	})
}

// newTask creates the lead unit's task of the case's current round.
func (s *Service) newTask(ctx context.Context, tx *sqldb.Tx, a org.Actor, c *Case, now time.Time) error {
	title := "Trả lời thông tin báo chí phản ánh: " + c.Title
	if c.Round > 1 {
		title += " (vòng " + strconv.Itoa(c.Round) + ")"
	}
	ts, err := s.createTasks(ctx, tx, a, now, []task.New{{Origin: task.FromPressCase, OriginID: c.ID,
		Title: title, Description: c.Outlet + " — " + c.URL, LeadUnitID: c.LeadUnitID, Due: c.Due}})
	if err != nil {
		return err
	}
	c.TaskID = ts[0].ID
	return nil
}

// Answer records the lead unit's answer.
func (s *Service) Answer(ctx context.Context, a org.Actor, id int64, version int, answer string) (Case, error) {
	answer = vntext.Normalize(answer)
	if answer == "" {
		return Case{}, apperr.InvalidField("answer", "Nội dung trả lời là bắt buộc.", "The answer is required.")
	}
	return s.step(ctx, a, id, version, "answered", func(tx *sqldb.Tx, c *Case, e *Event, now time.Time) error {
		if !CanAnswer(a, *c) {
			return apperr.Forbidden()
		}
		if c.Status != Assigned {
			return wrongState("Chỉ trả lời vụ việc đang được giao xử lý.", "Only an assigned case can be answered.")
		}
		c.Answer, c.AnsweredAt, c.Status = answer, &now, Answered
		e.Note = answer
		if c.TaskID == 0 {
			return nil
		}
		_, err := task.ReportDoneInTx(ctx, tx, a, now, c.TaskID, civil.Of(now, vntext.Location), answer)
		return err
	})
}

// Review accepts the answer with a note, or sends it back to the lead unit.
func (s *Service) Review(ctx context.Context, a org.Actor, id int64, version int, accept bool, note string) (Case, error) {
	if !CanManage(a) {
		return Case{}, apperr.Forbidden()
	}
	note = vntext.Normalize(note)
	kind := "accepted"
	if !accept {
		kind = "returned"
		if note == "" {
			return Case{}, apperr.InvalidField("note", "Nêu lý do trả lại.", "Say why it is sent back.")
		}
	}
	return s.step(ctx, a, id, version, kind, func(tx *sqldb.Tx, c *Case, e *Event, now time.Time) error {
		if c.Status != Answered {
			return wrongState("Chỉ thẩm định vụ việc đã có trả lời.", "Only an answered case can be reviewed.")
		}
		c.ReviewNote, e.Note = note, note
		if accept {
			c.Status = Reviewed
		} else {
			c.Status, c.AnsweredAt = Assigned, nil
		}
		if c.TaskID == 0 {
			return nil
		}
		var err error
		if accept {
			_, err = task.ConfirmInTx(ctx, tx, a, now, c.TaskID)
		} else {
			_, err = task.RejectInTx(ctx, tx, a, now, c.TaskID, note)
		}
		return err
	})
}

// Close records how the answer was given back to the outlet.
func (s *Service) Close(ctx context.Context, a org.Actor, id int64, version int, feedback string) (Case, error) {
	if !CanManage(a) {
		return Case{}, apperr.Forbidden()
	}
	feedback = vntext.Normalize(feedback)
	if feedback == "" {
		return Case{}, apperr.InvalidField("feedback", "Ghi rõ cách đã phản hồi cơ quan báo chí.", "Say how the answer was given back to the outlet.")
	}
	return s.step(ctx, a, id, version, "closed", func(tx *sqldb.Tx, c *Case, e *Event, now time.Time) error {
		if c.Status != Reviewed {
			return wrongState("Chỉ kết thúc vụ việc đã thẩm định trả lời.", "Only a reviewed case can be closed.")
		}
		c.Feedback, c.Status, e.Note = feedback, Closed, feedback
		return nil
	})
}

// Reopen starts a new round when the press reports the matter again; the
// history of the earlier rounds is kept. The lead unit of the last round
// has it again at once, with a new deadline and a new task (the Board may
// still re-route it); a case never assigned goes back to received.
func (s *Service) Reopen(ctx context.Context, a org.Actor, id int64, version int, note string) (Case, error) {
	if !CanManage(a) {
		return Case{}, apperr.Forbidden()
	}
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return Case{}, err
	}
	return s.step(ctx, a, id, version, "reopened", func(tx *sqldb.Tx, c *Case, e *Event, now time.Time) error {
		if c.Status != Closed {
			return wrongState("Chỉ mở lại vụ việc đã kết thúc.", "Only a closed case can be reopened.")
		}
		c.Round++
		c.Status, c.Answer, c.AnsweredAt, c.ReviewNote, c.Feedback, c.Due, c.TaskID = Received, "", nil, "", "", civil.Date{}, 0
		e.Note = vntext.Normalize(note)
		if c.LeadUnitID == 0 {
			return nil
		}
		r, err := loadRouting(ctx, tx)
		if err != nil {
			return err
		}
		c.Status, c.Due = Assigned, cal.AddWorkingDays(civil.Of(now, vntext.Location), r.daysFor(c.Field))
		e.UnitID, e.Due = c.LeadUnitID, c.Due
		return s.newTask(ctx, tx, a, c, now)
	})
}

// Routing returns the routing table.
func (s *Service) Routing(ctx context.Context, a org.Actor) (Routing, error) {
	return loadRouting(ctx, s.db)
}

// SetRouting replaces the routing table and the days per field (the Board).
func (s *Service) SetRouting(ctx context.Context, a org.Actor, r Routing) (Routing, error) {
	if !CanManage(a) {
		return Routing{}, apperr.Forbidden()
	}
	if r.Rules == nil {
		r.Rules = []Rule{}
	}
	if err := r.Validate(); err != nil {
		return Routing{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := loadRouting(ctx, tx)
		if err != nil {
			return err
		}
		if err := saveRouting(ctx, tx, r); err != nil {
			return err
		}
		now := s.clock()
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionUpdate, "press_routes", "all", before, r))
	})
	if err != nil {
		return Routing{}, fmt.Errorf("press: routing: %w", err)
	}
	return loadRouting(ctx, s.db)
}

// StatRow counts the cases of one group.
type StatRow struct {
	Key      string `json:"key"` // the field, or the lead unit's ID ("0": not assigned)
	Received int    `json:"received"`
	OnTime   int    `json:"answered_on_time"`
	Late     int    `json:"answered_late"`
	Open     int    `json:"open"`
}

// Stats counts the cases registered from..to (inclusive) grouped by field
// or unit, within the actor's scope.
func (s *Service) Stats(ctx context.Context, a org.Actor, from, to civil.Date, by string) ([]StatRow, error) {
	if by != "field" && by != "unit" {
		return nil, apperr.InvalidField("by", "Nhóm theo field hoặc unit.", "Group by field or unit.")
	}
	all, _, err := listCases(ctx, s.db, Filter{Limit: 1000}, a.ScopeIDs())
	if err != nil {
		return nil, err
	}
	rows := map[string]*StatRow{}
	for _, c := range all {
		d := civil.Of(c.CreatedAt, vntext.Location)
		if (!from.IsZero() && d.Before(from)) || (!to.IsZero() && d.After(to)) {
			continue
		}
		k := string(c.Field)
		if by == "unit" {
			k = strconv.FormatInt(c.LeadUnitID, 10)
		}
		r := rows[k]
		if r == nil {
			r = &StatRow{Key: k}
			rows[k] = r
		}
		r.Received++
		switch {
		case c.Late != nil && *c.Late:
			r.Late++
		case c.Late != nil:
			r.OnTime++
		default:
			r.Open++
		}
	}
	out := make([]StatRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}
