package reminder_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/mailer"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reminder"
)

type env struct {
	db         *sqldb.DB
	notice     *notice.Service
	scan       *reminder.Scanner
	repA, repB org.Actor
}

// Tuesday 10 March 2020, 09:00 in Hà Nội.
var now = time.Date(2020, time.March, 10, 9, 0, 0, 0, vntext.Location)

func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	ctx, clk := context.Background(), func() time.Time { return now }
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
	o := org.NewService(db, org.Options{Now: clk, Hasher: hasher})
	cal := calendar.NewService(db, calendar.Options{Now: clk})
	n := notice.NewService(db, o, cal, clk)
	sys := org.SystemActor("test")
	unit := func(code string) org.Unit {
		u, err := o.CreateUnit(ctx, sys, org.Unit{Code: code, Name: "Sở " + code, Kind: org.KindBlocMember, Bloc: true})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	user := func(name string, u org.Unit) org.Actor {
		x, err := o.CreateUser(ctx, sys, org.User{Username: name, FullName: "Nguyễn Văn " + strings.ToUpper(name[:1]), Email: name + "@so.example.vn",
			UnitID: u.ID, Roles: []org.Role{org.RoleUnitReporter}}, "mat-khau-thu-nghiem")
		if err != nil {
			t.Fatal(err)
		}
		return org.ActorFor(&x, "127.0.0.1")
	}
	sa, sb := unit("SA"), unit("SB")
	e := &env{db: db, notice: n, scan: reminder.NewScanner(db, n, cal, clk), repA: user("a.baocao", sa), repB: user("b.baocao", sb)}
	task := func(title string, lead org.Unit, due string) {
		if _, err := db.Exec(ctx, `INSERT INTO tasks (origin, title, lead_unit_id, assigner, due, created_at, updated_at)
			VALUES ('manual', ?, ?, 'test', ?, ?, ?)`, title, lead.ID, due, now.UTC(), now.UTC()); err != nil {
			t.Fatal(err)
		}
	}
	task("Báo cáo sơ kết", sa, "2020-03-12")    // in 2 working days
	task("Tổng kết công tác", sb, "2020-03-02") // overdue
	task("Kế hoạch năm sau", sa, "2020-06-30")  // far away
	return e
}

func TestScanOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e, ctx := newEnv(t, db), context.Background()
		ids, err := e.scan.Scan(ctx)
		if err != nil || len(ids) != 2 {
			t.Fatalf("first scan: %v, %v; want 2 notifications", ids, err)
		}
		again, err := e.scan.Scan(ctx)
		if err != nil || len(again) != 0 {
			t.Fatalf("second scan: %v, %v; want none", again, err)
		}
		got, _ := e.notice.Notifications(ctx, e.repB, false)
		if len(got) != 1 || got[0].Kind != notice.KindReminder || !strings.Contains(got[0].Title, "quá hạn") {
			t.Fatalf("repB notifications = %+v", got)
		}
	})
}

type message struct{ to, data string }

type backend struct {
	mu   sync.Mutex
	msgs []message
}

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

type session struct {
	b  *backend
	to string
}

func (s *session) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, message{s.to, string(b)})
	s.b.mu.Unlock()
	return err
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

func smtpServer(t *testing.T) (*backend, string, int) {
	be := &backend{}
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return be, "127.0.0.1", ln.Addr().(*net.TCPAddr).Port
}

func TestEmailJob(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e, ctx := newEnv(t, db), context.Background()
		be, host, port := smtpServer(t)
		m, err := mailer.New(mailer.Config{Host: host, Port: port, From: "khoagiao@example.vn", TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.notice.SetPrefs(ctx, e.repB, map[string]bool{notice.KindReminder: false}); err != nil {
			t.Fatal(err)
		}
		ids, err := e.scan.Scan(ctx)
		if err != nil {
			t.Fatal(err)
		}
		mj := reminder.Mail{Notice: e.notice, Sender: m, BaseURL: "https://kg.example.vn"}
		for _, id := range ids {
			if err := mj.SendOne(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		if len(be.msgs) != 1 {
			t.Fatalf("got %d messages, want 1 (repB turned e-mail off)", len(be.msgs))
		}
		msg, err := mail.ReadMessage(strings.NewReader(be.msgs[0].data))
		if err != nil {
			t.Fatal(err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if want := "[Khoa giáo] Nhiệm vụ sắp đến hạn (12/03/2020): Báo cáo sơ kết"; err != nil || subject != want {
			t.Errorf("subject = %q, %v; want %q", subject, err, want)
		}
		body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
		for _, want := range []string{"Kính gửi đồng chí Nguyễn Văn A", "https://kg.example.vn/tasks/"} {
			if !strings.Contains(string(body), want) {
				t.Errorf("body lacks %q:\n%s", want, body)
			}
		}
		if !strings.Contains(be.msgs[0].to, "a.baocao@so.example.vn") {
			t.Errorf("to = %q", be.msgs[0].to)
		}
	})
}

func TestRiverTwoClientsRunOnce(t *testing.T) {
	db := dbtest.Open(t, sqldb.Postgres) // skips without KHOAGIAO_TEST_POSTGRES
	e, ctx := newEnv(t, db), context.Background()
	var clients []*reminder.River
	for range 2 {
		r, err := reminder.NewRiver(ctx, db.DSN, e.scan, reminder.Mail{Notice: e.notice}, reminder.RiverOptions{NoPeriod: true})
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, r)
	}
	if _, err := clients[0].Client.Insert(ctx, reminder.ReminderArgs{}, nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range clients {
		if err := r.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		for _, r := range clients {
			sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			r.Stop(sctx)
			cancel()
		}
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var done int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'reminders' AND state = ?`, "completed").Scan(&done); err != nil {
			t.Fatal(err)
		}
		if done == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the reminder job did not complete")
		}
		time.Sleep(100 * time.Millisecond)
	}
	var n int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE kind = 'reminder'`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("notifications = %d, %v; want 2", n, err)
	}
}
