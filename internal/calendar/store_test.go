package calendar

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestSeededCalendarMatchesDB(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		c, err := e.svc.Load(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := seedRows()
		if len(c.days) != len(want) {
			t.Fatalf("loaded %d rows, seed has %d", len(c.days), len(want))
		}
		for _, w := range want {
			h, ok := c.Day(w.Date)
			if !ok || h.Name != w.Name || h.Kind != w.Kind || h.CreatedAt.IsZero() || h.UpdatedAt.IsZero() {
				t.Errorf("row %s = %+v, want %+v with timestamps", w.Date, h, w)
			}
		}
		for year := 2019; year <= 2027; year++ {
			checkSeedYear(t, year, c)
		}
	})
}

func TestListHolidays(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		for _, tc := range []struct {
			year        int
			n           int
			first, last string
		}{{2024, 15, "2024-01-01", "2024-09-03"}, {2018, 1, "2018-12-31", "2018-12-31"}, {2026, 16, "2026-01-01", "2026-09-02"}} {
			hs, err := e.svc.ListHolidays(e.ctx, tc.year)
			if err != nil {
				t.Fatal(err)
			}
			if len(hs) != tc.n || hs[0].Date != d(tc.first) || hs[len(hs)-1].Date != d(tc.last) {
				t.Errorf("ListHolidays(%d) = %d rows %v…; want %d rows %s…%s", tc.year, len(hs), hs[0].Date, tc.n, tc.first, tc.last)
			}
			for i := 1; i < len(hs); i++ {
				if !hs[i-1].Date.Before(hs[i].Date) {
					t.Errorf("ListHolidays(%d) not in date order at %s", tc.year, hs[i].Date)
				}
			}
		}
		if hs, err := e.svc.ListHolidays(e.ctx, 2035); err != nil || hs == nil || len(hs) != 0 {
			t.Errorf("ListHolidays(2035) = %v, %v; want an empty list", hs, err)
		}
	})
}

func TestSetHoliday(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		day := civil.D(2026, 11, 24)
		if !e.calendar().IsWorkingDay(day) {
			t.Fatal("24/11/2026 should start as a working day")
		}
		// Name typed in NFD with a zero-width space: stored in NFC.
		nfd := "Nga\u0300y Va\u0306n ho\u0301a Vie\u0323\u0302t Nam\u200b"
		if err := e.svc.SetHoliday(e.ctx, admin, Holiday{Date: day, Name: nfd}); err != nil {
			t.Fatal(err)
		}
		if e.calendar().IsWorkingDay(day) {
			t.Error("the calendar did not reload after SetHoliday")
		}
		hs, _ := e.svc.ListHolidays(e.ctx, 2026)
		got := find(hs, day)
		if got.Name != "Ngày Văn hóa Việt Nam" || got.Kind != KindHoliday || !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0) {
			t.Errorf("stored %+v", got)
		}

		e.now = t0.Add(time.Hour)
		mustOK(t, e.svc.SetHoliday(e.ctx, admin, Holiday{Date: day, Name: "Ngày Văn hóa Việt Nam (24/11)", Kind: KindHoliday}))
		mustOK(t, e.svc.SetHoliday(e.ctx, admin, Holiday{Date: day, Name: "Ngày Văn hóa Việt Nam (24/11)"})) // unchanged: no write
		hs, _ = e.svc.ListHolidays(e.ctx, 2026)
		if got := find(hs, day); got.Name != "Ngày Văn hóa Việt Nam (24/11)" || !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0.Add(time.Hour)) {
			t.Errorf("after update %+v", got)
		}

		// Replacing a seeded day off by a make-up Saturday.
		sat := civil.D(2027, 2, 13)
		mustOK(t, e.svc.SetHoliday(e.ctx, admin, Holiday{Date: sat, Name: "Làm bù", Kind: KindMakeupWorkday}))
		if !e.calendar().IsWorkingDay(sat) {
			t.Error("make-up Saturday is not a working day")
		}

		a := e.audits()
		if len(a) != 3 {
			t.Fatalf("audit entries = %+v, want 3", a)
		}
		checkAudit(t, a[0], org.ActionCreate, "2026-11-24", "null", `"name":"Ngày Văn hóa Việt Nam"`)
		checkAudit(t, a[1], org.ActionUpdate, "2026-11-24", `"name":"Ngày Văn hóa Việt Nam"`, `"name":"Ngày Văn hóa Việt Nam (24/11)"`)
		checkAudit(t, a[2], org.ActionCreate, "2027-02-13", "null", `"kind":"makeup_workday"`)
		verifyAuditChain(t, e)
	})
}

func TestSetHolidayRejects(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		for _, tc := range []struct {
			name  string
			a     org.Actor
			h     Holiday
			kind  apperr.Kind
			field string
		}{
			{"non-admin", nonAdmn, Holiday{Date: civil.D(2026, 11, 24), Name: "x"}, apperr.KindForbidden, ""},
			{"anonymous", org.Actor{}, Holiday{Date: civil.D(2026, 11, 24), Name: "x"}, apperr.KindForbidden, ""},
			{"no date", admin, Holiday{Name: "x"}, apperr.KindInvalid, "date"},
			{"no name", admin, Holiday{Date: civil.D(2026, 11, 24), Name: " \u200b "}, apperr.KindInvalid, "name"},
			{"unknown kind", admin, Holiday{Date: civil.D(2026, 11, 24), Name: "x", Kind: "half_day"}, apperr.KindInvalid, "kind"},
			{"make-up on a Tuesday", admin, Holiday{Date: civil.D(2026, 11, 24), Name: "x", Kind: KindMakeupWorkday}, apperr.KindInvalid, "kind"},
		} {
			err := e.svc.SetHoliday(e.ctx, tc.a, tc.h)
			if !apperr.Is(err, tc.kind) {
				t.Errorf("%s: err = %v, want kind %d", tc.name, err, tc.kind)
			}
			if e, ok := apperr.As(err); tc.field != "" && (!ok || e.Fields[tc.field] == "" || e.FieldsEn[tc.field] == "") {
				t.Errorf("%s: err = %v, want a message for %s", tc.name, err, tc.field)
			}
		}
		if a := e.audits(); len(a) != 0 {
			t.Errorf("rejected changes were audited: %+v", a)
		}
		if !e.calendar().IsWorkingDay(civil.D(2026, 11, 24)) {
			t.Error("a rejected change reached the calendar")
		}
	})
}

func TestDeleteHoliday(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		day := civil.D(2026, 1, 2)
		if e.calendar().IsWorkingDay(day) {
			t.Fatal("2/1/2026 should start as a day off")
		}
		if err := e.svc.DeleteHoliday(e.ctx, nonAdmn, day); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("non-admin delete err = %v, want forbidden", err)
		}
		mustOK(t, e.svc.DeleteHoliday(e.ctx, admin, day))
		if !e.calendar().IsWorkingDay(day) {
			t.Error("the calendar did not reload after DeleteHoliday")
		}
		if err := e.svc.DeleteHoliday(e.ctx, admin, day); !apperr.Is(err, apperr.KindNotFound) {
			t.Errorf("second delete err = %v, want not found", err)
		}
		if err := e.svc.DeleteHoliday(e.ctx, admin, civil.Date{}); !apperr.Is(err, apperr.KindInvalid) {
			t.Errorf("delete of no date err = %v, want invalid", err)
		}
		a := e.audits()
		if len(a) != 1 {
			t.Fatalf("audit entries = %+v, want 1", a)
		}
		checkAudit(t, a[0], actionDelete, "2026-01-02", `"name":"Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)"`, "null")
		verifyAuditChain(t, e)
	})
}

// Two services over one database stand for two instances: a change made
// through one reaches the other's cached calendar; without a change the
// cache is kept.
func TestCalendarCacheAcrossInstances(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, b := newEnv(t, db), newEnv(t, db)
		c1 := a.calendar()
		if c2 := a.calendar(); c2 != c1 {
			t.Error("unchanged table: calendar reloaded")
		}
		day := civil.D(2027, 9, 3)
		mustOK(t, b.svc.DeleteHoliday(b.ctx, admin, day))
		c3 := a.calendar()
		if c3 == c1 || !c3.IsWorkingDay(day) || c3.Version() <= c1.Version() {
			t.Errorf("other instance's change not seen: version %d → %d", c1.Version(), c3.Version())
		}
		if c1.IsWorkingDay(day) {
			t.Error("an old calendar changed under its holder")
		}
	})
}

func TestCalendarConcurrent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				for j := range 10 {
					if i == 0 {
						day := civil.D(2030, 1, 1).AddDays(j)
						if err := e.svc.SetHoliday(e.ctx, admin, Holiday{Date: day, Name: fmt.Sprint("Ngày ", j)}); err != nil {
							t.Error(err)
						}
						continue
					}
					c, err := e.svc.Calendar(e.ctx)
					if err != nil {
						t.Error(err)
						return
					}
					_ = c.AddWorkingDays(civil.D(2029, 12, 31), 5)
				}
			})
		}
		wg.Wait()
		if got := e.calendar().AddWorkingDays(civil.D(2029, 12, 31), 1); got != civil.D(2030, 1, 11) {
			t.Errorf("after 10 new days off the next working day is %s, want 2030-01-11", got)
		}
	})
}
