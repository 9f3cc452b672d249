package dashboard

import (
	"slices"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/task"
)

// UnitItems is how many items a unit's panels list before "see all".
const UnitItems = 5

// unit is a unit's dashboard: its reports to send, its tasks, the
// directives it has not read and the press reports it must answer, with
// deadlines in working days.
func (b *build) unit() error {
	unitID := b.a.UnitID
	b.d.UnitID = unitID
	if unitID == 0 {
		return nil
	}
	names, err := b.unitNames([]int64{unitID})
	if err != nil {
		return err
	}
	b.d.UnitName = names[unitID]
	for _, step := range []func(int64) error{b.unitReports, b.unitTasks, b.unitDirectives, b.unitPress} {
		if err := step(unitID); err != nil {
			return err
		}
	}
	return nil
}

func (b *build) item(kind, label, sub, link string, due civil.Date) Item {
	it := Item{Kind: kind, Label: label, Sub: sub, Link: link, Date: due}
	if !due.IsZero() {
		n := b.cal.WorkingDaysBetween(b.today, due)
		if due.Before(b.today) {
			n = min(n, -1) // a deadline on a day off, passed
		}
		it.WorkingDays, it.DateNote, it.Late = &n, dueNote(n, b.lang), n < 0
	}
	return it
}

// total is a one-figure row: the count of a list.
func (b *build) total(n int, link string) *Row {
	return &Row{Key: "total", Label: b.t("Tổng cộng"), Link: link, Cells: []Cell{{Value: n, Link: link}}}
}

// unitReports: the periods whose report the unit has still to send.
func (b *build) unitReports(unitID int64) error {
	due, err := b.s.Reporting.UnitDue(b.ctx, b.a, unitID)
	if err != nil {
		return err
	}
	w := Widget{Key: "unit_reports", Title: b.t("Báo cáo của đơn vị phải gửi"), Empty: b.t("Không có báo cáo nào phải gửi."),
		Columns: []Column{{Key: "count", Label: b.t("Số lượng")}}, More: "/reports"}
	for _, r := range due {
		it := b.item("report", r.RegimeName, periodLabel(r.Period.Key, b.lang), ReportLink(r.RegimeID, r.Period.Key, unitID), r.Period.Due)
		it.Status, it.Class = b.t("Chưa lập"), ""
		if r.Status != "" {
			it.Status, it.Class = r.Status.Label(b.lang), reportClass(r.Status)
		}
		if it.WorkingDays != nil && *it.WorkingDays < 0 {
			it.Class = "bad"
		}
		w.Items = append(w.Items, it)
	}
	w.Total = b.total(len(due), "") // no list page filters these: each item links to its report
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

func reportClass(s reporting.Status) string {
	switch s {
	case reporting.StatusReturned:
		return "bad"
	case reporting.StatusAwaitingApproval:
		return "info"
	}
	return ""
}

// unitTasks: the unit's tasks (led or supported) by status, and the
// nearest deadlines.
func (b *build) unitTasks(unitID int64) error {
	counts, err := b.s.Task.CountByStatus(b.ctx, b.a, task.Filter{UnitID: unitID})
	if err != nil {
		return err
	}
	open, err := b.s.Task.Open(b.ctx, b.a, unitID, UnitItems)
	if err != nil {
		return err
	}
	w := Widget{Key: "unit_tasks", Title: b.t("Nhiệm vụ của đơn vị"), Chart: Doughnut, Empty: b.t("Không có nhiệm vụ nào đang thực hiện."),
		Columns: []Column{{Key: "count", Label: b.t("Số nhiệm vụ"), Plot: true}}, More: TaskLink("mine", "", 0, civil.Date{}),
		ItemsTitle: b.t("Nhiệm vụ sắp đến hạn")}
	total := 0
	for _, st := range task.Statuses {
		link := TaskLink("mine", st, 0, civil.Date{})
		w.Rows = append(w.Rows, Row{Key: string(st), Label: st.Label(b.lang), Link: link, Color: statusColors[st], Cells: []Cell{{Value: counts[st], Link: link}}})
		total += counts[st]
	}
	w.Total = b.total(total, TaskLink("mine", "", 0, civil.Date{}))
	for _, t := range open {
		it := b.item("task", t.Title, "", "/tasks/"+id(t.ID), t.Due)
		it.Status, it.Class = t.Status.Label(b.lang), statusColors[t.Status]
		w.Items = append(w.Items, it)
	}
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

// unitDirectives: the directives sent to the unit that nobody has opened.
func (b *build) unitDirectives(int64) error {
	unread, err := b.s.Notice.UnreadForUnit(b.ctx, b.a)
	if err != nil {
		return err
	}
	w := Widget{Key: "unit_directives", Title: b.t("Văn bản chỉ đạo chưa đọc"), Empty: b.t("Không có văn bản nào chưa đọc."),
		Columns: []Column{{Key: "count", Label: b.t("Số lượng")}}, More: UnreadLink(0)}
	for i, d := range unread {
		if i >= UnitItems {
			break
		}
		it := Item{Kind: "directive", Label: d.Title, Sub: d.Symbol, Link: "/directives/" + id(d.ID)}
		if d.IssuedAt != nil {
			it.Date = civil.Of(*d.IssuedAt, vntext.Location)
		}
		w.Items = append(w.Items, it)
	}
	w.Total = b.total(len(unread), UnreadLink(0))
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

// unitPress: the press reports the unit leads and has not answered.
func (b *build) unitPress(int64) error {
	cases, n, err := b.s.Press.List(b.ctx, b.a, press.Filter{Status: press.Assigned, Limit: 100})
	if err != nil {
		return err
	}
	link := PressLink(string(press.Assigned), "")
	w := Widget{Key: "unit_press", Title: b.t("Vụ việc báo chí cần trả lời"), Empty: b.t("Không có vụ việc nào cần trả lời."),
		Columns: []Column{{Key: "count", Label: b.t("Số lượng")}}, More: link}
	// The list is newest first; the panel shows the nearest deadlines.
	sortByDue(cases)
	for i, c := range cases {
		if i >= UnitItems {
			break
		}
		it := b.item("press_case", c.Title, c.Outlet, "/press/"+id(c.ID), c.Due)
		it.Status, it.Class = c.Status.Label(b.lang), "info"
		if it.WorkingDays != nil && *it.WorkingDays < 0 {
			it.Class = "bad"
		}
		w.Items = append(w.Items, it)
	}
	w.Total = b.total(n, link)
	b.d.Widgets = append(b.d.Widgets, w)
	return nil
}

func sortByDue(cases []press.Case) {
	slices.SortStableFunc(cases, func(x, y press.Case) int {
		switch {
		case x.Due.Before(y.Due):
			return -1
		case y.Due.Before(x.Due):
			return 1
		}
		return 0
	})
}
