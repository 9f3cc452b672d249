package task

import (
	"context"
	"errors"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// The functions below keep a task in step with its origin (a press case)
// inside the origin's transaction: the origin's own rules have decided the
// step and checked who may take it, so they check no permission here. Each
// writes an event and an audit entry like the task's own actions.

// MoveInTx hands a task to another lead unit with a new deadline (a press
// case re-routed): the old unit no longer holds it, the new one starts it
// afresh (no progress, no completion), and the history keeps the move.
func MoveInTx(ctx context.Context, tx *sqldb.Tx, a org.Actor, now time.Time, id, leadUnitID int64, due civil.Date, note string) (Task, error) {
	return syncInTx(ctx, tx, a, now, id, "reassign", func(t *Task) Event {
		ev := Event{Kind: "reassigned", Note: vntext.Normalize(note), DueFrom: t.Due, DueTo: due}
		t.LeadUnitID, t.Due, t.Progress, t.Completion, t.DoneOn, t.Evidence = leadUnitID, due, 0, NotDone, civil.Date{}, ""
		return ev
	})
}

// ReportDoneInTx records the lead unit's completion (a press case answered):
// done on doneOn with the answer as evidence, waiting for the Board.
func ReportDoneInTx(ctx context.Context, tx *sqldb.Tx, a org.Actor, now time.Time, id int64, doneOn civil.Date, evidence string) (Task, error) {
	return syncInTx(ctx, tx, a, now, id, "complete", func(t *Task) Event {
		t.Completion, t.DoneOn, t.Evidence, t.Progress = Awaiting, doneOn, vntext.Normalize(evidence), 100
		return Event{Kind: "complete", Note: t.Evidence, DueTo: doneOn}
	})
}

// ConfirmInTx is the Board's confirmation (a press case's answer accepted).
func ConfirmInTx(ctx context.Context, tx *sqldb.Tx, a org.Actor, now time.Time, id int64) (Task, error) {
	return syncInTx(ctx, tx, a, now, id, "confirm", func(t *Task) Event {
		t.Completion = Confirmed
		return Event{Kind: "confirm"}
	})
}

// RejectInTx sends a completion back (a press case's answer returned): the
// task is open again for its lead unit.
func RejectInTx(ctx context.Context, tx *sqldb.Tx, a org.Actor, now time.Time, id int64, reason string) (Task, error) {
	return syncInTx(ctx, tx, a, now, id, "reject", func(t *Task) Event {
		t.Completion, t.DoneOn = Rejected, civil.Date{}
		return Event{Kind: "reject", Note: vntext.Normalize(reason)}
	})
}

// syncInTx reads the task, applies the step and writes it under the
// version it read; a concurrent change of the task is a conflict.
func syncInTx(ctx context.Context, tx *sqldb.Tx, a org.Actor, now time.Time, id int64, action string, apply func(*Task) Event) (Task, error) {
	t, err := findTask(ctx, tx, id)
	if err != nil {
		return Task{}, err
	}
	before := t
	ev := apply(&t)
	if err := updateTask(ctx, tx, &t, now); errors.Is(err, errStale) {
		return Task{}, conflict(before)
	} else if err != nil {
		return Task{}, err
	}
	ev.Actor, ev.At = a.Username, now
	if err := insertEvent(ctx, tx, t.ID, ev, a.UserID); err != nil {
		return Task{}, err
	}
	return t, org.AppendAudit(ctx, tx, now, org.NewAudit(a, "task_"+action, "task", t.ID, before, t))
}
