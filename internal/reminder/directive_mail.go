package reminder

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// DirectiveMailWindow bounds how old a directive notification may be and
// still be e-mailed by the scan (a new deployment does not mail history).
const DirectiveMailWindow = 7 * 24 * time.Hour

// directiveMails claims the directive and conference notifications not yet
// e-mailed and returns their IDs for the e-mail step (which checks each
// user's preferences). Issuing a directive or scheduling a conference only
// writes notifications inside the request's transaction; the claim is a
// reminders_sent row keyed "mail:<notification id>", so each is mailed once
// even with two scanners.
func (s *Scanner) directiveMails(ctx context.Context) ([]int64, error) {
	now := s.now().UTC()
	rows, err := s.db.Query(ctx, `SELECT n.id, n.user_id FROM notifications n WHERE n.kind IN (?, ?) AND n.created_at >= ?
		AND NOT EXISTS (SELECT 1 FROM reminders_sent r WHERE r.user_id = n.user_id AND r.subject = 'mail:' || CAST(n.id AS TEXT) AND r.day = '-')
		ORDER BY n.id`, notice.KindDirective, notice.KindMeeting, now.Add(-DirectiveMailWindow))
	if err != nil {
		return nil, fmt.Errorf("reminder: directive mails: %w", err)
	}
	type pending struct{ id, user int64 }
	var ps []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.user); err != nil {
			rows.Close()
			return nil, err
		}
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []int64
	for _, p := range ps {
		err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
			res, err := tx.Exec(ctx, `INSERT INTO reminders_sent (user_id, subject, day, created_at) VALUES (?, ?, '-', ?)
				ON CONFLICT (user_id, subject, day) DO NOTHING`, p.user, "mail:"+strconv.FormatInt(p.id, 10), now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				out = append(out, p.id)
			}
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("reminder: directive mail %d: %w", p.id, err)
		}
	}
	return out, nil
}
