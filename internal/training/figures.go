package training

import (
	"context"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// The figures the register gives to the reporting regimes, for one unit and
// a period's window (the same counts as Stats).
const (
	// FigureStaff: staff doing science–education work in the unit at the window's end.
	FigureStaff = "training.staff"
	// FigureTrained: of those, who attended a course ending in the window.
	FigureTrained = "training.trained"
	// FigureUntrained3y: share (%) of those not trained in the three years to the window's end.
	FigureUntrained3y = "training.untrained_3y"
)

var figureNames = []struct{ key, vi, en string }{
	{FigureStaff, "Đào tạo: số cán bộ làm công tác khoa giáo", "Training: staff doing science–education work"},
	{FigureTrained, "Đào tạo: số cán bộ được tập huấn, bồi dưỡng trong kỳ", "Training: staff trained in the period"},
	{FigureUntrained3y, "Đào tạo: tỷ lệ cán bộ chưa được tập huấn, bồi dưỡng trong 3 năm (%)", "Training: share of staff not trained in three years (%)"},
}

// FigureKeys lists the training figures a report template may take.
func (s *Service) FigureKeys() []string {
	out := make([]string, len(figureNames))
	for i, f := range figureNames {
		out[i] = f.key
	}
	return out
}

// FigureName names a training figure in lang ("vi" or "en").
func (s *Service) FigureName(key, lang string) string {
	for _, f := range figureNames {
		if f.key == key {
			if lang == "en" {
				return f.en
			}
			return f.vi
		}
	}
	return key
}

// FigureOptions: the training figures are totals, with no breakdown.
func (s *Service) FigureOptions(string) []string { return nil }

// Figures computes the training figures of one unit for from..to
// (inclusive): key → "" → value. It serves the reporting regimes, which
// check the reader's scope themselves.
func (s *Service) Figures(ctx context.Context, unitID int64, from, to civil.Date, keys []string) (map[string]map[string]float64, error) {
	if err := validPeriod(from, to); err != nil {
		return nil, err
	}
	byUnit, err := s.count(ctx, from, to)
	if err != nil {
		return nil, err
	}
	c := Counts{}
	if got := byUnit[unitID]; got != nil {
		c = *got
	}
	c.share()
	values := map[string]float64{FigureStaff: float64(c.Staff), FigureTrained: float64(c.Trained), FigureUntrained3y: c.Share}
	out := make(map[string]map[string]float64, len(keys))
	for _, k := range keys {
		if v, ok := values[k]; ok {
			out[k] = map[string]float64{"": v}
		}
	}
	return out, nil
}
