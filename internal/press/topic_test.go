package press

import (
	"fmt"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestTopicValidate(t *testing.T) {
	ok := Topic{Code: "epidemic", Title: "Phòng, chống dịch", Phrases: "COVID-19", PeriodFrom: civil.D(2020, 1, 1), PeriodTo: civil.D(2020, 12, 31)}
	for _, tc := range []struct {
		name  string
		edit  func(*Topic)
		field string
	}{
		{"valid", func(*Topic) {}, ""},
		{"label only", func(t *Topic) { t.PeriodFrom, t.PeriodTo, t.PeriodLabel = civil.Date{}, civil.Date{}, "Năm 2020" }, ""},
		{"no code", func(t *Topic) { t.Code = " " }, "code"},
		{"code with accents", func(t *Topic) { t.Code = "dịch" }, "code"},
		{"no title", func(t *Topic) { t.Title = "" }, "title"},
		{"only blank phrases", func(t *Topic) { t.Phrases = "\n  \n,;\n" }, "phrases"},
		{"end before start", func(t *Topic) { t.PeriodTo = civil.D(2019, 12, 31) }, "period_to"},
		{"no period", func(t *Topic) { t.PeriodFrom, t.PeriodTo = civil.Date{}, civil.Date{} }, "period_from"},
		{"regime without indicator", func(t *Topic) { t.RegimeID = 7 }, "indicator"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := ok
			tc.edit(&x)
			x.Normalize()
			err := x.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if e, isApp := apperr.As(err); !isApp || e.Fields[tc.field] == "" {
				t.Fatalf("err = %v, want a message on %s", err, tc.field)
			}
		})
	}
	x := Topic{Indicator: "articles", Option: "flood", Phrases: " lũ lụt \n\n mưa bão "}
	x.Normalize()
	if x.Indicator != "" || x.Option != "" || x.Phrases != "lũ lụt\nmưa bão" {
		t.Errorf("normalized without a regime: %+v", x)
	}
}

func TestTopicWindow(t *testing.T) {
	tp := Topic{PeriodFrom: civil.D(2020, 1, 1), PeriodTo: civil.D(2020, 6, 30)}
	for _, tc := range []struct {
		from, to, wantFrom, wantTo civil.Date
		ok                         bool
	}{
		{civil.Date{}, civil.Date{}, civil.D(2020, 1, 1), civil.D(2020, 6, 30), true},
		{civil.D(2020, 3, 1), civil.D(2020, 12, 31), civil.D(2020, 3, 1), civil.D(2020, 6, 30), true},
		{civil.D(2020, 6, 30), civil.D(2020, 6, 30), civil.D(2020, 6, 30), civil.D(2020, 6, 30), true},
		{civil.D(2020, 7, 1), civil.D(2020, 12, 31), civil.D(2020, 7, 1), civil.D(2020, 6, 30), false},
	} {
		f, e, ok := tp.Window(tc.from, tc.to)
		if f != tc.wantFrom || e != tc.wantTo || ok != tc.ok {
			t.Errorf("Window(%s, %s) = %s, %s, %v", tc.from, tc.to, f, e, ok)
		}
	}
}

func TestTopicService(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		in := Topic{Code: "epidemic", Title: "Phòng, chống dịch COVID-19", Phrases: "phòng, chống dịch\r\nCOVID-19\n",
			PeriodFrom: civil.D(2020, 1, 1), PeriodTo: civil.D(2020, 12, 31)}
		_, err := e.svc.CreateTopic(e.ctx, e.repMT, in)
		wantKind(t, err, apperr.KindForbidden, "unit creates a topic")
		tp, err := e.svc.CreateTopic(e.ctx, e.spec, in)
		if err != nil || tp.ID == 0 || tp.Version != 1 || !tp.Active || tp.Phrases != "phòng, chống dịch\nCOVID-19" {
			t.Fatalf("create: %+v, %v", tp, err)
		}
		_, err = e.svc.CreateTopic(e.ctx, e.spec, in)
		if ae, ok := apperr.As(err); !ok || ae.Fields["code"] == "" {
			t.Fatalf("same code, same period: %v", err)
		}
		next := in
		next.PeriodFrom, next.PeriodTo = civil.D(2021, 1, 1), civil.D(2021, 12, 31)
		if _, err := e.svc.CreateTopic(e.ctx, e.spec, next); err != nil {
			t.Fatalf("same code, next year: %v", err)
		}
		bad := in
		bad.Code, bad.RegimeID, bad.Indicator = "linked", 999999, "articles"
		_, err = e.svc.CreateTopic(e.ctx, e.spec, bad)
		if ae, ok := apperr.As(err); !ok || ae.Fields["regime_id"] == "" {
			t.Fatalf("unknown regime: %v", err)
		}

		edit := tp
		edit.Title, edit.Active = "Phòng, chống dịch bệnh", false
		_, err = e.svc.UpdateTopic(e.ctx, e.repMT, tp.ID, edit)
		wantKind(t, err, apperr.KindForbidden, "unit edits")
		up, err := e.svc.UpdateTopic(e.ctx, e.spec, tp.ID, edit)
		if err != nil || up.Version != 2 || up.Active || up.Title != "Phòng, chống dịch bệnh" || !up.CreatedAt.Equal(tp.CreatedAt) {
			t.Fatalf("update: %+v, %v", up, err)
		}
		_, err = e.svc.UpdateTopic(e.ctx, e.spec, tp.ID, edit) // version 1 again
		ae, ok := apperr.As(err)
		if !ok || ae.Kind != apperr.KindConflict {
			t.Fatalf("stale update: %v", err)
		}
		if cur, _ := ae.Detail.(map[string]any)["current"].(Topic); cur.Version != 2 {
			t.Errorf("conflict carries %+v", ae.Detail)
		}
		edit.Version = 0
		_, err = e.svc.UpdateTopic(e.ctx, e.spec, tp.ID, edit)
		wantKind(t, err, apperr.KindInvalid, "update without version")
		_, err = e.svc.UpdateTopic(e.ctx, e.spec, 999999, up)
		wantKind(t, err, apperr.KindNotFound, "update a missing topic")

		all, err := e.svc.Topics(e.ctx, e.repMT, false)
		if err != nil || len(all) != 2 || all[0].PeriodFrom.Year != 2021 {
			t.Fatalf("unit lists %d topics, %v", len(all), err)
		}
		if active, _ := e.svc.Topics(e.ctx, e.spec, true); len(active) != 1 {
			t.Errorf("%d active topics, want 1", len(active))
		}
		if got, err := e.svc.FindTopic(e.ctx, e.repYT, tp.ID); err != nil || got.Version != 2 {
			t.Errorf("find: %+v, %v", got, err)
		}
		var n int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'press_topic'`).Scan(&n); err != nil || n != 3 {
			t.Errorf("audit entries for topics: %d, %v", n, err)
		}
	})
}

// countEnv is a press env with three agencies, their feeds and two topics.
type countEnv struct {
	*env
	bao, dai, ttx    org.Unit
	fBao, fDai, fOff Feed
	epi, flood       Topic
}

func newCountEnv(t *testing.T, db *sqldb.DB) *countEnv {
	e := &countEnv{env: newEnv(t, db)}
	e.bao, e.dai, e.ttx = e.unit("BAO", org.KindPressAgency), e.unit("DAI", org.KindPressAgency), e.unit("TTX", org.KindPressAgency)
	mk := func(name string, unit int64) Feed {
		f, err := e.svc.CreateFeed(e.ctx, e.spec, Feed{URL: "https://" + name + ".example/rss", Outlet: "Báo " + name, UnitID: unit})
		if err != nil {
			t.Fatalf("feed %s: %v", name, err)
		}
		return f
	}
	e.fBao, e.fDai, e.fOff = mk("bao", e.bao.ID), mk("dai", e.dai.ID), mk("khac", 0)
	topic := func(code, phrases string, from, to civil.Date) Topic {
		tp, err := e.svc.CreateTopic(e.ctx, e.spec, Topic{Code: code, Title: code, Phrases: phrases, PeriodFrom: from, PeriodTo: to,
			RegimeID: 0})
		if err != nil {
			t.Fatalf("topic %s: %v", code, err)
		}
		return tp
	}
	e.epi = topic("epidemic", "phòng, chống dịch\nCOVID-19", civil.D(2020, 1, 1), civil.D(2020, 6, 30))
	e.flood = topic("flood", "lũ lụt\nmưa bão", civil.D(2020, 7, 1), civil.D(2020, 12, 31))
	return e
}

var itemSeq int

// item stores an article of a feed; pub nil leaves only the fetch time.
func (e *countEnv) item(f Feed, title, summary string, pub *time.Time, fetched time.Time) {
	e.t.Helper()
	itemSeq++
	url := fmt.Sprintf("https://bao.example/bai-%d", itemSeq)
	var p any
	if pub != nil {
		p = pub.UTC()
	}
	if _, err := e.db.Exec(e.ctx, `INSERT INTO feed_items (feed_id, url, canonical_url, title, summary, published_at, fetched_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, f.ID, url, url, title, summary, p, fetched.UTC()); err != nil {
		e.t.Fatal(err)
	}
}

func at(y int, m time.Month, d, h, min int) *time.Time {
	t := time.Date(y, m, d, h, min, 0, 0, time.FixedZone("ICT", 7*3600))
	return &t
}

// monitored maps "topic code/unit code" to the count.
func monitored(c TopicCounts) map[string]int {
	out := map[string]int{}
	for _, r := range c.Topics {
		for i, cell := range r.Cells {
			out[r.Topic.Code+"/"+c.Units[i].Code] = cell.Monitored
		}
	}
	return out
}
