package notice

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Service holds the rules of directives, messages and notifications.
type Service struct {
	db  *sqldb.DB
	org *org.Service
	cal *calendar.Service
	now func() time.Time
}

// NewService builds the service; cal counts the working days a directive
// has stayed unread.
func NewService(db *sqldb.DB, orgSvc *org.Service, cal *calendar.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, org: orgSvc, cal: cal, now: now}
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// CanManage reports whether the actor drafts and issues directives: board
// specialists and administrators.
func CanManage(a org.Actor) bool { return a.Has(org.RoleBoardSpecialist, org.RoleAdmin) }

// canAct reports whether a unit user may act for the unit (acknowledge,
// write): its reporters and leaders, not viewers.
func canAct(a org.Actor) bool {
	return !a.System && a.UnitID != 0 && a.Has(org.RoleUnitReporter, org.RoleUnitLeader)
}

func canSee(a org.Actor, d Directive) bool {
	return a.AllUnits() || (d.Issued() && a.UnitID != 0 && slices.Contains(d.UnitIDs, a.UnitID))
}

// Create saves a draft directive with its recipient units.
func (s *Service) Create(ctx context.Context, a org.Actor, d Directive) (Directive, error) {
	if !CanManage(a) {
		return Directive{}, apperr.Forbidden()
	}
	d.ID, d.Number, d.Symbol, d.IssuedAt, d.IssuedBy, d.CreatedBy = 0, 0, "", nil, "", a.Username
	d.Normalize()
	if err := d.Validate(); err != nil {
		return Directive{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := insertDirective(ctx, tx, &d, now); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionCreate, "directive", d.ID, nil, auditView(d)))
	})
	if err != nil {
		return Directive{}, fmt.Errorf("notice: create directive: %w", err)
	}
	return findDirective(ctx, s.db, d.ID)
}

// Issue numbers a draft (N-CV/<board symbol>, numbering by year and type),
// sends it and notifies every user of the recipient units, in one transaction.
func (s *Service) Issue(ctx context.Context, a org.Actor, id int64, version int) (Directive, error) {
	if !CanManage(a) {
		return Directive{}, apperr.Forbidden()
	}
	settings, err := s.org.Settings(ctx)
	if err != nil {
		return Directive{}, err
	}
	symbol := settings[org.SettingBoardSymbol]
	if symbol == "" {
		return Directive{}, apperr.InvalidField("symbol", "Chưa đặt ký hiệu cơ quan ban hành (Thiết lập).", "The issuing body's symbol is not set (Settings).")
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		d, err := findDirective(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.Issued() || d.Version != version {
			e := apperr.Conflict("Văn bản đã được ban hành hoặc đã được người khác thay đổi.", "The directive was already issued or changed by someone else.")
			e.Detail = map[string]any{"current": d}
			return e
		}
		before, now := d, s.clock()
		if d.Number, err = org.NextDocNumber(ctx, tx, now.In(vntext.Location).Year(), d.TypeCode); err != nil {
			return err
		}
		d.Symbol = strconv.Itoa(d.Number) + "-" + d.TypeCode + "/" + symbol
		if err := issueDirective(ctx, tx, &d, a.Username, now); errors.Is(err, errStale) {
			return apperr.Conflict("Văn bản đã được người khác thay đổi.", "The directive was changed by someone else.")
		} else if err != nil {
			return err
		}
		users, err := unitUsers(ctx, tx, d.UnitIDs)
		if err != nil {
			return err
		}
		if err := s.Notify(ctx, tx, users, KindDirective, "Văn bản mới: "+d.Symbol+" "+d.Title, DirectiveLink(d.ID)); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "issue", "directive", id, auditView(before), auditView(d)))
	})
	if err != nil {
		return Directive{}, fmt.Errorf("notice: issue directive %d: %w", id, err)
	}
	return findDirective(ctx, s.db, id)
}

// DirectiveLink is the page of a directive.
func DirectiveLink(id int64) string { return "/directives/" + strconv.FormatInt(id, 10) }

// List returns the directives the actor may see, newest first: the Board
// every one, drafts included; a unit the issued ones sent to it.
func (s *Service) List(ctx context.Context, a org.Actor) ([]Directive, error) {
	var unitID int64
	if !a.AllUnits() {
		if unitID = a.UnitID; unitID == 0 {
			return []Directive{}, nil
		}
	}
	return listDirectives(ctx, s.db, unitID, 500)
}

// Find returns a directive the actor may see, with the unit's own receipt
// (unit users) or the whole table (the Board).
func (s *Service) Find(ctx context.Context, a org.Actor, id int64) (Detail, error) {
	d, err := findDirective(ctx, s.db, id)
	if err != nil {
		return Detail{}, err
	}
	if !canSee(a, d) {
		return Detail{}, apperr.Forbidden()
	}
	out := Detail{Directive: d}
	if out.Attachments, err = blob.List(ctx, s.db, OwnerDirective, id); err != nil {
		return Detail{}, err
	}
	if a.AllUnits() {
		r, err := s.receipts(ctx, d)
		if err != nil {
			return Detail{}, err
		}
		out.Receipts = &r
		return out, nil
	}
	rows, err := loadReceipts(ctx, s.db, id, a.UnitID)
	if err == nil && len(rows) == 1 {
		out.Mine = &rows[0]
	}
	return out, err
}

// MarkRead records the first opening of an issued directive by a user of a
// recipient unit (who and when); later openings change nothing. Board
// users' openings are not receipts. It reports whether it recorded one.
func (s *Service) MarkRead(ctx context.Context, a org.Actor, id int64) (bool, error) {
	d, err := findDirective(ctx, s.db, id)
	if err != nil {
		return false, err
	}
	if !canSee(a, d) {
		return false, apperr.Forbidden()
	}
	if a.UnitID == 0 || !d.Issued() || !slices.Contains(d.UnitIDs, a.UnitID) {
		return false, nil
	}
	var done bool
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if done, err = recordRead(ctx, tx, id, a.UnitID, a.Username, now); err != nil || !done {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "read", "directive", id, nil,
			map[string]any{"unit_id": a.UnitID, "read_by": a.Username}))
	})
	if err != nil {
		return false, fmt.Errorf("notice: mark read %d: %w", id, err)
	}
	return done, nil
}

// Acknowledge records that the actor's unit confirms receipt (Xác nhận đã
// nhận) of a directive that asks for it; it counts as a reading too.
func (s *Service) Acknowledge(ctx context.Context, a org.Actor, id int64) (Receipt, error) {
	d, err := findDirective(ctx, s.db, id)
	if err != nil {
		return Receipt{}, err
	}
	if !canSee(a, d) || !canAct(a) || !slices.Contains(d.UnitIDs, a.UnitID) {
		return Receipt{}, apperr.Forbidden()
	}
	if !d.RequiresAck {
		return Receipt{}, apperr.InvalidField("requires_ack", "Văn bản này không yêu cầu xác nhận.", "This directive asks for no acknowledgement.")
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if _, err := recordRead(ctx, tx, id, a.UnitID, a.Username, now); err != nil {
			return err
		}
		done, err := recordAck(ctx, tx, id, a.UnitID, a.Username, now)
		if err != nil || !done {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "acknowledge", "directive", id, nil,
			map[string]any{"unit_id": a.UnitID, "acknowledged_by": a.Username}))
	})
	if err != nil {
		return Receipt{}, fmt.Errorf("notice: acknowledge %d: %w", id, err)
	}
	rows, err := loadReceipts(ctx, s.db, id, a.UnitID)
	if err != nil || len(rows) == 0 {
		return Receipt{}, err
	}
	return rows[0], nil
}

// Receipts returns, for the Board, each recipient unit's first reading and
// acknowledgement, with the rates.
func (s *Service) Receipts(ctx context.Context, a org.Actor, id int64) (Receipts, error) {
	if !a.AllUnits() {
		return Receipts{}, apperr.Forbidden()
	}
	d, err := findDirective(ctx, s.db, id)
	if err != nil {
		return Receipts{}, err
	}
	return s.receipts(ctx, d)
}

func (s *Service) receipts(ctx context.Context, d Directive) (Receipts, error) {
	rows, err := loadReceipts(ctx, s.db, d.ID, 0)
	if err != nil {
		return Receipts{}, err
	}
	r := Receipts{DirectiveID: d.ID, Rows: rows}
	r.count()
	return r, nil
}

// Unread returns, for the Board, the recipient units that have not opened
// an issued directive olderThanWorkingDays working days or more after it
// was issued (holidays and make-up days counted by the calendar).
func (s *Service) Unread(ctx context.Context, a org.Actor, olderThanWorkingDays int) ([]UnreadUnit, error) {
	if !a.AllUnits() {
		return nil, apperr.Forbidden()
	}
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today := civil.Of(s.now(), vntext.Location)
	pairs, err := unreadPairs(ctx, s.db, s.clock())
	if err != nil {
		return nil, err
	}
	out := []UnreadUnit{}
	for _, p := range pairs {
		p.WorkingDays = cal.WorkingDaysBetween(civil.Of(p.IssuedAt, vntext.Location), today)
		if p.WorkingDays >= olderThanWorkingDays {
			out = append(out, p)
		}
	}
	return out, nil
}

func auditView(d Directive) map[string]any {
	return map[string]any{"id": d.ID, "type_code": d.TypeCode, "number": d.Number, "symbol": d.Symbol, "title": d.Title,
		"requires_ack": d.RequiresAck, "unit_ids": d.UnitIDs, "issued_at": d.IssuedAt, "version": d.Version}
}
