package notice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func insertMessage(ctx context.Context, tx *sqldb.Tx, m *Message, now time.Time) error {
	m.CreatedAt = now
	err := tx.QueryRow(ctx, `INSERT INTO messages (unit_id, subject, body, parent_id, directive_id, task_id, report_id, from_board, author, created_at, search_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.UnitID, m.Subject, m.Body, nullID(m.ParentID), nullID(m.DirectiveID), nullID(m.TaskID), nullID(m.ReportID), m.FromBoard, m.Author, now,
		vntext.Fold(m.Subject+" "+m.Body)).Scan(&m.ID)
	if sqldb.IsForeignKeyViolation(err) {
		return apperr.InvalidField("unit_id", "Đơn vị, văn bản, nhiệm vụ hoặc báo cáo liên quan không tồn tại.", "The unit, directive, task or report linked does not exist.")
	}
	if err != nil {
		return fmt.Errorf("notice: insert message: %w", err)
	}
	return nil
}

const messageCols = `m.id, m.unit_id, u.name, m.subject, m.body, COALESCE(m.parent_id, 0), COALESCE(m.directive_id, 0), COALESCE(m.task_id, 0),
	COALESCE(m.report_id, 0), COALESCE(rp.regime_id, 0), COALESCE(rp.period_key, ''), COALESCE(rp.unit_id, 0), m.from_board, m.author, m.created_at`

// messageFrom joins a message's unit and its linked report (for the link).
const messageFrom = ` FROM messages m JOIN units u ON u.id = m.unit_id LEFT JOIN reports rp ON rp.id = m.report_id`

func scanMessage(sc interface{ Scan(...any) error }, extra ...any) (Message, error) {
	var m Message
	var regime, reportUnit int64
	var period string
	err := sc.Scan(append([]any{&m.ID, &m.UnitID, &m.UnitName, &m.Subject, &m.Body, &m.ParentID, &m.DirectiveID, &m.TaskID,
		&m.ReportID, &regime, &period, &reportUnit, &m.FromBoard, &m.Author, &m.CreatedAt}, extra...)...)
	m.CreatedAt = m.CreatedAt.UTC()
	if m.ReportID != 0 && regime != 0 {
		m.ReportLink = "/reports/" + strconv.FormatInt(regime, 10) + "/" + period + "/" + strconv.FormatInt(reportUnit, 10)
	}
	return m, err
}

func findMessage(ctx context.Context, q querier, id int64) (Message, error) {
	m, err := scanMessage(q.QueryRow(ctx, `SELECT `+messageCols+messageFrom+` WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Message{}, apperr.NotFound("tin nhắn")
	}
	if err != nil {
		return Message{}, fmt.Errorf("notice: find message %d: %w", id, err)
	}
	return m, nil
}

func listReplies(ctx context.Context, q querier, id int64) ([]Message, error) {
	rows, err := q.Query(ctx, `SELECT `+messageCols+messageFrom+`
		WHERE m.parent_id = ? ORDER BY m.created_at, m.id`, id)
	if err != nil {
		return nil, fmt.Errorf("notice: replies %d: %w", id, err)
	}
	defer rows.Close()
	out := []Message{}
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// listThreads lists first messages with their reply count and last
// activity, of one unit or (0) of all.
func listThreads(ctx context.Context, q querier, unitID int64, limit int) ([]Message, error) {
	cond, args := "", []any{}
	if unitID != 0 {
		cond, args = " AND m.unit_id = ?", append(args, unitID)
	}
	args = append(args, limit)
	// Ids grow with time: the thread with the latest message comes first.
	rows, err := q.Query(ctx, `SELECT `+messageCols+`,
		(SELECT COUNT(*) FROM messages r WHERE r.parent_id = m.id)
		`+messageFrom+` WHERE m.parent_id IS NULL`+cond+`
		ORDER BY COALESCE((SELECT MAX(r.id) FROM messages r WHERE r.parent_id = m.id), m.id) DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("notice: threads: %w", err)
	}
	defer rows.Close()
	out := []Message{}
	for rows.Next() {
		var replies int
		m, err := scanMessage(rows, &replies)
		if err != nil {
			return nil, err
		}
		m.Replies = replies
		out = append(out, m)
	}
	return out, rows.Err()
}

// directiveSentTo reports whether an issued directive went to the unit.
func directiveSentTo(ctx context.Context, q querier, directiveID, unitID int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM directive_units du JOIN directives d ON d.id = du.directive_id
		WHERE du.directive_id = ? AND du.unit_id = ? AND d.issued_at IS NOT NULL`, directiveID, unitID).Scan(&n)
	return n > 0, err
}

// taskOfUnit reports whether the unit leads or supports the task.
func taskOfUnit(ctx context.Context, q querier, taskID, unitID int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT (SELECT count(*) FROM tasks WHERE id = ? AND lead_unit_id = ?)
		+ (SELECT count(*) FROM task_units WHERE task_id = ? AND unit_id = ?)`, taskID, unitID, taskID, unitID).Scan(&n)
	return n > 0, err
}

// reportOfUnit reports whether the report is the unit's.
func reportOfUnit(ctx context.Context, q querier, reportID, unitID int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM reports WHERE id = ? AND unit_id = ?`, reportID, unitID).Scan(&n)
	return n > 0, err
}
