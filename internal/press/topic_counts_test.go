package press

import (
	"context"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestTopicCounts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newCountEnv(t, db)
		fetched := *at(2020, 12, 31, 12, 0)
		// The epidemic topic, 1/1–30/6/2020 (ICT).
		e.item(e.fBao, "Phong chong dich trong truong hoc", "", at(2020, 3, 2, 8, 0), fetched)                              // no accents
		e.item(e.fBao, "Phòng, chống dịch COVID-19 ở cơ sở", "COVID-19 và phòng chống dịch", at(2020, 1, 1, 0, 0), fetched) // two phrases, first minute: once
		e.item(e.fBao, "PHÒNG CHỐNG DỊCH\u0300", "", at(2020, 6, 30, 23, 59), fetched)                                      // last minute
		e.item(e.fBao, "Ca mắc COVID-19 mới", "", at(2019, 12, 31, 23, 59), fetched)                                        // a minute early
		e.item(e.fBao, "Ca mắc COVID-19 mới", "", at(2020, 7, 1, 0, 0), fetched)                                            // a minute late
		e.item(e.fBao, "Tin nhanh", "Tiêm vắc xin COVID-19", nil, *at(2020, 5, 5, 9, 0))                                    // fetch time counts
		e.item(e.fBao, "Báo chí với công tác chống dịch", "", at(2020, 4, 1, 8, 0), fetched)                                // "chong dich" alone: no
		e.item(e.fOff, "COVID-19 ở tỉnh bạn", "", at(2020, 3, 1, 8, 0), fetched)                                            // feed of no agency
		// The flood topic, 1/7–31/12/2020.
		e.item(e.fDai, "Mưa bão gây lũ lụt", "Lũ lụt kéo dài", at(2020, 10, 29, 9, 0), fetched)
		e.item(e.fDai, "Báo chí đưa tin về bảo vệ đê", "", at(2020, 10, 30, 9, 0), fetched) // "bao" is not "mưa bão"
		e.item(e.fDai, "COVID-19 quay lại", "", at(2020, 10, 30, 9, 0), fetched)            // epidemic, but after its period

		c, err := e.svc.TopicCounts(e.ctx, e.spec, TopicQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Units) != 3 || len(c.Topics) != 2 {
			t.Fatalf("%d units, %d topics", len(c.Units), len(c.Topics))
		}
		want := map[string]int{"epidemic/BAO": 4, "epidemic/DAI": 0, "epidemic/TTX": 0, "flood/BAO": 0, "flood/DAI": 1, "flood/TTX": 0}
		if got := monitored(c); !equalCounts(got, want) {
			t.Errorf("counts %v, want %v", got, want)
		}
		// Clipped to March–December: the January item drops out.
		c, err = e.svc.TopicCounts(e.ctx, e.spec, TopicQuery{From: civil.D(2020, 3, 1), To: civil.D(2020, 12, 31)})
		if err != nil || len(c.Topics) != 2 || c.Topics[1].Topic.Code != "epidemic" || c.Topics[1].From != civil.D(2020, 3, 1) {
			t.Fatalf("clipped: %+v, %v", c.Topics, err)
		}
		if got := monitored(c); got["epidemic/BAO"] != 3 || got["flood/DAI"] != 1 {
			t.Errorf("clipped counts %v", got)
		}
		// Only the flood topic's half meets July.
		if c, _ = e.svc.TopicCounts(e.ctx, e.spec, TopicQuery{From: civil.D(2020, 7, 1), To: civil.D(2020, 7, 31)}); len(c.Topics) != 1 || c.Topics[0].Topic.Code != "flood" {
			t.Errorf("July: %+v", c.Topics)
		}
		if c, _ = e.svc.TopicCounts(e.ctx, e.spec, TopicQuery{IDs: []int64{e.flood.ID, e.flood.ID}}); len(c.Topics) != 1 {
			t.Errorf("by id: %+v", c.Topics)
		}
		_, err = e.svc.TopicCounts(e.ctx, e.spec, TopicQuery{IDs: []int64{999999}})
		wantKind(t, err, apperr.KindNotFound, "unknown topic")
		_, err = e.svc.TopicCounts(e.ctx, e.spec, TopicQuery{From: civil.D(2020, 2, 1), To: civil.D(2020, 1, 1)})
		wantKind(t, err, apperr.KindInvalid, "to before from")

		// An agency's own staff see their own column; another unit none.
		rep := e.user("bao.baocao", e.bao, org.RoleUnitReporter)
		if c, err = e.svc.TopicCounts(e.ctx, rep, TopicQuery{}); err != nil || len(c.Units) != 1 || monitored(c)["epidemic/BAO"] != 4 {
			t.Errorf("agency's own counts: %+v, %v", c, err)
		}
		if c, err = e.svc.TopicCounts(e.ctx, e.repYT, TopicQuery{}); err != nil || len(c.Units) != 0 {
			t.Errorf("another unit sees %+v, %v", c.Units, err)
		}
	})
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestFillReported(t *testing.T) {
	win := func(tp Topic, opt string, regime int64) TopicRow {
		tp.RegimeID, tp.Indicator, tp.Option = regime, "articles", opt
		return TopicRow{Topic: tp, From: civil.D(2020, 1, 1), To: civil.D(2020, 12, 31),
			Cells: []TopicCell{{UnitID: 1, Monitored: 10}, {UnitID: 2, Monitored: 3}, {UnitID: 3}}}
	}
	c := TopicCounts{Topics: []TopicRow{win(Topic{Code: "a"}, "epidemic", 5), win(Topic{Code: "b"}, "flood", 5),
		win(Topic{Code: "c"}, "", 5), win(Topic{Code: "d"}, "", 0)}}
	calls := 0
	err := c.FillReported(context.Background(), func(_ context.Context, regime int64, ind string, from, to civil.Date) (Reported, error) {
		calls++
		if regime != 5 || ind != "articles" || from != civil.D(2020, 1, 1) || to != civil.D(2020, 12, 31) {
			t.Errorf("asked %d %s %s %s", regime, ind, from, to)
		}
		return Reported{Periods: []string{"2020-H2", "2020-H1"},
			Values: map[int64]map[string]float64{1: {"epidemic": 12, "flood": 2}, 2: {"flood": 5}}}, nil
	})
	if err != nil || calls != 1 {
		t.Fatalf("%d calls, %v", calls, err)
	}
	val := func(r int, cell int) (float64, float64, bool) {
		x := c.Topics[r].Cells[cell]
		if x.Reported == nil {
			return 0, 0, false
		}
		return *x.Reported, *x.Difference, true
	}
	for _, tc := range []struct {
		row, cell int
		rep, diff float64
		ok        bool
	}{
		{0, 0, 12, -2, true}, {0, 1, 0, 0, false}, {0, 2, 0, 0, false},
		{1, 0, 2, 8, true}, {1, 1, 5, -2, true},
		{2, 0, 14, -4, true}, // no option: all options summed
		{3, 0, 0, 0, false},  // not linked
	} {
		rep, diff, ok := val(tc.row, tc.cell)
		if rep != tc.rep || diff != tc.diff || ok != tc.ok {
			t.Errorf("topic %d unit %d: %v %v %v", tc.row, tc.cell, rep, diff, ok)
		}
	}
	if p := c.Topics[0].ReportedPeriods; len(p) != 2 || p[0] != "2020-H1" {
		t.Errorf("periods %v", p)
	}
}
