package notice_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

func ict(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, vntext.Location)
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// env: the Board, Sở A (reporter, leader, viewer), Sở B (reporter), Sở C.
type env struct {
	t                  *testing.T
	ctx                context.Context
	org                *org.Service
	svc                *notice.Service
	clk                *clock
	board, sa, sb, sc  org.Unit
	spec, lead         org.Actor
	repA, leadA, viewA org.Actor
	repB               org.Actor
}

func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	clk := &clock{t: ict(2020, time.March, 10, 9, 0)}
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
	o := org.NewService(db, org.Options{Now: clk.Now, Hasher: hasher})
	cal := calendar.NewService(db, calendar.Options{Now: clk.Now})
	e := &env{t: t, ctx: context.Background(), org: o, clk: clk, svc: notice.NewService(db, o, cal, clk.Now)}
	if err := o.SetSettings(e.ctx, org.SystemActor("test"), map[string]string{org.SettingBoardSymbol: "BTGTU"}); err != nil {
		t.Fatal(err)
	}
	e.board = e.unit("BTG", "Ban Tuyên giáo Tỉnh ủy", org.KindBoard)
	e.sa, e.sb, e.sc = e.unit("SA", "Sở A", org.KindBlocMember), e.unit("SB", "Sở B", org.KindBlocMember), e.unit("SC", "Sở C", org.KindBlocMember)
	e.spec = e.user("chuyenvien", e.board, org.RoleBoardSpecialist)
	e.lead = e.user("lanhdao", e.board, org.RoleBoardLeader)
	e.repA = e.user("sa.baocao", e.sa, org.RoleUnitReporter)
	e.leadA = e.user("sa.lanhdao", e.sa, org.RoleUnitLeader)
	e.viewA = e.user("sa.xem", e.sa, org.RoleViewer)
	e.repB = e.user("sb.baocao", e.sb, org.RoleUnitReporter)
	t.Cleanup(func() {
		v, err := o.VerifyAudit(context.Background())
		if err != nil || !v.OK || v.Entries == 0 {
			t.Errorf("audit chain after the test: %+v, %v", v, err)
		}
	})
	return e
}

func (e *env) unit(code, name string, kind org.UnitKind) org.Unit {
	e.t.Helper()
	u, err := e.org.CreateUnit(e.ctx, org.SystemActor("test"), org.Unit{Code: code, Name: name, Kind: kind, Bloc: kind == org.KindBlocMember})
	if err != nil {
		e.t.Fatalf("unit %s: %v", code, err)
	}
	return u
}

func (e *env) user(name string, unit org.Unit, role org.Role) org.Actor {
	e.t.Helper()
	u, err := e.org.CreateUser(e.ctx, org.SystemActor("test"), org.User{Username: name, FullName: "Người " + name,
		UnitID: unit.ID, Roles: []org.Role{role}}, "mat-khau-thu-nghiem")
	if err != nil {
		e.t.Fatalf("user %s: %v", name, err)
	}
	return org.ActorFor(&u, "127.0.0.1")
}

func (e *env) issued(title string, ack bool, units ...org.Unit) notice.Directive {
	e.t.Helper()
	var ids []int64
	for _, u := range units {
		ids = append(ids, u.ID)
	}
	d, err := e.svc.Create(e.ctx, e.spec, notice.Directive{TypeCode: "CV", Title: title, Body: "Nội dung", RequiresAck: ack, UnitIDs: ids})
	if err != nil {
		e.t.Fatal(err)
	}
	if d, err = e.svc.Issue(e.ctx, e.spec, d.ID, d.Version); err != nil {
		e.t.Fatal(err)
	}
	return d
}

func wantKind(t *testing.T, err error, k apperr.Kind, what string) {
	t.Helper()
	if e, ok := apperr.As(err); !ok || e.Kind != k {
		t.Fatalf("%s: err = %v, want kind %d", what, err, k)
	}
}

func (e *env) count(a org.Actor) int {
	e.t.Helper()
	n, err := e.svc.Count(e.ctx, a)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func TestIssueNumbersAndNotifies(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		_, err := e.svc.Create(e.ctx, e.repA, notice.Directive{Title: "x", UnitIDs: []int64{e.sa.ID}})
		wantKind(t, err, apperr.KindForbidden, "unit creates")
		_, err = e.svc.Create(e.ctx, e.spec, notice.Directive{TypeCode: "ZZ"})
		wantKind(t, err, apperr.KindInvalid, "invalid draft")
		d, err := e.svc.Create(e.ctx, e.spec, notice.Directive{Title: "Về phòng, chống dịch", RequiresAck: true, UnitIDs: []int64{e.sa.ID, e.sb.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Find(e.ctx, e.repA, d.ID); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("a unit sees a draft: %v", err)
		}
		_, err = e.svc.Issue(e.ctx, e.lead, d.ID, d.Version)
		wantKind(t, err, apperr.KindForbidden, "leader issues")
		_, err = e.svc.Issue(e.ctx, e.spec, d.ID, d.Version+1)
		wantKind(t, err, apperr.KindConflict, "stale version")
		d, err = e.svc.Issue(e.ctx, e.spec, d.ID, d.Version)
		if err != nil {
			t.Fatal(err)
		}
		if d.Number != 1 || d.Symbol != "1-CV/BTGTU" || !d.Issued() {
			t.Errorf("issued as %d %q", d.Number, d.Symbol)
		}
		d2 := e.issued("Văn bản thứ hai", false, e.sa)
		if d2.Symbol != "2-CV/BTGTU" {
			t.Errorf("second symbol %q", d2.Symbol)
		}
		_, err = e.svc.Issue(e.ctx, e.spec, d.ID, d.Version)
		wantKind(t, err, apperr.KindConflict, "issued twice")
		for _, c := range []struct {
			a    org.Actor
			want int
		}{{e.repA, 2}, {e.leadA, 2}, {e.viewA, 2}, {e.repB, 1}, {e.spec, 0}} {
			if n := e.count(c.a); n != c.want {
				t.Errorf("%s has %d notifications, want %d", c.a.Username, n, c.want)
			}
		}
		list, _ := e.svc.List(e.ctx, e.repB)
		if len(list) != 1 || list[0].ID != d.ID {
			t.Errorf("Sở B lists %+v", list)
		}
		audit, err := e.org.ListAudit(e.ctx, org.SystemActor("t"), org.AuditFilter{Entity: "directive", Limit: 50})
		if err != nil || audit.Total < 4 {
			t.Errorf("audit of directives: %d entries, %v", audit.Total, err)
		}
	})
}

func TestReadReceiptsAndAck(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		d := e.issued("Về phòng, chống dịch COVID-19", true, e.sa, e.sb, e.sc)
		first := e.clk.Now()
		if ok, err := e.svc.MarkRead(e.ctx, e.viewA, d.ID); err != nil || !ok {
			t.Fatalf("first read: %v %v", ok, err)
		}
		e.clk.Set(first.Add(2 * time.Hour))
		if ok, err := e.svc.MarkRead(e.ctx, e.repA, d.ID); err != nil || ok {
			t.Fatalf("second read recorded: %v %v", ok, err)
		}
		if ok, _ := e.svc.MarkRead(e.ctx, e.spec, d.ID); ok {
			t.Error("a Board opening counts as a receipt")
		}
		_, err := e.svc.Acknowledge(e.ctx, e.viewA, d.ID)
		wantKind(t, err, apperr.KindForbidden, "viewer acknowledges")
		r, err := e.svc.Acknowledge(e.ctx, e.leadA, d.ID)
		if err != nil || r.AcknowledgedAt == nil || r.AcknowledgedBy != "sa.lanhdao" {
			t.Fatalf("ack: %+v %v", r, err)
		}
		if r.ReadBy != "sa.xem" || !r.ReadAt.Equal(first.UTC()) {
			t.Errorf("first read changed: %q at %v, want sa.xem at %v", r.ReadBy, r.ReadAt, first)
		}
		if _, err := e.svc.Acknowledge(e.ctx, e.repB, d.ID); err != nil { // acknowledging also reads
			t.Fatal(err)
		}
		_, err = e.svc.Receipts(e.ctx, e.repA, d.ID)
		wantKind(t, err, apperr.KindForbidden, "unit reads receipts")
		rs, err := e.svc.Receipts(e.ctx, e.lead, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rs.Units != 3 || rs.Read != 2 || rs.Acknowledged != 2 || rs.ReadRate < 0.66 || rs.ReadRate > 0.67 {
			t.Errorf("receipts %+v", rs)
		}
		noAck := e.issued("Không cần xác nhận", false, e.sa)
		_, err = e.svc.Acknowledge(e.ctx, e.repA, noAck.ID)
		wantKind(t, err, apperr.KindInvalid, "ack of a directive without it")
		det, err := e.svc.Find(e.ctx, e.repA, d.ID)
		if err != nil || det.Mine == nil || det.Mine.AcknowledgedAt == nil || det.Receipts != nil {
			t.Errorf("unit detail: %+v %v", det, err)
		}
	})
}

func TestUnreadAfterWorkingDays(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		e.clk.Set(ict(2020, time.March, 13, 9, 0)) // a Friday
		d := e.issued("Về phòng, chống dịch", true, e.sa, e.sb)
		if _, err := e.svc.MarkRead(e.ctx, e.repA, d.ID); err != nil {
			t.Fatal(err)
		}
		_, err := e.svc.Unread(e.ctx, e.repA, 3)
		wantKind(t, err, apperr.KindForbidden, "unit asks for unread")
		e.clk.Set(ict(2020, time.March, 17, 9, 0)) // Tuesday: 2 working days
		if u, err := e.svc.Unread(e.ctx, e.spec, 3); err != nil || len(u) != 0 {
			t.Errorf("after 2 working days: %+v %v", u, err)
		}
		e.clk.Set(ict(2020, time.March, 18, 9, 0)) // Wednesday: 3
		u, err := e.svc.Unread(e.ctx, e.spec, 3)
		if err != nil || len(u) != 1 || u[0].UnitID != e.sb.ID || u[0].WorkingDays != 3 {
			t.Errorf("after 3 working days: %+v %v", u, err)
		}
	})
}

func TestMessageThreads(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		th, err := e.svc.Send(e.ctx, e.repA, notice.Message{Subject: "Tình hình dịch", Body: "Báo cáo nhanh"})
		if err != nil {
			t.Fatal(err)
		}
		if th.UnitID != e.sa.ID || th.FromBoard {
			t.Errorf("sent as %+v", th.Message)
		}
		_, err = e.svc.Send(e.ctx, e.viewA, notice.Message{Subject: "x", Body: "y"})
		wantKind(t, err, apperr.KindForbidden, "viewer sends")
		_, err = e.svc.Send(e.ctx, e.repA, notice.Message{Body: "y"})
		wantKind(t, err, apperr.KindInvalid, "no subject")
		if e.count(e.spec) != 1 || e.count(e.lead) != 1 || e.count(e.repA) != 0 {
			t.Errorf("board not notified: %d %d %d", e.count(e.spec), e.count(e.lead), e.count(e.repA))
		}
		if _, err := e.svc.Thread(e.ctx, e.repB, th.ID); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("other unit reads the thread: %v", err)
		}
		_, err = e.svc.Reply(e.ctx, e.repB, th.ID, "xen vào")
		wantKind(t, err, apperr.KindForbidden, "other unit replies")
		th, err = e.svc.Reply(e.ctx, e.spec, th.ID, "Ban đã nhận, đề nghị tiếp tục theo dõi")
		if err != nil || len(th.Replies) != 1 || !th.Replies[0].FromBoard {
			t.Fatalf("reply: %+v %v", th, err)
		}
		if e.count(e.repA) != 1 || e.count(e.viewA) != 1 || e.count(e.repB) != 0 {
			t.Errorf("unit not notified of the reply")
		}
		if th, err = e.svc.Reply(e.ctx, e.leadA, th.Replies[0].ID, "Cảm ơn"); err != nil || len(th.Replies) != 2 {
			t.Fatalf("reply to a reply: %+v %v", th, err)
		}
		for _, c := range []struct {
			a    org.Actor
			want int
		}{{e.spec, 1}, {e.repA, 1}, {e.viewA, 1}, {e.repB, 0}} {
			l, err := e.svc.Threads(e.ctx, c.a)
			if err != nil || len(l) != c.want {
				t.Errorf("%s sees %d threads, want %d (%v)", c.a.Username, len(l), c.want, err)
			} else if c.want == 1 && l[0].Replies != 2 {
				t.Errorf("reply count %d", l[0].Replies)
			}
		}
	})
}

func TestNotifications(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		e.issued("Một", false, e.sa)
		e.issued("Hai", false, e.sa)
		l, err := e.svc.Notifications(e.ctx, e.repA, true)
		if err != nil || len(l) != 2 || l[0].Link == "" {
			t.Fatalf("list: %+v %v", l, err)
		}
		if _, err := e.svc.MarkNotificationRead(e.ctx, e.repB, l[0].ID); !apperr.Is(err, apperr.KindNotFound) {
			t.Errorf("another user's notification: %v", err)
		}
		n, err := e.svc.MarkNotificationRead(e.ctx, e.repA, l[0].ID)
		if err != nil || n.ReadAt == nil || e.count(e.repA) != 1 {
			t.Fatalf("mark read: %+v %v count %d", n, err, e.count(e.repA))
		}
		if all, _ := e.svc.Notifications(e.ctx, e.repA, false); len(all) != 2 {
			t.Errorf("all: %d", len(all))
		}
		if k, err := e.svc.MarkAllRead(e.ctx, e.repA); err != nil || k != 1 || e.count(e.repA) != 0 || e.count(e.leadA) != 2 {
			t.Errorf("mark all: %d %v", k, err)
		}
	})
}

// TestMessageLinksStayInScope: a unit links its message to a directive sent
// to it, not to one sent only to another unit (nor to a draft).
func TestMessageLinksStayInScope(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		toA, toB := e.issued("Gửi đơn vị A", false, e.sa), e.issued("Chỉ gửi đơn vị B", false, e.sb)
		draft, err := e.svc.Create(e.ctx, e.spec, notice.Directive{Title: "Bản nháp", UnitIDs: []int64{e.sa.ID}})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{toB.ID, draft.ID} {
			_, err := e.svc.Send(e.ctx, e.repA, notice.Message{Subject: "Hỏi", Body: "Nội dung", DirectiveID: id})
			if e, ok := apperr.As(err); !ok || e.Fields["directive_id"] == "" {
				t.Errorf("link to directive %d: %v", id, err)
			}
		}
		if _, err := e.svc.Send(e.ctx, e.repA, notice.Message{Subject: "Hỏi", Body: "Nội dung", DirectiveID: toA.ID}); err != nil {
			t.Errorf("link to its own directive: %v", err)
		}
		_, err = e.svc.Send(e.ctx, e.repA, notice.Message{Subject: "Hỏi", Body: "Nội dung", TaskID: 999999})
		if e, ok := apperr.As(err); !ok || e.Fields["task_id"] == "" {
			t.Errorf("link to a task that is not the unit's: %v", err)
		}
	})
}
