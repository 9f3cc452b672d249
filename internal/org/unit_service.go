package org

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// OptionalID is a JSON field that distinguishes "absent" from null: Set is
// true when the field was present, Value is nil for null.
type OptionalID struct {
	Set   bool
	Value *int64
}

// UnmarshalJSON records presence (only called when the field is present).
func (o *OptionalID) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Value = nil
		return nil
	}
	var v int64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}

// UnitPatch holds the fields a PATCH changes; nil means unchanged. Version
// must be the version the caller read.
type UnitPatch struct {
	Code      *string     `json:"code"`
	Name      *string     `json:"name"`
	ShortName *string     `json:"short_name"`
	Kind      *UnitKind   `json:"kind"`
	ParentID  OptionalID  `json:"parent_id"`
	Bloc      *bool       `json:"bloc"`
	ValidFrom *civil.Date `json:"valid_from"`
	ValidTo   *civil.Date `json:"valid_to"`
	Active    *bool       `json:"active"`
	Version   int         `json:"version"`
}

func (p UnitPatch) apply(u *Unit) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&u.Code, p.Code)
	set(&u.Name, p.Name)
	set(&u.ShortName, p.ShortName)
	if p.Kind != nil {
		u.Kind = *p.Kind
	}
	if p.ParentID.Set {
		u.ParentID = p.ParentID.Value
	}
	if p.Bloc != nil {
		u.Bloc = *p.Bloc
	}
	if p.ValidFrom != nil {
		u.ValidFrom = *p.ValidFrom
	}
	if p.ValidTo != nil {
		u.ValidTo = *p.ValidTo
	}
	if p.Active != nil {
		u.Active = *p.Active
	}
}

// ListUnits returns a page of units in Vietnamese order, within the actor's scope.
func (s *Service) ListUnits(ctx context.Context, a Actor, f UnitFilter) (UnitList, error) {
	f.IDs = a.ScopeIDs()
	return listUnits(ctx, s.db, f)
}

// FindUnit returns one unit the actor may see.
func (s *Service) FindUnit(ctx context.Context, a Actor, id int64) (Unit, error) {
	if !a.CanSeeUnit(id) {
		return Unit{}, apperr.Forbidden()
	}
	return findUnit(ctx, s.db, id)
}

// UnitsByID loads units by id for display (names of parents and the like);
// units outside the actor's scope are left out.
func (s *Service) UnitsByID(ctx context.Context, a Actor, ids []int64) (map[int64]Unit, error) {
	out := map[int64]Unit{}
	ids = slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return !a.CanSeeUnit(id) })
	if len(ids) == 0 {
		return out, nil
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		list, err := listUnits(ctx, s.db, UnitFilter{IDs: chunk, Limit: len(chunk)})
		if err != nil {
			return nil, err
		}
		for _, u := range list.Items {
			out[u.ID] = u
		}
	}
	return out, nil
}

// CreateUnit adds a unit (administrators and board specialists).
func (s *Service) CreateUnit(ctx context.Context, a Actor, u Unit) (Unit, error) {
	if !a.CanManageUnits() {
		return Unit{}, apperr.Forbidden()
	}
	u.ID, u.Active = 0, true
	u.Normalize()
	if err := u.Validate(); err != nil {
		return Unit{}, err
	}
	err := s.transact(ctx, func(tx *sqldb.Tx) error {
		if err := s.checkParent(ctx, tx, &u); err != nil {
			return err
		}
		now := s.Now()
		if err := insertUnit(ctx, tx, &u, now); err != nil {
			return err
		}
		return AppendAudit(ctx, tx, now, NewAudit(a, ActionCreate, "unit", u.ID, nil, u))
	})
	if err != nil {
		return Unit{}, fmt.Errorf("org: create unit: %w", err)
	}
	return u, nil
}

// UpdateUnit applies a patch if the caller's version is current; a stale
// version is a visible conflict carrying the current unit.
func (s *Service) UpdateUnit(ctx context.Context, a Actor, id int64, p UnitPatch) (Unit, error) {
	if !a.CanManageUnits() {
		return Unit{}, apperr.Forbidden()
	}
	if p.Version <= 0 {
		return Unit{}, apperr.InvalidField("version", "Thiếu phiên bản dữ liệu (version) đã đọc.", "The version you read is required.")
	}
	var out Unit
	err := s.transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findUnit(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != p.Version {
			return conflict("đơn vị", before)
		}
		u := before
		p.apply(&u)
		u.Normalize()
		if err := u.Validate(); err != nil {
			return err
		}
		if err := s.checkParent(ctx, tx, &u); err != nil {
			return err
		}
		now := s.Now()
		if err := updateUnit(ctx, tx, &u, now); errors.Is(err, errStale) {
			return conflict("đơn vị", before)
		} else if err != nil {
			return err
		}
		out = u
		return AppendAudit(ctx, tx, now, NewAudit(a, unitAction(before, u), "unit", u.ID, before, u))
	})
	if err != nil {
		return Unit{}, fmt.Errorf("org: update unit %d: %w", id, err)
	}
	return out, nil
}

func unitAction(before, after Unit) string {
	switch {
	case before.Active && !after.Active:
		return ActionDeactivate
	case !before.Active && after.Active:
		return ActionActivate
	}
	return ActionUpdate
}

// checkParent verifies the parent exists and that it would not make a cycle.
func (s *Service) checkParent(ctx context.Context, q querier, u *Unit) error {
	if u.ParentID == nil {
		return nil
	}
	if _, err := findUnit(ctx, q, *u.ParentID); apperr.Is(err, apperr.KindNotFound) {
		return apperr.InvalidField("parent_id", "Đơn vị cấp trên không tồn tại.", "The parent unit does not exist.")
	} else if err != nil {
		return err
	}
	if u.ID == 0 {
		return nil
	}
	up, err := ancestorIDs(ctx, q, *u.ParentID)
	if err != nil {
		return err
	}
	if slices.Contains(up, u.ID) {
		return apperr.InvalidField("parent_id", "Không thể chọn đơn vị cấp dưới làm cấp trên (tạo vòng lặp).", "A unit below this one cannot be its parent.")
	}
	return nil
}

// UnitByCode returns the unit with the given code, within the actor's scope.
func (s *Service) UnitByCode(ctx context.Context, a Actor, code string) (Unit, error) {
	u, err := findUnitByCode(ctx, s.db, code)
	if err != nil {
		return Unit{}, err
	}
	if !a.CanSeeUnit(u.ID) {
		return Unit{}, apperr.NotFound("đơn vị có mã " + code)
	}
	return u, nil
}
