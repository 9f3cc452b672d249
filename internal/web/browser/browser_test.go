package browser

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

const (
	newCode = "SNNMT"
	newName = "Sở Nông nghiệp và Môi trường"

	forbiddenTitle = "Bạn không có quyền xem trang này"
	badCredentials = "Tên đăng nhập hoặc mật khẩu không đúng."
	duplicateCode  = "Mã đơn vị đã tồn tại"
)

// JavaScript that reads the units table as the person sees it.
const (
	jsRowCount  = `document.querySelectorAll('#units tbody tr').length`
	jsUnitNames = `Array.from(document.querySelectorAll('#units tbody tr td:nth-child(2) a')).map(a => a.textContent.trim())`
	jsTableText = `(document.getElementById('units-table') || {innerText: '(no #units-table)'}).innerText.slice(0, 400)`
)

// TestBrowserJourneys drives Chromium through the HTML interface: each
// journey is a subtest with its own tab, cookies and deadline.
func TestBrowserJourneys(t *testing.T) {
	requireBrowser(t)
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			env := webtest.New(t, d)
			b := startBrowser(t)
			prefix := string(d)
			t.Run("specialist_creates_searches_and_sorts_units", func(t *testing.T) {
				specialistUnitsJourney(t, b, env, prefix)
			})
			t.Run("unit_reporter_is_refused_politely", func(t *testing.T) {
				reporterForbiddenJourney(t, b, env, prefix)
			})
			t.Run("wrong_password", func(t *testing.T) {
				wrongPasswordJourney(t, b, env, prefix)
			})
			t.Run("phone_width_has_no_horizontal_overflow", func(t *testing.T) {
				phoneJourney(t, b, env, prefix)
			})
		})
	}
}

// xpathLink selects a link by its visible text inside the element matched
// by the XPath scope.
func xpathLink(scope, text string) chromedp.Search {
	return chromedp.Search(fmt.Sprintf(`%s//a[normalize-space(.)=%q]`, scope, text))
}

// Journey 1: the Board's specialist signs in, adds a unit, finds it with
// the live search, sees the list in Vietnamese order, and is told when a
// code is used twice.
func specialistUnitsJourney(t *testing.T, b *browser, env *webtest.Env, prefix string) {
	tb := b.newTab(t, env.URL, prefix)

	// A visitor who is not signed in is sent to the sign-in page.
	tb.open("/")
	if p := tb.path(); !strings.HasPrefix(p, "/login") {
		t.Fatalf("anonymous visit to /: page is %s, want the sign-in page", p)
	}
	if st := tb.signIn("chuyenvien", webtest.Password); st != 200 {
		t.Fatalf("sign-in: status %d, want 200", st)
	}
	if p := tb.path(); p != "/" {
		t.Fatalf("after sign-in: page %s, want /", p)
	}
	if h := tb.text("main h1"); !strings.Contains(h, "Nguyễn Thị Khánh Linh") {
		t.Errorf("home heading %q does not greet the specialist by name", h)
	}
	t.Logf("viewport %s", eval[string](tb, `window.innerWidth + '×' + window.innerHeight`))

	// Open "Đơn vị" from the navigation, then "Thêm đơn vị".
	if st := tb.follow("click Đơn vị", chromedp.Click(xpathLink(`//nav[contains(@class,"main")]`, "Đơn vị"))); st != 200 {
		t.Fatalf("units list: status %d", st)
	}
	if h := tb.text("main h1"); h != "Đơn vị" {
		t.Fatalf("units list heading %q, want Đơn vị", h)
	}
	before := eval[int](tb, jsRowCount)
	if before != len(demo.Units) {
		t.Errorf("units list shows %d rows, want the %d demo units", before, len(demo.Units))
	}
	if st := tb.follow("click Thêm đơn vị", chromedp.Click(xpathLink(`//main`, "Thêm đơn vị"))); st != 200 {
		t.Fatalf("new-unit form: status %d", st)
	}
	if h := tb.text("main h1"); h != "Thêm đơn vị" {
		t.Fatalf("new-unit form heading %q, want Thêm đơn vị", h)
	}

	// Fill in the form and save.
	tb.do("fill the new-unit form",
		chromedp.SendKeys(chromedp.ID("code"), newCode),
		chromedp.SendKeys(chromedp.ID("name"), newName),
		chromedp.SetValue(chromedp.ID("kind"), "bloc_member"),
		chromedp.Click(chromedp.CSS(`form.card input[type=checkbox][name=bloc]`)),
	)
	if got := eval[string](tb, `document.getElementById('name').value`); got != newName {
		t.Fatalf("name field holds %q after typing, want %q", got, newName)
	}
	if !eval[bool](tb, `document.querySelector('form.card input[name=bloc]').checked`) {
		t.Fatal("the bloc box is not ticked after the click")
	}
	if kind := eval[string](tb, `(s => s.options[s.selectedIndex].text)(document.getElementById('kind'))`); kind == "" || kind == "bloc_member" {
		t.Errorf("kind select shows %q, want a Vietnamese label", kind)
	}
	st := tb.follow("save the new unit", chromedp.Click(chromedp.Search(`//form[contains(@class,"card")]//button[normalize-space(.)="Lưu"]`)))
	if st != 200 {
		t.Fatalf("after saving: status %d, want 200 (page: %s)", st, tb.text("main"))
	}
	if p := tb.path(); !strings.HasPrefix(p, "/units?") || !strings.Contains(p, "q="+newCode) {
		t.Errorf("after saving: page %s, want the list filtered on the new code", p)
	}
	row := eval[string](tb, `(() => { const r = Array.from(document.querySelectorAll('#units tbody tr')).find(r => r.cells[0] && r.cells[0].textContent.trim() === '`+newCode+`'); return r ? r.cells[1].innerText + ' | ' + r.cells[4].innerText : '' })()`)
	if name, status, _ := strings.Cut(row, " | "); !strings.Contains(name, newName) || !strings.HasSuffix(name, "Khối") || status != "Hoạt động" {
		t.Errorf("after saving, the list row of %s reads %q; want its name with the Khối badge, and Hoạt động", newCode, row)
	}
	tb.screenshot("units-after-create")

	// Back to the whole list; search without accents.
	tb.follow("click Đơn vị again", chromedp.Click(xpathLink(`//nav[contains(@class,"main")]`, "Đơn vị")))
	tb.waitUntil("htmx is loaded", `!!window.htmx`, "")
	total := len(demo.Units) + 1
	if n := eval[int](tb, jsRowCount); n != total {
		t.Fatalf("units list shows %d rows, want %d", n, total)
	}
	// A marker on window survives an htmx swap but not a page load.
	tb.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__kgNoReload = true`))
	tb.do("type in the search box", chromedp.SendKeys(chromedp.ID("q"), "nong nghiep"))
	tb.waitUntil("the table shows only "+newName,
		jsRowCount+` === 1 && document.getElementById('units').innerText.includes('`+newName+`')`, jsTableText)
	if !eval[bool](tb, `window.__kgNoReload === true`) {
		t.Error("the search reloaded the page; want an htmx swap of #units-table")
	}
	if c := tb.text("#units-count"); c != "1 đơn vị" {
		t.Errorf("count above the table %q, want 1 đơn vị", c)
	}
	if p := tb.path(); !strings.Contains(p, "q=nong+nghiep") && !strings.Contains(p, "q=nong%20nghiep") {
		t.Errorf("address after search %s; want the query pushed (q=nong+nghiep) so it can be shared and reloaded", p)
	}
	tb.screenshot("units-search")

	// Clear the search: the whole list comes back, in Vietnamese order.
	tb.do("clear the search box", chromedp.SendKeys(chromedp.ID("q"), strings.Repeat(kb.Backspace, len([]rune("nong nghiep")))))
	if v := eval[string](tb, `document.getElementById('q').value`); v != "" {
		t.Fatalf("search box holds %q after clearing", v)
	}
	tb.waitUntil(fmt.Sprintf("the table shows all %d units again", total), fmt.Sprintf(`%s === %d`, jsRowCount, total), jsTableText)
	if !eval[bool](tb, `window.__kgNoReload === true`) {
		t.Error("clearing the search reloaded the page; want an htmx swap")
	}
	names := eval[[]string](tb, jsUnitNames)
	if bad := orderProblems(names); len(bad) > 0 {
		for _, b := range bad {
			t.Error(b)
		}
		t.Logf("names on screen: %q", names)
	}

	// The same code again: the form comes back with the error at the code.
	tb.follow("click Thêm đơn vị again", chromedp.Click(xpathLink(`//main`, "Thêm đơn vị")))
	dupName := "Sở Nông nghiệp (nhập trùng mã)"
	tb.do("fill the form with a used code",
		chromedp.SendKeys(chromedp.ID("code"), newCode),
		chromedp.SendKeys(chromedp.ID("name"), dupName),
	)
	st = tb.follow("save with a used code", chromedp.Click(chromedp.Search(`//form[contains(@class,"card")]//button[normalize-space(.)="Lưu"]`)))
	if st != 422 {
		t.Errorf("saving a used code: status %d, want 422", st)
	}
	if h := tb.text("main h1"); h != "Thêm đơn vị" {
		t.Fatalf("after the refused save the heading is %q, want the form again", h)
	}
	type fieldError struct {
		Text                   string
		HasErrorClass, Visible bool
		InputBottom, ErrorTop  float64
		InputLeft, ErrorLeft   float64
	}
	fe := eval[fieldError](tb, `(() => {
		const input = document.getElementById('code');
		const field = input.closest('.field');
		const err = field && field.querySelector('.error');
		if (!err) return {Text: '', HasErrorClass: !!field && field.classList.contains('has-error')};
		const a = input.getBoundingClientRect(), b = err.getBoundingClientRect();
		return {Text: err.textContent.trim(), HasErrorClass: field.classList.contains('has-error'),
			Visible: b.width > 0 && b.height > 0 && getComputedStyle(err).visibility !== 'hidden',
			InputBottom: a.bottom, ErrorTop: b.top, InputLeft: a.left, ErrorLeft: b.left};
	})()`)
	if !strings.Contains(fe.Text, duplicateCode) {
		t.Errorf("error at the code field %q, want it to contain %q", fe.Text, duplicateCode)
	}
	if !fe.HasErrorClass || !fe.Visible {
		t.Errorf("code field error: has-error class %v, visible %v; want both", fe.HasErrorClass, fe.Visible)
	}
	// "Next to the field": below the input (under its hint), in its column.
	if fe.Text != "" && (fe.ErrorTop < fe.InputBottom || fe.ErrorTop-fe.InputBottom > 80 || abs(fe.ErrorLeft-fe.InputLeft) > 4) {
		t.Errorf("code error at (left %.0f, top %.0f), input ends at (left %.0f, bottom %.0f); want it just under the code input",
			fe.ErrorLeft, fe.ErrorTop, fe.InputLeft, fe.InputBottom)
	}
	if got := eval[string](tb, `document.getElementById('name').value`); got != dupName {
		t.Errorf("the refused form lost the typed name: %q, want %q", got, dupName)
	}
	if got := eval[string](tb, `document.getElementById('code').value`); got != newCode {
		t.Errorf("the refused form lost the typed code: %q", got)
	}
	tb.screenshot("unit-form-duplicate-code")
}

// orderProblems checks the names column as read from the screen: it must
// hold every demo unit and the new one, in Vietnamese alphabetical order,
// where "Đ" follows "D" (byte order would put it after "Z"). It returns
// what is wrong, or nothing.
func orderProblems(names []string) []string {
	var bad []string
	idx := func(name string) int {
		i := slices.Index(names, name)
		if i < 0 {
			bad = append(bad, fmt.Sprintf("the list has no %q", name))
		}
		return i
	}
	for _, u := range demo.Units {
		idx(u.Name)
	}
	idx(newName)
	if len(bad) > 0 {
		return bad
	}
	before := func(a, b string) {
		if ia, ib := idx(a), idx(b); ia >= ib {
			bad = append(bad, fmt.Sprintf("%q is at row %d and %q at row %d; want %q first", a, ia+1, b, ib+1, a))
		}
	}
	before("Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ")
	before("Sở Lao động - Thương binh và Xã hội", newName)
	before(newName, "Sở Tài nguyên và Môi trường")
	dai := "Đài Phát thanh - Truyền hình tỉnh"
	for _, n := range names {
		if strings.HasPrefix(n, "Cơ quan") {
			before(n, dai)
		}
	}
	before(dai, "Hội Khuyến học tỉnh")
	if names[len(names)-1] == dai {
		bad = append(bad, fmt.Sprintf("%q is last: byte order, not Vietnamese order", dai))
	}
	// The whole column, against an independent Vietnamese collator.
	c := collate.New(language.Vietnamese)
	for i := 1; i < len(names); i++ {
		if c.CompareString(names[i-1], names[i]) > 0 {
			bad = append(bad, fmt.Sprintf("rows %d and %d out of Vietnamese order: %q before %q", i, i+1, names[i-1], names[i]))
		}
	}
	return bad
}

// TestOrderProblems shows that the order check of the browser journey can
// fail: it accepts the Vietnamese order and rejects byte order. It needs no
// browser.
func TestOrderProblems(t *testing.T) {
	var names []string
	for _, u := range demo.Units {
		names = append(names, u.Name)
	}
	names = append(names, newName)
	collate.New(language.Vietnamese).SortStrings(names)
	if bad := orderProblems(names); len(bad) > 0 {
		t.Errorf("Vietnamese order rejected: %q", bad)
	}
	bytewise := slices.Clone(names)
	slices.Sort(bytewise)
	if bad := orderProblems(bytewise); len(bad) == 0 {
		t.Errorf("byte order accepted: %q", bytewise)
	}
	if bad := orderProblems(names[1:]); len(bad) == 0 {
		t.Error("a missing unit went unnoticed")
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// Journey 2: a unit reporter is refused the audit log and the new-unit
// form with a polite page, and is not offered the audit log at all.
func reporterForbiddenJourney(t *testing.T, b *browser, env *webtest.Env, prefix string) {
	tb := b.newTab(t, env.URL, prefix)
	tb.open("/login")
	if st := tb.signIn("sgddt.baocao", webtest.Password); st != 200 {
		t.Fatalf("sign-in: status %d, want 200", st)
	}
	if h := tb.text("main h1"); !strings.Contains(h, "Nguyễn Thị Hoa") {
		t.Errorf("home heading %q does not greet the reporter by name", h)
	}
	noAuditLink := func(where string) {
		t.Helper()
		links := tb.navLinks()
		if len(links) == 0 {
			t.Errorf("%s: no navigation links at all", where)
		}
		for _, l := range links {
			if strings.Contains(l, "Nhật ký") || strings.HasSuffix(l, " /audit") {
				t.Errorf("%s: the navigation offers %q to a unit reporter", where, l)
			}
		}
	}
	noAuditLink("home")

	for _, path := range []string{"/audit", "/units/new"} {
		if st := tb.open(path); st != 403 {
			t.Errorf("%s: status %d, want 403", path, st)
		}
		if h := tb.text("main h1"); h != forbiddenTitle {
			t.Errorf("%s: heading %q, want %q", path, h, forbiddenTitle)
		}
		if body := tb.text("main"); !strings.Contains(body, "liên hệ quản trị hệ thống") {
			t.Errorf("%s: the refusal does not say whom to ask: %q", path, body)
		}
		if !eval[bool](tb, `!!document.querySelector('main a[href="/"]')`) {
			t.Errorf("%s: no way back to the home page", path)
		}
		noAuditLink(path)
		tb.screenshot("forbidden" + strings.ReplaceAll(path, "/", "-"))
	}

	// The list does not offer what the reporter may not do.
	tb.open("/units")
	if eval[bool](tb, `Array.from(document.querySelectorAll('main a')).some(a => a.textContent.trim() === 'Thêm đơn vị')`) {
		t.Error(`the units list offers "Thêm đơn vị" to a unit reporter`)
	}
}

// Journey 3: a wrong password is refused with a message on the sign-in page.
func wrongPasswordJourney(t *testing.T, b *browser, env *webtest.Env, prefix string) {
	tb := b.newTab(t, env.URL, prefix)
	tb.open("/login")
	if st := tb.signIn("chuyenvien", "khong-phai-mat-khau"); st != 401 {
		t.Errorf("wrong password: status %d, want 401", st)
	}
	if p := tb.path(); !strings.HasPrefix(p, "/login") {
		t.Errorf("after a wrong password the page is %s, want the sign-in page", p)
	}
	if msg := tb.text("main"); !strings.Contains(msg, badCredentials) {
		t.Errorf("sign-in page does not show %q; it shows %q", badCredentials, msg)
	}
	if eval[bool](tb, `!!document.querySelector('nav.main')`) {
		t.Error("the navigation for signed-in users shows after a wrong password")
	}
	if u := eval[string](tb, `document.getElementById('username').value`); u != "chuyenvien" {
		t.Errorf("username field %q after the refusal, want it kept", u)
	}
	if p := eval[string](tb, `document.getElementById('password').value`); p != "" {
		t.Error("the password field was filled back in after the refusal")
	}
	tb.screenshot("login-wrong-password")
}

// Journey 4: on a phone the units list (and the form) fit the screen.
func phoneJourney(t *testing.T, b *browser, env *webtest.Env, prefix string) {
	tb := b.newTab(t, env.URL, prefix)
	tb.do("emulate a 390×844 phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	tb.open("/login")
	if st := tb.signIn("chuyenvien", webtest.Password); st != 200 {
		t.Fatalf("sign-in: status %d, want 200", st)
	}
	type overflow struct {
		Inner, Scroll int
		Wide          []string
	}
	// A mobile browser widens the layout viewport (and zooms out) when the
	// content is too wide, so innerWidth alone would hide an overflow: the
	// check compares with the phone's 390 px too.
	const jsOverflow = `(() => {
		const w = Math.min(window.innerWidth, 390), wide = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > w + 1) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
				(el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(r.right));
		}
		return {Inner: window.innerWidth, Scroll: document.documentElement.scrollWidth, Wide: wide.slice(0, 8)};
	})()`
	for _, pg := range []struct{ path, shot string }{{"/units", "units-phone"}, {"/units/new", "unit-form-phone"}} {
		if st := tb.open(pg.path); st != 200 {
			t.Fatalf("%s: status %d", pg.path, st)
		}
		o := eval[overflow](tb, jsOverflow)
		if o.Inner != 390 {
			t.Errorf("%s: window.innerWidth is %d on a 390 px phone: the content is too wide and the browser zoomed out; too wide: %q", pg.path, o.Inner, o.Wide)
		} else if o.Scroll > o.Inner+1 {
			t.Errorf("%s: the page is %d px wide on a %d px screen (horizontal scroll); too wide: %q", pg.path, o.Scroll, o.Inner, o.Wide)
		}
		if pg.path == "/units" {
			if n := eval[int](tb, jsRowCount); n == 0 {
				t.Errorf("/units on a phone shows no rows")
			}
			if d := eval[string](tb, `getComputedStyle(document.querySelector('#units thead')).display`); d != "none" {
				t.Errorf("/units on a phone: table head display %q, want the card layout (none)", d)
			}
		}
		tb.screenshot(pg.shot)
	}
}
