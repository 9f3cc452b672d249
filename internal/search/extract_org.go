package search

import (
	"context"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Units: a unit's people see their own unit, the Board every unit
// (org.Actor.CanSeeUnit).
const allUnits = `SELECT id, updated_at FROM units`

func loadUnits(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	var out []Doc
	err := queryRows(ctx, q, `SELECT u.id, u.code, u.name, u.short_name, u.active, COALESCE(p.name, ''), u.updated_at
		FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id IN (?)`, ids, func(scan func(...any) error) error {
		var d Doc
		var code, short, parent string
		var active bool
		if err := scan(&d.RefID, &code, &d.Title, &short, &active, &parent, &d.Stamp); err != nil {
			return err
		}
		d.Kind, d.UnitID, d.Units = KindUnit, d.RefID, []int64{d.RefID}
		d.Readers = unitReaders(d.RefID)
		d.Body = joinText(code+" "+short, parent)
		d.URL = "/units/" + id(d.RefID)
		if !active {
			d.Status = "inactive"
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// Users: the people of the user's unit, the user, and the Board
// (org.Service.FindUser).
const allUsers = `SELECT id, updated_at FROM users`

func loadUsers(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	var out []Doc
	err := queryRows(ctx, q, `SELECT u.id, u.username, u.full_name, u.email, u.unit_id, n.name, u.active, u.updated_at
		FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id IN (?)`, ids, func(scan func(...any) error) error {
		var d Doc
		var username, email, unit string
		var active bool
		var stamp time.Time
		if err := scan(&d.RefID, &username, &d.Title, &email, &d.UnitID, &unit, &active, &stamp); err != nil {
			return err
		}
		d.Kind, d.Units, d.Stamp = KindUser, []int64{d.UnitID}, stamp
		d.Readers = append(unitReaders(d.UnitID), userReader(d.RefID))
		d.Body = joinText(username+" "+email, unit)
		d.URL = "/users/" + id(d.RefID)
		if !active {
			d.Status = "inactive"
		}
		out = append(out, d)
		return nil
	})
	return out, err
}
