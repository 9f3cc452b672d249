package press

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestTriageToCaseOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		if _, err := e.svc.CreateWatchRule(e.ctx, e.spec, WatchRule{Name: "Y tế", Phrases: "ngộ độc", Fields: "health"}); err != nil {
			t.Fatal(err)
		}
		fs := newFeedServer(t)
		fs.set(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, rss(rssItem("Hơn 50 học sinh nhập viện nghi ngộ độc", fs.URL+"/ngo-doc", "Sau bữa trưa &lt;b&gt;bán trú&lt;/b&gt;"),
				rssItem("Ngộ độc rượu", fs.URL+"/ruou", ""), rssItem("Tin khác", fs.URL+"/khac", "")))
		})
		f := e.feed(fs.URL+"/rss", "")
		e.poll(f.ID)
		q, err := e.svc.Triage(e.ctx, e.spec, "", 0)
		if err != nil || len(q) != 2 {
			t.Fatalf("queue %+v, %v", q, err)
		}
		var it FeedItem
		for _, x := range q {
			if x.URL == fs.URL+"/ngo-doc" {
				it = x
			}
		}
		if it.Summary != "Sau bữa trưa bán trú" || len(it.Matches) != 1 || it.Title[it.Matches[0].Start:it.Matches[0].End] != "ngộ độc" {
			t.Fatalf("item %+v", it)
		}
		c, err := e.svc.ItemToCase(e.ctx, e.spec, it.ID)
		if err != nil || c.URL != it.URL || c.Title != it.Title || c.Field != Health || c.Outlet != "Báo Khoa học" || c.PublishedAt.String() != "2020-07-06" {
			t.Fatalf("case %+v, %v", c, err)
		}
		if _, err := e.svc.ItemToCase(e.ctx, e.spec, it.ID); apperr.KindOf(err) != apperr.KindConflict {
			t.Fatalf("second case from the same item: %v", err)
		}
		// The other item's article was registered by hand meanwhile.
		other := q[0]
		if other.ID == it.ID {
			other = q[1]
		}
		e.newCase(other.URL + "?utm_source=zalo")
		if _, err := e.svc.ItemToCase(e.ctx, e.spec, other.ID); apperr.KindOf(err) != apperr.KindInvalid {
			t.Fatalf("a registered article became a second case: %v", err)
		}
		if _, err := e.svc.Dismiss(e.ctx, e.repMT, other.ID); apperr.KindOf(err) != apperr.KindForbidden {
			t.Fatalf("a unit dismissed: %v", err)
		}
		if d, err := e.svc.Dismiss(e.ctx, e.spec, other.ID); err != nil || d.TriageStatus != TriageDismissed {
			t.Fatalf("dismiss: %+v, %v", d, err)
		}
		if _, err := e.svc.Dismiss(e.ctx, e.spec, it.ID); apperr.KindOf(err) != apperr.KindConflict {
			t.Fatalf("dismissed an item already a case: %v", err)
		}
		if q, _ := e.svc.Triage(e.ctx, e.spec, "", 0); len(q) != 0 {
			t.Fatalf("queue still %d", len(q))
		}
		var n int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM press_cases`).Scan(&n); err != nil || n != 2 {
			t.Fatalf("%d cases, %v", n, err)
		}
	})
}
