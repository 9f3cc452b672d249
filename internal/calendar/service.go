package calendar

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Audit vocabulary of the holiday table.
const (
	auditEntity  = "holiday"
	actionDelete = "delete"
)

// Options configures a Service; zero values take the defaults.
type Options struct {
	Now func() time.Time
}

// Service keeps the holiday table: anyone may read it, administrators edit
// it (every change audited), and it hands out a cached Calendar that is
// reloaded when the table's version moves — also after a change made by
// another instance, since the version lives in the database.
type Service struct {
	db  *sqldb.DB
	now func() time.Time

	mu  sync.Mutex // guards cal; held while reloading so one load serves all waiters
	cal *Calendar
}

// NewService builds the calendar service over db.
func NewService(db *sqldb.DB, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{db: db, now: o.Now}
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Load reads the whole holiday table into a fresh Calendar (no cache).
func (s *Service) Load(ctx context.Context) (*Calendar, error) {
	return loadCalendar(ctx, s.db)
}

// Calendar returns the current Calendar: the cached one when the table has
// not changed since it was loaded (one single-row read to check), else a
// fresh load. Callers computing many dates take it once per request.
func (s *Service) Calendar(ctx context.Context) (*Calendar, error) {
	v, err := readVersion(ctx, s.db)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cal != nil && s.cal.version == v {
		return s.cal, nil
	}
	c, err := loadCalendar(ctx, s.db)
	if err != nil {
		return nil, err
	}
	s.cal = c
	return c, nil
}

// ListHolidays returns the rows of one year, by date.
func (s *Service) ListHolidays(ctx context.Context, year int) ([]Holiday, error) {
	return listHolidays(ctx, s.db, civil.D(year, time.January, 1), civil.D(year, time.December, 31))
}

// SetHoliday creates or replaces the row of h.Date (administrators only).
// Saving a row unchanged writes nothing.
func (s *Service) SetHoliday(ctx context.Context, a org.Actor, h Holiday) error {
	if !a.Has(org.RoleAdmin) {
		return apperr.Forbidden()
	}
	h.Normalize()
	if err := h.Validate(); err != nil {
		return err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findHoliday(ctx, tx, h.Date)
		found := err == nil
		if err != nil && !apperr.Is(err, apperr.KindNotFound) {
			return err
		}
		if found && before.Name == h.Name && before.Kind == h.Kind {
			return nil
		}
		now := s.stamp()
		if err := upsertHoliday(ctx, tx, h, now); err != nil {
			return err
		}
		if err := bumpVersion(ctx, tx); err != nil {
			return err
		}
		entry := org.NewAudit(a, org.ActionCreate, auditEntity, h.Date.String(), nil, h.audit())
		if found {
			entry = org.NewAudit(a, org.ActionUpdate, auditEntity, h.Date.String(), before.audit(), h.audit())
		}
		return org.AppendAudit(ctx, tx, now, entry)
	})
	if err != nil {
		return fmt.Errorf("calendar: set holiday %s: %w", h.Date, err)
	}
	return nil
}

// DeleteHoliday removes the row of d (administrators only): the date goes
// back to an ordinary weekday or weekend.
func (s *Service) DeleteHoliday(ctx context.Context, a org.Actor, d civil.Date) error {
	if !a.Has(org.RoleAdmin) {
		return apperr.Forbidden()
	}
	if d.IsZero() {
		return apperr.InvalidField("date", "Ngày là bắt buộc.", "Date is required.")
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findHoliday(ctx, tx, d)
		if err != nil {
			return err
		}
		now := s.stamp()
		if err := deleteHoliday(ctx, tx, d); err != nil {
			return err
		}
		if err := bumpVersion(ctx, tx); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, actionDelete, auditEntity, d.String(), before.audit(), nil))
	})
	if err != nil {
		return fmt.Errorf("calendar: delete holiday %s: %w", d, err)
	}
	return nil
}
