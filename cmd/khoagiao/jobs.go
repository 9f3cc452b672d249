package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/mailer"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reminder"
	"github.com/khoagiao/khoagiao/internal/web"
)

// startJobs starts the background jobs: River on PostgreSQL, the
// in-process scheduler on SQLite. E-mail is on when KHOAGIAO_SMTP_HOST is set.
func startJobs(ctx context.Context, db *sqldb.DB, svc web.Services) (reminder.Runner, error) {
	mail := reminder.Mail{Notice: svc.Notice, BaseURL: os.Getenv("KHOAGIAO_BASE_URL")}
	if cfg, ok := mailer.FromEnv(); ok {
		m, err := mailer.New(cfg)
		if err != nil {
			return nil, err
		}
		mail.Sender = m
		slog.Info("e-mail on", "smtp", cfg.Host)
	}
	scan := reminder.NewScanner(db, svc.Notice, svc.Calendar, nil).WithReports(svc.Reporting)
	var r reminder.Runner
	if db.Dialect == sqldb.Postgres {
		rv, err := newRiver(ctx, db, scan, mail, reminder.RiverOptions{Feeds: svc.Press})
		if err != nil {
			return nil, err
		}
		r = rv
	} else {
		r = &reminder.Local{Scan: scan, Mail: mail, Feeds: svc.Press}
	}
	if err := r.Start(context.WithoutCancel(ctx)); err != nil {
		return nil, err
	}
	return r, nil
}

// riverMigrateLock is the PostgreSQL advisory lock key held while River
// migrates its tables. River's migrator takes no lock: instances started
// together created the same tables at once and all but one exited with
// "duplicate key value violates unique constraint pg_type_typname_nsp_index"
// (TestManyInstances). The key differs from goose's, which guards ours.
const riverMigrateLock int64 = 0x6b67726976657231

// newRiver builds the River client, and so migrates River's tables, one
// instance at a time: the lock is a transaction's, released when it ends
// even if this process dies meanwhile.
func newRiver(ctx context.Context, db *sqldb.DB, scan *reminder.Scanner, mail reminder.Mail, o reminder.RiverOptions) (*reminder.River, error) {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("jobs: lock river migrations: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", riverMigrateLock); err != nil {
		return nil, fmt.Errorf("jobs: lock river migrations: %w", err)
	}
	return reminder.NewRiver(ctx, db.DSN, scan, mail, o)
}

// stopJobs lets running jobs finish, for at most 30 seconds.
func stopJobs(r reminder.Runner) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.Stop(ctx); err != nil {
		slog.Error("stop jobs", "err", err)
	}
}
