package org

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// ImportResult counts what an import did.
type ImportResult struct {
	Rows      int `json:"rows"`
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// ImportError is raised for the first bad row; the whole file is refused.
func importErr(r ImportRow, msg, en string) error {
	prefix := fmt.Sprintf("Dòng %d", r.Line)
	enPrefix := fmt.Sprintf("Line %d", r.Line)
	if r.Code != "" {
		prefix += " (mã " + r.Code + ")"
		enPrefix += " (code " + r.Code + ")"
	}
	e := apperr.InvalidField("file", prefix+": "+msg, enPrefix+": "+en).(*apperr.Error)
	e.Detail = map[string]any{"line": r.Line, "code": r.Code}
	return e
}

// ImportUnits creates or updates units by code, all or nothing: one bad row
// refuses the file with its row number and reason, and nothing is written.
// Every created or changed unit gets its own audit entry.
func (s *Service) ImportUnits(ctx context.Context, a Actor, rows []ImportRow) (ImportResult, error) {
	if !a.CanManageUnits() {
		return ImportResult{}, apperr.Forbidden()
	}
	ordered, err := checkImportRows(rows)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Rows: len(rows)}
	err = s.transact(ctx, func(tx *sqldb.Tx) error {
		res = ImportResult{Rows: len(rows)}
		now := s.Now()
		existing, err := unitsByCode(ctx, tx)
		if err != nil {
			return err
		}
		var audit []AuditEntry
		for _, r := range ordered {
			e, changed, err := importOne(ctx, tx, r, existing, now)
			if err != nil {
				return err
			}
			switch {
			case !changed:
				res.Unchanged++
			case e.Action == ActionCreate:
				res.Created++
			default:
				res.Updated++
			}
			if changed {
				e.Actor, e.IP = a.Username, a.IP
				if a.UserID != 0 {
					id := a.UserID
					e.ActorID = &id
				}
				audit = append(audit, e)
			}
		}
		return AppendAudit(ctx, tx, now, audit...)
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("org: import units: %w", err)
	}
	return res, nil
}

func importOne(ctx context.Context, tx *sqldb.Tx, r ImportRow, existing map[string]Unit, now time.Time) (AuditEntry, bool, error) {
	u, found := existing[r.Code]
	before := u
	if !found {
		u = Unit{Active: true}
	}
	u.Code, u.Name, u.Kind = r.Code, r.Name, r.Kind
	if r.ShortName != "" {
		u.ShortName = r.ShortName
	}
	u.ParentID = nil
	if r.ParentCode != "" {
		p, ok := existing[r.ParentCode]
		if !ok {
			return AuditEntry{}, false, importErr(r, "không tìm thấy đơn vị cấp trên có mã "+r.ParentCode+".",
				"no parent unit with code "+r.ParentCode+".")
		}
		id := p.ID
		u.ParentID = &id
	}
	u.Normalize()
	if err := u.Validate(); err != nil {
		return AuditEntry{}, false, rowErr(r, err)
	}
	if found && sameImported(before, u) {
		return AuditEntry{}, false, nil
	}
	var err error
	action := ActionCreate
	if found {
		action = ActionUpdate
		err = updateUnit(ctx, tx, &u, now)
	} else {
		err = insertUnit(ctx, tx, &u, now)
	}
	if err != nil {
		return AuditEntry{}, false, rowErr(r, err)
	}
	existing[u.Code] = u
	var b any
	if found {
		b = before
	}
	return NewAudit(Actor{}, action, "unit", u.ID, b, u), true, nil
}

func sameImported(a, b Unit) bool {
	pa, pb := int64(0), int64(0)
	if a.ParentID != nil {
		pa = *a.ParentID
	}
	if b.ParentID != nil {
		pb = *b.ParentID
	}
	return a.Code == b.Code && a.Name == b.Name && a.ShortName == b.ShortName && a.Kind == b.Kind && pa == pb
}

func rowErr(r ImportRow, err error) error {
	if ae, ok := apperr.As(err); ok && ae.Kind == apperr.KindInvalid {
		for field, msg := range ae.Fields {
			return importErr(r, field+": "+msg, field+": "+ae.FieldsEn[field])
		}
	}
	return err
}

// checkImportRows rejects duplicates and orders rows so parents in the file
// come before their children.
func checkImportRows(rows []ImportRow) ([]ImportRow, error) {
	if len(rows) == 0 {
		return nil, apperr.InvalidField("file", "Tệp không có đơn vị nào.", "The file holds no units.")
	}
	byCode := make(map[string]int, len(rows))
	for i, r := range rows {
		if !r.Kind.Valid() {
			return nil, importErr(r, "loại đơn vị \""+string(r.Kind)+"\" không hợp lệ (board, bloc_member, party_board, press_agency, province, commune, other).",
				"unknown kind \""+string(r.Kind)+"\".")
		}
		if j, dup := byCode[r.Code]; dup && r.Code != "" {
			return nil, importErr(r, fmt.Sprintf("mã trùng với dòng %d.", rows[j].Line), fmt.Sprintf("code repeats line %d.", rows[j].Line))
		}
		byCode[r.Code] = i
	}
	depth := make([]int, len(rows))
	for i := range rows {
		d, cur := 0, rows[i]
		for cur.ParentCode != "" {
			j, ok := byCode[cur.ParentCode]
			if !ok {
				break
			}
			if d++; d > len(rows) || j == i {
				return nil, importErr(rows[i], "đơn vị cấp trên tạo vòng lặp.", "the parents form a cycle.")
			}
			cur = rows[j]
		}
		depth[i] = d
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return depth[a] - depth[b] })
	out := make([]ImportRow, len(rows))
	for k, i := range idx {
		out[k] = rows[i]
	}
	return out, nil
}

func unitsByCode(ctx context.Context, q querier) (map[string]Unit, error) {
	rows, err := q.Query(ctx, "SELECT "+unitCols+" FROM units")
	if err != nil {
		return nil, fmt.Errorf("org: load units: %w", err)
	}
	defer rows.Close()
	out := map[string]Unit{}
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out[u.Code] = u
	}
	return out, rows.Err()
}
