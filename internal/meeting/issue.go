package meeting

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
)

// Conclusion returns a conference's notice: the stored one, or the default
// draft worded from the conference. A draft shows the header (bodies,
// symbol, place) of today's settings; an issued notice the one it was
// issued with. Units invited read the notice once it is issued.
func (s *Service) Conclusion(ctx context.Context, a org.Actor, id int64) (Conclusion, error) {
	m, err := s.Find(ctx, a, id)
	if err != nil {
		return Conclusion{}, err
	}
	c, err := s.conclusion(ctx, m)
	if err == nil && !c.Issued() && !a.AllUnits() {
		return Conclusion{}, apperr.Forbidden()
	}
	return c, err
}

func (s *Service) conclusion(ctx context.Context, m Meeting) (Conclusion, error) {
	c, found, err := findConclusion(ctx, s.db, m.ID)
	if err != nil || c.Issued() {
		return c, err
	}
	settings, err := s.org.Settings(ctx)
	if err != nil {
		return Conclusion{}, err
	}
	if !found {
		c = DefaultConclusion(m, settings[org.SettingBoardName])
	}
	c.Symbol, c.SuperiorBody, c.IssuingBody = settings[org.SettingBoardSymbol], settings[org.SettingSuperiorName], settings[org.SettingBoardName]
	c.Place = settings[org.SettingProvinceName]
	return c, nil
}

// SaveConclusion replaces the draft notice and its items (c.Version: the
// version read, 0 for the first save). An issued notice cannot change.
func (s *Service) SaveConclusion(ctx context.Context, a org.Actor, id int64, c Conclusion) (Conclusion, error) {
	if !CanManage(a) {
		return Conclusion{}, apperr.Forbidden()
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return Conclusion{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		if _, err := findMeeting(ctx, tx, id); err != nil {
			return err
		}
		stored, found, err := findConclusion(ctx, tx, id)
		switch {
		case err != nil:
			return err
		case stored.Issued():
			return errIssued(stored)
		case found && stored.Version != c.Version:
			return conflict("thông báo kết luận", stored)
		}
		if err := checkActive(ctx, tx, c.Items); err != nil {
			return err
		}
		c.ID, c.MeetingID = stored.ID, id
		now := s.clock()
		if err := saveConclusion(ctx, tx, &c, now); errors.Is(err, errStale) {
			return conflict("thông báo kết luận", stored)
		} else if err != nil {
			return err
		}
		var before any
		if found {
			before = stored
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionUpdate, "conclusion", c.ID, before, c))
	})
	if err != nil {
		return Conclusion{}, fmt.Errorf("meeting: save conclusion of %d: %w", id, err)
	}
	return s.Conclusion(ctx, a, id)
}

func errIssued(c Conclusion) error {
	return apperr.Conflict("Thông báo kết luận đã ban hành ("+c.NumberLine()+"), không sửa được nữa.",
		"The conclusion notice has been issued ("+c.NumberLine()+") and can no longer change.")
}

// checkActive refuses items whose lead or supporting unit is no longer
// active: a task cannot be given to an abolished unit.
func checkActive(ctx context.Context, q querier, items []Item) error {
	for i, it := range items {
		gone, err := inactiveUnits(ctx, q, append([]int64{it.LeadUnitID}, it.SupportUnitIDs...))
		if err != nil {
			return err
		}
		for id, name := range gone {
			field := "items[" + strconv.Itoa(i) + "].support_unit_ids"
			if id == it.LeadUnitID {
				field = "items[" + strconv.Itoa(i) + "].lead_unit_id"
			}
			return apperr.InvalidField(field, "Đơn vị "+name+" đã ngừng hoạt động, không giao nhiệm vụ được.",
				"Unit "+name+" is no longer active and cannot be given tasks.")
		}
	}
	return nil
}

// IssueConclusion issues the notice: it takes the next number of the year
// of issue for type TB (Số N-TB/<symbol>), freezes the notice with today's
// header, turns every item into a task of the lead unit with its
// supporting units, deadline and key flag, and marks the conference
// concluded — all in one transaction, all audited: a single bad item
// issues nothing and uses no number.
func (s *Service) IssueConclusion(ctx context.Context, a org.Actor, id int64, version int) (Conclusion, error) {
	if !CanIssue(a) {
		return Conclusion{}, apperr.Forbidden()
	}
	settings, err := s.org.Settings(ctx)
	if err != nil {
		return Conclusion{}, err
	}
	if settings[org.SettingBoardSymbol] == "" {
		return Conclusion{}, apperr.InvalidField("symbol", "Chưa đặt ký hiệu cơ quan ban hành (Thiết lập).", "The issuing body's symbol is not set (Settings).")
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		m, err := findMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		c, found, err := findConclusion(ctx, tx, id)
		switch {
		case err != nil:
			return err
		case !found:
			return apperr.InvalidField("items", "Chưa lưu dự thảo thông báo kết luận.", "Save the draft notice first.")
		case c.Issued():
			return errIssued(c)
		case c.Version != version:
			return conflict("thông báo kết luận", c)
		case len(c.Items) == 0:
			return apperr.InvalidField("items", "Thông báo chưa có nội dung kết luận nào.", "The notice has no items.")
		}
		before, now := c, s.clock()
		c.Year = now.In(vntext.Location).Year()
		if c.Number, err = org.NextDocNumber(ctx, tx, c.Year, TypeCode); err != nil {
			return err
		}
		c.Symbol, c.SuperiorBody, c.IssuingBody = settings[org.SettingBoardSymbol], settings[org.SettingSuperiorName], settings[org.SettingBoardName]
		c.Place, c.IssuedAt, c.IssuedBy = settings[org.SettingProvinceName], &now, a.Username
		if err := markIssued(ctx, tx, &c); errors.Is(err, errStale) {
			return conflict("thông báo kết luận", before)
		} else if err != nil {
			return err
		}
		if err := s.assign(ctx, tx, a, m, &c); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE meetings SET status = ?, version = version + 1, updated_at = ? WHERE id = ?",
			string(Concluded), now, id); err != nil {
			return fmt.Errorf("meeting: mark concluded: %w", err)
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "conclusion_issue", "conclusion", c.ID, before, c),
			org.NewAudit(a, org.ActionUpdate, "meeting", id, map[string]any{"status": m.Status}, map[string]any{"status": Concluded}))
	})
	if err != nil {
		return Conclusion{}, fmt.Errorf("meeting: issue conclusion of %d: %w", id, err)
	}
	return s.Conclusion(ctx, a, id)
}

// assign turns the items into tasks, one by one, inside the issuing
// transaction, and links each item to its task.
func (s *Service) assign(ctx context.Context, tx *sqldb.Tx, a org.Actor, m Meeting, c *Conclusion) error {
	desc := "Theo Thông báo " + c.NumberLine() + " ngày " + vntext.FormatDate(*c.IssuedAt) + ": " + c.Subject
	for i := range c.Items {
		it := &c.Items[i]
		if err := checkActive(ctx, tx, []Item{*it}); err != nil {
			return renameFields(err, "items["+strconv.Itoa(i)+"].", "items[0].")
		}
		ts, err := task.CreateInTx(ctx, tx, a, *c.IssuedAt, []task.New{{Origin: task.FromConclusion, OriginID: it.ID,
			MeetingID: m.ID, Title: it.Text, Description: desc, LeadUnitID: it.LeadUnitID, SupportUnitIDs: it.SupportUnitIDs,
			Due: it.Due, Key: it.Key}})
		if err != nil {
			return renameFields(err, "items["+strconv.Itoa(i)+"].", "")
		}
		it.TaskID = ts[0].ID
		if _, err := tx.Exec(ctx, "UPDATE conclusion_items SET task_id = ? WHERE id = ?", it.TaskID, it.ID); err != nil {
			return fmt.Errorf("meeting: link item %d to its task: %w", it.ID, err)
		}
	}
	return nil
}

// renameFields names an invalid-field error after the item it concerns.
func renameFields(err error, prefix, strip string) error {
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid {
		return err
	}
	var v apperr.Invalid
	for f, msg := range e.Fields {
		v.Add(prefix+strings.TrimPrefix(f, strip), msg, e.FieldsEn[f])
	}
	return v.Err()
}
