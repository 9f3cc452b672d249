package reminder_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reminder"
	"github.com/khoagiao/khoagiao/internal/task"
)

type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *movingClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func at(m time.Month, d, h int) time.Time { return time.Date(2020, m, d, h, 0, 0, 0, vntext.Location) }

// conferenceEnv: the Board's organiser, three units with a reporter each,
// a second user in SC, and the services wired as cmd wires them.
type conferenceEnv struct {
	ctx        context.Context
	clk        *movingClock
	notice     *notice.Service
	meetings   *meeting.Service
	scan       *reminder.Scanner
	organiser  org.Actor
	sa, sb, sc org.Unit
	a, b, c, d org.Actor
}

func newConferenceEnv(t *testing.T, db *sqldb.DB) *conferenceEnv {
	t.Helper()
	e := &conferenceEnv{ctx: context.Background(), clk: &movingClock{t: at(time.March, 4, 9)}} // a Wednesday
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
	o := org.NewService(db, org.Options{Now: e.clk.Now, Hasher: hasher})
	cal := calendar.NewService(db, calendar.Options{Now: e.clk.Now})
	e.notice = notice.NewService(db, o, cal, e.clk.Now)
	e.meetings = meeting.NewService(db, o, task.NewService(db, cal, e.clk.Now), e.clk.Now).WithInviter(e.notice)
	e.scan = reminder.NewScanner(db, e.notice, cal, e.clk.Now)
	sys := org.SystemActor("test")
	unit := func(code string, kind org.UnitKind) org.Unit {
		u, err := o.CreateUnit(e.ctx, sys, org.Unit{Code: code, Name: "Đơn vị " + code, Kind: kind, Bloc: kind == org.KindBlocMember})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	user := func(name string, u org.Unit, role org.Role) org.Actor {
		x, err := o.CreateUser(e.ctx, sys, org.User{Username: name, FullName: "Người " + name, Email: name + "@so.example.vn",
			UnitID: u.ID, Roles: []org.Role{role}}, "mat-khau-thu-nghiem")
		if err != nil {
			t.Fatal(err)
		}
		return org.ActorFor(&x, "127.0.0.1")
	}
	board := unit("BTG", org.KindBoard)
	e.sa, e.sb, e.sc = unit("SA", org.KindBlocMember), unit("SB", org.KindBlocMember), unit("SC", org.KindBlocMember)
	e.organiser = user("chuyenvien", board, org.RoleBoardSpecialist)
	e.a, e.b, e.c = user("a.baocao", e.sa, org.RoleUnitReporter), user("b.baocao", e.sb, org.RoleUnitReporter), user("c.baocao", e.sc, org.RoleUnitReporter)
	e.d = user("d.lanhdao", e.sc, org.RoleUnitLeader)
	return e
}

// meetingTitles lists a user's conference notifications, oldest first.
func (e *conferenceEnv) meetingTitles(t *testing.T, a org.Actor) []string {
	t.Helper()
	l, err := e.notice.Notifications(e.ctx, a, false)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Kind == notice.KindMeeting {
			out = append(out, l[i].Title)
		}
	}
	return out
}

func (e *conferenceEnv) scanNow(t *testing.T, when time.Time) []int64 {
	t.Helper()
	e.clk.Set(when)
	ids, err := e.scan.Scan(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		if slices.Contains(ids[i+1:], id) {
			t.Fatalf("notification %d is returned twice for e-mail: %v", id, ids)
		}
	}
	return ids
}

// TestConferenceInvitations: scheduling a conference invites its units'
// users and its invited people at once (not the organiser); adding a unit
// invites only the newcomers; moving it tells everyone the new time; the
// scan e-mails each invitation once and reminds everyone on the working
// day before — the Friday before a Monday — once.
func TestConferenceInvitations(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newConferenceEnv(t, db)
		m, err := e.meetings.Create(e.ctx, e.organiser, meeting.Meeting{Kind: meeting.Quarterly, Title: "Giao ban quý I",
			StartsAt: at(time.March, 10, 8), EndsAt: at(time.March, 10, 11), Place: "Hội trường Tỉnh ủy",
			UnitIDs: []int64{e.sa.ID, e.sb.ID}, People: []meeting.Person{{UserID: e.c.UserID}, {Name: "Khách mời ngoài hệ thống"}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, who := range []org.Actor{e.a, e.b, e.c} {
			got := e.meetingTitles(t, who)
			if len(got) != 1 || got[0] != "Giấy mời dự hội nghị: Giao ban quý I — 08:00 ngày 10/03/2020, Hội trường Tỉnh ủy" {
				t.Fatalf("%s: %q", who.Username, got)
			}
		}
		if got := e.meetingTitles(t, e.organiser); len(got) != 0 || len(e.meetingTitles(t, e.d)) != 0 {
			t.Fatalf("the organiser or an uninvited user was told: %q", got)
		}
		m.UnitIDs = append(m.UnitIDs, e.sc.ID)
		if m, err = e.meetings.Update(e.ctx, e.organiser, m.ID, m); err != nil {
			t.Fatal(err)
		}
		if len(e.meetingTitles(t, e.a)) != 1 || len(e.meetingTitles(t, e.c)) != 1 || len(e.meetingTitles(t, e.d)) != 1 {
			t.Fatalf("adding SC: a %q, c %q, d %q", e.meetingTitles(t, e.a), e.meetingTitles(t, e.c), e.meetingTitles(t, e.d))
		}
		m.StartsAt, m.EndsAt = at(time.March, 16, 8), at(time.March, 16, 11) // a Monday
		if m, err = e.meetings.Update(e.ctx, e.organiser, m.ID, m); err != nil {
			t.Fatal(err)
		}
		for _, who := range []org.Actor{e.a, e.b, e.c, e.d} {
			got := e.meetingTitles(t, who)
			if len(got) != 2 || !strings.HasPrefix(got[1], "Hội nghị đổi thời gian: Giao ban quý I — 08:00 ngày 16/03/2020") {
				t.Fatalf("%s after the move: %q", who.Username, got)
			}
		}
		if _, err := e.meetings.Create(e.ctx, e.organiser, meeting.Meeting{Kind: meeting.AdHoc, Title: "Họp đã qua",
			StartsAt: at(time.March, 2, 8), EndsAt: at(time.March, 2, 9), UnitIDs: []int64{e.sa.ID}}); err != nil {
			t.Fatal(err)
		}
		if got := e.meetingTitles(t, e.a); len(got) != 2 {
			t.Fatalf("a conference in the past invited: %q", got)
		}

		if _, err := e.notice.SetPrefs(e.ctx, e.b, map[string]bool{notice.KindMeeting: false}); err != nil {
			t.Fatal(err)
		}
		mailed := func(ids []int64) (n int) {
			for _, id := range ids {
				if _, ok, err := e.notice.EmailFor(e.ctx, id, "https://kg.example.vn"); err != nil {
					t.Fatal(err)
				} else if ok {
					n++
				}
			}
			return n
		}
		if ids := e.scanNow(t, at(time.March, 4, 10)); len(ids) != 8 || mailed(ids) != 6 {
			t.Fatalf("first scan hands %d notifications to e-mail, %d wanted by their users; want 8 and 6 (b turned it off)", len(ids), mailed(ids))
		}
		if ids := e.scanNow(t, at(time.March, 4, 11)); len(ids) != 0 {
			t.Fatalf("second scan e-mails again: %v", ids)
		}
		for _, day := range []int{12, 14} { // Thursday; Saturday
			if ids := e.scanNow(t, at(time.March, day, 9)); len(ids) != 0 {
				t.Fatalf("reminders on %d March: %v", day, ids)
			}
		}
		if ids := e.scanNow(t, at(time.March, 13, 8)); len(ids) != 4 || mailed(ids) != 3 {
			t.Fatalf("the Friday before: %d reminders (%d e-mailed), want 4 (3)", len(ids), mailed(ids))
		}
		if ids := e.scanNow(t, at(time.March, 13, 15)); len(ids) != 0 {
			t.Fatalf("the Friday's second scan: %v", ids)
		}
		got := e.meetingTitles(t, e.c)
		if len(got) != 3 || got[2] != "Nhắc lịch họp: Giao ban quý I — 08:00 ngày 16/03/2020, Hội trường Tỉnh ủy" {
			t.Fatalf("c's conference notifications: %q", got)
		}
		if got := e.meetingTitles(t, e.organiser); len(got) != 0 {
			t.Fatalf("the organiser (not invited) was reminded: %q", got)
		}
	})
}
