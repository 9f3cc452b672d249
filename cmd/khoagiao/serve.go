package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web"
)

// dbFlag adds the --db flag shared by every subcommand.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", envOr("KHOAGIAO_DB", "data/khoagiao.db"), "SQLite file or postgres:// URL (KHOAGIAO_DB)")
}

// openDB opens and migrates the database.
func openDB(ctx context.Context, dsn string) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func cmdServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	dsn := dbFlag(fs)
	addr := fs.String("addr", envOr("KHOAGIAO_ADDR", ":8080"), "listen address (KHOAGIAO_ADDR)")
	withDemo := fs.Bool("demo", false, "load the seed scenario as demo data (idempotent)")
	ceiling := fs.Bool("static-ceiling", false, "answer every request with a small static page (the load tool's ceiling; no database)")
	fs.Parse(args)
	if *ceiling {
		return serveCeiling(ctx, *addr)
	}

	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	orgSvc := org.NewService(db, org.Options{})
	if _, err := orgSvc.RefreshSortKeys(ctx); err != nil {
		return err
	}
	svc := services(db, orgSvc)
	if _, err := svc.Training.RefreshSortKeys(ctx); err != nil {
		return err
	}
	if *withDemo {
		if err := loadDemo(ctx, svc); err != nil {
			return err
		}
	}
	limits, err := web.RateLimitsFromEnv(os.Getenv)
	if err != nil {
		return err
	}
	srv := web.New(web.Config{
		SecureCookies: os.Getenv("KHOAGIAO_SECURE_COOKIES") == "1",
		TrustProxy:    os.Getenv("KHOAGIAO_TRUST_PROXY") == "1",
		RateLimits:    &limits,
	}, svc)
	go srv.CleanSessions(ctx, 10*time.Minute)
	startSearchSync(ctx, svc)
	var handler http.Handler = srv
	if *withDemo { // the bundled demo feeds, only with --demo
		mux := http.NewServeMux()
		mux.Handle("GET "+demo.FeedPath, demo.FeedHandler())
		mux.Handle("/", srv)
		handler = mux
	}
	jobs, err := startJobs(ctx, db, svc)
	if err != nil {
		return err
	}
	defer stopJobs(jobs)
	if sched := backupSchedule(db); sched != nil {
		go sched.Run(ctx)
		slog.Info("daily backup on", "dir", sched.Dir, "hour", sched.At, "keep_daily", sched.Daily, "keep_monthly", sched.Monthly)
	}

	hs := &http.Server{Addr: *addr, Handler: handler, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 60 * time.Second, WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second,
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) }}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	slog.Info("khoagiao serving", "addr", ln.Addr().String(), "db", string(db.Dialect))
	fmt.Fprintf(os.Stderr, "khoagiao: mở http://localhost%s trong trình duyệt\n", portOf(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Graceful shutdown: stop accepting, let in-flight requests finish.
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	slog.Info("khoagiao shutting down")
	if err := hs.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func portOf(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return fmt.Sprintf(":%d", t.Port)
	}
	return a.String()
}

// services wires the domain services over one database.
func services(db *sqldb.DB, orgSvc *org.Service) web.Services {
	cal := calendar.NewService(db, calendar.Options{})
	tasks := task.NewService(db, cal, nil)
	notices := notice.NewService(db, orgSvc, cal, nil)
	presses := press.NewService(db, cal, nil).WithNotifier(notices)
	trainings := training.NewService(db, nil)
	return web.Services{Org: orgSvc, Calendar: cal, Reporting: reporting.NewService(db, orgSvc, cal, nil).WithTasks(tasks).WithSources(presses, trainings), Task: tasks,
		Meeting: meeting.NewService(db, orgSvc, tasks, nil).WithInviter(notices), Press: presses,
		Notice: notices, Training: trainings, Search: search.NewService(db)}
}

func loadDemo(ctx context.Context, svc web.Services) error {
	res, err := demo.Load(ctx, demo.Deps{Org: svc.Org, Calendar: svc.Calendar}, demo.Options{Password: os.Getenv("KHOAGIAO_DEMO_PASSWORD"),
		FeedBaseURL: envOr("KHOAGIAO_BASE_URL", demo.DefaultBaseURL)})
	if err != nil {
		return err
	}
	slog.Info("demo data", "units_created", res.UnitsCreated, "users_created", res.UsersCreated)
	if res.UsersCreated > 0 && os.Getenv("KHOAGIAO_DEMO_PASSWORD") == "" {
		fmt.Fprintf(os.Stderr, "\nkhoagiao: đã tạo %d tài khoản minh họa (admin, lanhdao, chuyenvien, sgddt.baocao, …)\n"+
			"khoagiao: mật khẩu chung (chỉ in một lần): %s\n\n", res.UsersCreated, res.Password)
	}
	return nil
}

// serveCeiling answers everything with the same small page through the same
// http.Server settings and middleware-free handler: what the machine and
// the load tool can do at best, to read the real figures against.
func serveCeiling(ctx context.Context, addr string) error {
	page := []byte("<!doctype html><title>khoagiao</title><p>ok</p>")
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "khoagiao_session", Value: "static"})
			w.WriteHeader(http.StatusSeeOther)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page)
	})
	hs := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); hs.Close() }()
	slog.Info("khoagiao static ceiling", "addr", addr)
	if err := hs.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
