package reporting

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
)

// Service holds the reporting rules; handlers call it, it never sees HTTP.
type Service struct {
	templates sync.Map // templateKey → Template
	tasks     *task.Service
	sources   *sourceSet // figures other modules compute (WithSources)
	db        *sqldb.DB
	org       *org.Service
	cal       *calendar.Service
	now       func() time.Time
}

// NewService builds the reporting service.
func NewService(db *sqldb.DB, orgSvc *org.Service, cal *calendar.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, org: orgSvc, cal: cal, now: now}
}

// WithTasks lets reports show the tasks their unit leads that fall due in
// the period (the section "Kết quả thực hiện nhiệm vụ được giao").
func (s *Service) WithTasks(t *task.Service) *Service {
	s.tasks = t
	return s
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Service) today() civil.Date { return civil.Of(s.now(), vntext.Location) }

// canDesign: board specialists (and administrators) design regimes and
// review submissions.
func canDesign(a org.Actor) bool { return a.Has(org.RoleBoardSpecialist, org.RoleAdmin) }

// canOversee: the Board's roles see every unit's reports and the totals.
func canOversee(a org.Actor) bool { return a.AllUnits() }

func conflict(what string, current any) error {
	e := apperr.Conflict("Dữ liệu "+what+" đã được người khác thay đổi. Hãy xem bản mới nhất trước khi lưu.",
		"The "+what+" was changed by someone else. Review the latest version before saving.")
	e.Detail = map[string]any{"current": current}
	return e
}

// CreateRegime adds a regime with its first template version.
func (s *Service) CreateRegime(ctx context.Context, a org.Actor, r Regime) (Regime, error) {
	if !canDesign(a) {
		return Regime{}, apperr.Forbidden()
	}
	r.ID, r.Active = 0, true
	r.Normalize()
	if err := r.validate(s.known()); err != nil {
		return Regime{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := insertRegime(ctx, tx, &r, a.Username, now); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionCreate, "regime", r.ID, nil, r))
	})
	if err != nil {
		return Regime{}, fmt.Errorf("reporting: create regime: %w", err)
	}
	return r, nil
}

// UpdateRegime replaces a regime's settings; a changed template becomes a
// new version, and reports keep the version they were made with.
func (s *Service) UpdateRegime(ctx context.Context, a org.Actor, id int64, r Regime) (Regime, error) {
	if !canDesign(a) {
		return Regime{}, apperr.Forbidden()
	}
	if r.Version <= 0 {
		return Regime{}, apperr.InvalidField("version", "Thiếu phiên bản dữ liệu (version) đã đọc.", "The version you read is required.")
	}
	r.ID = id
	r.Normalize()
	if err := r.validate(s.known()); err != nil {
		return Regime{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := s.findRegime(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != r.Version {
			return conflict("chế độ báo cáo", before)
		}
		now := s.clock()
		r.Template.Version = before.Template.Version
		if !sameTemplate(before.Template, r.Template) {
			r.Template.Version = before.Template.Version + 1
			if err := insertTemplate(ctx, tx, id, &r.Template, a.Username, now); err != nil {
				return err
			}
		}
		r.CreatedAt = before.CreatedAt
		if err := updateRegime(ctx, tx, &r, now); errors.Is(err, errStale) {
			return conflict("chế độ báo cáo", before)
		} else if err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionUpdate, "regime", id, before, r))
	})
	if err != nil {
		return Regime{}, fmt.Errorf("reporting: update regime %d: %w", id, err)
	}
	return r, nil
}

func sameTemplate(a, b Template) bool {
	a.Version, b.Version = 0, 0
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// ListRegimes returns every regime to the Board, and to a unit the regimes
// it must report in.
func (s *Service) ListRegimes(ctx context.Context, a org.Actor) ([]Regime, error) {
	if canOversee(a) {
		return listRegimes(ctx, s.db, nil)
	}
	unit, err := s.org.FindUnit(ctx, a, a.UnitID)
	if err != nil {
		return nil, err
	}
	return listRegimes(ctx, s.db, &unit)
}

// FindRegime returns a regime the actor takes part in, with its current template.
func (s *Service) FindRegime(ctx context.Context, a org.Actor, id int64) (Regime, error) {
	r, err := s.findRegime(ctx, s.db, id)
	if err != nil {
		return Regime{}, err
	}
	if !canOversee(a) {
		ok, err := s.expects(ctx, r, a.UnitID)
		if err != nil {
			return Regime{}, err
		}
		if !ok {
			return Regime{}, apperr.Forbidden()
		}
	}
	return r, nil
}

// Template returns a stored template version of a regime (for old reports).
func (s *Service) Template(ctx context.Context, regimeID int64, version int) (Template, error) {
	return s.template(ctx, s.db, regimeID, version)
}

// ExpectedUnits lists the units that must report in a regime.
func (s *Service) ExpectedUnits(ctx context.Context, a org.Actor, r Regime) ([]org.Unit, error) {
	units, err := expectedUnits(ctx, s.db, r)
	if err != nil || canOversee(a) {
		return units, err
	}
	return slices.DeleteFunc(units, func(u org.Unit) bool { return u.ID != a.UnitID }), nil
}

func (s *Service) expects(ctx context.Context, r Regime, unitID int64) (bool, error) {
	units, err := expectedUnits(ctx, s.db, r)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(units, func(u org.Unit) bool { return u.ID == unitID }), nil
}

// PeriodInfo is a period of a regime with its due and lock dates.
type PeriodInfo struct {
	Key   string     `json:"key"`
	From  civil.Date `json:"from"`
	To    civil.Date `json:"to"`
	Due   civil.Date `json:"due"`
	Locks civil.Date `json:"locks"`
}

// Periods lists a regime's periods of a year with their deadlines.
func (s *Service) Periods(ctx context.Context, a org.Actor, id int64, year int) ([]PeriodInfo, error) {
	r, err := s.FindRegime(ctx, a, id)
	if err != nil {
		return nil, err
	}
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	var ps []calendar.Period
	if r.Frequency == calendar.Explicit {
		p, _ := r.Period(r.Code)
		ps = []calendar.Period{p}
	} else {
		ps = calendar.Periods(r.Frequency, r.Cutoff, year)
	}
	out := make([]PeriodInfo, 0, len(ps))
	for _, p := range ps {
		due := cal.Due(p, r.Deadline)
		out = append(out, PeriodInfo{Key: p.Key, From: p.From, To: p.To, Due: due, Locks: calendar.LockDate(due, r.LockDays)})
	}
	return out, nil
}

// periodInfo returns one period's dates.
func (s *Service) periodInfo(ctx context.Context, r Regime, key string) (PeriodInfo, error) {
	p, err := r.Period(key)
	if err != nil {
		return PeriodInfo{}, err
	}
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return PeriodInfo{}, err
	}
	due := cal.Due(p, r.Deadline)
	return PeriodInfo{Key: p.Key, From: p.From, To: p.To, Due: due, Locks: calendar.LockDate(due, r.LockDays)}, nil
}
