package backup_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/backup"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// TestRestoreRefusesNewerOrForeignCopies: a copy made by a newer program,
// or a file that is not a copy, is refused before anything is written.
func TestRestoreRefusesNewerOrForeignCopies(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, sqldb.SQLite)
	if _, err := db.Exec(ctx, "INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES (999, 1, ?)", time.Now()); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "newer.db")
	if err := backup.Take(ctx, db, file); err != nil {
		t.Fatal(err)
	}
	if err := backup.Take(ctx, db, file); err == nil {
		t.Error("a second backup overwrote an existing file")
	}
	target := filepath.Join(t.TempDir(), "data", "khoagiao.db")
	err := backup.Restore(ctx, file, target, backup.Options{})
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("restore of a newer copy: %v", err)
	}
	if err := backup.Restore(ctx, filepath.Join("testdata", "missing.db"), target, backup.Options{}); err == nil {
		t.Error("restore of a missing file succeeded")
	}
}
