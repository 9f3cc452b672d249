package meeting

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

const conclusionCols = `id, meeting_id, COALESCE(number, 0), COALESCE(year, 0), symbol, superior_body, issuing_body, place,
	issued_at, issued_by, subject, body_intro, body_closing, signer_authority, signer_position, signer_name, recipients,
	version, created_at, updated_at`

// findConclusion returns a conference's stored notice with its items.
func findConclusion(ctx context.Context, q querier, meetingID int64) (Conclusion, bool, error) {
	var c Conclusion
	var issued sql.NullTime
	var recipients string
	err := q.QueryRow(ctx, "SELECT "+conclusionCols+" FROM conclusions WHERE meeting_id = ?", meetingID).Scan(
		&c.ID, &c.MeetingID, &c.Number, &c.Year, &c.Symbol, &c.SuperiorBody, &c.IssuingBody, &c.Place,
		&issued, &c.IssuedBy, &c.Subject, &c.Intro, &c.Closing, &c.Signer.Authority, &c.Signer.Position, &c.Signer.Name,
		&recipients, &c.Version, &c.CreatedAt, &c.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Conclusion{}, false, nil
	}
	if err != nil {
		return Conclusion{}, false, fmt.Errorf("meeting: conclusion of %d: %w", meetingID, err)
	}
	if issued.Valid {
		t := issued.Time.UTC()
		c.IssuedAt = &t
	}
	c.CreatedAt, c.UpdatedAt, c.Stored = c.CreatedAt.UTC(), c.UpdatedAt.UTC(), true
	c.Recipients = []string{}
	if recipients != "" {
		c.Recipients = strings.Split(recipients, "\n")
	}
	c.Items, err = loadItems(ctx, q, c.ID)
	return c, true, err
}

// saveConclusion writes the draft: a new row, or the stored one if its
// version is current and it is not issued; the items are replaced.
func saveConclusion(ctx context.Context, tx *sqldb.Tx, c *Conclusion, now time.Time) error {
	args := []any{c.Subject, c.Intro, c.Closing, c.Signer.Authority, c.Signer.Position, c.Signer.Name,
		strings.Join(c.Recipients, "\n"), now}
	if c.ID == 0 {
		err := tx.QueryRow(ctx, `INSERT INTO conclusions (subject, body_intro, body_closing, signer_authority, signer_position,
			signer_name, recipients, updated_at, meeting_id, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`,
			append(args, c.MeetingID, now)...).Scan(&c.ID)
		if sqldb.IsUniqueViolation(err, "meeting") {
			return errStale // another draft was saved first
		}
		if err != nil {
			return fmt.Errorf("meeting: insert conclusion: %w", err)
		}
		c.Version, c.CreatedAt = 1, now
	} else {
		res, err := tx.Exec(ctx, `UPDATE conclusions SET subject = ?, body_intro = ?, body_closing = ?, signer_authority = ?,
			signer_position = ?, signer_name = ?, recipients = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ? AND issued_at IS NULL`, append(args, c.ID, c.Version)...)
		if err != nil {
			return fmt.Errorf("meeting: update conclusion: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errStale
		}
		c.Version++
	}
	c.UpdatedAt, c.Stored = now, true
	return replaceItems(ctx, tx, c)
}

func replaceItems(ctx context.Context, tx *sqldb.Tx, c *Conclusion) error {
	if _, err := tx.Exec(ctx, "DELETE FROM conclusion_items WHERE conclusion_id = ?", c.ID); err != nil {
		return fmt.Errorf("meeting: clear items: %w", err)
	}
	for i := range c.Items {
		it := &c.Items[i]
		p := "items[" + strconv.Itoa(i) + "]."
		err := tx.QueryRow(ctx, `INSERT INTO conclusion_items (conclusion_id, position, text, lead_unit_id, due, key_task)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, c.ID, it.Position, it.Text, it.LeadUnitID, it.Due, it.Key).Scan(&it.ID)
		if sqldb.IsForeignKeyViolation(err) {
			return apperr.InvalidField(p+"lead_unit_id", "Đơn vị chủ trì không tồn tại.", "The lead unit does not exist.")
		} else if err != nil {
			return fmt.Errorf("meeting: insert item: %w", err)
		}
		for _, u := range it.SupportUnitIDs {
			_, err := tx.Exec(ctx, "INSERT INTO conclusion_item_units (item_id, unit_id) VALUES (?, ?)", it.ID, u)
			if sqldb.IsForeignKeyViolation(err) {
				return apperr.InvalidField(p+"support_unit_ids", "Đơn vị phối hợp không tồn tại.", "A supporting unit does not exist.")
			} else if err != nil {
				return fmt.Errorf("meeting: insert support unit: %w", err)
			}
		}
	}
	return nil
}

// loadItems returns a notice's items with their units.
func loadItems(ctx context.Context, q querier, conclusionID int64) ([]Item, error) {
	rows, err := q.Query(ctx, `SELECT i.id, i.position, i.text, i.lead_unit_id, i.due, i.key_task, COALESCE(i.task_id, 0),
		u.code, u.name, u.short_name FROM conclusion_items i JOIN units u ON u.id = i.lead_unit_id
		WHERE i.conclusion_id = ? ORDER BY i.position, i.id`, conclusionID)
	if err != nil {
		return nil, fmt.Errorf("meeting: items: %w", err)
	}
	out := []Item{}
	byID := map[int64]int{}
	for rows.Next() {
		var it Item
		u := UnitRef{}
		if err := rows.Scan(&it.ID, &it.Position, &it.Text, &it.LeadUnitID, &it.Due, &it.Key, &it.TaskID,
			&u.Code, &u.Name, &u.ShortName); err != nil {
			rows.Close()
			return nil, err
		}
		u.ID = it.LeadUnitID
		it.LeadUnit, it.SupportUnitIDs, it.SupportUnits = &u, []int64{}, []UnitRef{}
		byID[it.ID] = len(out)
		out = append(out, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	rows, err = q.Query(ctx, `SELECT s.item_id, u.id, u.code, u.name, u.short_name FROM conclusion_item_units s
		JOIN units u ON u.id = s.unit_id JOIN conclusion_items i ON i.id = s.item_id
		WHERE i.conclusion_id = ? ORDER BY u.sort_key, u.id`, conclusionID)
	if err != nil {
		return nil, fmt.Errorf("meeting: support units: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var item int64
		var u UnitRef
		if err := rows.Scan(&item, &u.ID, &u.Code, &u.Name, &u.ShortName); err != nil {
			return nil, err
		}
		it := &out[byID[item]]
		it.SupportUnits, it.SupportUnitIDs = append(it.SupportUnits, u), append(it.SupportUnitIDs, u.ID)
	}
	return out, rows.Err()
}

// markIssued freezes the notice with its number and header, if it is still
// the draft the issuer read.
func markIssued(ctx context.Context, tx *sqldb.Tx, c *Conclusion) error {
	res, err := tx.Exec(ctx, `UPDATE conclusions SET number = ?, year = ?, symbol = ?, superior_body = ?, issuing_body = ?,
		place = ?, issued_at = ?, issued_by = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ? AND issued_at IS NULL`,
		c.Number, c.Year, c.Symbol, c.SuperiorBody, c.IssuingBody, c.Place, *c.IssuedAt, c.IssuedBy, *c.IssuedAt, c.ID, c.Version)
	if err != nil {
		return fmt.Errorf("meeting: issue conclusion: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	c.Version++
	c.UpdatedAt = *c.IssuedAt
	return nil
}

// inactiveUnits returns the names of the units among ids that are no
// longer active (merged, abolished): tasks cannot be given to them.
func inactiveUnits(ctx context.Context, q querier, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.Query(ctx, "SELECT id, name FROM units WHERE active = ? AND id IN ("+placeholders(len(ids))+")",
		append([]any{false}, anyIDs(ids)...)...)
	if err != nil {
		return nil, fmt.Errorf("meeting: unit states: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
