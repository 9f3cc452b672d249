package reminder

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// FeedEvery is the default interval of the feed poll job.
const FeedEvery = 5 * time.Minute

// FeedPoller polls the feeds whose next poll time has passed;
// *press.Service is one.
type FeedPoller interface {
	PollDue(ctx context.Context, now time.Time) (int, error)
}

// FeedArgs is the periodic poll of due press feeds.
type FeedArgs struct{}

// Kind names the job.
func (FeedArgs) Kind() string { return "press_feeds" }

type feedWorker struct {
	river.WorkerDefaults[FeedArgs]
	feeds FeedPoller
}

func (w *feedWorker) Work(ctx context.Context, job *river.Job[FeedArgs]) error {
	return PollFeeds(ctx, w.feeds)
}

// Timeout bounds one run: every due feed, one after the other.
func (w *feedWorker) Timeout(*river.Job[FeedArgs]) time.Duration { return 4 * time.Minute }

// PollFeeds runs the feed poll job once.
func PollFeeds(ctx context.Context, feeds FeedPoller) error {
	n, err := feeds.PollDue(ctx, time.Now())
	if err != nil {
		slog.Error("press feeds poll", "polled", n, "err", err)
		return err
	}
	if n > 0 {
		slog.Info("press feeds polled", "feeds", n)
	}
	return nil
}

// feedPeriodicJob enqueues the poll every `every`, at most once per period
// (River enqueues periodic jobs on the elected leader only; the unique
// period guards a leader change).
func feedPeriodicJob(every time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) {
			return FeedArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: every}}
		},
		&river.PeriodicJobOpts{RunOnStart: true})
}

// runFeeds polls the feeds now and then every `every` until ctx ends.
func runFeeds(ctx context.Context, feeds FeedPoller, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		_ = PollFeeds(ctx, feeds)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
