package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// conference is the Board's six-month review conference of the seed article.
var conference = time.Date(2020, 6, 30, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))

type services struct {
	org *org.Service
	cal *calendar.Service
	rep *reporting.Service
}

func newServices(db *sqldb.DB) services {
	now := func() time.Time { return conference }
	hasher := org.NewHasher(org.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}, 4)
	o := org.NewService(db, org.Options{Now: now, Hasher: hasher})
	cal := calendar.NewService(db, calendar.Options{Now: now})
	return services{org: o, cal: cal, rep: reporting.NewService(db, o, cal, now)}
}

// counts are the rows the demo creates, by table (audit by entity).
func counts(t *testing.T, db *sqldb.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for name, q := range map[string]string{
		"units": "SELECT COUNT(*) FROM units", "users": "SELECT COUNT(*) FROM users",
		"regimes": "SELECT COUNT(*) FROM regimes", "templates": "SELECT COUNT(*) FROM templates",
		"reports": "SELECT COUNT(*) FROM reports", "report_values": "SELECT COUNT(*) FROM report_values",
		"report_events": "SELECT COUNT(*) FROM report_events", "audit": "SELECT COUNT(*) FROM audit_log",
		"audit of reports": "SELECT COUNT(*) FROM audit_log WHERE entity = 'report'",
		"audit of regimes": "SELECT COUNT(*) FROM audit_log WHERE entity = 'regime'",
	} {
		var n int
		if err := db.QueryRow(context.Background(), q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = n
	}
	return out
}

func TestLoadTwice(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx, s := context.Background(), newServices(db)
		deps := demo.Deps{Org: s.org, Calendar: s.cal}
		first, err := demo.Load(ctx, deps, demo.Options{Password: "mat-khau-demo-2020"})
		if err != nil {
			t.Fatal(err)
		}
		if first.RegimesCreated != 7 || first.UnitsCreated != len(demo.Units) || first.UsersCreated != len(demo.People()) {
			t.Errorf("first load: %+v", first)
		}
		before := counts(t, db)
		if before["regimes"] != 7 || before["reports"] != 16 || before["audit of reports"] == 0 {
			t.Fatalf("after the first load: %v", before)
		}
		second, err := demo.Load(ctx, deps, demo.Options{Password: "mat-khau-demo-2020"})
		if err != nil {
			t.Fatalf("second load: %v", err)
		}
		if second.RegimesCreated != 0 || second.UnitsCreated != 0 || second.UsersCreated != 0 || second.Password != "" {
			t.Errorf("second load created something: %+v", second)
		}
		after := counts(t, db)
		for k, n := range before {
			if after[k] != n {
				t.Errorf("%s: %d after the first load, %d after the second", k, n, after[k])
			}
		}
		if v, err := s.org.VerifyAudit(ctx); err != nil || !v.OK {
			t.Errorf("audit chain: %+v, %v", v, err)
		}
	})
}

// TestSeedCompleteness: the first half of 2020 as the seed tells it.
func TestSeedCompleteness(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx, s := context.Background(), newServices(db)
		if _, err := demo.Load(ctx, demo.Deps{Org: s.org, Calendar: s.cal}, demo.Options{Password: "mat-khau-demo-2020"}); err != nil {
			t.Fatal(err)
		}
		sys := org.SystemActor("test")
		regimes, err := s.rep.ListRegimes(ctx, sys)
		if err != nil {
			t.Fatal(err)
		}
		var six reporting.Regime
		for _, r := range regimes {
			if r.Code == "KG-6T" {
				six = r
			}
		}
		c, err := s.rep.Completeness(ctx, sys, six.ID, demo.Period)
		if err != nil {
			t.Fatal(err)
		}
		if c.Expected != 9 || c.OnTime != 6 || c.Late != 2 || c.Missing != 1 || c.Overdue != 1 || c.Accepted != 6 || c.Returned != 0 {
			t.Errorf("KG-6T %s: expected %d, on time %d, late %d, missing %d (overdue %d), accepted %d, returned %d; want 9, 6, 2, 1 (1), 6, 0",
				demo.Period, c.Expected, c.OnTime, c.Late, c.Missing, c.Overdue, c.Accepted, c.Returned)
		}
		want := map[string]struct{ status, label string }{
			"SGDDT": {"accepted", "nộp đúng hạn"}, "SYT": {"accepted", "nộp đúng hạn"}, "SKHCN": {"accepted", "nộp đúng hạn"},
			"STNMT": {"accepted", "nộp đúng hạn"}, "SLDTBXH": {"accepted", "nộp muộn 4 ngày"}, "BAOTINH": {"submitted", "nộp muộn 6 ngày"},
			"DPTTH": {"accepted", "nộp đúng hạn"}, "LHHKHKT": {"submitted", "nộp đúng hạn"}, "HKH": {"draft", "quá hạn 11 ngày, chưa nộp"},
		}
		for _, u := range c.Units {
			w, ok := want[u.Code]
			if !ok || u.Status != w.status || u.Timeliness.Label != w.label {
				t.Errorf("%s: %s %q, want %s %q", u.Code, u.Status, u.Timeliness.Label, w.status, w.label)
			}
		}
		stnmt, err := s.org.UnitByCode(ctx, sys, "STNMT")
		if err != nil {
			t.Fatal(err)
		}
		rep, _, err := s.rep.Report(ctx, sys, six.ID, demo.Period, stnmt.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		returned := false
		for _, ev := range rep.Events {
			actions = append(actions, ev.Action)
			returned = returned || ev.Action == reporting.ActReturn && ev.Actor == "chuyenvien" && ev.Reason != ""
		}
		if rep.Status != reporting.StatusAccepted || !returned || rep.Timeliness.Label != "nộp đúng hạn" {
			t.Errorf("STNMT: %s, %q, history %v; want accepted on time with a return in its history", rep.Status, rep.Timeliness.Label, actions)
		}
	})
}
