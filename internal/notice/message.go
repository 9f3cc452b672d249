package notice

import (
	"context"
	"fmt"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// canWrite: a unit's reporters and leaders write for it; the Board's
// specialists, leaders and administrators answer every unit.
func canWrite(a org.Actor) bool { return a.AllUnits() || canAct(a) }

func canSeeThread(a org.Actor, unitID int64) bool {
	return a.AllUnits() || (a.UnitID != 0 && a.UnitID == unitID)
}

// MessageLink is the page of a thread.
func MessageLink(id int64) string { return "/messages/" + strconv.FormatInt(id, 10) }

// Send starts a thread: a unit sends information up (from its own unit), or
// the Board writes to the unit named by m.UnitID. The other side is notified.
// Files sent with it are stored in the same transaction.
func (s *Service) Send(ctx context.Context, a org.Actor, m Message, files ...Upload) (Thread, error) {
	if !canWrite(a) {
		return Thread{}, apperr.Forbidden()
	}
	m.ParentID, m.FromBoard, m.Author = 0, a.AllUnits(), a.Username
	if !m.FromBoard {
		m.UnitID = a.UnitID
	}
	if err := m.Validate(); err != nil {
		return Thread{}, err
	}
	if m.UnitID == 0 {
		return Thread{}, apperr.InvalidField("unit_id", "Chọn đơn vị nhận.", "Choose the unit.")
	}
	if err := s.checkLinks(ctx, m); err != nil {
		return Thread{}, err
	}
	if err := s.post(ctx, a, &m, m.Subject, files); err != nil {
		return Thread{}, err
	}
	return s.Thread(ctx, a, m.ID)
}

// Reply adds a message, and its files, to a thread the actor may see.
func (s *Service) Reply(ctx context.Context, a org.Actor, id int64, body string, files ...Upload) (Thread, error) {
	root, err := findMessage(ctx, s.db, id)
	if err != nil {
		return Thread{}, err
	}
	if root.ParentID != 0 {
		root, err = findMessage(ctx, s.db, root.ParentID)
		if err != nil {
			return Thread{}, err
		}
	}
	if !canSeeThread(a, root.UnitID) {
		return Thread{}, apperr.Forbidden()
	}
	if !canWrite(a) {
		return Thread{}, apperr.Forbidden()
	}
	m := Message{UnitID: root.UnitID, ParentID: root.ID, Body: body, FromBoard: a.AllUnits(), Author: a.Username}
	if err := m.Validate(); err != nil {
		return Thread{}, err
	}
	if err := s.post(ctx, a, &m, "Trả lời: "+root.Subject, files); err != nil {
		return Thread{}, err
	}
	return s.Thread(ctx, a, root.ID)
}

// post stores a message and its files, notifies the other side and keeps
// the audit.
func (s *Service) post(ctx context.Context, a org.Actor, m *Message, title string, files []Upload) error {
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := insertMessage(ctx, tx, m, now); err != nil {
			return err
		}
		if _, err := saveFiles(ctx, tx, a, *m, files, now); err != nil {
			return err
		}
		var users []int64
		var err error
		if m.FromBoard {
			users, err = unitUsers(ctx, tx, []int64{m.UnitID})
		} else {
			users, err = boardUsers(ctx, tx)
		}
		if err != nil {
			return err
		}
		users = without(users, a.UserID)
		thread := m.ID
		if m.ParentID != 0 {
			thread = m.ParentID
		}
		if err := s.Notify(ctx, tx, users, KindMessage, title, MessageLink(thread)); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionCreate, "message", m.ID, nil,
			map[string]any{"unit_id": m.UnitID, "parent_id": m.ParentID, "subject": m.Subject, "from_board": m.FromBoard,
				"directive_id": m.DirectiveID, "task_id": m.TaskID, "report_id": m.ReportID, "files": len(files)}))
	})
	if err != nil {
		return fmt.Errorf("notice: send message: %w", err)
	}
	return nil
}

func without(ids []int64, id int64) []int64 {
	out := ids[:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// Threads lists the threads the actor may see, latest activity first: the
// Board every unit's, a unit its own.
func (s *Service) Threads(ctx context.Context, a org.Actor) ([]Message, error) {
	var unitID int64
	if !a.AllUnits() {
		if unitID = a.UnitID; unitID == 0 {
			return []Message{}, nil
		}
	}
	return listThreads(ctx, s.db, unitID, 500)
}

// Thread returns a thread (by its first message or any reply) with its
// replies, oldest first.
func (s *Service) Thread(ctx context.Context, a org.Actor, id int64) (Thread, error) {
	m, err := findMessage(ctx, s.db, id)
	if err != nil {
		return Thread{}, err
	}
	if m.ParentID != 0 {
		if m, err = findMessage(ctx, s.db, m.ParentID); err != nil {
			return Thread{}, err
		}
	}
	if !canSeeThread(a, m.UnitID) {
		return Thread{}, apperr.Forbidden()
	}
	replies, err := listReplies(ctx, s.db, m.ID)
	if err != nil {
		return Thread{}, err
	}
	m.Replies = len(replies)
	th := Thread{Message: m, Replies: replies}
	if err := s.threadFiles(ctx, &th); err != nil {
		return Thread{}, err
	}
	return th, nil
}

// checkLinks refuses a link to a directive not sent to the thread's unit,
// a task the unit neither leads nor supports, or another unit's report: a
// link must not show a unit what its pages would not.
func (s *Service) checkLinks(ctx context.Context, m Message) error {
	for _, l := range []struct {
		field   string
		id      int64
		belongs func(context.Context, querier, int64, int64) (bool, error)
		msg, en string
	}{
		{"directive_id", m.DirectiveID, directiveSentTo, "Văn bản liên quan không được gửi tới đơn vị này.", "The linked directive was not sent to this unit."},
		{"task_id", m.TaskID, taskOfUnit, "Nhiệm vụ liên quan không phải nhiệm vụ của đơn vị này.", "The linked task is not one of this unit's tasks."},
		{"report_id", m.ReportID, reportOfUnit, "Báo cáo liên quan không phải báo cáo của đơn vị này.", "The linked report is not one of this unit's reports."},
	} {
		if l.id == 0 {
			continue
		}
		ok, err := l.belongs(ctx, s.db, l.id, m.UnitID)
		if err != nil {
			return fmt.Errorf("notice: %s %d: %w", l.field, l.id, err)
		}
		if !ok {
			return apperr.InvalidField(l.field, l.msg, l.en)
		}
	}
	return nil
}
