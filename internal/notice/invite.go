package notice

import (
	"context"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Invite tells the active users of the invited units and the invited
// users, inside the caller's transaction, that a conference concerns them
// (the meeting module calls it through a small interface of its own, wired
// in cmd). Each user is told once per subject — the conference and its
// start time — so saving the conference again tells only those not told
// yet, and moving it tells everyone again. except (the organiser) is not
// told. The notifications are of kind KindMeeting: the reminder scan
// e-mails them to those whose preferences ask for it.
func (s *Service) Invite(ctx context.Context, tx *sqldb.Tx, unitIDs, userIDs []int64, except int64, subject, title, link string) error {
	users, err := unitUsers(ctx, tx, unitIDs)
	if err != nil {
		return err
	}
	if len(userIDs) > 0 {
		named, err := ids(ctx, tx, `SELECT id FROM users WHERE active = ? AND id IN (`+placeholders(len(userIDs))+`) ORDER BY id`,
			append([]any{true}, int64Args(userIDs)...)...)
		if err != nil {
			return err
		}
		users = append(users, named...)
	}
	seen := map[int64]bool{except: true}
	for _, u := range users {
		if seen[u] {
			continue
		}
		seen[u] = true
		if _, err := s.NotifyOnce(ctx, tx, u, subject, "-", KindMeeting, title, link); err != nil {
			return fmt.Errorf("notice: invite: %w", err)
		}
	}
	return nil
}
