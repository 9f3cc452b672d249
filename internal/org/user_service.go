package org

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// UserPatch holds the fields a PATCH changes; nil means unchanged.
type UserPatch struct {
	FullName *string `json:"full_name"`
	Email    *string `json:"email"`
	Phone    *string `json:"phone"`
	UnitID   *int64  `json:"unit_id"`
	Roles    *[]Role `json:"roles"`
	Active   *bool   `json:"active"`
	Lang     *string `json:"lang"`
	Password *string `json:"password"` // an administrator's reset
	Version  int     `json:"version"`
}

// ListUsers returns users in the actor's scope.
func (s *Service) ListUsers(ctx context.Context, a Actor, f UserFilter) (UserList, error) {
	if !a.CanListUsers() {
		return UserList{}, apperr.Forbidden()
	}
	if f.UnitID != 0 && !a.CanSeeUnit(f.UnitID) {
		return UserList{}, apperr.Forbidden()
	}
	return listUsers(ctx, s.db, f, a.ScopeIDs())
}

// FindUser returns one user the actor may see.
func (s *Service) FindUser(ctx context.Context, a Actor, id int64) (User, error) {
	u, err := findUser(ctx, s.db, id)
	if err != nil {
		return User{}, err
	}
	if !a.CanSeeUnit(u.UnitID) && a.UserID != u.ID {
		return User{}, apperr.Forbidden()
	}
	return u, nil
}

// CreateUser adds a user with an initial password (administrators).
func (s *Service) CreateUser(ctx context.Context, a Actor, u User, password string) (User, error) {
	if !a.CanManageUsers() {
		return User{}, apperr.Forbidden()
	}
	u.ID, u.Active = 0, true
	u.Normalize()
	err := errors.Join(u.Validate(), ValidatePassword(u.Username, password))
	if err != nil {
		return User{}, mergeInvalid(err)
	}
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return User{}, err
	}
	err = s.transact(ctx, func(tx *sqldb.Tx) error {
		if err := checkUserUnit(ctx, tx, &u, true); err != nil {
			return err
		}
		now := s.Now()
		if err := insertUser(ctx, tx, &u, hash, now); err != nil {
			return err
		}
		return AppendAudit(ctx, tx, now, NewAudit(a, ActionCreate, "user", u.ID, nil, u))
	})
	if err != nil {
		return User{}, fmt.Errorf("org: create user: %w", err)
	}
	return u, nil
}

// UpdateUser applies a patch (administrators) if the version is current.
func (s *Service) UpdateUser(ctx context.Context, a Actor, id int64, p UserPatch) (User, error) {
	if !a.CanManageUsers() {
		return User{}, apperr.Forbidden()
	}
	if p.Version <= 0 {
		return User{}, apperr.InvalidField("version", "Thiếu phiên bản dữ liệu (version) đã đọc.", "The version you read is required.")
	}
	var hash string
	if p.Password != nil {
		cur, err := findUser(ctx, s.db, id)
		if err != nil {
			return User{}, err
		}
		if err := ValidatePassword(cur.Username, *p.Password); err != nil {
			return User{}, err
		}
		if hash, err = s.hasher.Hash(ctx, *p.Password); err != nil {
			return User{}, err
		}
	}
	var out User
	err := s.transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findUser(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != p.Version {
			return conflict("người dùng", before)
		}
		u := before
		u.Roles = slices.Clone(before.Roles)
		p.apply(&u)
		u.Normalize()
		if err := u.Validate(); err != nil {
			return err
		}
		if err := checkUserUnit(ctx, tx, &u, u.UnitID != before.UnitID || (u.Active && !before.Active)); err != nil {
			return err
		}
		now := s.Now()
		if err := updateUser(ctx, tx, &u, now); errors.Is(err, errStale) {
			return conflict("người dùng", before)
		} else if err != nil {
			return err
		}
		entries := []AuditEntry{NewAudit(a, userAction(before, u), "user", u.ID, before, u)}
		if !slices.Equal(before.Roles, u.Roles) {
			entries = append(entries, NewAudit(a, ActionRoles, "user", u.ID, before.Roles, u.Roles))
		}
		if hash != "" {
			if err := setPassword(ctx, tx, u.ID, hash, now); err != nil {
				return err
			}
			u.Version++
			entries = append(entries, NewAudit(a, ActionPassword, "user", u.ID, nil, map[string]string{"by": "admin"}))
		}
		out = u
		return AppendAudit(ctx, tx, now, entries...)
	})
	if err != nil {
		return User{}, fmt.Errorf("org: update user %d: %w", id, err)
	}
	return out, nil
}

func (p UserPatch) apply(u *User) {
	for dst, src := range map[*string]*string{&u.FullName: p.FullName, &u.Email: p.Email, &u.Phone: p.Phone, &u.Lang: p.Lang} {
		if src != nil {
			*dst = *src
		}
	}
	if p.UnitID != nil {
		u.UnitID = *p.UnitID
	}
	if p.Roles != nil {
		u.Roles = slices.Clone(*p.Roles)
	}
	if p.Active != nil {
		u.Active = *p.Active
	}
}

func userAction(before, after User) string {
	switch {
	case before.Active && !after.Active:
		return ActionDeactivate
	case !before.Active && after.Active:
		return ActionActivate
	}
	return ActionUpdate
}

// checkUserUnit: the unit must exist (and be active when the user joins it
// or is reactivated: the users of a closed unit can still be edited and
// deactivated), and board roles (which
// see every unit) are only for people of a board unit.
func checkUserUnit(ctx context.Context, q querier, u *User, mustBeActive bool) error {
	unit, err := findUnit(ctx, q, u.UnitID)
	if apperr.Is(err, apperr.KindNotFound) {
		return apperr.InvalidField("unit_id", "Đơn vị không tồn tại.", "The unit does not exist.")
	}
	if err != nil {
		return err
	}
	if mustBeActive && !unit.Active {
		return apperr.InvalidField("unit_id", "Đơn vị đã ngừng hoạt động.", "The unit is inactive.")
	}
	if unit.Kind != KindBoard && (u.HasRole(RoleBoardLeader) || u.HasRole(RoleBoardSpecialist)) {
		return apperr.InvalidField("roles", "Vai trò Lãnh đạo Ban, Chuyên viên Ban chỉ dành cho người thuộc Ban Tuyên giáo.",
			"Board roles are only for people of the Board.")
	}
	return nil
}

// mergeInvalid joins several Invalid errors into one with all fields.
func mergeInvalid(err error) error {
	var v apperr.Invalid
	var other error
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		if ae, ok := apperr.As(e); ok && ae.Kind == apperr.KindInvalid {
			for k, m := range ae.Fields {
				v.Add(k, m, ae.FieldsEn[k])
			}
			return
		}
		other = e
	}
	walk(err)
	if other != nil {
		return other
	}
	return v.Err()
}
