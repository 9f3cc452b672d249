package demo

import (
	"context"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/press"
)

// topicPhrases recognise the articles of each 2020 orientation topic (by
// the code of its option in Topics). Phrases of two words or more keep
// "bão" (storm) from matching "báo" (newspaper) once accents are folded.
var topicPhrases = map[string]string{
	"epidemic": "COVID\nphòng, chống dịch\ndịch bệnh\ngiãn cách xã hội\ncách ly",
	"flood":    "lụt bão\nlũ lụt\nmưa lũ\nngập lụt\nmưa bão\ncơn bão\nphòng, chống thiên tai\nlũ lịch sử",
	"congress": "đại hội Đảng\nđại hội đại biểu\nnhiệm kỳ 2020-2025",
}

// OrientationTopics are the Board's orientation topics for the press in 2020, each
// linked to its option of the BC-TUYENTRUYEN regime's "articles" indicator.
func OrientationTopics(regimeID int64) []press.Topic {
	out := make([]press.Topic, 0, len(Topics))
	for _, o := range Topics {
		out = append(out, press.Topic{Code: o.Code, Title: o.Name, Phrases: topicPhrases[o.Code],
			PeriodFrom: civil.D(2020, 1, 1), PeriodTo: civil.D(2020, 12, 31), PeriodLabel: "Năm 2020",
			RegimeID: regimeID, Indicator: "articles", Option: o.Code})
	}
	return out
}

// loadTopics creates the 2020 orientation topics, skipping those already
// there (same code and period).
func loadTopics(ctx context.Context, d Deps, regimes map[string]int64) error {
	clock := &demoClock{t: ict(2020, 1, 6, 8, 0)} // the first working Monday of 2020
	svc := press.NewService(d.Org.DB(), d.Calendar, clock.now)
	users, err := actors(ctx, d.Org)
	if err != nil {
		return err
	}
	cv := users["chuyenvien"]
	existing, err := svc.Topics(ctx, cv, false)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, t := range existing {
		have[t.Code+"|"+t.PeriodFrom.String()+"|"+t.PeriodTo.String()] = true
	}
	for _, t := range OrientationTopics(regimes["BC-TUYENTRUYEN"]) {
		if have[t.Code+"|"+t.PeriodFrom.String()+"|"+t.PeriodTo.String()] {
			continue
		}
		if _, err := svc.CreateTopic(ctx, cv, t); err != nil {
			return fmt.Errorf("demo: topic %s: %w", t.Code, err)
		}
	}
	return nil
}
