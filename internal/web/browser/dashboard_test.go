package browser

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestDashboardJourneys: the Board's leader opens the dashboard, clicks the
// number of a unit's overdue tasks and lands on that list with as many
// rows; every dashboard is drawn at desktop and phone widths without
// overflow (screenshots dash-*.png of the first engine) and prints on A4
// without the navigation.
func TestDashboardJourneys(t *testing.T) {
	requireBrowser(t)
	for i, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			env := webtest.NewDashboard(t, d)
			b := startBrowser(t)
			prefix := "dash"
			if i > 0 {
				prefix = "dash-" + string(d)
			}
			t.Run("leader_clicks_overdue_tasks", func(t *testing.T) { overdueClickJourney(t, b, env, prefix) })
			for _, who := range []struct{ user, name string }{{"lanhdao", "leader"}, {"chuyenvien", "specialist"}, {"sgddt.baocao", "unit"}} {
				t.Run("widths_"+who.name, func(t *testing.T) { dashboardWidthsJourney(t, b, env, prefix, who.user, who.name) })
			}
			t.Run("leader_prints", func(t *testing.T) { dashboardPrintJourney(t, b, env, prefix) })
		})
	}
}

// waitCharts waits until at least n charts are drawn from their tables.
func (tb *tab) waitCharts(n int) {
	tb.t.Helper()
	tb.waitUntil(strconv.Itoa(n)+" charts are drawn", `document.querySelectorAll('.chart-box.drawn canvas').length >= `+strconv.Itoa(n),
		`document.querySelectorAll('.chart-box.drawn canvas').length + ' charts; Chart.js ' + typeof window.Chart`)
}

func overdueClickJourney(t *testing.T, b *browser, env *webtest.Env, prefix string) {
	tb := b.newTab(t, env.URL, prefix)
	if st := tb.signIn("lanhdao", webtest.Password); st != 200 || tb.path() != "/" {
		t.Fatalf("sign-in: status %d, page %s", st, tb.path())
	}
	tb.waitCharts(4)
	sgddt := env.Unit(t, "SGDDT")
	cell := `#t-overdue_by_unit tr[data-row="` + strconv.FormatInt(sgddt.ID, 10) + `"] td[data-col=overdue] a`
	shown := tb.text(cell)
	if shown != "1" {
		t.Errorf("SGDDT's overdue tasks on the dashboard: %q, want 1", shown)
	}
	if st := tb.follow("click SGDDT's overdue tasks", chromedp.Click(chromedp.CSS(cell))); st != 200 {
		t.Fatalf("the overdue list: status %d", st)
	}
	if p := tb.path(); !strings.HasPrefix(p, "/tasks?") || !strings.Contains(p, "status=overdue") || !strings.Contains(p, "unit_id="+strconv.FormatInt(sgddt.ID, 10)) {
		t.Fatalf("after the click: page %s, want the unit's overdue tasks", p)
	}
	rows := eval[int](tb, `document.querySelectorAll('#tasks tbody tr[data-task]').length`)
	if total := tb.text("#task-total"); !strings.HasPrefix(total, shown+" ") || strconv.Itoa(rows) != shown {
		t.Errorf("the list says %q and shows %d rows; the dashboard said %s", total, rows, shown)
	}
	if f := tb.text("#unit-filter"); !strings.Contains(f, sgddt.Name) {
		t.Errorf("the list's filter line %q does not name %s", f, sgddt.Name)
	}
	if s := eval[string](tb, `document.querySelector('#tasks tbody tr[data-task] .badge.bad').textContent`); s != "Đang thực hiện quá hạn" {
		t.Errorf("the task's status %q", s)
	}

	// Back on the dashboard, the total leads to every overdue task.
	tb.open("/")
	const total = `#t-overdue_by_unit tfoot td[data-col=overdue] a`
	all := tb.text(total)
	tb.follow("click the total of overdue tasks", chromedp.Click(chromedp.CSS(total)))
	if n := eval[int](tb, `document.querySelectorAll('#tasks tbody tr[data-task]').length`); strconv.Itoa(n) != all || all != "3" {
		t.Errorf("the overdue total %s leads to %d rows (%s), want 3", all, n, tb.path())
	}
}

// jsDashOverflow lists what sticks out of a phone's 390 px.
const jsDashOverflow = `(() => {
	const w = Math.min(window.innerWidth, 390), wide = [];
	for (const el of document.querySelectorAll('body *')) {
		const r = el.getBoundingClientRect();
		if (r.width > 0 && r.right > w + 1 && !el.closest('.scroll-x')) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' right=' + Math.round(r.right));
	}
	return [String(window.innerWidth), String(document.documentElement.scrollWidth)].concat(wide.slice(0, 8));
})()`

func dashboardWidthsJourney(t *testing.T, b *browser, env *webtest.Env, prefix, user, name string) {
	tb := b.newTab(t, env.URL, prefix)
	if st := tb.signIn(user, webtest.Password); st != 200 {
		t.Fatalf("sign-in: status %d", st)
	}
	charts := map[string]int{"leader": 4, "specialist": 3, "unit": 1}[name]
	tb.waitCharts(charts)
	if h := tb.text("main h1"); !strings.HasPrefix(h, "Xin chào") {
		t.Errorf("heading %q", h)
	}
	if n := eval[int](tb, `document.querySelectorAll('#dashboard section.widget').length`); n < 3 {
		t.Errorf("%d panels on the %s dashboard", n, name)
	}
	tb.screenshot(name + "-1280")
	tb.do("emulate a 390×844 phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	tb.open("/")
	tb.waitCharts(charts)
	o := eval[[]string](tb, jsDashOverflow)
	if o[0] != "390" || o[1] != "390" {
		t.Errorf("%s dashboard on a 390 px phone: inner width %s, page width %s; too wide: %q", name, o[0], o[1], o[2:])
	}
	tb.screenshot(name + "-390")
}

func dashboardPrintJourney(t *testing.T, b *browser, env *webtest.Env, prefix string) {
	tb := b.newTab(t, env.URL, prefix)
	if st := tb.signIn("lanhdao", webtest.Password); st != 200 {
		t.Fatalf("sign-in: status %d", st)
	}
	tb.waitCharts(4)
	tb.do("emulate print media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	for _, sel := range []string{"header.top", "#dash-views", "#dash-pdf", "#dash-print"} {
		if n := eval[int](tb, `document.querySelector('`+sel+`').getClientRects().length`); n != 0 {
			t.Errorf("printing shows %s", sel)
		}
	}
	if n := eval[int](tb, `document.querySelectorAll('table.dash-table').length`); n < 4 {
		t.Errorf("%d tables when printing", n)
	}
	tb.printPDF(prefix + "-leader-print.pdf")
	// A list prints as a table too: no tabs, filters or pager.
	tb.open("/tasks?view=all")
	for _, sel := range []string{"#task-tabs", "form.toolbar", ".pager"} {
		if n := eval[int](tb, `document.querySelector('`+sel+`').getClientRects().length`); n != 0 {
			t.Errorf("printing the task list shows %s", sel)
		}
	}
	if d := eval[string](tb, `getComputedStyle(document.querySelector('#tasks thead')).display`); d != "table-header-group" {
		t.Errorf("the printed task list's head: display %s", d)
	}
	tb.printPDF(prefix + "-tasks-print.pdf")
}

// printPDF prints the page on A4 as the browser would and keeps the PDF
// beside the screenshots.
func (tb *tab) printPDF(name string) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	res, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (page.PrintToPDFResult, error) {
		return cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptr(true)})
	})
	if err != nil {
		tb.fatal("print to PDF", err)
	}
	if len(res.Data) < 1000 {
		tb.t.Fatalf("printed PDF of %d bytes", len(res.Data))
	}
	file := filepath.Join(tb.b.shotsDir, name)
	if err := os.WriteFile(file, res.Data, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("printed: %s", file)
}

func ptr[T any](v T) *T { return &v }
