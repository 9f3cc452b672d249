package press

import (
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// TestFeedUnit: a feed names the press agency publishing it, on creation
// or later; an unknown unit is refused on the field.
func TestFeedUnit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		bao := e.unit("BAO", org.KindPressAgency)
		_, err := e.svc.CreateFeed(e.ctx, e.spec, Feed{URL: "https://bao.example/rss", Outlet: "Báo", UnitID: 999999})
		if ae, ok := apperr.As(err); !ok || ae.Fields["unit_id"] == "" {
			t.Fatalf("unknown unit: %v", err)
		}
		f, err := e.svc.CreateFeed(e.ctx, e.spec, Feed{URL: "https://bao.example/rss", Outlet: "Báo"})
		if err != nil || f.UnitID != 0 {
			t.Fatalf("create: %+v, %v", f, err)
		}
		_, err = e.svc.UpdateFeed(e.ctx, e.repMT, f.ID, Feed{Outlet: "Báo", UnitID: bao.ID, Active: true})
		wantKind(t, err, apperr.KindForbidden, "unit edits a feed")
		up, err := e.svc.UpdateFeed(e.ctx, e.spec, f.ID, Feed{URL: "https://khac.example/rss", Outlet: " Báo  tỉnh ", Charset: "UTF-8", UnitID: bao.ID, Active: true})
		if err != nil || up.UnitID != bao.ID || up.URL != f.URL || up.Outlet != "Báo  tỉnh" || up.Charset != "utf-8" {
			t.Fatalf("update: %+v, %v", up, err)
		}
		_, err = e.svc.UpdateFeed(e.ctx, e.spec, f.ID, Feed{Outlet: "", UnitID: 999999, Active: true})
		if ae, ok := apperr.As(err); !ok || ae.Fields["unit_id"] == "" || ae.Fields["outlet"] == "" {
			t.Fatalf("bad update: %v", err)
		}
		got, err := e.svc.FindFeed(e.ctx, e.spec, f.ID)
		if err != nil || got.UnitID != bao.ID || !got.Active {
			t.Fatalf("stored: %+v, %v", got, err)
		}
		_, err = e.svc.UpdateFeed(e.ctx, e.spec, 999999, got)
		wantKind(t, err, apperr.KindNotFound, "missing feed")
		var n int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'press_feed' AND action = 'update'`).Scan(&n); err != nil || n != 1 {
			t.Errorf("audit entries: %d, %v", n, err)
		}
	})
}
