package training

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Audit actions of the register (entities "training_staff",
// "training_course", "training_participants", "attachment").
const (
	ActionMove   = "training_move"
	ActionAttach = "attach"
	ActionDetach = "detach"
)

// Service holds the register's rules; handlers call it, it never sees HTTP.
type Service struct {
	db  *sqldb.DB
	now func() time.Time
}

// NewService builds the training service; now is the clock (nil: time.Now).
func NewService(db *sqldb.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, now: now}
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Today is the service's date in Asia/Ho_Chi_Minh.
func (s *Service) Today() civil.Date { return civil.Of(s.now(), vntext.Location) }

// CanManageAll reports whether the actor keeps every unit's register and the
// courses: the Board's specialists and administrators.
func CanManageAll(a org.Actor) bool { return a.Has(org.RoleAdmin, org.RoleBoardSpecialist) }

// CanManageUnit reports whether the actor keeps the register of one unit:
// the Board's managers, or that unit's own reporters and leaders.
func CanManageUnit(a org.Actor, unitID int64) bool {
	return CanManageAll(a) || (!a.System && unitID != 0 && a.UnitID == unitID && a.Has(org.RoleUnitReporter, org.RoleUnitLeader))
}

func conflict(what string, current any) error {
	e := apperr.Conflict(what+" đã được người khác cập nhật. Hãy xem bản mới nhất.", "It was changed by someone else; review the latest version.")
	e.Detail = map[string]any{"current": current}
	return e
}

func needVersion(v int) error {
	if v <= 0 {
		return apperr.InvalidField("version", "Thiếu phiên bản dữ liệu (version) đã đọc.", "The version you read is required.")
	}
	return nil
}

// CreateStaff adds a staff member to a unit's register.
func (s *Service) CreateStaff(ctx context.Context, a org.Actor, in Staff) (Staff, error) {
	if !CanManageUnit(a, in.UnitID) {
		return Staff{}, apperr.Forbidden()
	}
	in.ID, in.Active, in.CreatedBy, in.Moves = 0, true, a.Username, nil
	in.Normalize()
	if err := in.Validate(s.Today()); err != nil {
		return Staff{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := insertStaff(ctx, tx, &in, now); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionCreate, "training_staff", in.ID, nil, in))
	})
	if err != nil {
		return Staff{}, fmt.Errorf("training: create staff: %w", err)
	}
	return in, nil
}

// FindStaff returns a staff member the actor may see, with the moves.
func (s *Service) FindStaff(ctx context.Context, a org.Actor, id int64) (Staff, error) {
	st, err := findStaff(ctx, s.db, id)
	if err != nil {
		return Staff{}, err
	}
	if !a.CanSeeUnit(st.UnitID) {
		return Staff{}, apperr.Forbidden()
	}
	if st.Moves, err = loadMoves(ctx, s.db, id); err != nil {
		return Staff{}, err
	}
	return st, nil
}

// ListStaff returns the register in the actor's scope, in Vietnamese order
// of given names.
func (s *Service) ListStaff(ctx context.Context, a org.Actor, f StaffFilter) (StaffList, error) {
	if f.UnitID != 0 && !a.CanSeeUnit(f.UnitID) {
		return StaffList{}, apperr.Forbidden()
	}
	return listStaff(ctx, s.db, f, a.ScopeIDs())
}

// UpdateStaff edits a staff member's details under the version read. The
// unit changes only through MoveStaff, which keeps the history.
func (s *Service) UpdateStaff(ctx context.Context, a org.Actor, id int64, in Staff) (Staff, error) {
	if err := needVersion(in.Version); err != nil {
		return Staff{}, err
	}
	in.Normalize()
	var out Staff
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findStaff(ctx, tx, id)
		if err != nil {
			return err
		}
		if !CanManageUnit(a, before.UnitID) {
			return apperr.Forbidden()
		}
		if in.UnitID != 0 && in.UnitID != before.UnitID {
			return apperr.InvalidField("unit_id", "Đổi đơn vị bằng chức năng chuyển đơn vị, để giữ lịch sử công tác.",
				"Change the unit with a move, which keeps the history.")
		}
		if before.Version != in.Version {
			return conflict("Hồ sơ cán bộ", before)
		}
		st := before
		st.FullName, st.Position, st.BirthDate, st.PoliticalLevel = in.FullName, in.Position, in.BirthDate, in.PoliticalLevel
		st.Qualification, st.Phone, st.Email, st.Active = in.Qualification, in.Phone, in.Email, in.Active
		if err := st.Validate(s.Today()); err != nil {
			return err
		}
		now := s.clock()
		if err := saveStaff(ctx, tx, &st, now); err != nil {
			if errors.Is(err, errStale) {
				return conflict("Hồ sơ cán bộ", before)
			}
			return err
		}
		out = st
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionUpdate, "training_staff", id, before, st))
	})
	if err != nil {
		return Staff{}, fmt.Errorf("training: update staff %d: %w", id, err)
	}
	out.Moves, err = loadMoves(ctx, s.db, id)
	return out, err
}

// MoveInput is a move of a staff member to another unit.
type MoveInput struct {
	Version  int        `json:"version"`
	ToUnitID int64      `json:"to_unit_id"`
	MovedOn  civil.Date `json:"moved_on"`
	Note     string     `json:"note"`
}

// MoveStaff moves a staff member to another unit on a date, recording the
// move in the history and changing the unit in one transaction. The Board's
// managers move anyone; a unit moves its own staff out.
func (s *Service) MoveStaff(ctx context.Context, a org.Actor, id int64, in MoveInput) (Staff, error) {
	if err := needVersion(in.Version); err != nil {
		return Staff{}, err
	}
	in.Note = vntext.Normalize(in.Note)
	var out Staff
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findStaff(ctx, tx, id)
		if err != nil {
			return err
		}
		if !CanManageUnit(a, before.UnitID) {
			return apperr.Forbidden()
		}
		moves, err := loadMoves(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.validateMove(before, moves, in); err != nil {
			return err
		}
		if before.Version != in.Version {
			return conflict("Hồ sơ cán bộ", before)
		}
		now := s.clock()
		m := Move{StaffID: id, FromUnitID: before.UnitID, ToUnitID: in.ToUnitID, MovedOn: in.MovedOn, Note: in.Note, Actor: a.Username, At: now}
		if err := insertMove(ctx, tx, &m, a.UserID); err != nil {
			return err
		}
		st := before
		st.UnitID = in.ToUnitID
		if err := saveStaff(ctx, tx, &st, now); err != nil {
			if errors.Is(err, errStale) {
				return conflict("Hồ sơ cán bộ", before)
			}
			return err
		}
		out = st
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionMove, "training_staff", id, before, map[string]any{"staff": st, "move": m}))
	})
	if err != nil {
		return Staff{}, fmt.Errorf("training: move staff %d: %w", id, err)
	}
	out.Moves, err = loadMoves(ctx, s.db, id)
	return out, err
}

func (s *Service) validateMove(st Staff, moves []Move, in MoveInput) error {
	var v apperr.Invalid
	switch {
	case in.ToUnitID <= 0:
		v.Add("to_unit_id", "Chọn đơn vị chuyển đến.", "Choose the unit moved to.")
	case in.ToUnitID == st.UnitID:
		v.Add("to_unit_id", "Đơn vị chuyển đến phải khác đơn vị hiện tại.", "The new unit must differ from the current one.")
	}
	switch {
	case in.MovedOn.IsZero():
		v.Add("moved_on", "Nhập ngày chuyển công tác.", "Enter the date of the move.")
	case in.MovedOn.After(s.Today()):
		v.Add("moved_on", "Ngày chuyển công tác không được sau hôm nay.", "The move cannot be dated in the future.")
	case len(moves) > 0 && in.MovedOn.Before(moves[len(moves)-1].MovedOn):
		v.Add("moved_on", "Ngày chuyển không được trước lần chuyển gần nhất ("+vntext.FormatDate(moves[len(moves)-1].MovedOn.In(vntext.Location))+").",
			"The move cannot be dated before the previous one.")
	}
	if len([]rune(in.Note)) > 500 {
		v.Add("note", "Ghi chú tối đa 500 ký tự.", "At most 500 characters.")
	}
	return v.Err()
}
