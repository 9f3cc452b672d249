package dashboard

import (
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/task"
)

// specialist is the Board specialist's dashboard: what waits for review,
// what falls due this week, and the reports of the current periods.
func (b *build) specialist() error {
	current, due, err := b.s.Reporting.BoardPeriods(b.ctx, b.a, b.today, b.d.WeekEnd)
	if err != nil {
		return err
	}
	if err := b.review(); err != nil {
		return err
	}
	if err := b.dueThisWeek(due); err != nil {
		return err
	}
	return b.reports(current)
}

// review: submitted reports by regime and period, tasks reported done, and
// answers to press reports, each waiting for the Board.
func (b *build) review() error {
	waiting, err := b.s.Reporting.Waiting(b.ctx, b.a)
	if err != nil {
		return err
	}
	awaiting, err := b.s.Task.Count(b.ctx, b.a, task.Filter{Status: task.AwaitingConfirmation})
	if err != nil {
		return err
	}
	answered, err := b.s.Press.Count(b.ctx, b.a, press.Filter{Status: press.Answered})
	if err != nil {
		return err
	}
	w := Widget{Key: "review", Title: b.t("Chờ xem xét"), Chart: Bars, Empty: b.t("Không có việc nào chờ xem xét."),
		Columns: []Column{{Key: "count", Label: b.t("Số lượng"), Color: "info", Plot: true}}}
	for _, c := range waiting {
		link := RegimeLink(c.RegimeID, c.Period.Key, "status", "submitted")
		w.Rows = append(w.Rows, Row{Key: "reports-" + id(c.RegimeID) + "-" + c.Period.Key, Label: c.RegimeName + " — " + periodLabel(c.Period.Key, b.lang),
			Sub: b.t("Báo cáo đã gửi, chờ tiếp nhận"), Link: link, Cells: []Cell{{Value: c.Submitted, Link: link}}})
	}
	tl := TaskLink("awaiting", "", 0, civil.Date{})
	w.Rows = append(w.Rows, Row{Key: "tasks", Label: b.t("Nhiệm vụ báo hoàn thành, chờ xác nhận"), Link: tl, Cells: []Cell{{Value: awaiting, Link: tl}}})
	pl := PressLink(string(press.Answered), "")
	w.Rows = append(w.Rows, Row{Key: "press", Label: b.t("Trả lời báo chí, chờ thẩm định"), Link: pl, Cells: []Cell{{Value: answered, Link: pl}}})
	w.Total = &Row{Key: "total", Label: b.t("Tổng cộng"), Cells: []Cell{{Value: w.Sum(0)}}}
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

// dueThisWeek: tasks still in time that fall due by Sunday, reports due
// this week not sent by every unit, and press answers due from today to
// Sunday.
func (b *build) dueThisWeek(due []reporting.PeriodRef) error {
	end := b.d.WeekEnd
	tasks, err := b.s.Task.Count(b.ctx, b.a, task.Filter{Status: task.InProgress, DueBefore: end})
	if err != nil {
		return err
	}
	cases, err := b.s.Press.Count(b.ctx, b.a, press.Filter{Status: press.Assigned, DueFrom: b.today, DueTo: end})
	if err != nil {
		return err
	}
	counts, err := b.s.Reporting.CountPeriods(b.ctx, b.a, due)
	if err != nil {
		return err
	}
	w := Widget{Key: "due_week", Title: b.t("Đến hạn trong tuần") + " (" + dm(b.today) + "–" + dm(end) + ")", Chart: Bars,
		Empty: b.t("Không có việc nào đến hạn trong tuần này."), Columns: []Column{{Key: "count", Label: b.t("Số lượng"), Color: "warn", Plot: true}}}
	tl := TaskLink("all", task.InProgress, 0, end)
	w.Rows = append(w.Rows, Row{Key: "tasks", Label: b.t("Nhiệm vụ đến hạn, chưa hoàn thành"), Link: tl, Cells: []Cell{{Value: tasks, Link: tl}}})
	for _, c := range counts {
		link := RegimeLink(c.RegimeID, c.Period.Key, "state", "missing")
		w.Rows = append(w.Rows, Row{Key: "reports-" + id(c.RegimeID) + "-" + c.Period.Key, Label: c.RegimeName + " — " + periodLabel(c.Period.Key, b.lang),
			Sub: b.t("Báo cáo đến hạn: đơn vị chưa nộp") + " (" + dm(c.Period.Due) + ")", Link: link, Cells: []Cell{{Value: c.Missing, Link: link}}})
	}
	pl := PressDueLink(b.today, end)
	w.Rows = append(w.Rows, Row{Key: "press", Label: b.t("Vụ việc báo chí phải trả lời"), Link: pl, Cells: []Cell{{Value: cases, Link: pl}}})
	w.Total = &Row{Key: "total", Label: b.t("Tổng cộng"), Cells: []Cell{{Value: w.Sum(0)}}}
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

// dm writes a date as dd/mm.
func dm(d civil.Date) string {
	return two(d.Day) + "/" + two(int(d.Month))
}

func two(n int) string {
	if n < 10 {
		return "0" + id(int64(n))
	}
	return id(int64(n))
}
