package reminder

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/khoagiao/khoagiao/internal/notice"
)

// Sender sends one e-mail; *mailer.Mailer is one. Nil means e-mail is off.
type Sender interface {
	Send(ctx context.Context, to, toName, subject, body string) error
}

// Mail turns notifications into e-mails and sends them.
type Mail struct {
	Notice  *notice.Service
	Sender  Sender
	BaseURL string // prefixes links, e.g. https://khoagiao.example.vn
}

// SendOne sends the e-mail of one notification when its user wants it.
// An SMTP error is returned so the caller retries.
func (m Mail) SendOne(ctx context.Context, notificationID int64) error {
	if m.Sender == nil {
		return nil
	}
	e, ok, err := m.Notice.EmailFor(ctx, notificationID, m.BaseURL)
	if err != nil || !ok {
		return err
	}
	return m.Sender.Send(ctx, e.To, e.Name, e.Subject, e.Body)
}

// ReminderArgs is the periodic reminder scan.
type ReminderArgs struct{}

// Kind names the job.
func (ReminderArgs) Kind() string { return "reminders" }

// EmailArgs is the e-mail of one notification.
type EmailArgs struct {
	NotificationID int64 `json:"notification_id"`
}

// Kind names the job.
func (EmailArgs) Kind() string { return "email" }

type reminderWorker struct {
	river.WorkerDefaults[ReminderArgs]
	scan *Scanner
	mail bool
}

func (w *reminderWorker) Work(ctx context.Context, job *river.Job[ReminderArgs]) error {
	ids, err := w.scan.Scan(ctx)
	if len(ids) > 0 && w.mail {
		client := river.ClientFromContext[pgxTx](ctx)
		params := make([]river.InsertManyParams, len(ids))
		for i, id := range ids {
			params[i] = river.InsertManyParams{Args: EmailArgs{NotificationID: id}}
		}
		if _, ierr := client.InsertMany(ctx, params); ierr != nil {
			err = errors.Join(err, ierr)
		}
	}
	return err
}

type emailWorker struct {
	river.WorkerDefaults[EmailArgs]
	mail Mail
}

func (w *emailWorker) Work(ctx context.Context, job *river.Job[EmailArgs]) error {
	return w.mail.SendOne(ctx, job.Args.NotificationID)
}

// Timeout bounds one SMTP conversation.
func (w *emailWorker) Timeout(*river.Job[EmailArgs]) time.Duration { return time.Minute }

// Runner runs the jobs: River on PostgreSQL, a ticker on SQLite.
type Runner interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
}

// RiverOptions tunes the River client.
type RiverOptions struct {
	Every     time.Duration // reminder scan interval (default one hour)
	NoPeriod  bool          // tests enqueue the scan themselves
	Feeds     FeedPoller    // polls press feeds when set (periodic even with NoPeriod)
	FeedEvery time.Duration // feed poll interval (default FeedEvery)
}

// River runs the jobs on PostgreSQL with River; its tables live in the
// same database and are migrated by NewRiver.
type River struct {
	Client *river.Client[pgxTx]
	pool   *pgxpool.Pool
}

// NewRiver connects to dsn, runs River's migrations and builds a client
// with the reminder and e-mail workers.
func NewRiver(ctx context.Context, dsn string, scan *Scanner, mail Mail, o RiverOptions) (*River, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("reminder: river pool: %w", err)
	}
	driver := riverpgxv5.New(pool)
	m, err := rivermigrate.New(driver, nil)
	if err == nil {
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	}
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("reminder: river migrate: %w", err)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &reminderWorker{scan: scan, mail: mail.Sender != nil})
	river.AddWorker(workers, &emailWorker{mail: mail})
	if o.Feeds != nil {
		river.AddWorker(workers, &feedWorker{feeds: o.Feeds})
	}
	if o.FeedEvery == 0 {
		o.FeedEvery = FeedEvery
	}
	if o.Every == 0 {
		o.Every = time.Hour
	}
	cfg := &river.Config{Queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers: workers, Logger: slog.Default()}
	if !o.NoPeriod {
		cfg.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(o.Every),
			func() (river.JobArgs, *river.InsertOpts) { return ReminderArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true})}
	}
	if o.Feeds != nil {
		cfg.PeriodicJobs = append(cfg.PeriodicJobs, feedPeriodicJob(o.FeedEvery))
	}
	client, err := river.NewClient(driver, cfg)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("reminder: river client: %w", err)
	}
	return &River{Client: client, pool: pool}, nil
}

// Start starts working jobs.
func (r *River) Start(ctx context.Context) error { return r.Client.Start(ctx) }

// Stop waits for running jobs to finish (until ctx ends), then closes the pool.
func (r *River) Stop(ctx context.Context) error {
	err := r.Client.Stop(ctx)
	r.pool.Close()
	return err
}
