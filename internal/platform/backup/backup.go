// Package backup takes consistent online copies of the product's database
// and restores them. Uploaded files live in the database (the attachments
// table), so one copy holds everything. On SQLite the copy is VACUUM INTO, a
// transactionally consistent snapshot taken while the server keeps serving;
// on PostgreSQL it is pg_dump's custom format, restored with pg_restore into
// an empty database, and both check that the schema version matches the
// binary's migrations.
package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// ErrLive is returned when a restore would overwrite a database that holds
// data, without Force.
var ErrLive = errors.New("backup: the target database already holds data; use --force to overwrite it")

// Take writes a consistent copy of db to dst, which must not exist.
func Take(ctx context.Context, db *sqldb.DB, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("backup: %s already exists", dst)
	}
	if dir := filepath.Dir(dst); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("backup: create folder: %w", err)
		}
	}
	if db.Dialect == sqldb.Postgres {
		return pgDump(ctx, db.DSN, dst)
	}
	// VACUUM INTO writes a fresh, compacted copy from one read transaction:
	// writers carry on meanwhile (WAL), the copy sees one instant.
	tmp := dst + ".part"
	os.Remove(tmp)
	// A connection of its own: the reader pool is query-only and the
	// writer connection must stay free for the server's writes.
	conn, err := sql.Open("sqlite", fileURI(db.DSN)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup: open: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: vacuum into: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return syncDir(filepath.Dir(dst))
}

// Options tune a restore.
type Options struct {
	// Force overwrites a target that already holds data.
	Force bool
}

// Restore loads the copy src into dsn: a SQLite path (the file is replaced
// atomically) or an empty PostgreSQL database. The copy's schema must not
// be newer than this binary's; an older one is migrated up after restore.
func Restore(ctx context.Context, src, dsn string, opt Options) error {
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if sqldb.IsPostgres(dsn) {
		return pgRestore(ctx, src, dsn, opt)
	}
	return sqliteRestore(ctx, src, dsn, opt)
}

func sqliteRestore(ctx context.Context, src, dsn string, opt Options) error {
	path := sqldb.SQLitePath(dsn)
	if err := checkCopy(ctx, src); err != nil {
		return err
	}
	if live, err := sqliteHasData(ctx, path); err != nil {
		return err
	} else if live && !opt.Force {
		return ErrLive
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("backup: create data folder: %w", err)
	}
	tmp := path + ".restore"
	if err := copyFile(src, tmp); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("backup: remove %s: %w", suffix, err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return err
	}
	return migrateUp(ctx, path)
}

// checkCopy opens the copy read-only: it must be a sound SQLite database
// whose schema this binary knows.
func checkCopy(ctx context.Context, src string) error {
	db, err := sql.Open("sqlite", fileURI(src)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("backup: open copy: %w", err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil {
		return fmt.Errorf("backup: %s is not a khoagiao SQLite copy: %w", src, err)
	}
	if ok != "ok" {
		return fmt.Errorf("backup: the copy is damaged: %s", ok)
	}
	var v int64
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&v); err != nil {
		return fmt.Errorf("backup: %s holds no khoagiao schema: %w", src, err)
	}
	return checkVersion(v, sqldb.SQLite)
}

func checkVersion(v int64, d sqldb.Dialect) error {
	latest, err := sqldb.LatestVersion(d)
	if err != nil {
		return err
	}
	if v > latest {
		return fmt.Errorf("backup: the copy's schema version %d is newer than this program's %d: restore with the version that made it", v, latest)
	}
	if v == 0 {
		return errors.New("backup: the copy holds no khoagiao schema")
	}
	return nil
}

func sqliteHasData(ctx context.Context, path string) (bool, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && st.Size() == 0) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("backup: %w", err)
	}
	db, err := sql.Open("sqlite", fileURI(path)+"?mode=ro")
	if err != nil {
		return false, err
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table'").Scan(&n); err != nil {
		return true, nil // unreadable: treat as live, never clobber silently
	}
	return n > 0, nil
}

func migrateUp(ctx context.Context, dsn string) error {
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(ctx)
}

func pgDump(ctx context.Context, dsn, dst string) error {
	tmp := dst + ".part"
	cmd := exec.CommandContext(ctx, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file="+tmp, "--dbname="+dsn)
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: pg_dump: %w: %s", err, strings.TrimSpace(string(out)))
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

func pgRestore(ctx context.Context, src, dsn string, opt Options) error {
	if v, err := dumpVersion(ctx, src); err != nil {
		return err
	} else if err := checkVersion(v, sqldb.Postgres); err != nil {
		return err
	}
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var tables int
	if err := db.QueryRow(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()").Scan(&tables); err != nil {
		return fmt.Errorf("backup: inspect target: %w", err)
	}
	args := []string{"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=" + dsn}
	if tables > 0 {
		if !opt.Force {
			return ErrLive
		}
		args = append(args, "--clean", "--if-exists")
	}
	out, err := exec.CommandContext(ctx, "pg_restore", append(args, src)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("backup: pg_restore: %w: %s", err, strings.TrimSpace(string(out)))
	}
	return db.Migrate(ctx)
}

// fileURI is a SQLite URI for path, escaped like sqldb opens it.
func fileURI(path string) string { return "file:" + (&url.URL{Path: path}).EscapedPath() }
