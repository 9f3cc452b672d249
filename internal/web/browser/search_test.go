package browser

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestBrowserSearchJourney is issue 6's proof in Chromium: the health
// department's reporter types "phong chong dich" — no accents — in the
// header's box, finds the Board's COVID-19 directive of the demo with the
// words marked on their accented spelling, opens it, and sees no other
// unit's report among the results.
func TestBrowserSearchJourney(t *testing.T) {
	requireBrowser(t)
	env := webtest.New(t, sqldb.SQLite)
	b := startBrowser(t)
	tb := b.newTab(t, env.URL, "search")
	if st := tb.signIn("syt.baocao", webtest.Password); st != 200 {
		t.Fatalf("sign in: status %d", st)
	}
	tb.do("type in the header's search box", chromedp.WaitVisible(chromedp.ID("header-search")),
		chromedp.SendKeys(chromedp.ID("header-search"), "phong chong dich"))
	if st := tb.follow("press Enter", chromedp.SendKeys(chromedp.ID("header-search"), kb.Enter)); st != 200 {
		t.Fatalf("search page: status %d", st)
	}
	if p := tb.path(); !strings.HasPrefix(p, "/search?q=phong+chong+dich") {
		t.Fatalf("the box led to %s", p)
	}
	tb.waitUntil("the results are shown", `document.querySelectorAll('#search-results li.result').length > 0`,
		`document.querySelector('main').innerText`)
	found := eval[[]string](tb, `Array.from(document.querySelectorAll('li.result[data-type=directive] .result-title')).map(a => a.textContent.trim())`)
	if !slices.Contains(found, demo.DirectiveTitle) {
		t.Fatalf("directives found %q, want %q", found, demo.DirectiveTitle)
	}
	marks := eval[[]string](tb, `Array.from(document.querySelectorAll('li.result[data-type=directive] .result-title mark')).map(m => m.textContent)`)
	if strings.Join(marks, " ") != "phòng chống dịch" {
		t.Errorf("marked words %q, want the accented spelling", marks)
	}
	units := eval[[]string](tb, `Array.from(document.querySelectorAll('li.result[data-type=report] .result-title')).map(a => a.textContent)`)
	for _, u := range units {
		if !strings.HasSuffix(strings.TrimSpace(u), "Sở Y tế") {
			t.Errorf("another unit's report among the results: %q", u)
		}
	}
	if facets := tb.text("#search-facets"); !strings.Contains(facets, "Văn bản chỉ đạo") {
		t.Errorf("facets %q", facets)
	}
	tb.screenshot("results")
	if st := tb.follow("open the directive", chromedp.Click(xpathLink(`//li[@data-type="directive"]`, demo.DirectiveTitle))); st != 200 {
		t.Fatalf("directive page: status %d", st)
	}
	if p := tb.path(); !strings.HasPrefix(p, "/directives/") {
		t.Fatalf("the result led to %s", p)
	}
	if h := tb.text("main h1"); !strings.Contains(h, "COVID-19") {
		t.Errorf("directive page heading %q", h)
	}
}
