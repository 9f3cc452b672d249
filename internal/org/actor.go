package org

import "slices"

// Actor is who performs an operation: the signed-in user, or the system
// (demo loading, imports from the command line). Services decide every
// permission from it.
type Actor struct {
	UserID   int64
	Username string
	UnitID   int64
	Roles    []Role
	IP       string
	System   bool
}

// SystemActor acts for command-line tools and the demo loader.
func SystemActor(what string) Actor {
	return Actor{Username: "system:" + what, IP: "local", System: true}
}

// ActorFor returns the actor of a signed-in user.
func ActorFor(u *User, ip string) Actor {
	return Actor{UserID: u.ID, Username: u.Username, UnitID: u.UnitID, Roles: slices.Clone(u.Roles), IP: ip}
}

// Has reports whether the actor holds any of the roles (the system holds all).
func (a Actor) Has(roles ...Role) bool {
	if a.System {
		return true
	}
	for _, r := range roles {
		if slices.Contains(a.Roles, r) {
			return true
		}
	}
	return false
}

// AllUnits reports whether the actor's scope is every unit (board roles).
func (a Actor) AllUnits() bool {
	return a.Has(RoleAdmin, RoleBoardLeader, RoleBoardSpecialist)
}

// CanSeeUnit reports whether the unit is in the actor's scope.
func (a Actor) CanSeeUnit(unitID int64) bool {
	return a.AllUnits() || (unitID != 0 && unitID == a.UnitID)
}

// ScopeIDs returns the unit IDs an actor is restricted to, or nil for all.
func (a Actor) ScopeIDs() []int64 {
	if a.AllUnits() {
		return nil
	}
	return []int64{a.UnitID}
}

// CanManageUnits: administrators and board specialists keep the unit list.
func (a Actor) CanManageUnits() bool { return a.Has(RoleAdmin, RoleBoardSpecialist) }

// CanManageUsers: administrators only (roles decide what others may see).
func (a Actor) CanManageUsers() bool { return a.Has(RoleAdmin) }

// CanReadAudit: board leaders and administrators.
func (a Actor) CanReadAudit() bool { return a.Has(RoleAdmin, RoleBoardLeader) }

// CanListUsers: everyone signed in may see users, within their scope.
func (a Actor) CanListUsers() bool { return a.System || a.UserID != 0 }
