package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// The course of the journey and who is on it: Ánh (Sở GD&ĐT) was never
// trained before; Khoa (Sở TN&MT) is registered and does not come.
const (
	trainingCourse   = "Bồi dưỡng cập nhật kiến thức về chuyển đổi số trong công tác khoa giáo"
	trainingAttended = "Trương Thị Ngọc Ánh"
	trainingAbsent   = "Phan Đình Khoa"
)

// TestBrowserTrainingJourney: on 1 December 2020 the Board's specialist
// records a refresher course, adds two participants from the list of staff,
// marks who came, and finds the figures of 2020 counting the one who did.
func TestBrowserTrainingJourney(t *testing.T) {
	requireBrowser(t)
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			env := webtest.NewAt(t, d, time.Date(2020, 12, 1, 9, 0, 0, 0, confICT))
			b := startBrowser(t)
			tb := b.newTab(t, env.URL, string(d)+"-training")
			if st := tb.signIn("chuyenvien", webtest.Password); st != 200 {
				t.Fatalf("sign-in: status %d", st)
			}
			trainingCourseJourney(tb)
			trainingFiguresJourney(tb)
		})
	}
}

func trainingCourseJourney(tb *tab) {
	t := tb.t
	t.Helper()
	if st := tb.follow("click Đào tạo", chromedp.Click(xpathLink(`//nav[contains(@class,"main")]`, "Đào tạo"))); st != 200 {
		t.Fatalf("training page: status %d", st)
	}
	if got := tb.text("#staff-total"); got != "19 cán bộ" {
		t.Errorf("the register counts %q, want the demo's 19", got)
	}
	if st := tb.follow("open the courses", chromedp.Click(xpathLink(`//nav[contains(@class,"subnav")]`, "Lớp tập huấn, bồi dưỡng"))); st != 200 {
		t.Fatalf("courses: status %d", st)
	}
	if st := tb.follow("new course", chromedp.Click("#new-course")); st != 200 {
		t.Fatalf("course form: status %d", st)
	}
	tb.setField("#title", trainingCourse)
	tb.setField("#organiser", "Ban Tuyên giáo Tỉnh ủy")
	tb.selectText("#kind", "Bồi dưỡng cập nhật kiến thức")
	tb.setField("#starts_on", "26/11/2020")
	tb.setField("#ends_on", "27/11/2020")
	tb.setField("#place", "Trường Chính trị Lê Duẩn")
	if st := tb.follow("save the course", chromedp.Click("#save-course")); st != 200 {
		t.Fatalf("save course: status %d (%s)", st, tb.fieldErrors())
	}
	tb.expectFlash("Đã lưu lớp tập huấn, bồi dưỡng.")
	if h := tb.text("main h1"); h != trainingCourse {
		t.Errorf("the course page is headed %q", h)
	}

	// Two participants chosen from the staff list (grouped by unit).
	picked := eval[int](tb, fmt.Sprintf(`(s => { let n = 0; for (const o of s.options) { o.selected = [%q, %q].includes(o.text.split(' — ')[0]); if (o.selected) n++; } return n; })(document.getElementById('add'))`,
		trainingAttended, trainingAbsent))
	if picked != 2 {
		t.Fatalf("chose %d people in the staff list, want 2", picked)
	}
	if st := tb.follow("add the participants", chromedp.Click("#save-participants")); st != 200 {
		t.Fatalf("add participants: status %d (%s)", st, tb.fieldErrors())
	}
	tb.expectFlash("Đã lưu danh sách học viên.")
	if n := eval[int](tb, `document.querySelectorAll('#participant-list tbody tr[data-staff]').length`); n != 2 {
		t.Fatalf("the table lists %d participants, want 2", n)
	}

	// Attendance and the result.
	tb.selectText(participantField(tb, trainingAttended, "attendance"), "Có tham dự")
	tb.setField(participantField(tb, trainingAttended, "result"), "Hoàn thành tốt")
	tb.setField(participantField(tb, trainingAttended, "certificate_no"), "15/GCN-BTGTU")
	tb.selectText(participantField(tb, trainingAbsent, "attendance"), "Vắng mặt")
	tb.screenshot("course-attendance")
	if st := tb.follow("save the attendance", chromedp.Click("#save-participants")); st != 200 {
		t.Fatalf("save attendance: status %d (%s)", st, tb.fieldErrors())
	}
	tb.expectFlash("Đã lưu danh sách học viên.")
	if got := tb.text("#attended-count"); got != "(1 người có tham dự)" {
		t.Errorf("the course counts %q", got)
	}
	if got := eval[string](tb, `document.querySelector('#certificate-list tbody').textContent.replace(/\s+/g, ' ')`); !strings.Contains(got, trainingAttended) || strings.Contains(got, trainingAbsent) {
		t.Errorf("certificates are offered for %q", got)
	}
}

// participantField returns the selector of a field (attendance, result,
// certificate_no) in the participant row of the person with this name.
func participantField(tb *tab, name, field string) string {
	tb.t.Helper()
	id := eval[string](tb, fmt.Sprintf(`(r => r ? r.dataset.staff : '')(Array.from(document.querySelectorAll('#participant-list tbody tr[data-staff]')).find(r => r.cells[0].textContent.trim() === %q))`, name))
	if id == "" {
		tb.t.Fatalf("the participant table has no row for %s", name)
	}
	return fmt.Sprintf(`[name="%s_%s"]`, field, id)
}

// trainingFiguresJourney: the figures of 2020 count Ánh as trained — the
// Sở GD&ĐT now has all three of its staff trained in the year — and the
// workbook downloads.
func trainingFiguresJourney(tb *tab) {
	t := tb.t
	t.Helper()
	if st := tb.follow("open the figures", chromedp.Click(xpathLink(`//nav[contains(@class,"subnav")]`, "Số liệu"))); st != 200 {
		t.Fatalf("figures: status %d", st)
	}
	if y := eval[string](tb, `document.getElementById('year').value`); y != "2020" {
		t.Errorf("the figures open on %s, want 2020", y)
	}
	row := func(code string) []string {
		return eval[[]string](tb, fmt.Sprintf(`Array.from(document.querySelectorAll('#training-figures tr[data-unit=%q] td')).map(c => c.textContent.trim())`, code))
	}
	if r := row("SGDDT"); len(r) != 5 || r[1] != "3" || r[2] != "3" || r[3] != "0" || r[4] != "0,0 %" {
		t.Errorf("Sở GD&ĐT's row: %q", r)
	}
	if r := row("STNMT"); len(r) != 5 || r[2] != "1" {
		t.Errorf("Sở TN&MT's row (Khoa absent, Mai trained in September): %q", r)
	}
	if got := tb.text(`#figures-total [data-figure=trained]`); got != "12" {
		t.Errorf("trained in 2020: %q, want the demo's 11 and Ánh", got)
	}
	tb.screenshot("figures")
	href := eval[string](tb, `document.getElementById('figures-xlsx').getAttribute('href')`)
	f := tb.download(href)
	if f.Status != 200 || f.Type != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || !strings.HasPrefix(string(f.bytes), "PK") {
		t.Errorf("the figures workbook: %d, %s, %d bytes", f.Status, f.Type, len(f.bytes))
	}
}
