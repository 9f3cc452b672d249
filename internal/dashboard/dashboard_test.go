package dashboard_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
)

// cell returns the figure of a widget's row (by key) and column (by key).
func cell(t *testing.T, d dashboard.Dashboard, widget, row, col string) dashboard.Cell {
	t.Helper()
	w := d.Widget(widget)
	if w == nil {
		t.Fatalf("no widget %s in the %s dashboard", widget, d.View)
	}
	ci := -1
	for i, c := range w.Columns {
		if c.Key == col {
			ci = i
		}
	}
	rows := append([]dashboard.Row{}, w.Rows...)
	if w.Total != nil {
		rows = append(rows, *w.Total)
	}
	for _, r := range rows {
		if r.Key == row && ci >= 0 && ci < len(r.Cells) {
			return r.Cells[ci]
		}
	}
	t.Fatalf("widget %s has no cell %s/%s", widget, row, col)
	return dashboard.Cell{}
}

func TestDashboards(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			e := newEnv(t, dbtest.Open(t, d))
			regime := e.fixture()
			rid := func(s string) string { return strings.ReplaceAll(s, "{r}", dashID(regime.ID)) }

			lead := must(e.dash.Build(e.ctx, e.leader, "", "vi"))
			if lead.View != dashboard.Leader || len(lead.Views) != 2 {
				t.Fatalf("leader's default view %s of %v", lead.View, lead.Views)
			}
			spec := must(e.dash.Build(e.ctx, e.spec, "", "vi"))
			unit := must(e.dash.Build(e.ctx, e.repGD, "", "vi"))
			if spec.View != dashboard.Specialist || unit.View != dashboard.Unit || unit.UnitName != e.sgddt.Name {
				t.Fatalf("views: specialist %s, unit %s (%s)", spec.View, unit.View, unit.UnitName)
			}
			if lead.WeekEnd != civil.D(2021, 1, 17) {
				t.Errorf("week ends %s, want Sunday 17/01/2021", lead.WeekEnd)
			}
			cases := []struct {
				d                dashboard.Dashboard
				widget, row, col string
				want             int
				link             string // "" when the figure links nowhere
			}{
				{lead, "reports", dashID(regime.ID), "expected", 3, rid("/regimes/{r}?period=2020-12")},
				{lead, "reports", dashID(regime.ID), "on_time", 1, rid("/regimes/{r}?period=2020-12&state=on_time")},
				{lead, "reports", dashID(regime.ID), "late", 1, rid("/regimes/{r}?period=2020-12&state=late")},
				{lead, "reports", dashID(regime.ID), "missing", 1, rid("/regimes/{r}?period=2020-12&state=missing")},
				{lead, "reports", dashID(regime.ID), "rate", 67, ""},
				{lead, "key_tasks", "overdue", "count", 2, "/tasks?status=overdue&view=key"},
				{lead, "key_tasks", "no_deadline", "count", 1, "/tasks?status=no_deadline&view=key"},
				{lead, "key_tasks", "in_progress", "count", 0, "/tasks?status=in_progress&view=key"},
				{lead, "key_tasks", "total", "count", 3, "/tasks?view=key"},
				{lead, "overdue_by_unit", dashID(e.sgddt.ID), "overdue", 2, "/tasks?status=overdue&unit_id=" + dashID(e.sgddt.ID) + "&view=all"},
				{lead, "overdue_by_unit", dashID(e.syt.ID), "overdue", 1, "/tasks?status=overdue&unit_id=" + dashID(e.syt.ID) + "&view=all"},
				{lead, "overdue_by_unit", "total", "overdue", 3, "/tasks?view=overdue"},
				{lead, "press", "environment", "open", 1, "/press?field=environment&open=1"},
				{lead, "press", "environment", "late", 1, "/press?field=environment&late=1"},
				{lead, "press", "education", "late", 0, "/press?field=education&late=1"},
				{lead, "press", "health", "open", 1, "/press?field=health&open=1"},
				{lead, "press", "total", "open", 3, "/press?open=1"},
				{lead, "press", "total", "late", 1, "/press?late=1"},
				{lead, "directives", "total", "unread", 2, "/directives?unread=1"},
				{lead, "directives", "total", "read", 1, ""},
				{spec, "review", "reports-" + dashID(regime.ID) + "-2020-12", "count", 1, rid("/regimes/{r}?period=2020-12&status=submitted")},
				{spec, "review", "press", "count", 1, "/press?status=answered"},
				{spec, "due_week", "tasks", "count", 2, "/tasks?due_before=2021-01-17&status=in_progress&view=all"},
				{spec, "due_week", "press", "count", 1, "/press?due_from=2021-01-13&due_to=2021-01-17&status=assigned"},
				{unit, "unit_tasks", "overdue", "count", 2, "/tasks?status=overdue&view=mine"},
				{unit, "unit_tasks", "in_progress", "count", 2, "/tasks?status=in_progress&view=mine"},
				{unit, "unit_tasks", "awaiting_confirmation", "count", 1, "/tasks?status=awaiting_confirmation&view=mine"},
				{unit, "unit_tasks", "total", "count", 5, "/tasks?view=mine"},
				{unit, "unit_reports", "total", "count", 2, ""},
				{unit, "unit_directives", "total", "count", 1, "/directives?unread=1"},
				{unit, "unit_press", "total", "count", 2, "/press?status=assigned"},
			}
			for _, c := range cases {
				got := cell(t, c.d, c.widget, c.row, c.col)
				if got.Value != c.want || got.Link != c.link {
					t.Errorf("%s %s/%s/%s = %d → %q, want %d → %q", c.d.View, c.widget, c.row, c.col, got.Value, got.Link, c.want, c.link)
				}
			}
			e.checkAgainstLists(t, lead, spec, unit)
			e.checkUnitItems(t, unit)
		})
	}
}

func dashID(id int64) string { return strconv.FormatInt(id, 10) }

func parseID(t *testing.T, s string) int64 {
	t.Helper()
	return must(strconv.ParseInt(s, 10, 64))
}

// checkAgainstLists: figures that depend on other modules' rules (a press
// answer closes its task) are checked against the services' own lists.
func (e *env) checkAgainstLists(t *testing.T, lead, spec, unit dashboard.Dashboard) {
	t.Helper()
	awaiting := must(e.tasks.List(e.ctx, e.spec, task.Filter{Status: task.AwaitingConfirmation}))
	if got := cell(t, spec, "review", "tasks", "count"); got.Value != awaiting.Total || got.Link != "/tasks?view=awaiting" {
		t.Errorf("tasks waiting for confirmation %d → %s, the list has %d", got.Value, got.Link, awaiting.Total)
	}
	for _, f := range press.Fields {
		_, open := mustList(t, e.press, e.leader, press.Filter{Field: f, Open: true})
		_, late := mustList(t, e.press, e.leader, press.Filter{Field: f, Late: true})
		if o, l := cell(t, lead, "press", string(f), "open").Value, cell(t, lead, "press", string(f), "late").Value; o != open || l != late {
			t.Errorf("press %s: open %d late %d on the dashboard, lists %d and %d", f, o, l, open, late)
		}
	}
	w := lead.Widget("overdue_by_unit")
	for _, r := range w.Rows {
		l := must(e.tasks.List(e.ctx, e.leader, task.Filter{UnitID: parseID(t, r.Key), LeadOnly: true, Status: task.Overdue}))
		if r.Cells[0].Value != l.Total {
			t.Errorf("overdue of unit %s: %d, the list has %d", r.Label, r.Cells[0].Value, l.Total)
		}
	}
	c := must(e.rep.Completeness(e.ctx, e.leader, parseID(t, lead.Widget("reports").Rows[0].Key), "2020-12"))
	if c.OnTime != 1 || c.Late != 1 || c.Missing != 1 || c.Expected != 3 {
		t.Errorf("completeness %+v disagrees with the dashboard", c)
	}
}

func mustList(t *testing.T, s *press.Service, a org.Actor, f press.Filter) ([]press.Case, int) {
	t.Helper()
	cases, n, err := s.List(t.Context(), a, f)
	if err != nil {
		t.Fatal(err)
	}
	return cases, n
}

// checkUnitItems: the unit's deadlines in working days, nearest first.
func (e *env) checkUnitItems(t *testing.T, unit dashboard.Dashboard) {
	t.Helper()
	reps := unit.Widget("unit_reports").Items
	if len(reps) != 2 || !strings.Contains(reps[0].Sub, "tháng 11 năm 2020") || !reps[0].Late || reps[1].Late {
		t.Fatalf("unit reports %+v, want November 2020 (overdue) then January 2021", reps)
	}
	if reps[1].WorkingDays == nil || *reps[1].WorkingDays != 6 || reps[1].DateNote != "còn 6 ngày làm việc" {
		t.Errorf("January's report: %v working days, note %q; want 6 (to 21/01/2021)", reps[1].WorkingDays, reps[1].DateNote)
	}
	tasks := unit.Widget("unit_tasks").Items
	if len(tasks) != 4 || tasks[0].Label != "Bồi dưỡng cán bộ khoa giáo" || !tasks[0].Late || *tasks[0].WorkingDays != -6 {
		t.Errorf("unit tasks %+v, want 4, the first overdue by 6 working days (5/1 → 13/1)", tasks)
	}
	press := unit.Widget("unit_press").Items
	if len(press) != 2 || press[0].Label != "Rác thải ở chợ" || press[0].DateNote != "quá hạn 2 ngày làm việc" {
		t.Errorf("unit press %+v, want the late case first", press)
	}
}

func TestViewsAndRefusals(t *testing.T) {
	e := newEnv(t, dbtest.Open(t, dbtest.Dialects()[0]))
	viewer := e.user("syt.xem", e.syt, org.RoleViewer)
	for _, c := range []struct {
		name string
		a    org.Actor
		view dashboard.View
		kind apperr.Kind
	}{
		{"unit asks for the leader's", e.repGD, dashboard.Leader, apperr.KindForbidden},
		{"viewer asks for the specialist's", viewer, dashboard.Specialist, apperr.KindForbidden},
		{"unknown view", e.leader, "bogus", apperr.KindInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.dash.Build(e.ctx, c.a, c.view, "vi")
			if ae, ok := apperr.As(err); !ok || ae.Kind != c.kind {
				t.Fatalf("error %v, want kind %d", err, c.kind)
			}
		})
	}
	for _, a := range []org.Actor{e.leader, e.spec} {
		for _, v := range []dashboard.View{dashboard.Leader, dashboard.Specialist} {
			if _, err := e.dash.Build(e.ctx, a, v, "vi"); err != nil {
				t.Errorf("%s opening %s: %v", a.Username, v, err)
			}
		}
	}
	if d := must(e.dash.Build(e.ctx, viewer, "", "vi")); d.View != dashboard.Unit {
		t.Errorf("viewer's dashboard %s, want the unit's", d.View)
	}
}

// TestEnglishLabels: in English, no fixed label is left in Vietnamese.
func TestEnglishLabels(t *testing.T) {
	e := newEnv(t, dbtest.Open(t, dbtest.Dialects()[0]))
	e.fixture()
	vietnamese := regexp.MustCompile(`[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]`)
	for _, a := range []org.Actor{e.leader, e.spec, e.repGD} {
		for _, v := range dashboard.Views(a) {
			d := must(e.dash.Build(e.ctx, a, v, "en"))
			for _, w := range d.Widgets {
				texts := []string{w.Title, w.Note, w.Empty}
				for _, c := range w.Columns {
					texts = append(texts, c.Label)
				}
				if w.Total != nil {
					texts = append(texts, w.Total.Label)
				}
				for _, it := range w.Items {
					texts = append(texts, it.DateNote, it.Status)
				}
				for _, s := range texts {
					if vietnamese.MatchString(s) {
						t.Errorf("%s/%s: %q is not in English", v, w.Key, s)
					}
				}
			}
		}
	}
}

// TestTrainingPanel: the leader sees each unit's staff and how many a
// course of this year trained; an empty register says so.
func TestTrainingPanel(t *testing.T) {
	e := newEnv(t, dbtest.Open(t, dbtest.Dialects()[0]))
	empty := must(e.dash.Build(e.ctx, e.leader, "", "vi"))
	if w := empty.Widget("training"); w == nil || len(w.Rows) != 0 || w.Empty == "" {
		t.Fatalf("training panel with an empty register: %+v", w)
	}
	an := must(e.train.CreateStaff(e.ctx, e.spec, training.Staff{UnitID: e.sgddt.ID, FullName: "Nguyễn Văn An", Position: "Chuyên viên", Active: true}))
	must(e.train.CreateStaff(e.ctx, e.spec, training.Staff{UnitID: e.sgddt.ID, FullName: "Trần Thị Bình", Position: "Chuyên viên", Active: true}))
	c := must(e.train.CreateCourse(e.ctx, e.spec, training.Course{Title: "Tập huấn nghiệp vụ", Organiser: "Ban Tuyên giáo",
		Kind: training.KindTraining, StartsOn: civil.D(2021, 1, 5), EndsOn: civil.D(2021, 1, 6)}))
	must(e.train.SetParticipants(e.ctx, e.spec, c.ID, c.Version, []training.Participant{{StaffID: an.ID, Attendance: training.Attended}}))
	d := must(e.dash.Build(e.ctx, e.leader, "", "vi"))
	for col, want := range map[string]int{"staff": 2, "trained": 1, "share": 50} {
		if got := cell(t, d, "training", dashID(e.sgddt.ID), col); got.Value != want {
			t.Errorf("SGDDT %s: %d, want %d", col, got.Value, want)
		}
	}
	if got := cell(t, d, "training", "total", "staff"); got.Value != 2 {
		t.Errorf("total staff %d, want 2", got.Value)
	}
}
