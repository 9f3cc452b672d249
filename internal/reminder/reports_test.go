package reminder_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reminder"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// TestReportReminders: on Tuesday 10/03/2020 a monthly report for 2020-02
// is due Thursday 12/03 (two working days ahead); both Bloc units are
// reminded once, not again on a second scan, and the next day only the
// unit that has not submitted is reminded. January's period is locked.
func TestReportReminders(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		var mu sync.Mutex
		cur := now
		clk := func() time.Time { mu.Lock(); defer mu.Unlock(); return cur }
		o := org.NewService(db, org.Options{Now: clk, Hasher: org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)})
		cal := calendar.NewService(db, calendar.Options{Now: clk})
		n := notice.NewService(db, o, cal, clk)
		rep := reporting.NewService(db, o, cal, clk)
		scan := reminder.NewScanner(db, n, cal, clk).WithReports(rep)
		sys := org.SystemActor("test")
		admin := org.Actor{Username: "test", System: true, Roles: []org.Role{org.RoleAdmin}}
		unit := func(code string, kind org.UnitKind, bloc bool) org.Unit {
			u, err := o.CreateUnit(ctx, sys, org.Unit{Code: code, Name: "Đơn vị " + code, Kind: kind, Bloc: bloc})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		user := func(name string, u org.Unit, role org.Role) org.Actor {
			x, err := o.CreateUser(ctx, sys, org.User{Username: name, FullName: "Người " + name, Email: name + "@so.example.vn",
				UnitID: u.ID, Roles: []org.Role{role}}, "mat-khau-thu-nghiem")
			if err != nil {
				t.Fatal(err)
			}
			return org.ActorFor(&x, "127.0.0.1")
		}
		board, sa, sb := unit("BTG", org.KindBoard, false), unit("SA", org.KindBlocMember, true), unit("SB", org.KindBlocMember, true)
		user("chuyenvien", board, org.RoleBoardSpecialist)
		repA, leadA, repB := user("a.baocao", sa, org.RoleUnitReporter), user("a.lanhdao", sa, org.RoleUnitLeader), user("b.baocao", sb, org.RoleUnitReporter)
		user("a.xem", sa, org.RoleViewer) // a viewer is not reminded
		rg, err := rep.CreateRegime(ctx, admin, reporting.Regime{Code: "THANG", Name: "Báo cáo tháng", Frequency: calendar.Monthly,
			Cutoff: calendar.CalendarPeriods, Deadline: calendar.DeadlineRule{Kind: calendar.FixedDay, Day: 12, MonthOffset: 1},
			ReceiverUnitID: board.ID, ReporterBloc: true, LockDays: 5,
			Template: reporting.Template{Sections: []reporting.Section{{Key: "results", Title: "Kết quả"}}}})
		if err != nil {
			t.Fatal(err)
		}
		reminded := func() map[int64]int {
			rows, err := db.Query(ctx, `SELECT user_id, subject FROM reminders_sent WHERE subject LIKE 'report:%'`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			out := map[int64]int{}
			for rows.Next() {
				var u int64
				var s string
				if err := rows.Scan(&u, &s); err != nil {
					t.Fatal(err)
				}
				if !strings.HasSuffix(s, ":2020-02") {
					t.Errorf("reminded of %s", s)
				}
				out[u]++
			}
			return out
		}
		if _, err := scan.Scan(ctx); err != nil {
			t.Fatal(err)
		}
		got := reminded()
		if len(got) != 3 || got[repA.UserID] != 1 || got[leadA.UserID] != 1 || got[repB.UserID] != 1 {
			t.Fatalf("first scan reminded %v; want the reporters and the leader once", got)
		}
		ns, _ := n.Notifications(ctx, repB, false)
		var title string
		for _, x := range ns {
			if strings.HasPrefix(x.Link, "/reports/") {
				title = x.Title
			}
		}
		if !strings.Contains(title, "sắp đến hạn nộp (12/03/2020)") {
			t.Errorf("title %q", title)
		}
		if _, err := scan.Scan(ctx); err != nil {
			t.Fatal(err)
		}
		if again := reminded(); len(again) != 3 || again[repA.UserID] != 1 || again[repB.UserID] != 1 {
			t.Fatalf("second scan reminded again: %v", again)
		}
		// Unit A submits; the next day only unit B is reminded.
		r, _, err := rep.Report(ctx, repA, rg.ID, "2020-02", sa.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rep.SaveDraft(ctx, repA, rg.ID, "2020-02", sa.ID, reporting.Draft{Version: r.Version,
			Sections: map[string]string{"results": "Đã thực hiện."}}); err != nil {
			t.Fatal(err)
		}
		if _, err := rep.Submit(ctx, repA, rg.ID, "2020-02", sa.ID); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		cur = cur.Add(24 * time.Hour)
		mu.Unlock()
		if _, err := scan.Scan(ctx); err != nil {
			t.Fatal(err)
		}
		if next := reminded(); next[repA.UserID] != 1 || next[leadA.UserID] != 1 || next[repB.UserID] != 2 {
			t.Fatalf("next day reminded %v; want only unit B again", next)
		}
	})
}
