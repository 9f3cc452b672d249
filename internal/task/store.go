package task

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

type querier = sqldb.Querier

var errStale = errors.New("task: stale version")

const taskCols = `id, origin, COALESCE(origin_id, 0), COALESCE(meeting_id, 0), title, description, lead_unit_id,
	COALESCE(assigner_id, 0), assigner, due, key_task, progress, completion, done_on, evidence, version, created_at, updated_at`

func scanTask(sc interface{ Scan(...any) error }) (Task, error) {
	var t Task
	err := sc.Scan(&t.ID, &t.Origin, &t.OriginID, &t.MeetingID, &t.Title, &t.Description, &t.LeadUnitID, &t.AssignerID,
		&t.Assigner, &t.Due, &t.Key, &t.Progress, &t.Completion, &t.DoneOn, &t.Evidence, &t.Version, &t.CreatedAt, &t.UpdatedAt)
	t.SupportUnitIDs = []int64{}
	return t, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// insertTask writes a new task and its supporting units.
func insertTask(ctx context.Context, tx *sqldb.Tx, n New, assignerID int64, assigner string, now time.Time) (Task, error) {
	t := Task{Origin: n.Origin, OriginID: n.OriginID, MeetingID: n.MeetingID, Title: n.Title, Description: n.Description,
		LeadUnitID: n.LeadUnitID, SupportUnitIDs: n.SupportUnitIDs, AssignerID: assignerID, Assigner: assigner, Due: n.Due,
		Key: n.Key, Completion: NotDone, Version: 1, CreatedAt: now, UpdatedAt: now}
	if t.SupportUnitIDs == nil {
		t.SupportUnitIDs = []int64{}
	}
	err := tx.QueryRow(ctx, `INSERT INTO tasks (origin, origin_id, meeting_id, title, description, lead_unit_id, assigner_id, assigner,
		due, key_task, progress, completion, done_on, evidence, search_key, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'none', NULL, '', ?, 1, ?, ?) RETURNING id`,
		string(t.Origin), nullID(t.OriginID), nullID(t.MeetingID), t.Title, t.Description, t.LeadUnitID, nullID(assignerID), assigner,
		t.Due, t.Key, vntext.Fold(t.Title+" "+t.Description), now, now).Scan(&t.ID)
	if sqldb.IsForeignKeyViolation(err) {
		return Task{}, apperr.InvalidField("lead_unit_id", "Đơn vị không tồn tại.", "The unit does not exist.")
	}
	if err != nil {
		return Task{}, fmt.Errorf("task: insert: %w", err)
	}
	for _, u := range t.SupportUnitIDs {
		if _, err := tx.Exec(ctx, "INSERT INTO task_units (task_id, unit_id) VALUES (?, ?)", t.ID, u); err != nil {
			if sqldb.IsForeignKeyViolation(err) {
				return Task{}, apperr.InvalidField("support_unit_ids", "Đơn vị phối hợp không tồn tại.", "A supporting unit does not exist.")
			}
			return Task{}, fmt.Errorf("task: insert support: %w", err)
		}
	}
	return t, nil
}

// updateTask writes the mutable fields if the version is current.
func updateTask(ctx context.Context, tx *sqldb.Tx, t *Task, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE tasks SET lead_unit_id = ?, due = ?, progress = ?, completion = ?, done_on = ?, evidence = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		t.LeadUnitID, t.Due, t.Progress, string(t.Completion), t.DoneOn, t.Evidence, now, t.ID, t.Version)
	if err != nil {
		return fmt.Errorf("task: update: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	t.Version++
	t.UpdatedAt = now
	return nil
}

func findTask(ctx context.Context, q querier, id int64) (Task, error) {
	t, err := scanTask(q.QueryRow(ctx, "SELECT "+taskCols+" FROM tasks WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Task{}, apperr.NotFound("nhiệm vụ")
	}
	if err != nil {
		return Task{}, fmt.Errorf("task: find %d: %w", id, err)
	}
	if err := loadSupport(ctx, q, []*Task{&t}); err != nil {
		return Task{}, err
	}
	return t, nil
}

// loadSupport fills the supporting units of tasks in one query.
func loadSupport(ctx context.Context, q querier, ts []*Task) error {
	if len(ts) == 0 {
		return nil
	}
	byID := make(map[int64]*Task, len(ts))
	args := make([]any, 0, len(ts))
	for _, t := range ts {
		byID[t.ID] = t
		args = append(args, t.ID)
	}
	rows, err := q.Query(ctx, "SELECT task_id, unit_id FROM task_units WHERE task_id IN ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")+") ORDER BY unit_id", args...)
	if err != nil {
		return fmt.Errorf("task: support units: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tid, uid int64
		if err := rows.Scan(&tid, &uid); err != nil {
			return err
		}
		byID[tid].SupportUnitIDs = append(byID[tid].SupportUnitIDs, uid)
	}
	return rows.Err()
}

func insertEvent(ctx context.Context, tx *sqldb.Tx, taskID int64, e Event, actorID int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO task_events (task_id, kind, percent, note, due_from, due_to, actor_id, actor, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, taskID, e.Kind, e.Percent, e.Note, e.DueFrom, e.DueTo, nullID(actorID), e.Actor, e.At)
	if err != nil {
		return fmt.Errorf("task: event: %w", err)
	}
	return nil
}

func taskEvents(ctx context.Context, q querier, id int64) ([]Event, error) {
	rows, err := q.Query(ctx, "SELECT id, kind, percent, note, due_from, due_to, actor, at FROM task_events WHERE task_id = ? ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("task: events: %w", err)
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.Kind, &e.Percent, &e.Note, &e.DueFrom, &e.DueTo, &e.Actor, &e.At); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

func taskExtensions(ctx context.Context, q querier, id int64) ([]Extension, error) {
	rows, err := q.Query(ctx, `SELECT id, requested_due, reason, status, requested_by, decided_by, decision_note, created_at, decided_at
		FROM task_extensions WHERE task_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("task: extensions: %w", err)
	}
	defer rows.Close()
	out := []Extension{}
	for rows.Next() {
		var x Extension
		var decided sql.NullTime
		if err := rows.Scan(&x.ID, &x.RequestedDue, &x.Reason, &x.Status, &x.RequestedBy, &x.DecidedBy, &x.DecisionNote, &x.CreatedAt, &decided); err != nil {
			return nil, err
		}
		if decided.Valid {
			t := decided.Time.UTC()
			x.DecidedAt = &t
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

var _ = civil.Date{}
