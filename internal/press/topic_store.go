package press

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

const topicCols = `id, code, title, phrases, period_from, period_to, period_label, COALESCE(regime_id, 0), indicator, option_code,
	active, version, created_at, updated_at`

func scanTopic(sc interface{ Scan(...any) error }) (Topic, error) {
	var t Topic
	err := sc.Scan(&t.ID, &t.Code, &t.Title, &t.Phrases, &t.PeriodFrom, &t.PeriodTo, &t.PeriodLabel, &t.RegimeID, &t.Indicator,
		&t.Option, &t.Active, &t.Version, &t.CreatedAt, &t.UpdatedAt)
	t.CreatedAt, t.UpdatedAt = t.CreatedAt.UTC(), t.UpdatedAt.UTC()
	return t, err
}

func findTopic(ctx context.Context, q querier, id int64) (Topic, error) {
	t, err := scanTopic(q.QueryRow(ctx, `SELECT `+topicCols+` FROM press_topics WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Topic{}, apperr.NotFound("chủ đề định hướng")
	}
	if err != nil {
		return Topic{}, fmt.Errorf("press: topic %d: %w", id, err)
	}
	return t, nil
}

// listTopics returns the topics, newest period first, then in the order
// they were added; active only when asked.
func listTopics(ctx context.Context, q querier, activeOnly bool) ([]Topic, error) {
	cond, args := "", []any{}
	if activeOnly {
		cond, args = " WHERE active = ?", append(args, true)
	}
	rows, err := q.Query(ctx, `SELECT `+topicCols+` FROM press_topics`+cond+`
		ORDER BY COALESCE(period_from, period_to, '0001-01-01') DESC, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("press: topics: %w", err)
	}
	defer rows.Close()
	out := []Topic{}
	for rows.Next() {
		t, err := scanTopic(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// topicWriteErr turns the constraints' failures into field messages.
func topicWriteErr(err error) error {
	switch {
	case err == nil:
		return nil
	case sqldb.IsUniqueViolation(err, "press_topics"):
		return apperr.InvalidField("code", "Mã chủ đề này đã có trong cùng kỳ.", "This code is already used for the same period.")
	case sqldb.IsForeignKeyViolation(err):
		return apperr.InvalidField("regime_id", "Chế độ báo cáo không tồn tại.", "The reporting regime does not exist.")
	}
	return fmt.Errorf("press: save topic: %w", err)
}

func insertTopic(ctx context.Context, tx *sqldb.Tx, t *Topic, now time.Time) error {
	t.Version, t.CreatedAt, t.UpdatedAt = 1, now, now
	err := tx.QueryRow(ctx, `INSERT INTO press_topics (code, title, phrases, period_from, period_to, period_label, regime_id, indicator,
		option_code, active, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
		t.Code, t.Title, t.Phrases, t.PeriodFrom, t.PeriodTo, t.PeriodLabel, nullID(t.RegimeID), t.Indicator, t.Option, t.Active,
		now, now).Scan(&t.ID)
	return topicWriteErr(err)
}

// saveTopic writes the topic if its version is current (errStale if not).
func saveTopic(ctx context.Context, tx *sqldb.Tx, t *Topic, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE press_topics SET code = ?, title = ?, phrases = ?, period_from = ?, period_to = ?, period_label = ?,
		regime_id = ?, indicator = ?, option_code = ?, active = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		t.Code, t.Title, t.Phrases, t.PeriodFrom, t.PeriodTo, t.PeriodLabel, nullID(t.RegimeID), t.Indicator, t.Option, t.Active,
		now, t.ID, t.Version)
	if err != nil {
		return topicWriteErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	t.Version++
	t.UpdatedAt = now
	return nil
}
