package main

import (
	"context"
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
		rv, err := reminder.NewRiver(ctx, db.DSN, scan, mail, reminder.RiverOptions{Feeds: svc.Press})
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

// stopJobs lets running jobs finish, for at most 30 seconds.
func stopJobs(r reminder.Runner) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.Stop(ctx); err != nil {
		slog.Error("stop jobs", "err", err)
	}
}
