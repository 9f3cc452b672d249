package browser

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// The first review conference of 2021, as the people of the journey see it.
const (
	confTitle  = "Hội nghị giao ban quý I/2021"
	confDay    = "04/01/2021"
	confChair  = "Lê Văn Tuấn"
	confPlace  = "Hội trường Ban Tuyên giáo Tỉnh ủy"
	confNumber = "Số 1-TB/BTGTU" // numbering restarts every year: the demo's notice is number 1 of 2020

	// Agenda items and who presents them.
	confAgendaSGDDT = "Báo cáo kết quả công tác giáo dục quý IV/2020 và nhiệm vụ quý I/2021"
	confAgendaSYT   = "Báo cáo công tác phòng, chống dịch COVID-19 dịp Tết Nguyên đán Tân Sửu"

	// Attendance: the Sở KH&CN is absent, the Hội Khuyến học sends a deputy.
	confAbsentUnit   = "Sở Khoa học và Công nghệ"
	confAbsentReason = "Trùng lịch họp của Ủy ban nhân dân tỉnh"
	confReprUnit     = "Hội Khuyến học tỉnh"
	confReprBy       = "Phó Chủ tịch Hội Khuyến học tỉnh"

	// The conclusion's two items, both led by the Sở GD&ĐT: one due soon
	// (left in progress, it becomes overdue), one due at the end of the
	// quarter (reported done and confirmed). Both fall in the 2021-H1
	// window of KG-6T (15/12/2020–14/06/2021).
	confSoonTask  = "Hoàn thành kế hoạch tuyên truyền về kỳ thi tốt nghiệp trung học phổ thông năm 2021"
	confSoonDue   = "15/01/2021"
	confLaterTask = "Tổng kết mô hình trường học gắn với giáo dục kỹ năng sống, báo cáo Ban Tuyên giáo Tỉnh ủy"
	confLaterDue  = "31/03/2021"

	// What sgddt.baocao reports.
	confProgressNote = "Đã xây dựng dự thảo kế hoạch, đang lấy ý kiến các phòng chuyên môn."
	confEvidence     = "Báo cáo số 12/BC-SGDĐT ngày 04/01/2021 tổng kết mô hình tại 25 trường."

	// The KG-6T report of the first half of 2021.
	confRegimeName = "Báo cáo sơ kết công tác khoa giáo 6 tháng"
	confPeriodName = "6 tháng đầu năm 2021"
	confPeriodKey  = "2021-H1"

	// The statuses (the wording of the government's task-tracking reports).
	stInProgress = "Đang thực hiện trong hạn"
	stOverdue    = "Đang thực hiện quá hạn"
	stAwaiting   = "Chờ xác nhận"
	stDoneOnTime = "Hoàn thành đúng hạn"

	// conferenceTimeout bounds each tab of this journey, which lives
	// through the whole story.
	conferenceTimeout = 4 * time.Minute

	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// confICT is Vietnam's time, as the people of the journey read the clock.
var confICT = time.FixedZone("ICT", 7*3600)

// TestBrowserConferenceJourney drives a review conference through its
// whole life in Chromium: the Board's specialist plans it, keeps the
// agenda and attendance, writes and issues the conclusion notice; the lead
// unit's reporter works on the two tasks it became; the specialist
// confirms the one reported done; two weeks later the other is overdue;
// and the unit's six-month report lists both with their statuses.
func TestBrowserConferenceJourney(t *testing.T) {
	requireBrowser(t)
	// Monday 4 January 2021, 09:00.
	env := webtest.NewAt(t, sqldb.SQLite, time.Date(2021, 1, 4, 9, 0, 0, 0, confICT))
	b := startBrowser(t)
	const prefix = "sqlite-conference"

	spec := b.newLongTab(t, env.URL, prefix+"-specialist", conferenceTimeout)
	dialogs := spec.acceptDialogs()
	if st := spec.signIn("chuyenvien", webtest.Password); st != 200 {
		t.Fatalf("chuyenvien sign-in: status %d", st)
	}

	// 1. The specialist creates the conference through the form.
	if st := spec.follow("click Hội nghị", chromedp.Click(xpathLink(`//nav[contains(@class,"main")]`, "Hội nghị"))); st != 200 {
		t.Fatalf("conferences page: status %d", st)
	}
	if h := spec.text("main h1"); h != "Hội nghị giao ban" {
		t.Errorf("conferences heading %q, want Hội nghị giao ban", h)
	}
	if st := spec.follow("click Thêm hội nghị", chromedp.Click(chromedp.ID("new-meeting"))); st != 200 {
		t.Fatalf("new-conference form: status %d", st)
	}
	if h := spec.text("main h1"); h != "Thêm hội nghị" {
		t.Errorf("new-conference heading %q, want Thêm hội nghị", h)
	}
	if codes := eval[string](spec, `document.getElementById('unit_codes').value`); !strings.Contains(codes, "SGDDT") || !strings.Contains(codes, "SYT") {
		t.Errorf("the form invites %q by default; want the Bloc (SGDDT, SYT…)", codes)
	}
	spec.setField(`#title`, confTitle)
	spec.selectText(`#kind`, "Giao ban quý")
	spec.setField(`#day`, confDay)
	spec.setField(`#from`, "08:00")
	spec.setField(`input[name="to"]`, "11:30")
	spec.setField(`#place`, confPlace)
	spec.setField(`#chair_name`, confChair)
	spec.setField(`#secretary`, "Nguyễn Thị Khánh Linh")
	spec.setField(`#unit_codes`, "SGDDT\nSYT\nSKHCN\nHKH")
	spec.screenshot("01-new-conference")
	if st := spec.follow("click Lưu", chromedp.Click(chromedp.ID("save-meeting"))); st != 200 {
		t.Fatalf("after saving the conference: status %d (errors: %s)", st, spec.fieldErrors())
	}
	m := regexp.MustCompile(`^/meetings/(\d+)\?done=create$`).FindStringSubmatch(spec.path())
	if m == nil {
		t.Fatalf("after saving, the page is %s (errors: %s); want /meetings/{id}?done=create", spec.path(), spec.fieldErrors())
	}
	confURL := "/meetings/" + m[1]
	spec.expectFlash("Đã thêm hội nghị.")
	if h := spec.text("main h1"); h != confTitle {
		t.Errorf("conference heading %q, want %q", h, confTitle)
	}
	if when := spec.text("#meeting-when"); !strings.Contains(when, confDay) || !strings.Contains(when, "08:00–11:30") ||
		!strings.Contains(when, confPlace) || !strings.Contains(when, "Giao ban quý") || !strings.Contains(when, "Dự kiến") {
		t.Errorf("the conference line reads %q; want %s, 08:00–11:30, the place, Giao ban quý and Dự kiến", when, confDay)
	}
	if inv := eval[[]string](spec, `Array.from(document.querySelectorAll('#invited li')).map(l => l.textContent.trim())`); len(inv) != 4 ||
		!strings.Contains(strings.Join(inv, "|"), "Sở GD&ĐT") || !strings.Contains(strings.Join(inv, "|"), "Sở YT") {
		t.Errorf("invited units %q; want the four typed (Sở GD&ĐT, Sở YT, Sở KH&CN, Hội Khuyến học)", inv)
	}

	// 2. The agenda: one item presented by the Sở GD&ĐT, one by the Sở YT.
	spec.setField(`[name="ag_from_0"]`, "08:15")
	spec.setField(`[name="ag_to_0"]`, "08:45")
	spec.setField(`[name="ag_title_0"]`, confAgendaSGDDT)
	spec.selectText(`[name="ag_unit_0"]`, "Sở GD&ĐT")
	spec.setField(`[name="ag_from_1"]`, "08:45")
	spec.setField(`[name="ag_to_1"]`, "09:15")
	spec.setField(`[name="ag_title_1"]`, confAgendaSYT)
	spec.selectText(`[name="ag_unit_1"]`, "Sở YT")
	if st := spec.follow("click Lưu chương trình", chromedp.Click(chromedp.ID("save-agenda"))); st != 200 {
		t.Fatalf("after saving the agenda: status %d (errors: %s)", st, spec.fieldErrors())
	}
	spec.expectFlash("Đã lưu chương trình.")
	agenda := eval[[][]string](spec, `Array.from(document.querySelectorAll('#agenda-form tbody tr')).map(r => [
		r.querySelector('[name^=ag_from_]').value, r.querySelector('[name^=ag_to_]').value, r.querySelector('[name^=ag_title_]').value,
		(s => s.options[s.selectedIndex].text)(r.querySelector('select[name^=ag_unit_]'))]).filter(r => r[2] !== '')`)
	if want := [][]string{{"08:15", "08:45", confAgendaSGDDT, "Sở GD&ĐT"}, {"08:45", "09:15", confAgendaSYT, "Sở YT"}}; fmt.Sprint(agenda) != fmt.Sprint(want) {
		t.Errorf("saved agenda %q, want %q", agenda, want)
	}
	spec.viewShot("02-agenda-view")
	spec.sectionShot("02-agenda", "agenda")

	// 3. Attendance: everyone came but the Sở KH&CN; the Hội Khuyến học
	// sent its deputy.
	for _, name := range []string{"Sở Giáo dục và Đào tạo", "Sở Y tế"} {
		spec.selectText(spec.attendanceField(name, "status"), "Có mặt")
	}
	spec.selectText(spec.attendanceField(confAbsentUnit, "status"), "Vắng mặt")
	spec.setField(spec.attendanceField(confAbsentUnit, "reason"), confAbsentReason)
	spec.selectText(spec.attendanceField(confReprUnit, "status"), "Cử người dự thay")
	spec.setField(spec.attendanceField(confReprUnit, "by"), confReprBy)
	if st := spec.follow("click Lưu điểm danh", chromedp.Click(chromedp.ID("save-attendance"))); st != 200 {
		t.Fatalf("after saving the attendance: status %d (errors: %s)", st, spec.fieldErrors())
	}
	spec.expectFlash("Đã lưu điểm danh.")
	att := eval[map[string]string](spec, `Object.fromEntries(Array.from(document.querySelectorAll('#attendance-form tbody tr')).map(r => [
		r.cells[0].textContent.trim(), [(s => s.options[s.selectedIndex].text)(r.querySelector('select')),
		r.querySelector('[name^=at_by_]').value, r.querySelector('[name^=at_reason_]').value].filter(Boolean).join(' / ')]))`)
	if want := map[string]string{"Sở Giáo dục và Đào tạo": "Có mặt", "Sở Y tế": "Có mặt",
		confAbsentUnit: "Vắng mặt / " + confAbsentReason, confReprUnit: "Cử người dự thay / " + confReprBy}; fmt.Sprint(att) != fmt.Sprint(want) {
		t.Errorf("saved attendance %q, want %q", att, want)
	}
	spec.viewShot("03-attendance-view")
	spec.sectionShot("03-attendance", "attendance")

	// 4. The conclusion: two items for the Sở GD&ĐT; saved as a draft,
	// then issued.
	if sub := eval[string](spec, `document.getElementById('subject').value`); !strings.Contains(sub, confTitle) {
		t.Errorf("the draft's subject %q does not name the conference", sub)
	}
	if s := spec.text(`#conclusion-form > p.muted`); !strings.Contains(s, "Dự thảo chưa lưu") {
		t.Errorf("the draft line reads %q, want Dự thảo chưa lưu", s)
	}
	spec.setField(`[name="it_text_0"]`, confSoonTask)
	spec.setField(`[name="it_lead_0"]`, "SGDDT")
	spec.setField(`[name="it_due_0"]`, confSoonDue)
	spec.setField(`[name="it_text_1"]`, confLaterTask)
	spec.setField(`[name="it_lead_1"]`, "SGDDT")
	spec.setField(`[name="it_support_1"]`, "HKH")
	spec.setField(`[name="it_due_1"]`, confLaterDue)
	spec.do("tick Trọng tâm on item 2", chromedp.Click(chromedp.CSS(`[name="it_key_1"]`)))
	if st := spec.follow("click Lưu dự thảo", chromedp.Click(chromedp.ID("save-conclusion"))); st != 200 {
		t.Fatalf("after saving the draft: status %d (errors: %s)", st, spec.fieldErrors())
	}
	spec.expectFlash("Đã lưu dự thảo thông báo kết luận.")
	if s := spec.text(`#conclusion-form > p.muted`); !strings.Contains(s, "Dự thảo đã lưu") || !regexp.MustCompile(`^Số\s+-TB/BTGTU`).MatchString(s) {
		t.Errorf("the draft line reads %q, want Số -TB/BTGTU (no number yet) · Dự thảo đã lưu", s)
	}
	if v := eval[[]string](spec, `['it_text_0','it_lead_0','it_due_0','it_text_1','it_support_1','it_due_1'].map(n => document.querySelector('[name='+n+']').value)`); fmt.Sprint(v) !=
		fmt.Sprint([]string{confSoonTask, "SGDDT", confSoonDue, confLaterTask, "HKH", confLaterDue}) {
		t.Errorf("the saved draft's items read %q", v)
	}
	spec.viewShot("04-conclusion-draft-view")
	spec.sectionShot("04-conclusion-draft", "conclusion")

	if st := spec.follow("click Ban hành thông báo kết luận", chromedp.Click(chromedp.ID("issue-conclusion"))); st != 200 {
		t.Fatalf("after issuing: status %d (errors: %s)", st, spec.fieldErrors())
	}
	if msgs := dialogs.messages(); len(msgs) != 1 || !strings.Contains(msgs[0], "không sửa được nữa") {
		t.Errorf("before issuing the page asked %q; want one confirmation that the notice cannot change afterwards", msgs)
	}
	spec.expectFlash("Đã ban hành thông báo kết luận và giao nhiệm vụ cho các đơn vị.")
	if n := spec.text("#notice-number"); !strings.Contains(n, confNumber) || !strings.Contains(n, "ban hành ngày "+confDay) {
		t.Errorf("the notice line reads %q, want %s · ban hành ngày %s", n, confNumber, confDay)
	}
	if s := spec.text("#meeting-status"); s != "Đã có thông báo kết luận" {
		t.Errorf("the conference status reads %q, want Đã có thông báo kết luận", s)
	}
	items := spec.conclusionItems()
	if len(items) != 2 {
		t.Fatalf("the issued notice lists %d items, want 2: %q", len(items), items)
	}
	for i, want := range []struct{ text, due string }{{confSoonTask, confSoonDue}, {confLaterTask, confLaterDue}} {
		it := items[i]
		if !strings.HasPrefix(it.Text, want.text) || it.Lead != "Sở GD&ĐT" || !strings.HasPrefix(it.Status, stInProgress) {
			t.Errorf("issued item %d reads %+v; want %q led by Sở GD&ĐT, %s", i+1, it, want.text, stInProgress)
		}
		if it.Due != want.due {
			t.Errorf("issued item %d shows the deadline %q, want %s (dd/mm/yyyy, as everywhere else)", i+1, it.Due, want.due)
		}
	}
	if !strings.Contains(items[1].Text, "Trọng tâm") || items[1].Support != "Hội Khuyến học" {
		t.Errorf("item 2 reads %+v; want the Trọng tâm badge and the Hội Khuyến học supporting", items[1])
	}
	spec.viewShot("05-issued-view")
	spec.sectionShot("05-issued", "conclusion")
	spec.screenshot("05-issued-full")

	docxHref := eval[string](spec, `document.getElementById('notice-docx').getAttribute('href')`)
	if want := "/api/v1" + confURL + "/conclusion.docx"; docxHref != want {
		t.Errorf("the DOCX link is %q, want %q", docxHref, want)
	}
	doc := spec.download(docxHref)
	checkDownload(t, doc, docxType, ".docx")
	docxFile := filepath.Join(artefactDir(t, b), prefix+"-notice.docx")
	writeFile(t, docxFile, doc.bytes)
	checkNoticeDOCX(t, doc.bytes)
	convertWithLibreOffice(t, filepath.Dir(docxFile), docxFile)

	// The conference's tasks, from its page.
	if st := spec.follow("click Nhiệm vụ theo kết luận", chromedp.Click(xpathLink(`//main`, "Nhiệm vụ theo kết luận"))); st != 200 {
		t.Fatalf("the conference's tasks: status %d", st)
	}
	if rows := spec.taskRows(); len(rows) != 2 || rows[confSoonTask].Status != stInProgress || rows[confLaterTask].Status != stInProgress {
		t.Errorf("the conference's tasks read %+v; want its two tasks, %s", rows, stInProgress)
	}
	t.Logf("the conference's task list says: %q", spec.text("#meeting-filter"))
	spec.screenshot("05b-conference-tasks")

	// 5. The Sở GD&ĐT's reporter finds both tasks.
	rep := b.newLongTab(t, env.URL, prefix+"-reporter", conferenceTimeout)
	if st := rep.signIn("sgddt.baocao", webtest.Password); st != 200 {
		t.Fatalf("sgddt.baocao sign-in: status %d", st)
	}
	rep.openTasks()
	if tab := rep.text(`#task-tabs a[aria-current="page"]`); tab != "Nhiệm vụ của đơn vị tôi" {
		t.Errorf("the reporter's task list opens on %q, want Nhiệm vụ của đơn vị tôi", tab)
	}
	rows := rep.taskRows()
	for _, title := range []string{confSoonTask, confLaterTask} {
		r, ok := rows[title]
		switch {
		case !ok:
			t.Fatalf("the reporter's task list lacks %q (rows: %q)", title, rows)
		case r.Status != stInProgress:
			t.Errorf("%q shows %q, want %s", title, r.Status, stInProgress)
		case r.Lead != "Sở Giáo dục và Đào tạo":
			t.Errorf("%q is led by %q, want Sở Giáo dục và Đào tạo", title, r.Lead)
		case !strings.Contains(r.Due, "còn") || !strings.Contains(r.Due, "ngày làm việc"):
			t.Errorf("%q's deadline reads %q, want the working days left", title, r.Due)
		}
	}
	if !strings.HasPrefix(rows[confSoonTask].Due, confSoonDue) || !strings.HasPrefix(rows[confLaterTask].Due, confLaterDue) {
		t.Errorf("deadlines in the list: %q and %q, want %s and %s", rows[confSoonTask].Due, rows[confLaterTask].Due, confSoonDue, confLaterDue)
	}
	rep.screenshot("06-tasks")

	// Progress on the task due soon.
	rep.openTask(confSoonTask)
	soonURL := rep.path()
	if s := rep.text("#task-status"); s != stInProgress {
		t.Errorf("the task page shows %q, want %s", s, stInProgress)
	}
	if d := rep.text("#task-details"); !strings.Contains(d, "Theo Thông báo "+confNumber) {
		t.Errorf("the task's description does not cite the notice %s: %.300q", confNumber, d)
	}
	rep.replace("percent", "40")
	rep.do("type the progress note", chromedp.SendKeys(chromedp.ID("note"), confProgressNote))
	if st := rep.follow("click Cập nhật", chromedp.Click(chromedp.CSS(`#progress-form button[type=submit]`))); st != 200 {
		t.Fatalf("after the progress: status %d (errors: %s)", st, rep.fieldErrors())
	}
	rep.expectFlash("Đã cập nhật tiến độ.")
	if p := rep.text("#progress"); p != "40 %" {
		t.Errorf("progress shows %q, want 40 %%", p)
	}
	if s := rep.text("#task-status"); s != stInProgress {
		t.Errorf("after the progress the task shows %q, want %s", s, stInProgress)
	}
	if h := rep.taskHistory(); len(h) != 2 || h[1][1] != "Cập nhật tiến độ" || h[1][2] != "sgddt.baocao" || h[1][3] != "40 % "+confProgressNote {
		t.Errorf("history %q; want Giao nhiệm vụ then Cập nhật tiến độ by sgddt.baocao: 40 %% and the note", h)
	}
	rep.screenshot("07-progress")

	// The other task is reported done.
	rep.openTasks()
	rep.openTask(confLaterTask)
	laterURL := rep.path()
	rep.do("fill the completion",
		chromedp.SendKeys(chromedp.ID("done_on"), confDay),
		chromedp.SendKeys(chromedp.ID("evidence"), confEvidence))
	if st := rep.follow("click Báo hoàn thành", chromedp.Click(chromedp.CSS(`#complete-form button[type=submit]`))); st != 200 {
		t.Fatalf("after reporting done: status %d (errors: %s)", st, rep.fieldErrors())
	}
	rep.expectFlash("Đã báo hoàn thành; nhiệm vụ chờ Ban xác nhận.")
	if s := rep.text("#task-status"); s != stAwaiting {
		t.Errorf("after reporting done the task shows %q, want %s", s, stAwaiting)
	}
	if d := rep.text("#done-on"); d != confDay {
		t.Errorf("completion date %q, want %s", d, confDay)
	}
	if eval[bool](rep, `!!document.getElementById('progress-form') || !!document.getElementById('complete-form')`) {
		t.Error("a task waiting for confirmation still offers the progress and completion forms")
	}
	rep.screenshot("08-awaiting")

	// 6. The specialist confirms it.
	spec.openTasks()
	if st := spec.follow("click Chờ xác nhận", chromedp.Click(xpathLink(`//nav[@id="task-tabs"]`, "Chờ xác nhận"))); st != 200 {
		t.Fatalf("awaiting tab: status %d", st)
	}
	if r, ok := spec.taskRows()[confLaterTask]; !ok || r.Status != stAwaiting {
		t.Errorf("the Board's Chờ xác nhận view shows %q for the completed task (present %v), want %s", r.Status, ok, stAwaiting)
	}
	spec.openTask(confLaterTask)
	if p := spec.path(); p != laterURL {
		t.Errorf("the specialist's link leads to %s, the reporter's task is %s", p, laterURL)
	}
	if r := spec.text("#review"); !strings.Contains(r, "Đơn vị báo hoàn thành ngày "+confDay) {
		t.Errorf("the review box reads %q; want the reported completion date %s", r, confDay)
	}
	if !strings.Contains(spec.text("#task-details"), confEvidence) {
		t.Error("the specialist does not see the evidence before confirming")
	}
	spec.screenshot("09-review")
	if st := spec.follow("click Xác nhận hoàn thành", chromedp.Click(chromedp.ID("confirm-btn"))); st != 200 {
		t.Fatalf("after confirming: status %d", st)
	}
	spec.expectFlash("Đã xác nhận hoàn thành.")
	if s := spec.text("#task-status"); s != stDoneOnTime {
		t.Errorf("after confirming the task shows %q, want %s", s, stDoneOnTime)
	}
	spec.screenshot("10-confirmed")

	// 7. Two weeks later: the task due on 15/01 is overdue.
	env.Clock.Set(time.Date(2021, 1, 20, 9, 0, 0, 0, confICT))
	rep.openTasks()
	rows = rep.taskRows()
	if r := rows[confSoonTask]; r.Status != stOverdue || !strings.Contains(r.Due, "quá hạn 5 ngày") || r.Progress != "40 %" {
		t.Errorf("on 20/01 the reporter's list shows %+v for the task due %s; want %s, quá hạn 5 ngày, 40 %%", r, confSoonDue, stOverdue)
	}
	if r := rows[confLaterTask]; r.Status != stDoneOnTime || r.Progress != "100 %" {
		t.Errorf("on 20/01 the reporter's list shows %+v for the confirmed task; want %s, 100 %%", r, stDoneOnTime)
	}
	rep.screenshot("11-overdue")
	rep.open(soonURL)
	if s := rep.text("#task-status"); s != stOverdue {
		t.Errorf("the overdue task's page shows %q, want %s", s, stOverdue)
	}

	spec.openTasks()
	if st := spec.follow("click Quá hạn", chromedp.Click(xpathLink(`//nav[@id="task-tabs"]`, "Quá hạn"))); st != 200 {
		t.Fatalf("overdue tab: status %d", st)
	}
	rows = spec.taskRows()
	if r, ok := rows[confSoonTask]; !ok || r.Status != stOverdue {
		t.Errorf("the Board's Quá hạn view shows %+v for the task due %s (present %v), want %s", r, confSoonDue, ok, stOverdue)
	}
	if _, ok := rows[confLaterTask]; ok {
		t.Error("the Board's Quá hạn view lists the confirmed task")
	}
	for title, r := range rows {
		if r.Status != stOverdue {
			t.Errorf("the Quá hạn view lists %q as %q", title, r.Status)
		}
	}
	spec.screenshot("12-board-overdue")
	spec.open(confURL)
	items = spec.conclusionItems()
	if len(items) != 2 || !strings.HasPrefix(items[0].Status, stOverdue) || !strings.HasPrefix(items[1].Status, stDoneOnTime) {
		t.Errorf("on 20/01 the conference lists its items as %+v; want %s then %s", items, stOverdue, stDoneOnTime)
	}

	// 8. The reporter opens the six-month report of 2021: both tasks are
	// in "Kết quả thực hiện nhiệm vụ được giao".
	if st := rep.follow("click Báo cáo", chromedp.Click(xpathLink(`//nav[contains(@class,"main")]`, "Báo cáo"))); st != 200 {
		t.Fatalf("reports page: status %d", st)
	}
	if y := eval[string](rep, `document.getElementById('year').value`); y != "2021" {
		t.Errorf("the year chooser shows %s on 20/01/2021, want 2021", y)
	}
	rowXPath := fmt.Sprintf(`//main//tr[td[1][normalize-space(.)=%q] and td[2][normalize-space(.)=%q]]`, confRegimeName, confPeriodName)
	if st := rep.follow("click the six-month report of 2021", chromedp.Click(xpathLink(rowXPath, confRegimeName))); st != 200 {
		t.Fatalf("report form: status %d", st)
	}
	if p := rep.path(); !regexp.MustCompile(`^/reports/\d+/` + confPeriodKey + `/\d+$`).MatchString(p) {
		t.Errorf("the report link leads to %s, want /reports/{regime}/%s/{unit}", p, confPeriodKey)
	}
	if sub := rep.text("main h1 + p"); !strings.Contains(sub, confPeriodName) {
		t.Errorf("report subtitle %q, want %s", sub, confPeriodName)
	}
	if h := rep.text("#tasks"); h != "Kết quả thực hiện nhiệm vụ được giao" {
		t.Errorf("the tasks section is headed %q", h)
	}
	reported := eval[map[string][]string](rep, `Object.fromEntries(Array.from(document.querySelectorAll('#report-tasks tbody tr')).map(r =>
		[r.cells[0].textContent.trim(), Array.from(r.cells).slice(1).map(c => c.textContent.trim())]))`)
	t.Logf("report tasks: %q", reported)
	if want := []string{confSoonDue, "40 %", stOverdue}; fmt.Sprint(reported[confSoonTask]) != fmt.Sprint(want) {
		t.Errorf("the report lists the task due %s as %q, want %q", confSoonDue, reported[confSoonTask], want)
	}
	if want := []string{confLaterDue, "100 %", stDoneOnTime}; fmt.Sprint(reported[confLaterTask]) != fmt.Sprint(want) {
		t.Errorf("the report lists the task due %s as %q, want %q", confLaterDue, reported[confLaterTask], want)
	}
	// The section lists every task the unit leads that falls due in the
	// period's window, 15/12/2020–14/06/2021: also the seed conference's
	// task of 2020 due on 15/12/2020, the window's first day.
	for title, cells := range reported {
		due, err := time.ParseInLocation("02/01/2006", cells[0], confICT)
		if err != nil || due.Before(time.Date(2020, 12, 15, 0, 0, 0, 0, confICT)) || due.After(time.Date(2021, 6, 14, 0, 0, 0, 0, confICT)) {
			t.Errorf("the report lists %q due %q, outside the window 15/12/2020–14/06/2021", title, cells[0])
		}
	}
	if len(reported) != 3 {
		t.Errorf("the report lists %d tasks, want 3 (the conference's two and the seed's task due 15/12/2020): %q", len(reported), reported)
	}
	rep.viewShot("13-report-view")
	rep.sectionShot("13-report-form", "report-form")
}

// dialogLog accepts the page's confirmation dialogs and keeps their texts.
type dialogLog struct {
	mu   sync.Mutex
	msgs []string
}

func (d *dialogLog) messages() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.msgs...)
}

// acceptDialogs answers "OK" to every dialog the page opens (window.confirm
// blocks the click that opened it), as the person would, and records it.
func (tb *tab) acceptDialogs() *dialogLog {
	log := &dialogLog{}
	events := chromedp.Events(tb.ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			log.mu.Lock()
			log.msgs = append(log.msgs, ev.Message)
			log.mu.Unlock()
			if _, err := chromedp.Call(tb.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true}); err != nil {
				return
			}
		}
	}()
	return log
}

// setField replaces the value of the field matched by css with text, typed.
func (tb *tab) setField(css, text string) {
	tb.t.Helper()
	tb.do("clear "+css, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(e => { e.focus(); e.value = ''; })(document.querySelector(%q))`, css)))
	tb.do("type into "+css, chromedp.SendKeys(chromedp.CSS(css), text))
	if v := eval[string](tb, fmt.Sprintf(`document.querySelector(%q).value`, css)); v != text {
		tb.t.Fatalf("%s holds %q after typing, want %q", css, v, text)
	}
}

// selectText chooses the option with this visible text, as a person does.
func (tb *tab) selectText(css, text string) {
	tb.t.Helper()
	ok := eval[bool](tb, fmt.Sprintf(`(s => {
		const o = Array.from(s.options).find(o => o.text.trim() === %q);
		if (!o) return false;
		s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})(document.querySelector(%q))`, text, css))
	if !ok {
		tb.t.Fatalf("%s has no option %q (options: %s)", css, text,
			eval[string](tb, fmt.Sprintf(`Array.from(document.querySelector(%q).options).map(o => o.text).join(' | ')`, css)))
	}
}

// attendanceField returns the selector of a field (status, by, reason) in
// the attendance row of the unit with this name.
func (tb *tab) attendanceField(unit, field string) string {
	tb.t.Helper()
	i := eval[string](tb, fmt.Sprintf(`(r => r ? r.querySelector('[name^=at_unit_]').name.replace('at_unit_', '') : '')(
		Array.from(document.querySelectorAll('#attendance-form tbody tr')).find(r => r.cells[0].textContent.trim() === %q))`, unit))
	if i == "" {
		tb.t.Fatalf("the attendance grid has no row for %s", unit)
	}
	return fmt.Sprintf(`[name="at_%s_%s"]`, field, i)
}

// fieldErrors returns the messages shown beside fields, for failures.
func (tb *tab) fieldErrors() string {
	return eval[string](tb, `Array.from(document.querySelectorAll('.error')).map(e => e.textContent.trim()).filter(Boolean).join('; ') || '(none)'`)
}

// viewShot saves what the viewport shows now (after a redirect to an
// anchor, the part of the page the person is looking at).
func (tb *tab) viewShot(name string) {
	tb.t.Helper()
	tb.saveShot(name, chromedp.CaptureScreenshot())
}

// sectionShot saves a screenshot of one element, to read its details.
func (tb *tab) sectionShot(name, id string) {
	tb.t.Helper()
	tb.saveShot(name, chromedp.Screenshot(chromedp.ID(id)))
}

func (tb *tab) saveShot(name string, shot chromedp.Action[[]byte]) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		tb.fatal("screenshot "+name, err)
	}
	file := filepath.Join(tb.b.shotsDir, tb.name+"-"+name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		tb.t.Fatalf("write screenshot: %v", err)
	}
	tb.t.Logf("screenshot: %s", file)
}

// confItem is an issued conclusion item as the conference page shows it.
type confItem struct {
	Text, Lead, Support, Due, Status string
}

func (tb *tab) conclusionItems() []confItem {
	tb.t.Helper()
	return eval[[]confItem](tb, `Array.from(document.querySelectorAll('#conclusion-items tbody tr')).map(r => ({
		Text: r.cells[1].textContent.trim().replace(/\s+/g, ' '), Lead: r.cells[2].textContent.trim(), Support: r.cells[3].textContent.trim(),
		Due: r.cells[4].textContent.trim(), Status: r.cells[5].textContent.trim().replace(/\s+/g, ' ')}))`)
}

// taskLine is a row of the task list as the person reads it.
type taskLine struct {
	Lead, Due, Progress, Status string
}

// taskRows reads the task list by title.
func (tb *tab) taskRows() map[string]taskLine {
	tb.t.Helper()
	return eval[map[string]taskLine](tb, `Object.fromEntries(Array.from(document.querySelectorAll('#tasks tbody tr[data-task]')).map(r => [
		r.cells[0].querySelector('a').textContent.trim(), {Lead: r.cells[1].textContent.trim(),
		Due: r.cells[2].textContent.trim().replace(/\s+/g, ' '), Progress: r.cells[3].textContent.trim().replace(/\s+/g, ' ').replace(/^.*?(\d+ %)$/, '$1'),
		Status: r.cells[4].textContent.trim()}]))`)
}

// openTasks opens Nhiệm vụ from the navigation.
func (tb *tab) openTasks() {
	tb.t.Helper()
	if st := tb.follow("click Nhiệm vụ", chromedp.Click(xpathLink(`//nav[contains(@class,"main")]`, "Nhiệm vụ"))); st != 200 {
		tb.t.Fatalf("task list: status %d", st)
	}
	if h := tb.text("main h1"); h != "Nhiệm vụ" {
		tb.t.Fatalf("task list heading %q, want Nhiệm vụ", h)
	}
}

// openTask clicks a task's title in the list.
func (tb *tab) openTask(title string) {
	tb.t.Helper()
	if st := tb.follow("open "+title, chromedp.Click(xpathLink(`//table[@id="tasks"]`, title))); st != 200 {
		tb.t.Fatalf("task page: status %d", st)
	}
	if h := tb.text("main h1"); h != title {
		tb.t.Fatalf("task page heading %q, want %q", h, title)
	}
}

// taskHistory reads the task's history table.
func (tb *tab) taskHistory() [][]string {
	tb.t.Helper()
	return eval[[][]string](tb, `Array.from(document.querySelectorAll('#task-history tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent.trim().replace(/\s+/g, ' ')))`)
}

// checkNoticeDOCX reads the notice's word/document.xml: its number, the
// items and the assignment line under each.
func checkNoticeDOCX(t *testing.T, data []byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the DOCX is not a zip: %v", err)
	}
	var xml string
	for _, f := range z.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		xml = string(b)
	}
	if xml == "" {
		t.Fatal("the DOCX has no word/document.xml")
	}
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(xml, "")
	for _, want := range []string{confNumber, "THÔNG BÁO", confSoonTask, confLaterTask,
		"Chủ trì: Sở GD&amp;ĐT; thời hạn: " + confSoonDue, "Chủ trì: Sở GD&amp;ĐT; phối hợp: Hội Khuyến học; thời hạn: " + confLaterDue} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice DOCX does not say %q", want)
		}
	}
}
