package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reminder"
)

// jobs: the three instances started together with one backup folder and
// KHOAGIAO_BACKUP_HOUR=0 take one backup for the day; River enqueues the
// periodic jobs that run at start (reminder scan, feed poll) once, on the
// elected leader; and three reminder scans forced at once on the cluster
// add no reminder twice (one per user, subject and day).
func (c *cluster) jobs(t *testing.T) {
	ctx := context.Background()
	dumps, parts := c.waitBackup(t)
	if len(dumps) != 1 || len(parts) != 0 {
		t.Errorf("backup folder shared by %d instances: copies %v, unfinished %v; want exactly one copy for the day", multiInstances, dumps, parts)
	}
	today := civil.Of(time.Now(), vntext.Location).String()
	var claimed string
	if err := c.db.QueryRow(ctx, "SELECT value FROM settings WHERE key = 'backup.last_day'").Scan(&claimed); err != nil || claimed != today {
		t.Errorf("backup claim in settings: %q (%v), want %s", claimed, err, today)
	}

	c.waitJobs(t, "reminders", 1)
	counts := c.jobCounts(t)
	if counts["reminders"] != 1 || counts["press_feeds"] != 1 {
		t.Errorf("River jobs enqueued at start by %d instances: %v, want one reminders and one press_feeds", multiInstances, counts)
	}
	var leader string
	_ = c.db.QueryRow(ctx, "SELECT leader_id FROM river_leader").Scan(&leader)
	first := c.reminderCounts(t)
	if first.notes == 0 {
		t.Fatal("the reminder scan at start created no reminder: the demo's overdue tasks should have some")
	}

	// The scan's own guard: three scans at once, on whichever instances
	// fetch them, as after a leader change.
	pool, err := pgxpool.New(ctx, c.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	rc, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	many := make([]river.InsertManyParams, multiInstances)
	for i := range many {
		many[i] = river.InsertManyParams{Args: reminder.ReminderArgs{}}
	}
	if _, err := rc.InsertMany(ctx, many); err != nil {
		t.Fatal(err)
	}
	c.waitJobs(t, "reminders", 1+multiInstances)
	again := c.reminderCounts(t)
	if again != first {
		t.Errorf("reminders after %d more scans at once: %+v, want unchanged %+v", multiInstances, again, first)
	}
	subjects := map[string]int{}
	if rows, err := c.db.Query(ctx, "SELECT split_part(subject, ':', 1), count(*) FROM reminders_sent GROUP BY 1"); err == nil {
		for rows.Next() {
			var k string
			var n int
			_ = rows.Scan(&k, &n)
			subjects[k] = n
		}
		rows.Close()
	}
	var workers int
	_ = c.db.QueryRow(ctx, `SELECT count(DISTINCT attempted_by[array_length(attempted_by, 1)]) FROM river_job WHERE kind = 'reminders'`).Scan(&workers)
	t.Logf("jobs: %d instances started together with one backup folder and KHOAGIAO_BACKUP_HOUR=0 → %d backup copy (%s), "+
		"day %s claimed once; River jobs enqueued at start: %v (leader %s); the start scan made %d reminders for %d users "+
		"(%d reminders_sent rows by subject %v, 0 duplicates); %d more scans forced at once ran on %d distinct River clients and added 0",
		multiInstances, len(dumps), strings.Join(dumps, ", "), claimed, counts, leader, first.notes, first.users,
		first.sent, subjects, multiInstances, workers)
}

// waitBackup waits until the day's copy is in the shared folder, then two
// seconds more (a second copy would show up meanwhile, at least as .part),
// and lists the copies and unfinished files.
func (c *cluster) waitBackup(t *testing.T) (dumps, parts []string) {
	t.Helper()
	list := func() (dumps, parts []string) {
		entries, err := os.ReadDir(c.backupDir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			switch {
			case strings.HasSuffix(e.Name(), ".part"):
				parts = append(parts, e.Name())
			case strings.HasPrefix(e.Name(), "khoagiao-"):
				dumps = append(dumps, e.Name())
			}
		}
		return dumps, parts
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if d, _ := list(); len(d) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no backup in the shared folder 30 s after start:\n%s", c.nodes[0].tail())
		}
	}
	time.Sleep(2 * time.Second)
	return list()
}

// waitJobs waits until n jobs of kind have completed.
func (c *cluster) waitJobs(t *testing.T, kind string, n int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var done int
		if err := c.db.QueryRow(context.Background(), "SELECT count(*) FROM river_job WHERE kind = ? AND state = 'completed'", kind).Scan(&done); err != nil {
			t.Fatal(err)
		}
		if done >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d %s jobs completed after 30 s, want %d; jobs %v", done, kind, n, c.jobCounts(t))
		}
	}
}

// jobCounts counts River's jobs by kind.
func (c *cluster) jobCounts(t *testing.T) map[string]int {
	t.Helper()
	rows, err := c.db.Query(context.Background(), "SELECT kind, count(*) FROM river_job GROUP BY kind")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		out[k] = n
	}
	return out
}

// reminderStats are the reminders in the database.
type reminderStats struct {
	notes    int // notifications of kind reminder
	distinct int // distinct (user, link) among them
	users    int
	sent     int // reminders_sent rows
}

// reminderCounts counts the reminders and fails on a duplicate: one per
// user and subject (its link) and day.
func (c *cluster) reminderCounts(t *testing.T) reminderStats {
	t.Helper()
	var s reminderStats
	err := c.db.QueryRow(context.Background(), `SELECT count(*), count(DISTINCT (user_id, link)), count(DISTINCT user_id),
		(SELECT count(*) FROM reminders_sent) FROM notifications WHERE kind = 'reminder'`).Scan(&s.notes, &s.distinct, &s.users, &s.sent)
	if err != nil {
		t.Fatal(err)
	}
	if s.notes != s.distinct || s.notes != s.sent {
		t.Errorf("reminders: %d notifications, %d distinct user+subject, %d reminders_sent rows: a reminder was sent twice", s.notes, s.distinct, s.sent)
	}
	return s
}
