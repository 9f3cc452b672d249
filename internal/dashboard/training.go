package dashboard

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/training"
)

// training: the staff of the largest units and how many of them a course
// trained this year, from the training register's figures of the year.
func (b *build) training() error {
	if b.s.Training == nil {
		return nil
	}
	st, err := b.s.Training.YearStats(b.ctx, b.a, b.today.Year)
	if err != nil {
		return err
	}
	more := "/training/figures?year=" + strconv.Itoa(b.today.Year)
	w := Widget{Key: "training", Title: b.t("Đào tạo, bồi dưỡng cán bộ"), Chart: Grouped, Note: b.t("Cán bộ được bồi dưỡng trong năm"),
		Empty: b.t("Chưa có dữ liệu đào tạo."), More: more,
		Columns: []Column{{Key: "staff", Label: b.t("Cán bộ"), Color: "muted", Plot: true}, {Key: "trained", Label: b.t("Đã bồi dưỡng"), Color: "ok", Plot: true},
			{Key: "share", Label: b.t("Tỷ lệ"), Percent: true}}}
	rows := slices.Clone(st.Rows)
	slices.SortStableFunc(rows, func(x, y training.Counts) int { return cmp.Compare(y.Staff, x.Staff) })
	var rest training.Counts
	others := 0
	for i, c := range rows {
		if i >= TopUnits {
			rest.Staff, rest.Trained, others = rest.Staff+c.Staff, rest.Trained+c.Trained, others+1
			continue
		}
		w.Rows = append(w.Rows, Row{Key: id(c.UnitID), Label: c.UnitName, Link: "/training?unit_id=" + id(c.UnitID),
			Cells: []Cell{{Value: c.Staff}, {Value: c.Trained}, {Value: percent(c.Trained, c.Staff)}}})
	}
	if others > 0 {
		w.Rows = append(w.Rows, Row{Key: "others", Label: b.t("Các đơn vị khác") + " (" + num(others) + ")",
			Cells: []Cell{{Value: rest.Staff}, {Value: rest.Trained}, {Value: percent(rest.Trained, rest.Staff)}}})
	}
	if st.Total.Staff > 0 {
		w.Total = &Row{Key: "total", Label: b.t("Tổng cộng"), Cells: []Cell{{Value: st.Total.Staff}, {Value: st.Total.Trained},
			{Value: percent(st.Total.Trained, st.Total.Staff)}}}
	} else {
		w.Rows = nil // nobody in the register yet
	}
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}
