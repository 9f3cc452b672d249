package task

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

func leadOnly(a org.Actor) func(Task) error {
	return func(t Task) error {
		if !canReport(a, t) {
			return apperr.Forbidden()
		}
		if t.Completion == Confirmed || t.Completion == Awaiting {
			return apperr.Conflict("Nhiệm vụ đã báo hoàn thành.", "The task is already reported done.")
		}
		return nil
	}
}

// Progress records the lead unit's progress (0–100 %) with a note.
func (s *Service) Progress(ctx context.Context, a org.Actor, id int64, version, percent int, note string) (Task, error) {
	if percent < 0 || percent > 100 {
		return Task{}, apperr.InvalidField("percent", "Tiến độ từ 0 đến 100 %.", "Progress is 0 to 100 %.")
	}
	note = vntext.Normalize(note)
	return s.change(ctx, a, int(id), version, "progress", leadOnly(a), func(tx *sqldb.Tx, t *Task, now time.Time) (Event, error) {
		t.Progress = percent
		return Event{Kind: "progress", Percent: &percent, Note: note}, nil
	})
}

// Complete is the lead unit's report that the task is done, with the
// completion date and evidence; the Board then confirms or sends it back.
func (s *Service) Complete(ctx context.Context, a org.Actor, id int64, version int, doneOn civil.Date, evidence string) (Task, error) {
	evidence = vntext.Normalize(evidence)
	var v apperr.Invalid
	if doneOn.IsZero() {
		v.Add("done_on", "Nhập ngày hoàn thành.", "Enter the completion date.")
	} else if doneOn.After(s.Today()) {
		v.Add("done_on", "Ngày hoàn thành không được sau hôm nay.", "The completion date cannot be in the future.")
	}
	if strings.TrimSpace(evidence) == "" {
		v.Add("evidence", "Nêu kết quả, sản phẩm hoặc văn bản chứng minh đã hoàn thành.", "Describe the result or evidence.")
	}
	if err := v.Err(); err != nil {
		return Task{}, err
	}
	check := func(t Task) error {
		if err := leadOnly(a)(t); err != nil {
			return err
		}
		if t.Origin == FromPressCase { // the answer to the press is what completes it, reviewed by the Board
			return apperr.Conflict("Nhiệm vụ này hoàn thành khi đơn vị trả lời vụ việc báo chí: hãy trả lời trên trang vụ việc.",
				"This task is completed by answering the press case: answer it on the case's page.")
		}
		return nil
	}
	return s.change(ctx, a, int(id), version, "complete", check, func(tx *sqldb.Tx, t *Task, now time.Time) (Event, error) {
		t.Completion, t.DoneOn, t.Evidence, t.Progress = Awaiting, doneOn, evidence, 100
		return Event{Kind: "complete", Note: evidence, DueTo: doneOn}, nil
	})
}

func awaitingBoard(a org.Actor) func(Task) error {
	return func(t Task) error {
		if !canAssign(a) {
			return apperr.Forbidden()
		}
		if t.Completion != Awaiting {
			return apperr.Conflict("Nhiệm vụ không ở trạng thái chờ xác nhận.", "The task is not awaiting confirmation.")
		}
		return nil
	}
}

// Confirm is the Board's confirmation that the task is done.
func (s *Service) Confirm(ctx context.Context, a org.Actor, id int64, version int) (Task, error) {
	return s.change(ctx, a, int(id), version, "confirm", awaitingBoard(a), func(tx *sqldb.Tx, t *Task, now time.Time) (Event, error) {
		t.Completion = Confirmed
		return Event{Kind: "confirm"}, nil
	})
}

// Reject sends a completion back: the task is open again.
func (s *Service) Reject(ctx context.Context, a org.Actor, id int64, version int, reason string) (Task, error) {
	reason = vntext.Normalize(reason)
	if strings.TrimSpace(reason) == "" {
		return Task{}, apperr.InvalidField("reason", "Cần ghi rõ lý do.", "A reason is required.")
	}
	return s.change(ctx, a, int(id), version, "reject", awaitingBoard(a), func(tx *sqldb.Tx, t *Task, now time.Time) (Event, error) {
		t.Completion, t.DoneOn = Rejected, civil.Date{}
		return Event{Kind: "reject", Note: reason}, nil
	})
}

// RequestExtension asks the Board to move the deadline (gia hạn).
func (s *Service) RequestExtension(ctx context.Context, a org.Actor, id int64, newDue civil.Date, reason string) (Extension, error) {
	reason = vntext.Normalize(reason)
	var x Extension
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		t, err := findTask(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := leadOnly(a)(t); err != nil {
			return err
		}
		var v apperr.Invalid
		switch {
		case newDue.IsZero():
			v.Add("requested_due", "Nhập thời hạn đề nghị.", "Enter the requested deadline.")
		case !t.Due.IsZero() && !newDue.After(t.Due):
			v.Add("requested_due", "Thời hạn đề nghị phải sau thời hạn hiện tại.", "The new deadline must be later.")
		case newDue.Before(s.Today()):
			v.Add("requested_due", "Thời hạn đề nghị không được trước hôm nay.", "The new deadline cannot be in the past.")
		}
		if strings.TrimSpace(reason) == "" {
			v.Add("reason", "Nêu lý do xin gia hạn.", "Give the reason.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		// One request at a time: the Board answers it before another is made.
		exts, err := taskExtensions(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, e := range exts {
			if e.Status == "pending" {
				return apperr.Conflict("Đã có đề nghị gia hạn đang chờ Ban xem xét.", "A request is already waiting for the Board.")
			}
		}
		now := s.clock()
		x = Extension{RequestedDue: newDue, Reason: reason, Status: "pending", RequestedBy: a.Username, CreatedAt: now}
		if err := tx.QueryRow(ctx, `INSERT INTO task_extensions (task_id, requested_due, reason, status, requested_by, created_at)
			VALUES (?, ?, ?, 'pending', ?, ?) RETURNING id`, id, newDue, reason, a.Username, now).Scan(&x.ID); err != nil {
			return fmt.Errorf("task: insert extension: %w", err)
		}
		if err := insertEvent(ctx, tx, id, Event{Kind: "extension_request", Note: reason, DueFrom: t.Due, DueTo: newDue, Actor: a.Username, At: now}, a.UserID); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "task_extension_request", "task", id, nil, x))
	})
	return x, err
}

// DecideExtension approves (moving the deadline) or refuses a request. The
// request is read and decided inside the task's transaction, so two
// decisions at once cannot both apply.
func (s *Service) DecideExtension(ctx context.Context, a org.Actor, id, extID int64, approve bool, note string) (Task, error) {
	if !canAssign(a) {
		return Task{}, apperr.Forbidden()
	}
	note = vntext.Normalize(note)
	kind, status := "extension_refused", "refused"
	if approve {
		kind, status = "extension_approved", "approved"
	}
	return s.change(ctx, a, int(id), 0, kind, func(Task) error { return nil }, func(tx *sqldb.Tx, t *Task, now time.Time) (Event, error) {
		exts, err := taskExtensions(ctx, tx, id)
		if err != nil {
			return Event{}, err
		}
		i := slices.IndexFunc(exts, func(x Extension) bool { return x.ID == extID })
		if i < 0 {
			return Event{}, apperr.NotFound("đề nghị gia hạn")
		}
		x := exts[i]
		if x.Status != "pending" {
			return Event{}, apperr.Conflict("Đề nghị gia hạn đã được xử lý.", "The request was already decided.")
		}
		ev := Event{Kind: kind, Note: note, DueFrom: t.Due, DueTo: t.Due}
		if approve {
			t.Due, ev.DueTo = x.RequestedDue, x.RequestedDue
		}
		return ev, decide(ctx, tx, extID, status, a.Username, note, now)
	})
}

func decide(ctx context.Context, tx *sqldb.Tx, extID int64, status, by, note string, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE task_extensions SET status = ?, decided_by = ?, decision_note = ?, decided_at = ?
		WHERE id = ? AND status = 'pending'`, status, by, note, now, extID)
	if err != nil {
		return fmt.Errorf("task: decide extension: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.Conflict("Đề nghị gia hạn đã được xử lý.", "The request was already decided.")
	}
	return nil
}
