package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reminder"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// The press article of the journey, as an outlet's RSS feed carries it.
const (
	pressOutlet  = "Báo Tài nguyên và Môi trường"
	pressTitle   = "Ô nhiễm kênh Vĩnh Định, người dân xã Triệu Đông bức xúc"
	pressSummary = "Nước kênh Vĩnh Định đoạn qua xã Triệu Đông đen ngòm, bốc mùi hôi; nhiều trại chăn nuôi xả thải trực tiếp ra kênh."
	pressOther   = "Khai mạc hội thi giáo viên dạy giỏi cấp tỉnh"
	pressLink    = "https://baotnmt.example.vn/o-nhiem-kenh-vinh-dinh-123.html"
	pressUnit    = "Sở Tài nguyên và Môi trường"
	pressAnswer  = "Sở đã kiểm tra hiện trường ngày 03/11/2020, lập biên bản và yêu cầu hai trại chăn nuôi dừng xả thải, nạo vét 300 m kênh."
	pressDue     = "11/11/2020" // 7 working days after Monday 2 November 2020

	directiveTitle = "Tăng cường tuyên truyền phòng, chống ô nhiễm nguồn nước"

	pressTimeout = 3 * time.Minute
)

// pressRSS is the outlet's feed: one article about the canal's pollution in
// a commune, one about something else.
const pressRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>` + pressOutlet + `</title><link>https://baotnmt.example.vn/</link>
<item><title>` + pressTitle + `</title><link>` + pressLink + `?utm_source=rss</link>
<description><![CDATA[<p>` + pressSummary + `</p>]]></description><pubDate>Mon, 02 Nov 2020 06:30:00 +0700</pubDate></item>
<item><title>` + pressOther + `</title><link>https://baotnmt.example.vn/hoi-thi-giao-vien.html</link>
<description>Hội thi diễn ra trong ba ngày tại thành phố.</description><pubDate>Mon, 02 Nov 2020 07:00:00 +0700</pubDate></item>
</channel></rss>`

// TestBrowserPressJourney is issue 5's proof in Chromium: a feed item
// matches a watch rule, becomes a case, is routed and answered — the
// unit's reporter learns of it from the bell — reviewed and closed; then a
// directive goes down to the units, one opens it, and the specialist sees
// who read it and when.
func TestBrowserPressJourney(t *testing.T) {
	requireBrowser(t)
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, pressRSS)
	}))
	t.Cleanup(feed.Close)
	// Monday 2 November 2020, 08:00.
	env := webtest.NewAt(t, sqldb.SQLite, time.Date(2020, 11, 2, 8, 0, 0, 0, confICT))
	b := startBrowser(t)
	spec := b.newLongTab(t, env.URL, "press-specialist", pressTimeout)
	rep := b.newLongTab(t, env.URL, "press-reporter", pressTimeout)
	if st := spec.signIn("chuyenvien", webtest.Password); st != 200 {
		t.Fatalf("chuyenvien sign-in: status %d", st)
	}

	caseURL := pressMonitor(spec, feed.URL+"/rss.xml")
	// The assignment notified the lead unit at once; the hourly reminder job
	// runs too (as it does at start and every hour) without telling it twice.
	env.Clock.Advance(time.Hour)
	if _, err := reminder.NewScanner(env.DB, env.Notice, env.Calendar, env.Clock.Now).Scan(context.Background()); err != nil {
		t.Fatalf("reminder scan: %v", err)
	}
	pressAnswerJourney(rep, caseURL)
	pressCloseJourney(spec, caseURL)
	pressDirectiveJourney(spec, rep, env)
}

// pressMonitor: the specialist adds the feed and a watch rule, routes the
// environment to the Sở TN&MT, polls, finds the highlighted article in the
// triage queue, makes it a case and assigns it; it returns the case's path.
func pressMonitor(spec *tab, feedURL string) string {
	t := spec.t
	t.Helper()
	if st := spec.follow("click Báo chí", chromedp.Click(xpathLink(`//nav[contains(@class,"main")]`, "Báo chí"))); st != 200 {
		t.Fatalf("press page: status %d", st)
	}
	spec.clickPressNav("Nguồn tin báo chí")
	spec.setField("#outlet", pressOutlet)
	spec.setField("#url", feedURL)
	if st := spec.follow("add the feed", chromedp.Click(`#feed-form button[type=submit]`)); st != 200 {
		t.Fatalf("add feed: status %d (%s)", st, spec.fieldErrors())
	}
	spec.expectFlash("Đã thêm nguồn tin.")

	spec.clickPressNav("Quy tắc theo dõi")
	spec.setField("#name", "Ô nhiễm môi trường")
	spec.setField("#phrases", "ô nhiễm\nxả thải")
	spec.selectText("#field", "Môi trường")
	if st := spec.follow("add the rule", chromedp.Click(`#rule-form button[type=submit]`)); st != 200 {
		t.Fatalf("add rule: status %d (%s)", st, spec.fieldErrors())
	}
	spec.expectFlash("Đã thêm quy tắc theo dõi.")
	if got := spec.text("#watch-rules tbody"); !strings.Contains(got, "ô nhiễm") || !strings.Contains(got, "xả thải") {
		t.Errorf("the rules list shows %q", got)
	}

	// Routing: the environment goes to the Sở TN&MT, with 7 working days.
	spec.clickPressNav("Phân công xử lý")
	spec.selectText(`#routing-rules tbody tr:first-child select[name=rule_field]`, "Môi trường")
	spec.selectText(`#routing-rules tbody tr:first-child select[name=rule_unit]`, pressUnit)
	spec.setField("#days_environment", "7")
	spec.screenshot("01-routing")
	if st := spec.follow("save the routing", chromedp.Click("#routing-save")); st != 200 {
		t.Fatalf("save routing: status %d (%s)", st, spec.fieldErrors())
	}
	spec.expectFlash("Đã lưu quy tắc phân công.")

	spec.clickPressNav("Nguồn tin báo chí")
	if st := spec.follow("poll now", chromedp.Click(`#feeds tr[data-feed] form[action$="/poll"] button`)); st != 200 {
		t.Fatalf("poll: status %d", st)
	}
	spec.expectFlash("Đã lấy tin.")
	if row := spec.text("#feeds tr[data-feed]"); !strings.Contains(row, pressOutlet) || !strings.Contains(row, "02/11/2020") || strings.Contains(row, "lỗi") {
		t.Errorf("the feed's row after the poll: %q", row)
	}
	spec.screenshot("02-feeds")

	spec.clickPressNav("Bài báo cần xem xét")
	items := eval[[]string](spec, `Array.from(document.querySelectorAll('#press-triage tr[data-item]')).map(r => r.cells[0].textContent.trim().replace(/\s+/g, ' '))`)
	if len(items) != 1 || !strings.Contains(items[0], pressTitle) {
		t.Fatalf("the triage queue holds %q, want only the canal's article", items)
	}
	marks := eval[[]string](spec, `Array.from(document.querySelectorAll('#press-triage mark')).map(m => m.textContent)`)
	if !containsAll(marks, "Ô nhiễm", "xả thải") {
		t.Errorf("highlighted phrases %q, want Ô nhiễm in the title and the discharge in the summary", marks)
	}
	spec.screenshot("03-triage")
	if st := spec.follow("make it a case", chromedp.Click(`#press-triage tr[data-item] form[action$="/case"] button`)); st != 200 {
		t.Fatalf("to case: status %d", st)
	}
	spec.expectFlash("Đã tiếp nhận bài báo.")
	caseURL := strings.TrimSuffix(spec.path(), "?done=received")
	if h := spec.text("main h1"); h != pressTitle {
		t.Errorf("case heading %q", h)
	}
	if s := spec.text("#press-summary"); !strings.Contains(s, "Môi trường") || !strings.Contains(s, "https://baotnmt.example.vn/o-nhiem-kenh-vinh-dinh-123.html") {
		t.Errorf("the case's summary %q: want the field and the canonical address (no utm_)", s)
	}
	if s := spec.text("#suggested"); !strings.Contains(s, pressUnit) {
		t.Errorf("the routing suggests %q", s)
	}
	if st := spec.follow("assign", chromedp.Click(`#assign-form button[type=submit]`)); st != 200 {
		t.Fatalf("assign: status %d (%s)", st, spec.fieldErrors())
	}
	spec.expectFlash("Đã giao đơn vị chủ trì xử lý.")
	if s := spec.text("#press-summary"); !strings.Contains(s, "Đã giao xử lý") || !strings.Contains(s, pressUnit) || !strings.Contains(s, pressDue) {
		t.Errorf("after the assignment the case reads %q", s)
	}
	spec.screenshot("04-assigned")
	return caseURL
}

// pressAnswerJourney: the Sở TN&MT's reporter sees the bell, follows the
// notification to the case and answers it.
func pressAnswerJourney(rep *tab, caseURL string) {
	t := rep.t
	t.Helper()
	if st := rep.signIn("stnmt.baocao", webtest.Password); st != 200 {
		t.Fatalf("stnmt.baocao sign-in: status %d", st)
	}
	rep.waitBell(1)
	rep.screenshot("01-bell")
	if st := rep.follow("click the bell", chromedp.Click("#bell")); st != 200 {
		t.Fatalf("notifications: status %d", st)
	}
	notes := rep.text("#notifications")
	if !strings.Contains(notes, "Vụ việc báo chí chờ trả lời (hạn "+pressDue+"): "+pressTitle) {
		t.Fatalf("the notifications read %q", notes)
	}
	rep.screenshot("02-notifications")
	if st := rep.follow("open the notification", chromedp.Click(xpathLink(`//ul[@id="notifications"]`, "Vụ việc báo chí chờ trả lời (hạn "+pressDue+"): "+pressTitle))); st != 200 {
		t.Fatalf("case from the notification: status %d", st)
	}
	if p := rep.path(); p != caseURL {
		t.Fatalf("the notification led to %s, want %s", p, caseURL)
	}
	rep.setField("#answer", pressAnswer)
	if st := rep.follow("send the answer", chromedp.Click(`#answer-form button[type=submit]`)); st != 200 {
		t.Fatalf("answer: status %d (%s)", st, rep.fieldErrors())
	}
	rep.expectFlash("Đã gửi trả lời.")
	if s := rep.text("#press-summary"); !strings.Contains(s, "Đã trả lời") || !strings.Contains(s, "Đúng hạn") {
		t.Errorf("after the answer the case reads %q", s)
	}
	rep.screenshot("03-answered")
}

// pressCloseJourney: the specialist accepts the answer and records how it
// was given back to the outlet; the unit's task is then done on time.
func pressCloseJourney(spec *tab, caseURL string) {
	t := spec.t
	t.Helper()
	spec.open(caseURL)
	if s := spec.text("#press-answer"); !strings.Contains(s, pressAnswer) {
		t.Errorf("the specialist reads the answer %q", s)
	}
	spec.setField("#review-note", "Trả lời đầy đủ, đúng thẩm quyền.")
	if st := spec.follow("accept", chromedp.Click(`#review-form button[value="1"]`)); st != 200 {
		t.Fatalf("review: status %d (%s)", st, spec.fieldErrors())
	}
	spec.expectFlash("Đã ghi kết quả thẩm định.")
	spec.setField("#feedback", "Công văn số 215/BTGTU gửi Báo Tài nguyên và Môi trường ngày 04/11/2020.")
	if st := spec.follow("close", chromedp.Click(`#close-form button[type=submit]`)); st != 200 {
		t.Fatalf("close: status %d (%s)", st, spec.fieldErrors())
	}
	spec.expectFlash("Đã ghi nhận phản hồi cơ quan báo chí.")
	if s := spec.text("#press-status"); s != "Đã phản hồi báo chí" {
		t.Errorf("closed case's status %q", s)
	}
	hist := eval[[]string](spec, `Array.from(document.querySelectorAll('#press-history tbody tr')).map(r => r.cells[1].textContent.trim())`)
	if want := []string{"Tiếp nhận", "Giao xử lý", "Trả lời", "Chấp nhận trả lời", "Phản hồi báo chí"}; strings.Join(hist, "|") != strings.Join(want, "|") {
		t.Errorf("history %q, want %q", hist, want)
	}
	spec.screenshot("05-closed")
	if st := spec.follow("open the task", chromedp.Click(`#press-summary a[href^="/tasks/"]`)); st != 200 {
		t.Fatalf("task: status %d", st)
	}
	if s := spec.text("#task-status"); s != "Hoàn thành đúng hạn" {
		t.Errorf("the unit's task reads %q after the answer was accepted, want Hoàn thành đúng hạn", s)
	}
}

// pressDirectiveJourney: the specialist issues a directive to the Bloc;
// the Sở TN&MT's reporter opens it from the bell and acknowledges it; the
// specialist sees the unit's receipt — who, and when.
func pressDirectiveJourney(spec, rep *tab, env *webtest.Env) {
	t := spec.t
	t.Helper()
	if st := spec.follow("click Văn bản, trao đổi", chromedp.Click(xpathLink(`//nav[contains(@class,"main")]`, "Văn bản, trao đổi"))); st != 200 {
		t.Fatalf("directives: status %d", st)
	}
	spec.setField("#title", directiveTitle)
	spec.setField("#body", "Đề nghị các cơ quan trong Khối tăng cường thông tin về bảo vệ nguồn nước, xử lý nghiêm các trường hợp xả thải gây ô nhiễm.")
	if st := spec.follow("save the draft", chromedp.Click("#create-directive")); st != 200 {
		t.Fatalf("draft: status %d (%s)", st, spec.fieldErrors())
	}
	if st := spec.follow("issue", chromedp.Click("#issue-directive")); st != 200 {
		t.Fatalf("issue: status %d", st)
	}
	h := spec.text("main h1")
	if !strings.HasPrefix(h, "Số ") || !strings.Contains(h, "-CV/BTGTU: "+directiveTitle) {
		t.Errorf("issued directive heading %q", h)
	}
	directiveURL := spec.path()
	if s := spec.text(`#receipts tr[data-unit="STNMT"]`); !strings.Contains(s, "Chưa đọc") {
		t.Errorf("before the unit opens it, its receipt reads %q", s)
	}

	env.Clock.Advance(90 * time.Minute) // 10:30
	rep.open("/")
	rep.waitBell(1)
	if st := rep.follow("click the bell", chromedp.Click("#bell")); st != 200 {
		t.Fatalf("notifications: status %d", st)
	}
	if st := rep.follow("open the directive", chromedp.Click(chromedp.Search(`//ul[@id="notifications"]/li[contains(@class,"unread")]/a[contains(., "`+directiveTitle+`")]`))); st != 200 {
		t.Fatalf("directive from the bell: status %d", st)
	}
	if p := rep.path(); p != directiveURL {
		t.Fatalf("the notification led to %s, want %s", p, directiveURL)
	}
	if s := rep.text("#my-receipt"); !strings.Contains(s, "Đơn vị đã đọc lúc 02/11/2020 10:30") {
		t.Errorf("the unit's receipt reads %q", s)
	}
	if st := rep.follow("acknowledge", chromedp.Click("#ack-directive")); st != 200 {
		t.Fatalf("ack: status %d", st)
	}
	rep.screenshot("04-directive")

	spec.open(directiveURL)
	row := eval[[]string](spec, `Array.from(document.querySelector('#receipts tr[data-unit="STNMT"]').cells).map(c => c.textContent.trim().replace(/\s+/g, ' '))`)
	if len(row) != 4 || row[0] != pressUnit || row[1] != "02/11/2020 10:30" || !strings.Contains(row[2], "stnmt.baocao") && !strings.Contains(row[2], "Sở TN") || !strings.Contains(row[3], "02/11/2020 10:30") {
		t.Errorf("the specialist reads the receipt %q: want the unit, when it was read, by whom, and the acknowledgement", row)
	}
	if s := spec.text("#read-rate"); !strings.HasPrefix(s, "1/") {
		t.Errorf("read rate %q", s)
	}
	spec.screenshot("06-receipts")
}

// clickPressNav follows a link of the press sub-navigation and checks that
// the page it opens is marked current.
func (tb *tab) clickPressNav(label string) {
	tb.t.Helper()
	if st := tb.follow("click "+label, chromedp.Click(xpathLink(`//nav[@id="press-nav"]`, label))); st != 200 {
		tb.t.Fatalf("%s: status %d", label, st)
	}
	if cur := tb.text(`#press-nav a[aria-current="page"]`); cur != label {
		tb.t.Errorf("the press navigation marks %q as current, want %q", cur, label)
	}
}

// waitBell waits until the header bell shows at least n unread.
func (tb *tab) waitBell(n int) {
	tb.t.Helper()
	tb.waitUntil(fmt.Sprintf("the bell counts at least %d", n),
		fmt.Sprintf(`(e => !!e && Number(e.dataset.unread) >= %d)(document.querySelector('#bell-count [data-unread]'))`, n),
		`(e => e ? e.outerHTML : '(no count)')(document.querySelector('#bell-count'))`)
}

func containsAll(have []string, want ...string) bool {
	joined := strings.Join(have, "|")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			return false
		}
	}
	return true
}
