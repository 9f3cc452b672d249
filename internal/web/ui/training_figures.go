package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type trainingFiguresPage struct {
	Year    int
	Years   []int
	Stats   training.Stats
	XLSXURL string
}

// trainingFigures shows /training/figures?year=: per unit the staff, who
// was trained in the year and the share not trained in three years, with
// the workbook to download.
func (u *ui) trainingFigures(w http.ResponseWriter, r *http.Request) error {
	this := civil.Of(u.now(), vntext.Location).Year
	year := this
	if s := r.URL.Query().Get("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1990 || y > 2100 {
			return apperr.BadRequest("Năm không hợp lệ.", "Invalid year.")
		}
		year = y
	}
	st, err := u.Training.YearStats(r.Context(), httpx.Actor(r.Context()), year)
	if err != nil {
		return err
	}
	p := u.page(r, "Số liệu đào tạo, bồi dưỡng", "training")
	d := &trainingFiguresPage{Year: year, Stats: st, XLSXURL: "/api/v1/training/figures.xlsx?year=" + strconv.Itoa(year)}
	for y := this; y >= this-7; y-- {
		d.Years = append(d.Years, y)
	}
	if year > this || year < this-7 {
		d.Years = append([]int{year}, d.Years...)
	}
	p.Data = d
	return u.render(w, r, "training_figures.html", p)
}

// Share shows a percentage the Vietnamese way: "33,3 %".
func (d *trainingFiguresPage) Share(pct float64) string { return vntext.FormatPercent(pct, 1) }
