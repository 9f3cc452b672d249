package web_test

import (
	"html"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// figure is a number on a dashboard and the list it links to.
type figure struct {
	Widget, Row, Col string
	Value            int
	Link             string
}

var (
	reWidget = regexp.MustCompile(`<section class="card widget[^"]*" id="w-([a-z_]+)"`)
	reCell   = regexp.MustCompile(`<tr data-row="([^"]*)"[^>]*>|<td class="num" data-col="([a-z_]+)" data-value="(\d+)">(?:<a href="([^"]+)">)?`)
	reBig    = regexp.MustCompile(`<a class="big" id="w-([a-z_]+)-n" href="([^"]+)">([\d.]+)</a>`)
)

// figures reads every number of a dashboard page with its link.
func figures(t *testing.T, body string) []figure {
	t.Helper()
	var out []figure
	sections := reWidget.FindAllStringSubmatchIndex(body, -1)
	for i, s := range sections {
		end := len(body)
		if i+1 < len(sections) {
			end = sections[i+1][0]
		}
		widget, part, row := body[s[2]:s[3]], body[s[0]:end], ""
		for _, m := range reCell.FindAllStringSubmatch(part, -1) {
			if m[1] != "" {
				row = m[1]
				continue
			}
			n, _ := strconv.Atoi(m[3])
			out = append(out, figure{Widget: widget, Row: row, Col: m[2], Value: n, Link: html.UnescapeString(m[4])})
		}
	}
	for _, m := range reBig.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(strings.ReplaceAll(m[3], ".", ""))
		out = append(out, figure{Widget: m[1], Row: "total", Col: "count", Value: n, Link: html.UnescapeString(m[2])})
	}
	if len(out) < 3 {
		t.Fatalf("found only %d figures on the dashboard: %.800s", len(out), body)
	}
	return out
}

var reTotal = regexp.MustCompile(`id="(?:task|press)-total">([\d.]+) `)

// listRows opens the list a figure links to and returns how many items
// it says it holds and how many rows it shows (one page).
func listRows(t *testing.T, c *client, link string) (total, rows int) {
	t.Helper()
	r := c.do(t, "GET", link, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("%s: status %d", link, r.Status)
	}
	body := string(r.Body)
	count := func(attr string) int { return strings.Count(body, " "+attr+`="`) }
	switch {
	case strings.HasPrefix(link, "/tasks"):
		rows = count("data-task")
	case strings.HasPrefix(link, "/press"):
		rows = count("data-case")
	case strings.HasPrefix(link, "/regimes/"):
		return count("data-unit"), count("data-unit")
	case strings.HasPrefix(link, "/directives?") && strings.Contains(link, "unread=1"):
		n := count("data-unread") + count("data-directive")
		return n, n
	default:
		t.Fatalf("no list reader for %s", link)
	}
	m := reTotal.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("%s shows no total", link)
	}
	total, _ = strconv.Atoi(strings.ReplaceAll(m[1], ".", ""))
	return total, rows
}

// checkLinks follows every linked figure: the list must hold exactly
// that many items, and show them all when they fit on a page.
func checkLinks(t *testing.T, c *client, figs []figure) {
	t.Helper()
	followed := 0
	defer func() {
		if followed < 4 {
			t.Errorf("only %d linked figures on the dashboard", followed)
		}
	}()
	for _, f := range figs {
		if f.Link == "" {
			continue
		}
		followed++
		total, rows := listRows(t, c, f.Link)
		if total != f.Value || rows != min(f.Value, 50) {
			t.Errorf("%s/%s/%s = %d links to %s, which holds %d and shows %d rows", f.Widget, f.Row, f.Col, f.Value, f.Link, total, rows)
		}
	}
}

// value returns a figure by widget, row and column.
func value(t *testing.T, figs []figure, widget, row, col string) int {
	t.Helper()
	for _, f := range figs {
		if f.Widget == widget && f.Row == row && f.Col == col {
			return f.Value
		}
	}
	t.Fatalf("no figure %s/%s/%s", widget, row, col)
	return 0
}

// TestDashboardPages: each role's home page is its dashboard, with the
// demo's numbers of 13 January 2021, and every number leads to a list of
// exactly that many rows.
func TestDashboardPages(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			env := webtest.NewDashboard(t, d)
			sgddt, skhcn, stnmt := env.Unit(t, "SGDDT"), env.Unit(t, "SKHCN"), env.Unit(t, "STNMT")
			id := func(u org.Unit) string { return strconv.FormatInt(u.ID, 10) }
			cases := []struct {
				user  string
				view  string
				title string            // a panel the page must have
				want  map[string]int    // widget/row/col → figure
				links map[string]string // widget/row/col → link
			}{
				{"lanhdao", "", "Nhiệm vụ quá hạn theo đơn vị chủ trì", map[string]int{
					"key_tasks/overdue/count": 1, "key_tasks/done_on_time/count": 1, "key_tasks/done_late/count": 1, "key_tasks/total/count": 3,
					"overdue_by_unit/" + id(sgddt) + "/overdue": 1, "overdue_by_unit/" + id(skhcn) + "/overdue": 1,
					"overdue_by_unit/" + id(stnmt) + "/overdue": 1, "overdue_by_unit/total/overdue": 3,
					"press/environment/open": 1, "press/environment/late": 1, "press/education/open": 1, "press/total/late": 1,
					"directives/total/unread": 11, "directives/total/read": 7,
				}, map[string]string{"overdue_by_unit/" + id(sgddt) + "/overdue": "/tasks?status=overdue&unit_id=" + id(sgddt) + "&view=all"}},
				{"chuyenvien", "", "Chờ xem xét", map[string]int{"review/tasks/count": 1, "review/press/count": 0,
					"due_week/tasks/count": 1, "due_week/press/count": 1}, nil},
				{"chuyenvien", "leader", "Báo chí phản ánh theo lĩnh vực", map[string]int{"press/total/open": 2}, nil},
				{"lanhdao", "specialist", "Đến hạn trong tuần", map[string]int{"due_week/tasks/count": 1}, nil},
				{"sgddt.baocao", "", "Văn bản chỉ đạo chưa đọc", map[string]int{"unit_tasks/overdue/count": 1, "unit_tasks/done_on_time/count": 1,
					"unit_tasks/in_progress/count": 1, "unit_tasks/total/count": 3, "unit_directives/total/count": 1, "unit_press/total/count": 1}, nil},
				{"sgddt.lanhdao", "", "Vụ việc báo chí cần trả lời", map[string]int{"unit_tasks/total/count": 3}, nil},
			}
			for _, c := range cases {
				t.Run(c.user+"/"+c.view, func(t *testing.T) {
					cl := uiClient(t, env, c.user)
					p := "/"
					if c.view != "" {
						p = "/?view=" + c.view
					}
					body := wantPage(t, cl.do(t, "GET", p, nil), http.StatusOK, c.title, `src="/static/dashboard.js"`)
					figs := figures(t, cl.do(t, "GET", p, nil).bodyString())
					for k, want := range c.want {
						parts := strings.Split(k, "/")
						if got := value(t, figs, parts[0], parts[1], parts[2]); got != want {
							t.Errorf("%s: %d, want %d", k, got, want)
						}
					}
					for k, want := range c.links {
						parts := strings.Split(k, "/")
						for _, f := range figs {
							if f.Widget == parts[0] && f.Row == parts[1] && f.Col == parts[2] && f.Link != want {
								t.Errorf("%s links to %s, want %s", k, f.Link, want)
							}
						}
					}
					checkLinks(t, cl, figs)
					if strings.Contains(body, "<script>") {
						t.Error("an inline script on the dashboard")
					}
				})
			}
			t.Run("refusals", func(t *testing.T) {
				rep := uiClient(t, env, "sgddt.baocao")
				rep.do(t, "GET", "/?view=leader", nil).want(t, http.StatusForbidden)
				rep.do(t, "GET", "/dashboard.pdf", nil).want(t, http.StatusForbidden)
				apiClient(t, env, "sgddt.baocao").do(t, "GET", "/api/v1/dashboard?view=specialist", nil).want(t, http.StatusForbidden)
			})
			t.Run("api", func(t *testing.T) { dashboardAPI(t, env) })
			t.Run("pdf", func(t *testing.T) { dashboardPDF(t, env) })
		})
	}
}

func (r resp) bodyString() string { return string(r.Body) }

// dashboardAPI: GET /api/v1/dashboard answers each role's view, with the
// same figures as the page.
func dashboardAPI(t *testing.T, env *webtest.Env) {
	for user, view := range map[string]dashboard.View{"lanhdao": dashboard.Leader, "chuyenvien": dashboard.Specialist, "syt.baocao": dashboard.Unit} {
		var d dashboard.Dashboard
		apiClient(t, env, user).do(t, "GET", "/api/v1/dashboard", nil).want(t, http.StatusOK).decode(t, &d)
		if d.View != view || len(d.Widgets) == 0 || d.Today.String() != "2021-01-13" {
			t.Errorf("%s: view %s, %d widgets, today %s", user, d.View, len(d.Widgets), d.Today)
		}
		if user == "lanhdao" {
			if w := d.Widget("overdue_by_unit"); w == nil || w.Total == nil || w.Total.Cells[0].Value != 3 {
				t.Errorf("API overdue tasks: %+v, want 3", w)
			}
		}
	}
	var en dashboard.Dashboard
	apiClient(t, env, "lanhdao").do(t, "GET", "/api/v1/dashboard", nil, "Accept-Language", "en").want(t, http.StatusOK).decode(t, &en)
	if w := en.Widget("key_tasks"); w == nil || w.Title != "Key tasks by status" {
		t.Errorf("English dashboard: %+v", w)
	}
}

// dashboardPDF: the leader downloads the dashboard as an A4 PDF whose text
// keeps its Vietnamese letters.
func dashboardPDF(t *testing.T, env *webtest.Env) {
	r := uiClient(t, env, "lanhdao").do(t, "GET", "/dashboard.pdf", nil).want(t, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(string(r.Body), "%PDF-") {
		t.Fatalf("content type %q, body %.10q", ct, r.Body)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="bang-dieu-khien-2021-01-13.pdf"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	file := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(file, r.Body, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"BẢNG ĐIỀU KHIỂN CỦA LÃNH ĐẠO BAN", "Báo cáo kỳ hiện tại", "Nhiệm vụ quá hạn theo đơn vị chủ trì",
		"Sở Giáo dục và Đào tạo", "Đã đọc", "Quá hạn trả lời", "Số liệu tính đến 13/01/2021 09:00"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
