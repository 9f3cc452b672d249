package reminder

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

type pgxTx = pgx.Tx

// Local runs the reminder scan on a ticker inside the process, for SQLite
// (one process owns the file). The reminders_sent key keeps the scan
// idempotent as on PostgreSQL; e-mails are sent after the scan's
// transactions, retried with backoff.
type Local struct {
	Scan    *Scanner
	Mail    Mail
	Every   time.Duration
	Retries []time.Duration // waits between e-mail attempts

	Feeds     FeedPoller    // polls press feeds when set, in a loop of its own
	FeedEvery time.Duration // default FeedEvery

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Start runs a scan now and then every Every (default one hour).
func (l *Local) Start(ctx context.Context) error {
	if l.Every == 0 {
		l.Every = time.Hour
	}
	if l.Retries == nil {
		l.Retries = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute}
	}
	ctx, l.cancel = context.WithCancel(context.WithoutCancel(ctx))
	if l.Feeds != nil {
		if l.FeedEvery == 0 {
			l.FeedEvery = FeedEvery
		}
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			runFeeds(ctx, l.Feeds, l.FeedEvery)
		}()
	}
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		t := time.NewTicker(l.Every)
		defer t.Stop()
		for {
			l.RunOnce(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return nil
}

// RunOnce scans and sends the new reminders' e-mails.
func (l *Local) RunOnce(ctx context.Context) {
	ids, err := l.Scan.Scan(ctx)
	if err != nil {
		slog.Error("reminder scan", "err", err)
	}
	for _, id := range ids {
		l.send(ctx, id)
	}
}

func (l *Local) send(ctx context.Context, id int64) {
	for i := 0; ; i++ {
		err := l.Mail.SendOne(ctx, id)
		if err == nil {
			return
		}
		if i >= len(l.Retries) {
			slog.Error("reminder e-mail", "notification", id, "err", err)
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(l.Retries[i]):
		}
	}
}

// Stop ends the loop and waits for the current run (until ctx ends).
func (l *Local) Stop(ctx context.Context) error {
	if l.cancel == nil {
		return nil
	}
	l.cancel()
	done := make(chan struct{})
	go func() { l.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
