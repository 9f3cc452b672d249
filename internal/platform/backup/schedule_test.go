package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/backup"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

var hcm = time.FixedZone("ICT", 7*3600)

func touch(t *testing.T, dir string, at time.Time) string {
	t.Helper()
	name := "khoagiao-" + at.UTC().Format("20060102T150405Z") + ".db"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestPruneKeepsNewestPerDayAndMonth(t *testing.T) {
	dir := t.TempDir()
	day := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, hcm) }
	var all []string
	for _, at := range []time.Time{
		day(9, 30, 2), day(10, 15, 2), day(10, 31, 2), // older months: one kept per month
		day(11, 24, 2), day(11, 25, 2), day(11, 26, 2), day(11, 26, 14), day(11, 27, 2),
	} {
		all = append(all, touch(t, dir, at))
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("keep me"), 0o600)
	if _, err := backup.Prune(dir, hcm, 3, 3); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	// 3 days: 27/11, 26/11 14h (newest of the day), 25/11. 3 months: 11 (27/11),
	// 10 (31/10), 9 (30/9). 15/10, 24/11 and 26/11 2h go.
	want := []string{all[0], all[2], all[4], all[6], all[7], "notes.txt"}
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Fatalf("left %v\nwant %v", left, want)
	}
}

func TestScheduleTakesTheDayOnceAcrossInstances(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		now := time.Date(2026, 11, 27, 1, 0, 0, 0, hcm)
		mk := func() *backup.Schedule {
			return &backup.Schedule{DB: db, Dir: dir, At: 2, Daily: 7, Monthly: 12, Loc: hcm, Now: func() time.Time { return now }}
		}
		a, b := mk(), mk()
		if p, err := a.Tick(ctx); err != nil || p != "" {
			t.Fatalf("before the hour: %q %v", p, err)
		}
		now = now.Add(90 * time.Minute)
		if db.Dialect == sqldb.Postgres {
			if _, err := os.Stat("/usr/bin/pg_dump"); err != nil {
				t.Skip("pg_dump not installed")
			}
		}
		p, err := a.Tick(ctx)
		if err != nil || p == "" {
			t.Fatalf("first instance: %q %v", p, err)
		}
		if p2, err := b.Tick(ctx); err != nil || p2 != "" {
			t.Fatalf("second instance took the day again: %q %v", p2, err)
		}
		now = now.Add(24 * time.Hour)
		if p3, err := b.Tick(ctx); err != nil || p3 == "" {
			t.Fatalf("next day: %q %v", p3, err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 2 {
			t.Fatalf("%d copies, want 2", len(entries))
		}
	})
}
