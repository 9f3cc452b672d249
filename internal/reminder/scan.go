// Package reminder finds what is due — tasks, press cases awaiting an
// answer, directives left unread — and reminds the responsible units'
// users once a day each, in-app and (by a separate job) by e-mail. It runs
// as River jobs on PostgreSQL and on a small in-process scheduler on SQLite.
package reminder

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// Working days before a task's due date when its reminders start, and
// after which an unread directive is reminded.
const (
	TaskLeadDays       = 3
	DirectiveAfterDays = 3
)

// Scanner creates the day's reminders.
type Scanner struct {
	db      *sqldb.DB
	notice  *notice.Service
	cal     *calendar.Service
	now     func() time.Time
	reports *reporting.Service // nil: no report reminders
}

// NewScanner builds a scanner; now is the injected clock (nil: time.Now).
func NewScanner(db *sqldb.DB, n *notice.Service, cal *calendar.Service, now func() time.Time) *Scanner {
	if now == nil {
		now = time.Now
	}
	return &Scanner{db: db, notice: n, cal: cal, now: now}
}

// reminder is one subject to remind one unit of.
type reminder struct {
	unitID  int64
	subject string // "task:12", unique per thing reminded
	title   string
	link    string
	users   []int64 // who to remind; nil: every active user of the unit
	kind    string  // the notification's kind; "" is notice.KindReminder
}

// Scan creates today's reminders not yet sent and returns the new
// notifications' IDs (for e-mail). Running it twice, or on two instances
// at once, creates each reminder once.
func (s *Scanner) Scan(ctx context.Context) ([]int64, error) {
	cal, err := s.cal.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today := civil.Of(s.now(), vntext.Location)
	var all []reminder
	for _, f := range []func(context.Context, *calendar.Calendar, civil.Date) ([]reminder, error){s.tasks, s.press, s.directives, s.reportReminders, s.meetings} {
		rs, err := f(ctx, cal, today)
		if err != nil {
			return nil, fmt.Errorf("reminder: scan: %w", err)
		}
		all = append(all, rs...)
	}
	var created []int64
	for _, r := range all {
		users := r.users
		if users == nil {
			if users, err = s.notice.UnitUsers(ctx, []int64{r.unitID}); err != nil {
				return created, err
			}
		}
		kind := r.kind
		if kind == "" {
			kind = notice.KindReminder
		}
		err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
			for _, u := range users {
				id, err := s.notice.NotifyOnce(ctx, tx, u, r.subject, today.String(), kind, r.title, r.link)
				if err != nil {
					return err
				}
				if id != 0 {
					created = append(created, id)
				}
			}
			return nil
		})
		if err != nil {
			return created, fmt.Errorf("reminder: %s: %w", r.subject, err)
		}
	}
	mails, err := s.directiveMails(ctx)
	// A conference reminder created above is also one of the claimed
	// notifications: it is e-mailed once.
	for _, id := range mails {
		if !slices.Contains(created, id) {
			created = append(created, id)
		}
	}
	return created, err
}

func (s *Scanner) tasks(ctx context.Context, cal *calendar.Calendar, today civil.Date) ([]reminder, error) {
	rows, err := s.db.Query(ctx, `SELECT id, title, lead_unit_id, due FROM tasks
		WHERE due IS NOT NULL AND done_on IS NULL AND completion <> 'confirmed' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reminder
	for rows.Next() {
		var id, unit int64
		var title string
		var due civil.Date
		if err := rows.Scan(&id, &title, &unit, &due); err != nil {
			return nil, err
		}
		var t string
		switch {
		case due.Before(today):
			t = "Nhiệm vụ quá hạn (hạn " + vntext.FormatDate(due.In(vntext.Location)) + "): " + title
		case due == today:
			t = "Nhiệm vụ đến hạn hôm nay: " + title
		case cal.WorkingDaysBetween(today, due) <= TaskLeadDays:
			t = "Nhiệm vụ sắp đến hạn (" + vntext.FormatDate(due.In(vntext.Location)) + "): " + title
		default:
			continue
		}
		out = append(out, reminder{unit, "task:" + strconv.FormatInt(id, 10), t, "/tasks/" + strconv.FormatInt(id, 10), nil, ""})
	}
	return out, rows.Err()
}

func (s *Scanner) press(ctx context.Context, _ *calendar.Calendar, today civil.Date) ([]reminder, error) {
	rows, err := s.db.Query(ctx, `SELECT id, title, lead_unit_id, due FROM press_cases
		WHERE status = 'assigned' AND lead_unit_id IS NOT NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reminder
	for rows.Next() {
		var id, unit int64
		var title string
		var due *civil.Date
		if err := rows.Scan(&id, &title, &unit, &due); err != nil {
			return nil, err
		}
		t := "Vụ việc báo chí chờ trả lời: " + title
		if due != nil && !due.IsZero() {
			if due.Before(today) {
				t = "Vụ việc báo chí quá hạn trả lời (hạn " + vntext.FormatDate(due.In(vntext.Location)) + "): " + title
			} else {
				t = "Vụ việc báo chí chờ trả lời (hạn " + vntext.FormatDate(due.In(vntext.Location)) + "): " + title
			}
		}
		out = append(out, reminder{unit, "press:" + strconv.FormatInt(id, 10), t, "/press/" + strconv.FormatInt(id, 10), nil, ""})
	}
	return out, rows.Err()
}

func (s *Scanner) directives(ctx context.Context, _ *calendar.Calendar, _ civil.Date) ([]reminder, error) {
	unread, err := s.notice.UnreadFor(ctx, DirectiveAfterDays)
	if err != nil {
		return nil, err
	}
	out := make([]reminder, 0, len(unread))
	for _, u := range unread {
		out = append(out, reminder{u.UnitID, "directive:" + strconv.FormatInt(u.DirectiveID, 10),
			"Văn bản chưa đọc sau " + strconv.Itoa(u.WorkingDays) + " ngày làm việc: " + u.Symbol + " " + u.Title,
			notice.DirectiveLink(u.DirectiveID), nil, ""})
	}
	return out, nil
}
