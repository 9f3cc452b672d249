package dashboard

import (
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/task"
)

// TopUnits is how many units the overdue panel names; the rest are summed.
const TopUnits = 10

// RecentDirectives is how many directives the unread panel names.
const RecentDirectives = 6

// leader is the Board leader's dashboard: reports of the current periods,
// key tasks by status, overdue tasks by unit, press reports by field,
// unread directives and training coverage.
func (b *build) leader() error {
	current, _, err := b.s.Reporting.BoardPeriods(b.ctx, b.a, b.today, b.today)
	if err != nil {
		return err
	}
	for _, step := range []func() error{
		func() error { return b.reports(current) },
		b.keyTasks, b.overdueByUnit, b.pressByField, b.directives, b.training,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// reports: per active regime, its current period's units by state.
func (b *build) reports(current []reporting.PeriodRef) error {
	counts, err := b.s.Reporting.CountPeriods(b.ctx, b.a, current)
	if err != nil {
		return err
	}
	w := Widget{Key: "reports", Title: b.t("Báo cáo kỳ hiện tại"), Chart: Bars,
		Note: b.t("Số đơn vị theo trạng thái nộp báo cáo của kỳ gần nhất đã đến hạn."), Empty: b.t("Chưa có chế độ báo cáo nào đến hạn."),
		Columns: []Column{{Key: "expected", Label: b.t("Phải nộp")}, {Key: "on_time", Label: b.t("Đúng hạn"), Color: "ok", Plot: true},
			{Key: "late", Label: b.t("Muộn"), Color: "warn", Plot: true}, {Key: "missing", Label: b.t("Chưa nộp"), Color: "bad", Plot: true},
			{Key: "rate", Label: b.t("Tỷ lệ"), Percent: true}}}
	var sum [4]int
	for _, c := range counts {
		rl := func(state string) string { return RegimeLink(c.RegimeID, c.Period.Key, "state", state) }
		w.Rows = append(w.Rows, Row{Key: id(c.RegimeID), Label: c.RegimeName, Sub: periodLabel(c.Period.Key, b.lang),
			Link: RegimeLink(c.RegimeID, c.Period.Key, "", ""), Cells: []Cell{
				{Value: c.Expected, Link: RegimeLink(c.RegimeID, c.Period.Key, "", "")}, {Value: c.OnTime, Link: rl("on_time")},
				{Value: c.Late, Link: rl("late")}, {Value: c.Missing, Link: rl("missing")}, {Value: percent(c.OnTime+c.Late, c.Expected)}}})
		sum[0], sum[1], sum[2], sum[3] = sum[0]+c.Expected, sum[1]+c.OnTime, sum[2]+c.Late, sum[3]+c.Missing
	}
	if len(counts) > 0 {
		w.Total = &Row{Key: "total", Label: b.t("Tổng cộng"), Cells: []Cell{{Value: sum[0]}, {Value: sum[1]}, {Value: sum[2]}, {Value: sum[3]},
			{Value: percent(sum[1]+sum[2], sum[0])}}}
	}
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return (n*100 + of/2) / of
}

// periodLabel names a period in lang ("6 tháng đầu năm 2020").
func periodLabel(key, lang string) string {
	l := reporting.PeriodLabel(key)
	if lang != "en" {
		return l
	}
	return key
}

// statusColors colours the task statuses as the lists' badges do.
var statusColors = map[task.Status]string{task.Overdue: "bad", task.InProgress: "info", task.AwaitingConfirmation: "accent",
	task.NoDeadline: "muted", task.DoneOnTime: "ok", task.DoneLate: "warn"}

// keyTasks: the key tasks by status, a slice each.
func (b *build) keyTasks() error {
	key := true
	counts, err := b.s.Task.CountByStatus(b.ctx, b.a, task.Filter{Key: &key})
	if err != nil {
		return err
	}
	w := Widget{Key: "key_tasks", Title: b.t("Nhiệm vụ trọng tâm theo tình trạng"), Chart: Doughnut,
		Columns: []Column{{Key: "count", Label: b.t("Số nhiệm vụ"), Plot: true}}}
	total := 0
	for _, st := range task.Statuses {
		link := TaskLink("key", st, 0, civil.Date{})
		w.Rows = append(w.Rows, Row{Key: string(st), Label: st.Label(b.lang), Link: link, Color: statusColors[st],
			Cells: []Cell{{Value: counts[st], Link: link}}})
		total += counts[st]
	}
	w.Total = &Row{Key: "total", Label: b.t("Tổng cộng"), Cells: []Cell{{Value: total, Link: TaskLink("key", "", 0, civil.Date{})}}}
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

// overdueByUnit: the units holding the most overdue tasks, the rest summed.
func (b *build) overdueByUnit() error {
	counts, err := b.s.Task.CountByLead(b.ctx, b.a, task.Overdue)
	if err != nil {
		return err
	}
	w := Widget{Key: "overdue_by_unit", Title: b.t("Nhiệm vụ quá hạn theo đơn vị chủ trì"), Chart: Bars,
		Empty: b.t("Không có nhiệm vụ nào quá hạn."), Columns: []Column{{Key: "overdue", Label: b.t("Số nhiệm vụ"), Color: "bad", Plot: true}}}
	ids := make([]int64, 0, TopUnits)
	for i, c := range counts {
		if i < TopUnits {
			ids = append(ids, c.UnitID)
		}
	}
	names, err := b.unitNames(ids)
	if err != nil {
		return err
	}
	total, rest, others := 0, 0, 0
	for i, c := range counts {
		total += c.Count
		if i >= TopUnits {
			rest, others = rest+c.Count, others+1
			continue
		}
		link := TaskLink("all", task.Overdue, c.UnitID, civil.Date{})
		w.Rows = append(w.Rows, Row{Key: id(c.UnitID), Label: names[c.UnitID], Link: link, Cells: []Cell{{Value: c.Count, Link: link}}})
	}
	if others > 0 {
		w.Rows = append(w.Rows, Row{Key: "others", Label: b.t("Các đơn vị khác") + " (" + num(others) + ")", Cells: []Cell{{Value: rest}}})
	}
	if total > 0 {
		w.Total = &Row{Key: "total", Label: b.t("Tổng cộng"), Cells: []Cell{{Value: total, Link: TaskLink("overdue", "", 0, civil.Date{})}}}
	}
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

func (b *build) unitNames(ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	units, err := b.s.Org.UnitsByID(b.ctx, b.a, ids)
	if err != nil {
		return nil, err
	}
	for id, u := range units {
		out[id] = u.Name
	}
	return out, nil
}

// pressByField: per field, the cases not closed and, of them, those whose
// answer is overdue.
func (b *build) pressByField() error {
	counts, err := b.s.Press.CountByField(b.ctx, b.a)
	if err != nil {
		return err
	}
	w := Widget{Key: "press", Title: b.t("Báo chí phản ánh theo lĩnh vực"), Chart: Grouped,
		Note:    b.t("Quá hạn: đơn vị chủ trì chưa trả lời khi đã qua thời hạn."),
		Columns: []Column{{Key: "open", Label: b.t("Đang xử lý"), Color: "info", Plot: true}, {Key: "late", Label: b.t("Quá hạn trả lời"), Color: "bad", Plot: true}}}
	open, late := 0, 0
	for _, c := range counts {
		w.Rows = append(w.Rows, Row{Key: string(c.Field), Label: c.Field.Label(b.lang), Link: PressLink("open", c.Field),
			Cells: []Cell{{Value: c.Open, Link: PressLink("open", c.Field)}, {Value: c.Late, Link: PressLink("late", c.Field)}}})
		open, late = open+c.Open, late+c.Late
	}
	w.Total = &Row{Key: "total", Label: b.t("Tổng cộng"), Cells: []Cell{{Value: open, Link: PressLink("open", "")}, {Value: late, Link: PressLink("late", "")}}}
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

// directives: the latest directives, read and unread units each.
func (b *build) directives() error {
	counts, err := b.s.Notice.ReadCounts(b.ctx, b.a)
	if err != nil {
		return err
	}
	w := Widget{Key: "directives", Title: b.t("Văn bản chỉ đạo: đơn vị chưa đọc"), Chart: Bars, Empty: b.t("Chưa có văn bản nào được ban hành."),
		Columns: []Column{{Key: "read", Label: b.t("Đã đọc"), Color: "ok", Plot: true}, {Key: "unread", Label: b.t("Chưa đọc"), Color: "bad", Plot: true}}}
	read, unread := 0, 0
	for i, c := range counts {
		read, unread = read+c.Read, unread+c.Unread()
		if i >= RecentDirectives {
			continue
		}
		w.Rows = append(w.Rows, Row{Key: id(c.DirectiveID), Label: c.Symbol + ", " + vntext.FormatDate(c.IssuedAt), Sub: c.Title,
			Link:  "/directives/" + id(c.DirectiveID),
			Cells: []Cell{{Value: c.Read}, {Value: c.Unread(), Link: UnreadLink(c.DirectiveID)}}})
	}
	if len(counts) > 0 {
		w.Total = &Row{Key: "total", Label: b.t("Tổng cộng, mọi văn bản"), Cells: []Cell{{Value: read}, {Value: unread, Link: UnreadLink(0)}}}
	}
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}
