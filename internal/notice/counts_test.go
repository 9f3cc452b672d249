package notice_test

import (
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// TestReadCounts: per issued directive, its recipients and readers — the
// same pairs Unread lists — and, for a unit, the directives it has not
// opened; drafts count nowhere.
func TestReadCounts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		issue := func(title string, units ...int64) notice.Directive {
			d, err := e.svc.Create(e.ctx, e.spec, notice.Directive{TypeCode: "CV", Title: title, UnitIDs: units})
			if err == nil {
				d, err = e.svc.Issue(e.ctx, e.spec, d.ID, d.Version)
			}
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		first := issue("Về phòng dịch", e.sa.ID, e.sb.ID, e.sc.ID)
		e.clk.Set(ict(2020, time.March, 11, 9, 0))
		second := issue("Về tuyên truyền", e.sa.ID, e.sb.ID)
		if _, err := e.svc.Create(e.ctx, e.spec, notice.Directive{TypeCode: "CV", Title: "Dự thảo", UnitIDs: []int64{e.sa.ID}}); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{first.ID, second.ID} {
			if _, err := e.svc.MarkRead(e.ctx, e.repB, id); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.svc.MarkRead(e.ctx, e.repA, first.ID); err != nil {
			t.Fatal(err)
		}
		e.clk.Set(ict(2020, time.March, 12, 9, 0))

		counts, err := e.svc.ReadCounts(e.ctx, e.lead)
		if err != nil {
			t.Fatal(err)
		}
		if len(counts) != 2 || counts[0].DirectiveID != second.ID || counts[0].Units != 2 || counts[0].Read != 1 ||
			counts[1].Units != 3 || counts[1].Read != 2 {
			t.Fatalf("read counts %+v, want the second (1 of 2 read) then the first (2 of 3)", counts)
		}
		unread, err := e.svc.Unread(e.ctx, e.lead, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(unread) != counts[0].Unread()+counts[1].Unread() {
			t.Errorf("%d unread pairs listed, %d counted", len(unread), counts[0].Unread()+counts[1].Unread())
		}
		mine, err := e.svc.UnreadForUnit(e.ctx, e.repA)
		if err != nil {
			t.Fatal(err)
		}
		if len(mine) != 1 || mine[0].ID != second.ID {
			t.Errorf("SA has not read %+v, want the second directive", mine)
		}
		if none, err := e.svc.UnreadForUnit(e.ctx, e.repB); err != nil || len(none) != 0 {
			t.Errorf("SB has not read %+v (%v), want none", none, err)
		}
		if _, err := e.svc.ReadCounts(e.ctx, e.repA); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("a unit read the Board's counts: %v", err)
		}
	})
}
