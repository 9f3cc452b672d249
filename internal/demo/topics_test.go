package demo_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
)

// TestDemoTopics: the three 2020 orientation topics are created once; the
// bundled feeds of the provincial newspaper and radio-TV station give each
// topic articles, shown beside the figures the two agencies reported.
func TestDemoTopics(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		mux := http.NewServeMux()
		mux.Handle("GET "+demo.FeedPath, demo.FeedHandler())
		srv := httptest.NewServer(mux)
		defer srv.Close()
		ctx, s := context.Background(), newServices(db)
		for range 2 {
			if _, err := demo.Load(ctx, demo.Deps{Org: s.org, Calendar: s.cal}, demo.Options{Password: "mat-khau-demo-2020", FeedBaseURL: srv.URL}); err != nil {
				t.Fatal(err)
			}
		}
		sys := org.SystemActor("test")
		svc := press.NewService(db, s.cal, nil)
		topics, err := svc.Topics(ctx, sys, false)
		if err != nil || len(topics) != 3 {
			t.Fatalf("%d topics, %v; want 3", len(topics), err)
		}
		for _, tp := range topics {
			if tp.RegimeID == 0 || tp.Indicator != "articles" || tp.Option != tp.Code || tp.PeriodFrom != civil.D(2020, 1, 1) {
				t.Errorf("topic %+v", tp)
			}
		}
		if _, err := svc.PollDue(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
		c, err := svc.TopicCounts(ctx, sys, press.TopicQuery{})
		if err != nil {
			t.Fatal(err)
		}
		err = c.FillReported(ctx, func(ctx context.Context, regime int64, ind string, from, to civil.Date) (press.Reported, error) {
			v, err := s.rep.IndicatorValues(ctx, sys, regime, ind, from, to)
			return press.Reported{Periods: v.Periods, Values: v.Values}, err
		})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][2]float64{}
		for _, r := range c.Topics {
			for i, cell := range r.Cells {
				rep := -1.0
				if cell.Reported != nil {
					rep = *cell.Reported
				}
				got[r.Topic.Code+"/"+c.Units[i].Code] = [2]float64{float64(cell.Monitored), rep}
			}
		}
		want := map[string][2]float64{
			"epidemic/BAOTINH": {2, 312}, "flood/BAOTINH": {1, 24}, "congress/BAOTINH": {2, 148},
			"epidemic/DPTTH": {2, 428}, "flood/DPTTH": {2, 37}, "congress/DPTTH": {1, 206},
			"epidemic/VOV-MT": {0, -1}, "congress/TTXVN-QT": {0, -1},
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: monitored, reported = %v, want %v", k, got[k], w)
			}
		}
	})
}
