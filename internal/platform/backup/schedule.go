package backup

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// nameLayout names scheduled copies so that names sort by time.
const nameLayout = "20060102T150405Z"

// Schedule takes one copy a day into Dir at or after the hour At (local
// time) and prunes old copies: the newest copy of each of the last Daily
// days and of each of the last Monthly months is kept. Several instances
// sharing one PostgreSQL database claim the day in the settings table, so
// the day's copy is taken once.
type Schedule struct {
	DB      *sqldb.DB
	Dir     string
	At      int // hour of the day, 0–23, in Loc
	Daily   int
	Monthly int
	Loc     *time.Location
	Now     func() time.Time
}

// Run checks every ten minutes until ctx ends.
func (s *Schedule) Run(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		if _, err := s.Tick(ctx); err != nil {
			slog.Error("scheduled backup", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tick takes the day's copy when it is due and not yet taken by any
// instance, then prunes. It returns the copy's path, or "" when none was due.
func (s *Schedule) Tick(ctx context.Context) (string, error) {
	now := s.Now()
	local := now.In(s.Loc)
	if local.Hour() < s.At {
		return "", nil
	}
	day := local.Format("2006-01-02")
	res, err := s.DB.Exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('backup.last_day', ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
		WHERE settings.value < excluded.value`, day, now.UTC())
	if err != nil {
		return "", fmt.Errorf("backup: claim the day: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", nil // this day's copy is taken, here or by another instance
	}
	ext := ".db"
	if s.DB.Dialect == sqldb.Postgres {
		ext = ".dump"
	}
	path := filepath.Join(s.Dir, "khoagiao-"+now.UTC().Format(nameLayout)+ext)
	if err := Take(ctx, s.DB, path); err != nil {
		return "", err
	}
	slog.Info("backup taken", "file", path)
	removed, err := Prune(s.Dir, s.Loc, s.Daily, s.Monthly)
	for _, r := range removed {
		slog.Info("backup pruned", "file", r)
	}
	return path, err
}

// Prune deletes the scheduled copies in dir that the retention does not
// keep, and returns their paths. Files not named by Schedule are left alone.
func Prune(dir string, loc *time.Location, daily, monthly int) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("backup: list %s: %w", dir, err)
	}
	type copyFile struct {
		name string
		at   time.Time
	}
	var copies []copyFile
	for _, e := range entries {
		stem, ok := strings.CutPrefix(e.Name(), "khoagiao-")
		if !ok || e.IsDir() {
			continue
		}
		stem = strings.TrimSuffix(strings.TrimSuffix(stem, ".db"), ".dump")
		at, err := time.Parse(nameLayout, stem)
		if err != nil {
			continue
		}
		copies = append(copies, copyFile{e.Name(), at})
	}
	sort.Slice(copies, func(i, j int) bool { return copies[i].at.After(copies[j].at) })
	keep := map[string]bool{}
	days, months := map[string]bool{}, map[string]bool{}
	for _, c := range copies {
		l := c.at.In(loc)
		if d := l.Format("2006-01-02"); !days[d] && len(days) < daily {
			days[d] = true
			keep[c.name] = true
		}
		if m := l.Format("2006-01"); !months[m] && len(months) < monthly {
			months[m] = true
			keep[c.name] = true
		}
	}
	var removed []string
	for _, c := range copies {
		if keep[c.name] {
			continue
		}
		p := filepath.Join(dir, c.name)
		if err := os.Remove(p); err != nil {
			return removed, fmt.Errorf("backup: prune: %w", err)
		}
		removed = append(removed, p)
	}
	return removed, nil
}
