package browser

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// The seed's six-month report, as the people of the journey see it.
const (
	repRegimeName = "Báo cáo sơ kết công tác khoa giáo 6 tháng"
	repPeriodName = "6 tháng đầu năm 2020"
	repPeriodKey  = "2020-H1"
	repUnitName   = "Hội Khuyến học tỉnh"
	repUnitShort  = "Hội Khuyến học"
	repDue        = "19/06/2020"

	// What hkh.baocao types.
	repLimitations = "Kinh phí hoạt động của hội cơ sở còn hạn hẹp."
	repDirections  = "Phát động phong trào học tập suốt đời trong cán bộ, hội viên."
	repResultsMore = " Tổ chức 12 buổi tuyên truyền về khuyến học, khuyến tài."
	repProposals   = "Đề nghị Ban hỗ trợ tài liệu tuyên truyền về xây dựng xã hội học tập."
	repResubmitAdd = " Bổ sung: 1.500 lượt người tham dự, 3 cán bộ được bồi dưỡng."
	repReturnWhy   = "Bổ sung số liệu cụ thể"

	// The texts of the page.
	repSavedPrefix  = "Đã lưu lúc"
	repNotSaved     = "Chưa lưu được"
	repRestored     = "Đã khôi phục nội dung chưa lưu từ lần trước."
	repAutosaveHint = "Nội dung được lưu tự động khi bạn gõ."

	// reportingTimeout bounds each tab of this journey: it is longer than
	// journeyTimeout because the same tabs live through the whole lifecycle.
	reportingTimeout = 4 * time.Minute
)

// JavaScript that reads the report page.
const (
	jsSaveStatus = `(document.getElementById('save-status') || {textContent: '(no #save-status)'}).textContent.trim()`
	jsSaveState  = `(s => s ? s.className + ': ' + s.textContent.trim() : '(no #save-status)')(document.getElementById('save-status'))`
	jsSaved      = `(document.getElementById('save-status') || {textContent: ''}).textContent.trim().startsWith('` + repSavedPrefix + `')`
)

// TestBrowserReportingJourney drives a unit's six-month report through its
// whole life in Chromium: the reporter fills it in with autosave, a field
// error and a tab closed before the autosave; submits it; the Board's
// specialist sees it arrive, returns it, the unit corrects and resubmits it,
// the specialist accepts it and downloads the Excel table and the
// consolidated Word document.
func TestBrowserReportingJourney(t *testing.T) {
	requireBrowser(t)
	// 18 June 2020, 09:00: the day before the six-month report is due.
	env := webtest.NewAt(t, sqldb.SQLite, time.Date(2020, 6, 18, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	b := startBrowser(t)
	const prefix = "sqlite-reporting"

	// The Board's specialist, in a browser context of her own, looks at who
	// has reported before the unit submits.
	spec := b.newLongTab(t, env.URL, prefix+"-specialist", reportingTimeout)
	if st := spec.signIn("chuyenvien", webtest.Password); st != 200 {
		t.Fatalf("chuyenvien sign-in: status %d", st)
	}

	// 1. The reporter of the Hội Khuyến học signs in and finds the report.
	rep := b.newLongTab(t, env.URL, prefix, reportingTimeout)
	if st := rep.signIn("hkh.baocao", webtest.Password); st != 200 {
		t.Fatalf("hkh.baocao sign-in: status %d", st)
	}
	if st := rep.follow("click Báo cáo", chromedp.Click(xpathLink(`//nav[contains(@class,"main")]`, "Báo cáo"))); st != 200 {
		t.Fatalf("reports page: status %d", st)
	}
	if h := rep.text("main h1"); h != "Báo cáo" {
		t.Fatalf("reports page heading %q, want Báo cáo", h)
	}
	if y := eval[string](rep, `document.getElementById('year').value`); y != "2020" {
		t.Errorf("the year chooser shows %s on 18/06/2020, want 2020", y)
	}
	rep.pickYear("2019")
	rep.pickYear("2020")
	if p := rep.path(); !strings.Contains(p, "year=2020") {
		t.Errorf("after picking 2020 the page is %s, want ?year=2020", p)
	}
	rowXPath := fmt.Sprintf(`//main//tr[td[2][normalize-space(.)=%q]]`, repPeriodName)
	row := eval[string](rep, fmt.Sprintf(`(r => r ? r.innerText.replace(/\s+/g, ' ').trim() : '')(document.evaluate(%q, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue)`, rowXPath))
	t.Logf("reports row: %s", row)
	if !strings.Contains(row, repDue) || !strings.Contains(row, "Đang soạn") {
		t.Errorf("reports row for %s reads %q; want the due date %s and the status Đang soạn", repPeriodName, row, repDue)
	}
	link := xpathLink(rowXPath, repRegimeName)
	href := eval[string](rep, fmt.Sprintf(`(a => a ? a.getAttribute('href') : '')(document.evaluate(%q, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue)`,
		fmt.Sprintf(`%s//a[normalize-space(.)=%q]`, rowXPath, repRegimeName)))
	m := regexp.MustCompile(`^/reports/(\d+)/` + regexp.QuoteMeta(repPeriodKey) + `/(\d+)$`).FindStringSubmatch(href)
	if m == nil {
		t.Fatalf("the report link is %q; want /reports/{regime}/%s/{unit}", href, repPeriodKey)
	}
	regimeID, reportURL := m[1], href
	apiURL := "/api/v1" + reportURL
	t.Logf("regime %s, report %s", regimeID, reportURL)

	// Before the unit submits, the specialist counts one unit that has not.
	spec.open("/regimes/" + regimeID + "?period=" + repPeriodKey)
	before := spec.completeness()
	if before.Missing != "1" {
		t.Errorf("before the submission: %q units chưa nộp, want 1 (only the Hội Khuyến học)", before.Missing)
	}
	if before.Unit != "Đang soạn" {
		t.Errorf("before the submission the Hội Khuyến học's status reads %q, want Đang soạn", before.Unit)
	}

	if st := rep.follow("click the six-month report", chromedp.Click(link)); st != 200 {
		t.Fatalf("report form: status %d", st)
	}
	if p := rep.path(); p != reportURL {
		t.Fatalf("after the click the page is %s, want %s", p, reportURL)
	}
	if h := rep.text("main h1"); h != repRegimeName {
		t.Errorf("form heading %q, want %q", h, repRegimeName)
	}
	if sub := rep.text("main h1 + p"); !strings.Contains(sub, repUnitName) || !strings.Contains(sub, repPeriodName) || !strings.Contains(sub, repDue) {
		t.Errorf("form subtitle %q; want the unit, %s and the due date %s", sub, repPeriodName, repDue)
	}
	if ed := eval[string](rep, `document.getElementById('report-form').dataset.editable`); ed != "true" {
		t.Fatalf("the form is not editable for the unit's reporter (data-editable=%q)", ed)
	}
	if s := eval[string](rep, jsSaveStatus); s != repAutosaveHint {
		t.Errorf("save status on a fresh form %q, want %q", s, repAutosaveHint)
	}

	// 2. A wrong figure is refused beside its field; fixed, everything saves.
	sessions := rep.fieldFor("Số buổi tuyên truyền, phổ biến")
	participants := rep.fieldFor("Số lượt người tham dự")
	staff := rep.fieldFor("Số cán bộ làm công tác khoa giáo được bồi dưỡng")
	results, limitations := rep.fieldFor("Kết quả đạt được"), rep.fieldFor("Hạn chế, khó khăn")
	directions, proposals := rep.fieldFor("Phương hướng, nhiệm vụ 6 tháng cuối năm"), rep.fieldFor("Đề xuất, kiến nghị")
	if staff != "v-staff_trained" {
		t.Errorf("the staff indicator's input is #%s, want #v-staff_trained", staff)
	}

	rep.do("type abc as the number of sessions", chromedp.SendKeys(chromedp.ID(sessions), "abc"))
	rep.waitUntil("the autosave refuses abc", `(s => s.textContent.includes('`+repNotSaved+`'))(document.getElementById('save-status'))`, jsSaveState)
	fe := rep.fieldError(sessions)
	if !strings.Contains(fe.Text, "phải là số") {
		t.Errorf("error beside the sessions field %q, want it to say phải là số", fe.Text)
	}
	if !fe.HasErrorClass || !fe.Visible {
		t.Errorf("sessions field: has-error %v, error visible %v; want both", fe.HasErrorClass, fe.Visible)
	}
	if fe.Row != fe.ErrorRow {
		t.Errorf("the error shows in row %d, the input is in row %d: want the error in the field's own row", fe.ErrorRow, fe.Row)
	}
	if cls := eval[string](rep, `document.getElementById('save-status').className`); cls != "offline" {
		t.Errorf("save status class %q after a refused save, want offline (red)", cls)
	}
	rep.screenshot("form-validation")

	rep.replace(sessions, "12")
	rep.do("fill the figures and the required sections",
		chromedp.SendKeys(chromedp.ID(participants), "1.500"),
		chromedp.SendKeys(chromedp.ID(staff), "3"),
	)
	rep.typeAtEnd(results, repResultsMore)
	rep.do("fill the limitations and directions",
		chromedp.SendKeys(chromedp.ID(limitations), repLimitations),
		chromedp.SendKeys(chromedp.ID(directions), repDirections),
	)
	rep.waitUntil("the report is saved", jsSaved, jsSaveState)
	if fe := rep.fieldError(sessions); fe.Text != "" || fe.HasErrorClass {
		t.Errorf("after the fix the sessions field still shows %q (has-error %v)", fe.Text, fe.HasErrorClass)
	}
	saved := rep.waitServer("the server holds the figures and sections", func(r apiReport) bool {
		return r.num("propaganda_sessions") == 12 && r.num("participants") == 1500 && r.num("staff_trained") == 3 &&
			r.Sections["limitations"] == repLimitations && r.Sections["directions"] == repDirections &&
			strings.HasSuffix(r.Sections["results"], strings.TrimSpace(repResultsMore))
	}, apiURL)
	if saved.Status != "draft" {
		t.Errorf("after the autosave the status is %q, want draft", saved.Status)
	}

	// 3. Typed, and the tab closed before the autosave: nothing is lost.
	second := rep.sibling(prefix + "-tab2")
	if st := second.open(reportURL); st != 200 {
		t.Fatalf("second tab: %s status %d (the same browser context should be signed in)", reportURL, st)
	}
	second.do("type a proposal", chromedp.SendKeys(chromedp.ID(proposals), repProposals))
	kept := eval[string](second.tab, `localStorage.getItem(document.getElementById('report-form').dataset.key) || ''`)
	second.close() // before the 1.2 s debounce
	if !strings.Contains(kept, "xã hội học tập") {
		t.Errorf("localStorage before closing the tab holds %q; want the typed proposal", kept)
	}
	if r := rep.serverReport(apiURL); r.Sections["proposals"] != "" {
		t.Fatalf("the autosave ran before the tab closed (server has %q): the test could not close the tab in time", r.Sections["proposals"])
	}

	third := rep.sibling(prefix + "-tab3")
	third.open(reportURL)
	if v := third.value(proposals); v != repProposals {
		t.Errorf("back on the report in a new tab, the proposals hold %q, want the text typed in the closed tab", v)
	}
	if s := eval[string](third.tab, jsSaveStatus); s != repRestored && !strings.HasPrefix(s, repSavedPrefix) && s != "Đang lưu…" {
		t.Errorf("save status after the restore %q, want %q", s, repRestored)
	} else if s != repRestored {
		t.Logf("the restore message was already replaced by %q", s)
	}
	third.waitUntil("the restored text is saved", jsSaved, jsSaveState)
	third.waitServer("the server holds the proposal", func(r apiReport) bool { return r.Sections["proposals"] == repProposals }, apiURL)
	third.do("forget the local copy", chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
	third.open(reportURL)
	if v := third.value(proposals); v != repProposals {
		t.Errorf("after a reload with localStorage cleared, the proposals hold %q, want the saved text", v)
	}
	if s := eval[string](third.tab, jsSaveStatus); s != repAutosaveHint {
		t.Errorf("after a reload with localStorage cleared the status reads %q, want %q (nothing restored)", s, repAutosaveHint)
	}
	third.close()

	// 4. The reporter submits.
	rep.open(reportURL) // the first tab still shows the version before the proposal
	rep.submit("Gửi báo cáo")
	rep.expectFlash("Đã gửi báo cáo.")
	if s := rep.text("#report-status"); s != "Đã gửi" {
		t.Errorf("status badge after submitting %q, want Đã gửi", s)
	}
	if s := rep.text("#report-timeliness"); s != "nộp đúng hạn" {
		t.Errorf("timeliness after submitting on 18/06 %q, want nộp đúng hạn", s)
	}
	if eval[bool](rep, `!!document.getElementById('submit-btn') || document.getElementById('s-results').tagName === 'TEXTAREA'`) {
		t.Error("the submitted report can still be edited or submitted")
	}
	rep.screenshot("submitted")

	// 5. The specialist sees it arrive, and returns it.
	spec.open("/regimes/" + regimeID + "?period=" + repPeriodKey)
	after := spec.completeness()
	if after.Unit != "Đã gửi" {
		t.Errorf("completeness: the Hội Khuyến học reads %q, want Đã gửi", after.Unit)
	}
	if after.Timeliness != "nộp đúng hạn" {
		t.Errorf("completeness: the Hội Khuyến học's timeliness %q, want nộp đúng hạn", after.Timeliness)
	}
	if after.Missing != "0" {
		t.Errorf("completeness: %q units chưa nộp, want 0", after.Missing)
	}
	if b, a := atoi(before.OnTime), atoi(after.OnTime); a != b+1 {
		t.Errorf("completeness: nộp đúng hạn went from %d to %d, want +1", b, a)
	}
	spec.screenshot("completeness")
	if st := spec.follow("open the Hội Khuyến học's report", chromedp.Click(xpathLink(`//table[@id="units-status"]`, repUnitName))); st != 200 {
		t.Fatalf("report for the specialist: status %d", st)
	}
	if p := spec.path(); p != reportURL {
		t.Errorf("the completeness link leads to %s, want %s", p, reportURL)
	}
	if v := spec.value(proposals); v != repProposals {
		t.Errorf("the specialist sees the proposals %q, want %q", v, repProposals)
	}
	spec.do("write the reason", chromedp.SendKeys(chromedp.ID("reason"), repReturnWhy))
	if st := spec.follow("click Trả lại", chromedp.Click(chromedp.ID("return-btn"))); st != 200 {
		t.Errorf("after Trả lại: status %d", st)
	}
	spec.expectFlash("Đã trả lại báo cáo.")
	if s := spec.text("#report-status"); s != "Bị trả lại" {
		t.Errorf("status after returning %q, want Bị trả lại", s)
	}

	// 6. The reporter reads why, corrects and submits again.
	rep.open(reportURL)
	box := eval[string](rep, `(b => b ? b.className + ' | ' + b.innerText.trim() : '')(document.querySelector('main .flash.bad'))`)
	if !strings.Contains(box, "Báo cáo bị trả lại") || !strings.Contains(box, repReturnWhy) {
		t.Errorf("the returned report shows %q; want the red box Báo cáo bị trả lại with the reason", box)
	}
	if c := eval[string](rep, `(b => b ? getComputedStyle(b).backgroundColor : '')(document.querySelector('main .flash.bad'))`); c != "rgb(253, 232, 230)" {
		t.Logf("the returned box background is %q", c)
	}
	if s := rep.text("#report-status"); s != "Bị trả lại" {
		t.Errorf("status badge of the returned report %q, want Bị trả lại", s)
	}
	rep.screenshot("returned")
	rep.typeAtEnd(results, repResubmitAdd)
	rep.waitUntil("the correction is saved", jsSaved, jsSaveState)
	rep.submit("Gửi báo cáo")
	rep.expectFlash("Đã gửi báo cáo.")
	if s := rep.text("#report-status"); s != "Đã gửi" {
		t.Errorf("status after submitting again %q, want Đã gửi", s)
	}
	if s := rep.text("#report-timeliness"); s != "nộp đúng hạn" {
		t.Errorf("timeliness after submitting again %q, want nộp đúng hạn", s)
	}
	if eval[bool](rep, `!!document.querySelector('main .flash.bad')`) {
		t.Error("the red returned box still shows after the resubmission")
	}

	// 7. The specialist accepts it; the history tells the story.
	spec.open(reportURL)
	if !strings.Contains(spec.value(results), strings.TrimSpace(repResubmitAdd)) {
		t.Errorf("the specialist does not see the correction in the results: %q", spec.value(results))
	}
	if st := spec.follow("click Tiếp nhận", chromedp.Click(chromedp.ID("accept-btn"))); st != 200 {
		t.Errorf("after Tiếp nhận: status %d", st)
	}
	spec.expectFlash("Đã tiếp nhận báo cáo.")
	if s := spec.text("#report-status"); s != "Đã tiếp nhận" {
		t.Errorf("status after accepting %q, want Đã tiếp nhận", s)
	}
	history := eval[[][]string](spec, `(() => {
		const card = Array.from(document.querySelectorAll('main .card')).find(c => (c.querySelector('h2') || {}).textContent === 'Lịch sử');
		return card ? Array.from(card.querySelectorAll('tbody tr')).map(r => Array.from(r.cells).map(c => c.innerText.trim())) : [];
	})()`)
	var actions []string
	for _, r := range history {
		if len(r) < 4 {
			t.Fatalf("history row %q has %d cells, want 4", r, len(r))
		}
		a, _, _ := strings.Cut(r[1], " → ")
		actions = append(actions, a)
	}
	if want := []string{"Gửi", "Trả lại", "Gửi", "Tiếp nhận"}; !slices.Equal(actions, want) {
		t.Errorf("history actions %q, want %q (rows %q)", actions, want, history)
	} else {
		if history[1][3] != repReturnWhy {
			t.Errorf("the Trả lại row notes %q, want the reason %q", history[1][3], repReturnWhy)
		}
		if !strings.HasPrefix(history[0][0], "18/06/2020") {
			t.Errorf("the first Gửi is dated %q, want 18/06/2020 (the server's clock)", history[0][0])
		}
	}
	spec.screenshot("accepted-history")

	// 8. The specialist downloads the period's table and the consolidated report.
	dir := artefactDir(t, b)
	spec.open("/regimes/" + regimeID + "?period=" + repPeriodKey)
	xlsxURL := eval[string](spec, `document.getElementById('export-xlsx').getAttribute('href')`)
	if want := "/api/v1/regimes/" + regimeID + "/export.xlsx?period=" + repPeriodKey; xlsxURL != want {
		t.Errorf("the Xuất Excel link is %q, want %q", xlsxURL, want)
	}
	xl := spec.download(xlsxURL)
	checkDownload(t, xl, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
	xlsxFile := filepath.Join(dir, prefix+"-export.xlsx")
	writeFile(t, xlsxFile, xl.bytes)
	checkExportXLSX(t, xl.bytes)

	if st := spec.follow("open the consolidated report", chromedp.Click(xpathLink(`//main`, "Báo cáo tổng hợp"))); st != 200 {
		t.Fatalf("consolidated page: status %d", st)
	}
	if p := spec.path(); p != "/regimes/"+regimeID+"/consolidated?period="+repPeriodKey {
		t.Errorf("the Báo cáo tổng hợp link leads to %s", p)
	}
	if s := spec.text("main h1 + p"); !strings.Contains(s, "lập từ 7 báo cáo đã tiếp nhận") {
		t.Errorf("consolidated subtitle %q; want it built from 7 accepted reports (6 in the seed and the Hội Khuyến học's)", s)
	}
	body := eval[string](spec, `Array.from(document.querySelectorAll('#consolidated-form textarea')).map(t => t.value).join('\n')`)
	if !strings.Contains(body, "- "+repUnitShort+": "+repLimitations) {
		t.Errorf("the consolidated draft does not quote the Hội Khuyến học's limitations %q", repLimitations)
	}
	docxLink := eval[[]string](spec, `(a => a ? [a.textContent.trim(), a.getAttribute('href')] : ['', ''])(document.getElementById('docx-link'))`)
	label, docxURL := docxLink[0], docxLink[1]
	if label != "Tải văn bản (DOCX)" {
		t.Errorf("the DOCX link reads %q, want Tải văn bản (DOCX)", label)
	}
	if want := "/api/v1/regimes/" + regimeID + "/consolidated.docx?period=" + repPeriodKey; docxURL != want {
		t.Errorf("the DOCX link is %q, want %q", docxURL, want)
	}
	spec.screenshot("consolidated")
	doc := spec.download(docxURL)
	checkDownload(t, doc, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
	docxFile := filepath.Join(dir, prefix+"-consolidated.docx")
	writeFile(t, docxFile, doc.bytes)
	checkConsolidatedDOCX(t, doc.bytes)

	convertWithLibreOffice(t, dir, xlsxFile, docxFile)
}

// newLongTab is newTab with a deadline of its own for the whole tab.
func (b *browser) newLongTab(t *testing.T, base, shotPrefix string, timeout time.Duration) *tab {
	t.Helper()
	tabCtx, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancelTab)
	return startTab(t, tabCtx, cancelTab, base, b, shotPrefix, timeout)
}

// startTab opens the tab of tabCtx, bounds it with timeout, sets the
// desktop viewport and records the console, as newTab does.
func startTab(t *testing.T, tabCtx context.Context, cancelTab context.CancelFunc, base string, b *browser, shotPrefix string, timeout time.Duration) *tab {
	t.Helper()
	timer := time.AfterFunc(startTimeout, cancelTab)
	err := chromedp.Do(tabCtx)
	if !timer.Stop() {
		t.Fatalf("tab did not open within %s", startTimeout)
	}
	if err != nil {
		t.Fatalf("open tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tabCtx, timeout)
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx, base: base, b: b, name: shotPrefix}
	tb.do("set the desktop viewport", chromedp.EmulateViewport(1280, 900))
	messages := chromedp.Console(tabCtx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.console = append(tb.console, m)
			tb.mu.Unlock()
		}
	}()
	t.Cleanup(tb.checkConsole)
	return tb
}

// siblingTab is a second tab in the browser context of another: it shares
// the cookies and the localStorage, and it can be closed on its own.
type siblingTab struct {
	*tab
	cancel context.CancelFunc
}

// sibling opens a new tab in tb's browser context.
func (tb *tab) sibling(shotPrefix string) *siblingTab {
	tb.t.Helper()
	tabCtx, cancel := chromedp.NewContext(tb.ctx) // inherits the browser context
	tb.t.Cleanup(cancel)
	return &siblingTab{tab: startTab(tb.t, tabCtx, cancel, tb.base, tb.b, shotPrefix, reportingTimeout), cancel: cancel}
}

// close closes the tab at once, as a person closing it does: the page gets
// no chance to finish what its timers would do.
func (st *siblingTab) close() { st.cancel() }

// pickYear chooses a year in the year filter, which reloads the page.
func (tb *tab) pickYear(year string) {
	tb.t.Helper()
	st := tb.follow("pick the year "+year, chromedp.Evaluate[chromedp.Void](`(s => { s.value = '`+year+`'; s.dispatchEvent(new Event('change', {bubbles: true})); })(document.getElementById('year'))`))
	if st != 200 {
		tb.t.Fatalf("year %s: status %d", year, st)
	}
	if y := eval[string](tb, `document.getElementById('year').value`); y != year {
		tb.t.Errorf("after picking %s the year chooser shows %s", year, y)
	}
}

// fieldFor returns the id of the control that the label with this text
// (before " (bắt buộc)") is for.
func (tb *tab) fieldFor(label string) string {
	tb.t.Helper()
	id := eval[string](tb, fmt.Sprintf(`(() => {
		const l = Array.from(document.querySelectorAll('#report-form label')).find(l => l.textContent.replace(/\s*\(bắt buộc\)\s*$/, '').trim() === %q);
		return l && document.getElementById(l.htmlFor) ? l.htmlFor : '';
	})()`, label))
	if id == "" {
		tb.t.Fatalf("the report form has no field labelled %q", label)
	}
	return id
}

// value returns the value of the control with this id.
func (tb *tab) value(id string) string {
	tb.t.Helper()
	// A field the user cannot edit is shown as text, not as a read-only box.
	return eval[string](tb, fmt.Sprintf(`(e => e.value !== undefined ? e.value : e.textContent.trim())(document.getElementById(%q))`, id))
}

// replace selects the text of the field and types text over it.
func (tb *tab) replace(id, text string) {
	tb.t.Helper()
	tb.do("select the text of #"+id, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(e => { e.focus(); e.select(); })(document.getElementById(%q))`, id)))
	tb.do("type "+text+" into #"+id, chromedp.SendKeys(chromedp.ID(id), text))
	if v := tb.value(id); v != text {
		tb.t.Fatalf("#%s holds %q after typing over it, want %q", id, v, text)
	}
}

// typeAtEnd puts the caret at the end of the field and types text.
func (tb *tab) typeAtEnd(id, text string) {
	tb.t.Helper()
	tb.do("put the caret at the end of #"+id, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(e => { e.focus(); e.setSelectionRange(e.value.length, e.value.length); })(document.getElementById(%q))`, id)))
	before := tb.value(id)
	tb.do("type into #"+id, chromedp.SendKeys(chromedp.ID(id), text))
	if v := tb.value(id); v != before+text {
		tb.t.Fatalf("#%s holds %q after typing, want %q", id, v, before+text)
	}
}

// repFieldError is what the page shows at a field of the report form.
type repFieldError struct {
	Text          string
	HasErrorClass bool
	Visible       bool
	Row, ErrorRow int // index of the table row of the input and of the error
}

func (tb *tab) fieldError(id string) repFieldError {
	tb.t.Helper()
	return eval[repFieldError](tb, fmt.Sprintf(`(() => {
		const input = document.getElementById(%q), field = input.closest('[data-field]');
		const box = field && field.querySelector('[data-error]');
		const rows = Array.from(document.querySelectorAll('#report-form tr'));
		if (!box) return {Text: '(no [data-error] box)', HasErrorClass: false, Visible: false, Row: -1, ErrorRow: -2};
		const r = box.getBoundingClientRect();
		return {Text: box.textContent.trim(), HasErrorClass: field.classList.contains('has-error'),
			Visible: r.width > 0 && r.height > 0 && getComputedStyle(box).visibility !== 'hidden',
			Row: rows.indexOf(input.closest('tr')), ErrorRow: rows.indexOf(box.closest('tr'))};
	})()`, id))
}

// submit clicks the submit button, which saves, sends and then loads the
// report again with ?done=submit.
func (tb *tab) submit(label string) {
	tb.t.Helper()
	if l := tb.text("#submit-btn"); l != label {
		tb.t.Errorf("the submit button reads %q, want %q", l, label)
	}
	ctx, cancel := tb.step()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID("submit-btn")))
	if err != nil {
		status := "?"
		if tb.ctx.Err() == nil {
			sctx, scancel := tb.step()
			if s, serr := chromedp.Run(sctx, chromedp.Evaluate[string](jsSaveState+` + ' | errors: ' + Array.from(document.querySelectorAll('[data-error]')).map(e => e.textContent.trim()).filter(Boolean).join('; ')`)); serr == nil {
				status = s
			}
			scancel()
		}
		tb.fatal("click "+label+" (the page shows "+status+")", err)
	}
	if resp.Status != 200 {
		tb.t.Errorf("after %s: status %d", label, resp.Status)
	}
	if p := tb.path(); !strings.HasSuffix(p, "?done=submit") {
		tb.t.Errorf("after %s the page is %s, want ?done=submit", label, p)
	}
}

// expectFlash checks the confirmation at the top of the page.
func (tb *tab) expectFlash(text string) {
	tb.t.Helper()
	got := eval[string](tb, `(f => f ? f.className + ' | ' + f.textContent.trim() : '(no flash)')(document.querySelector('main > .flash'))`)
	if got != "flash ok | "+text {
		tb.t.Errorf("the page confirms %q, want a green %q", got, text)
	}
}

// repCompleteness is what the completeness page says, for the Hội Khuyến học.
type repCompleteness struct {
	Missing, OnTime  string
	Unit, Timeliness string
}

func (tb *tab) completeness() repCompleteness {
	tb.t.Helper()
	return eval[repCompleteness](tb, fmt.Sprintf(`(() => {
		const r = Array.from(document.querySelectorAll('#units-status tbody tr')).find(r => r.cells[0].textContent.trim() === %q);
		return {Missing: document.getElementById('c-missing').textContent.trim(), OnTime: document.getElementById('c-ontime').textContent.trim(),
			Unit: r ? r.cells[1].textContent.trim() : '(no row)', Timeliness: r ? r.cells[2].textContent.trim() : '(no row)'};
	})()`, repUnitName))
}

// apiReport is the part of the report's JSON that the journey checks.
type apiReport struct {
	Status       string                     `json:"status"`
	Version      int                        `json:"version"`
	Sections     map[string]string          `json:"sections"`
	Values       map[string]json.RawMessage `json:"values"`
	ReturnReason string                     `json:"return_reason"`
}

func (r apiReport) num(key string) float64 {
	f, err := strconv.ParseFloat(string(r.Values[key]), 64)
	if err != nil {
		return -1
	}
	return f
}

// serverReport reads the report from the JSON API inside the page, with the
// page's session.
func (tb *tab) serverReport(apiURL string) apiReport {
	tb.t.Helper()
	raw := evalAwait[string](tb, fmt.Sprintf(`fetch(%q, {credentials: 'same-origin', cache: 'no-store'}).then(r => r.text())`, apiURL))
	var r apiReport
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		tb.t.Fatalf("report JSON from %s: %v: %.300s", apiURL, err, raw)
	}
	return r
}

// waitServer polls the stored report until ok holds: a save shown on the
// page may be followed by one more for keys typed while it ran.
func (tb *tab) waitServer(what string, ok func(apiReport) bool, apiURL string) apiReport {
	tb.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		r := tb.serverReport(apiURL)
		if ok(r) {
			return r
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("waiting until %s: the server holds sections %q, values %s (page: %s)", what, r.Sections, fmt.Sprint(r.Values), eval[string](tb, jsSaveState))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// evalAwait evaluates an expression that returns a promise.
func evalAwait[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.fatal("evaluate "+expr, err)
	}
	return v
}

// fetched is a file downloaded inside the page.
type fetched struct {
	URL         string
	Status      int
	Type        string
	Disposition string
	Data        string // base64
	bytes       []byte
}

// download fetches url with the page's session, as the link would.
func (tb *tab) download(url string) fetched {
	tb.t.Helper()
	f := evalAwait[fetched](tb, fmt.Sprintf(`fetch(%q, {credentials: 'same-origin'}).then(async r => {
		const b = new Uint8Array(await r.arrayBuffer());
		let s = '';
		for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
		return {URL: r.url, Status: r.status, Type: r.headers.get('content-type') || '', Disposition: r.headers.get('content-disposition') || '', Data: btoa(s)};
	})`, url))
	data, err := base64.StdEncoding.DecodeString(f.Data)
	if err != nil {
		tb.t.Fatalf("download %s: %v", url, err)
	}
	f.bytes = data
	return f
}

func checkDownload(t *testing.T, f fetched, contentType, ext string) {
	t.Helper()
	t.Logf("download %s: %d, %s, %d bytes, %s", f.URL, f.Status, f.Type, len(f.bytes), f.Disposition)
	if f.Status != 200 {
		t.Fatalf("download %s: status %d: %.300s", f.URL, f.Status, f.bytes)
	}
	if f.Type != contentType {
		t.Errorf("download %s: Content-Type %q, want %q", f.URL, f.Type, contentType)
	}
	if !strings.HasPrefix(f.Disposition, "attachment;") || !strings.Contains(f.Disposition, ext+`"`) {
		t.Errorf("download %s: Content-Disposition %q, want an attachment named *%s", f.URL, f.Disposition, ext)
	}
	if !bytes.HasPrefix(f.bytes, []byte("PK\x03\x04")) {
		t.Errorf("download %s is not a zip (Office Open XML) file", f.URL)
	}
}

// checkExportXLSX opens the period's table: the Hội Khuyến học's row has 12
// sessions.
func checkExportXLSX(t *testing.T, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the XLSX does not open: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		t.Fatal("the XLSX has no sheet")
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatalf("XLSX rows: %v", err)
	}
	col, header := -1, -1
	for i, r := range rows {
		for j, c := range r {
			if strings.HasPrefix(c, "Số buổi tuyên truyền, phổ biến") {
				col, header = j, i
			}
		}
		if col >= 0 {
			break
		}
	}
	if col < 0 {
		t.Fatalf("the XLSX (sheet %q) has no column Số buổi tuyên truyền, phổ biến; first rows %q", sheets[0], rows[:min(len(rows), 3)])
	}
	for _, r := range rows[header+1:] {
		if slices.Contains(r, repUnitName) {
			t.Logf("XLSX row of the Hội Khuyến học: %q", r)
			if col >= len(r) || r[col] != "12" {
				t.Errorf("XLSX: the Hội Khuyến học's sessions read %q, want 12 (row %q)", cell(r, col), r)
			}
			if !slices.Contains(r, "Đã tiếp nhận") {
				t.Errorf("XLSX: the Hội Khuyến học's row does not say Đã tiếp nhận: %q", r)
			}
			return
		}
	}
	t.Errorf("the XLSX has no row for %s", repUnitName)
}

func cell(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// checkConsolidatedDOCX reads word/document.xml of the consolidated report.
func checkConsolidatedDOCX(t *testing.T, data []byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the DOCX is not a zip: %v", err)
	}
	var xml string
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
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
	}
	if xml == "" {
		t.Fatal("the DOCX has no word/document.xml")
	}
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(xml, "")
	for _, want := range []string{"BÁO CÁO", repUnitShort, repLimitations, repDirections} {
		if !strings.Contains(xml, want) {
			if strings.Contains(text, want) {
				t.Errorf("the DOCX has %q only split across runs", want)
			} else {
				t.Errorf("the DOCX's word/document.xml does not contain %q", want)
			}
		}
	}
}

// artefactDir is where the downloads and PDFs go: next to the screenshots.
func artefactDir(t *testing.T, b *browser) string {
	t.Helper()
	if os.Getenv(envScreenshots) != "" {
		return b.shotsDir
	}
	return t.TempDir()
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", name)
}

// convertWithLibreOffice converts the files to PDF with LibreOffice, when it
// is installed, to show that an office suite opens them.
func convertWithLibreOffice(t *testing.T, dir string, files ...string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Log("soffice (LibreOffice) is not on PATH: the PDF conversion of the XLSX and DOCX is skipped")
		return
	}
	profile := t.TempDir() // its own profile: no clash with another LibreOffice
	for _, f := range files {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
			"--convert-to", "pdf", "--outdir", dir, f)
		out, err := cmd.CombinedOutput()
		cancel()
		pdf := strings.TrimSuffix(f, filepath.Ext(f)) + ".pdf"
		if err != nil {
			t.Errorf("soffice --convert-to pdf %s: %v\n%s", filepath.Base(f), err, out)
			continue
		}
		data, err := os.ReadFile(pdf)
		switch {
		case err != nil:
			t.Errorf("LibreOffice made no PDF of %s: %v\n%s", filepath.Base(f), err, out)
		case len(data) == 0 || !bytes.HasPrefix(data, []byte("%PDF")):
			t.Errorf("LibreOffice's PDF of %s is empty or not a PDF (%d bytes)", filepath.Base(f), len(data))
		default:
			t.Logf("LibreOffice converted %s to %s (%d bytes)", filepath.Base(f), pdf, len(data))
		}
	}
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
