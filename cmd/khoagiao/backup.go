package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/backup"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// cmdBackup takes a consistent copy while the server runs.
func cmdBackup(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ExitOnError)
	dsn := dbFlag(fs)
	fs.Parse(args)
	if fs.NArg() != 1 {
		return errors.New("backup: cần đúng một tệp đích (khoagiao backup [--db …] FILE)")
	}
	db, err := sqldb.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if err := backup.Take(ctx, db, fs.Arg(0)); err != nil {
		return err
	}
	st, err := os.Stat(fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Printf("đã sao lưu %s (%d byte, lược đồ %d, %s)\n", fs.Arg(0), st.Size(), v, db.Dialect)
	return nil
}

// cmdRestore loads a copy into an empty data folder or database, then
// verifies the audit chain of what it restored.
func cmdRestore(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ExitOnError)
	dsn := dbFlag(fs)
	force := fs.Bool("force", false, "overwrite a database that already holds data")
	fs.Parse(args)
	if fs.NArg() != 1 {
		return errors.New("restore: cần đúng một tệp sao lưu (khoagiao restore [--db …] [--force] FILE)")
	}
	if err := backup.Restore(ctx, fs.Arg(0), *dsn, backup.Options{Force: *force}); err != nil {
		if errors.Is(err, backup.ErrLive) {
			return errors.New("restore: cơ sở dữ liệu đích đã có dữ liệu; dùng --force nếu thực sự muốn ghi đè (hãy dừng máy chủ trước)")
		}
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := org.NewService(db, org.Options{}).VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if !res.OK {
		return fmt.Errorf("restore: nhật ký sau khi khôi phục không toàn vẹn: %+v", res)
	}
	fmt.Printf("đã khôi phục %s; nhật ký toàn vẹn (%d bản ghi)\n", fs.Arg(0), res.Entries)
	return nil
}

// backupSchedule reads the scheduled-backup settings; nil when
// KHOAGIAO_BACKUP_DIR is unset.
func backupSchedule(db *sqldb.DB) *backup.Schedule {
	dir := os.Getenv("KHOAGIAO_BACKUP_DIR")
	if dir == "" {
		return nil
	}
	return &backup.Schedule{DB: db, Dir: dir, Loc: vntext.Location, Now: time.Now,
		At: envInt("KHOAGIAO_BACKUP_HOUR", 2), Daily: envInt("KHOAGIAO_BACKUP_KEEP_DAILY", 7),
		Monthly: envInt("KHOAGIAO_BACKUP_KEEP_MONTHLY", 12)}
}

func envInt(key string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(key)); err == nil && v >= 0 {
		return v
	}
	return def
}
