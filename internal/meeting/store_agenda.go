package meeting

import (
	"context"
	"fmt"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Owner kinds of files in the attachments table.
const (
	OwnerMeeting    = "meeting"
	OwnerAgendaItem = "agenda_item"
)

// replaceAgenda makes the stored agenda the given list: items with an id
// of this conference are updated in place (their files stay with them),
// items without one are added, and items left out are removed with their files.
func replaceAgenda(ctx context.Context, tx *sqldb.Tx, meetingID int64, items []AgendaItem) error {
	existing := map[int64]bool{}
	rows, err := tx.Query(ctx, "SELECT id FROM agenda_items WHERE meeting_id = ?", meetingID)
	if err != nil {
		return fmt.Errorf("meeting: agenda ids: %w", err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		existing[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	kept := map[int64]bool{}
	for i := range items {
		it := &items[i]
		p := "items[" + strconv.Itoa(i) + "]."
		if it.ID != 0 && (!existing[it.ID] || kept[it.ID]) {
			return apperr.InvalidField(p+"id", "Mục này không thuộc chương trình hội nghị.", "The item is not on this conference's agenda.")
		}
		if err := writeAgendaItem(ctx, tx, meetingID, it); err != nil {
			if sqldb.IsForeignKeyViolation(err) {
				return apperr.InvalidField(p+"presenting_unit_id", "Đơn vị trình bày hoặc chế độ báo cáo không tồn tại.", "The presenting unit or the regime does not exist.")
			}
			return err
		}
		kept[it.ID] = true
	}
	for id := range existing {
		if kept[id] {
			continue
		}
		if _, err := tx.Exec(ctx, "DELETE FROM attachments WHERE owner_kind = ? AND owner_id = ?", OwnerAgendaItem, id); err != nil {
			return fmt.Errorf("meeting: agenda files: %w", err)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM agenda_items WHERE id = ?", id); err != nil {
			return fmt.Errorf("meeting: remove agenda item: %w", err)
		}
	}
	return nil
}

func writeAgendaItem(ctx context.Context, tx *sqldb.Tx, meetingID int64, it *AgendaItem) error {
	args := []any{it.Position, it.Title, nullID(it.PresentingUnitID), it.From, it.To, nullID(it.RegimeID), it.PeriodKey, it.Notes}
	if it.ID != 0 {
		_, err := tx.Exec(ctx, `UPDATE agenda_items SET position = ?, title = ?, presenting_unit_id = ?, slot_from = ?, slot_to = ?,
			regime_id = ?, period_key = ?, notes = ? WHERE id = ?`, append(args, it.ID)...)
		return err
	}
	return tx.QueryRow(ctx, `INSERT INTO agenda_items (position, title, presenting_unit_id, slot_from, slot_to, regime_id,
		period_key, notes, meeting_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, append(args, meetingID)...).Scan(&it.ID)
}

// loadAgenda returns a conference's agenda in order, with the presenting units.
func loadAgenda(ctx context.Context, q querier, meetingID int64) ([]AgendaItem, error) {
	rows, err := q.Query(ctx, `SELECT a.id, a.position, a.title, COALESCE(a.presenting_unit_id, 0), a.slot_from, a.slot_to,
		COALESCE(a.regime_id, 0), a.period_key, a.notes, COALESCE(u.code, ''), COALESCE(u.name, ''), COALESCE(u.short_name, '')
		FROM agenda_items a LEFT JOIN units u ON u.id = a.presenting_unit_id
		WHERE a.meeting_id = ? ORDER BY a.position, a.id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("meeting: agenda: %w", err)
	}
	defer rows.Close()
	out := []AgendaItem{}
	for rows.Next() {
		var it AgendaItem
		var u UnitRef
		if err := rows.Scan(&it.ID, &it.Position, &it.Title, &it.PresentingUnitID, &it.From, &it.To, &it.RegimeID,
			&it.PeriodKey, &it.Notes, &u.Code, &u.Name, &u.ShortName); err != nil {
			return nil, err
		}
		if it.PresentingUnitID != 0 {
			u.ID = it.PresentingUnitID
			it.PresentingUnit = &u
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// replaceAttendance writes a conference's attendance rows, all or none.
func replaceAttendance(ctx context.Context, tx *sqldb.Tx, meetingID int64, rows []Attendance) error {
	if _, err := tx.Exec(ctx, "DELETE FROM attendance WHERE meeting_id = ?", meetingID); err != nil {
		return fmt.Errorf("meeting: clear attendance: %w", err)
	}
	for _, r := range rows {
		_, err := tx.Exec(ctx, "INSERT INTO attendance (meeting_id, unit_id, status, reason, represented_by) VALUES (?, ?, ?, ?, ?)",
			meetingID, r.UnitID, string(r.Status), r.Reason, r.RepresentedBy)
		if err != nil {
			return fmt.Errorf("meeting: attendance of unit %d: %w", r.UnitID, err)
		}
	}
	return nil
}

// loadAttendance returns the attendance rows with their units, in the
// units' Vietnamese order.
func loadAttendance(ctx context.Context, q querier, meetingID int64) ([]Attendance, error) {
	rows, err := q.Query(ctx, `SELECT a.unit_id, a.status, a.reason, a.represented_by, u.code, u.name, u.short_name
		FROM attendance a JOIN units u ON u.id = a.unit_id WHERE a.meeting_id = ? ORDER BY u.sort_key, u.id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("meeting: attendance: %w", err)
	}
	defer rows.Close()
	out := []Attendance{}
	for rows.Next() {
		var r Attendance
		u := UnitRef{}
		if err := rows.Scan(&r.UnitID, &r.Status, &r.Reason, &r.RepresentedBy, &u.Code, &u.Name, &u.ShortName); err != nil {
			return nil, err
		}
		u.ID = r.UnitID
		r.Unit = &u
		out = append(out, r)
	}
	return out, rows.Err()
}

// agendaFiles fills the files of each agenda item (metadata only).
func agendaFiles(ctx context.Context, db *sqldb.DB, items []AgendaItem) error {
	for i := range items {
		files, err := blob.List(ctx, db, OwnerAgendaItem, items[i].ID)
		if err != nil {
			return err
		}
		if len(files) > 0 {
			items[i].Attachments = files
		}
	}
	return nil
}
