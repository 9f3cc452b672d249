package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	// envBrowser turns the browser tests on when it is "1".
	envBrowser = "KHOAGIAO_TEST_BROWSER"
	// envScreenshots names the directory for the screenshots.
	envScreenshots = "KHOAGIAO_SCREENSHOTS"
	// chromiumPath is Debian's Chromium.
	chromiumPath = "/usr/bin/chromium"

	// journeyTimeout bounds one journey (one subtest, one tab).
	journeyTimeout = 60 * time.Second
	// startTimeout bounds the start of the browser and of a tab.
	startTimeout = 30 * time.Second
	// waitTimeout bounds one wait for the page to reach a state.
	waitTimeout = 10 * time.Second
	// stepTimeout bounds one step (a click, a load, a read), so that a
	// missing element fails fast and names the step.
	stepTimeout = 15 * time.Second
)

// requireBrowser skips unless the browser tests are asked for, and fails when
// they are asked for and Chromium is missing.
func requireBrowser(t *testing.T) {
	t.Helper()
	if os.Getenv(envBrowser) != "1" {
		t.Skipf("browser tests are off: set %s=1 to run them (they need Chromium at %s)", envBrowser, chromiumPath)
	}
	fi, err := os.Stat(chromiumPath)
	if err != nil {
		t.Fatalf("%s=1 but Chromium is not usable at %s: %v (apt-get install chromium)", envBrowser, chromiumPath, err)
	}
	if fi.IsDir() || fi.Mode()&0o111 == 0 {
		t.Fatalf("%s=1 but %s is not an executable file", envBrowser, chromiumPath)
	}
}

// screenshotDir returns the directory for screenshots: $KHOAGIAO_SCREENSHOTS
// (created if needed) or a temporary directory of the test.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(envScreenshots)
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshots: %v", err)
	}
	return dir
}

// browser is one headless Chromium shared by the journeys of a test; each
// journey gets its own tab in its own browser context (own cookies).
type browser struct {
	ctx      context.Context
	shotsDir string
}

// startBrowser starts headless Chromium with a fresh profile directory and
// stops it (and removes the directory) when the test ends.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	profile, err := os.MkdirTemp("", "khoagiao-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeAllRetry(t, profile) })

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// A Vietnamese browser: the server picks the language from
		// Accept-Language, and headless Chromium sends en-US by default.
		chromedp.Flag("lang", "vi-VN"),
		chromedp.Flag("accept-lang", "vi-VN,vi"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc) // waits for the browser to exit
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)

	// The first run binds the browser's life to ctx, so it must not carry a
	// deadline; a timer cancels it instead if the start hangs.
	timer := time.AfterFunc(startTimeout, cancel)
	err = chromedp.Do(ctx)
	if !timer.Stop() {
		t.Fatalf("chromium did not start within %s", startTimeout)
	}
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return &browser{ctx: ctx, shotsDir: screenshotDir(t)}
}

// removeAllRetry removes a directory that a child of Chromium may still be
// writing to for a moment after the browser exits.
func removeAllRetry(t *testing.T, dir string) {
	var err error
	for range 10 {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("could not remove the Chromium profile %s: %v", dir, err)
}

// tab is one journey's page: a tab in a fresh browser context, with a
// deadline, and a record of what the page wrote to its console.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	b    *browser
	name string // screenshot prefix

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// newTab opens a tab in a new browser context (no cookies shared with other
// journeys) for the server at base. Uncaught exceptions and console errors
// other than failed network loads fail the test when it ends.
func (b *browser) newTab(t *testing.T, base, shotPrefix string) *tab {
	t.Helper()
	tabCtx, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancelTab)
	timer := time.AfterFunc(startTimeout, cancelTab)
	err := chromedp.Do(tabCtx)
	if !timer.Stop() {
		t.Fatalf("tab did not open within %s", startTimeout)
	}
	if err != nil {
		t.Fatalf("open tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tabCtx, journeyTimeout)
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx, base: base, b: b, name: shotPrefix}
	// New headless Chromium counts window decorations in --window-size
	// (1280×900 gives a 1280×757 page); emulate the intended page size.
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
	t.Cleanup(tb.checkConsole) // runs before the tab closes
	return tb
}

// checkConsole reports uncaught exceptions and console errors such as CSP
// violations. Failed loads (the 403/401/422 documents the journeys ask for)
// are the browser's network log, not page errors, and are only logged.
func (tb *tab) checkConsole() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, m := range tb.console {
		switch {
		case m.IsException():
			tb.t.Errorf("page exception at %s:%d: %s", m.URL, m.Line, m.Text)
		case m.Type == chromedp.ConsoleError && m.Source == "network":
			tb.t.Logf("console (network): %s", m.Text)
		case m.Type == chromedp.ConsoleError:
			tb.t.Errorf("console error (%s) at %s: %s", m.Source, m.URL, m.Text)
		case m.Type == chromedp.ConsoleWarning:
			tb.t.Logf("console warning (%s): %s", m.Source, m.Text)
		}
	}
}

// step returns a context for one step: the journey's, with stepTimeout.
func (tb *tab) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(tb.ctx, stepTimeout)
}

// fatal stops the journey with the step that failed and where the page was.
func (tb *tab) fatal(step string, err error) {
	tb.t.Helper()
	if errors.Is(err, context.DeadlineExceeded) {
		if tb.ctx.Err() != nil {
			err = fmt.Errorf("%w (journey timeout %s)", err, journeyTimeout)
		} else {
			err = fmt.Errorf("%w (step timeout %s: an element missing, or no page load?)", err, stepTimeout)
		}
	}
	loc := "?"
	if tb.ctx.Err() == nil {
		ctx, cancel := tb.step()
		if l, lerr := chromedp.Run(ctx, chromedp.Location()); lerr == nil {
			loc = l
		}
		cancel()
	}
	tb.t.Fatalf("%s: %v (page: %s)", step, err, loc)
}

// do runs actions that return nothing.
func (tb *tab) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.fatal(step, err)
	}
}

// open loads path and returns the status of the document.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.fatal("open "+path, err)
	}
	return resp.Status
}

// follow runs actions that load a new document (a click on a link, a form
// submission) and returns the HTTP status of the final document, after
// redirects.
func (tb *tab) follow(step string, actions ...chromedp.Action[chromedp.Void]) int64 {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		tb.fatal(step, err)
	}
	return resp.Status
}

// text returns the visible text of the first element matching css.
func (tb *tab) text(css string) string {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		tb.fatal("read text of "+css, err)
	}
	return strings.TrimSpace(s)
}

// path returns the path and query of the page.
func (tb *tab) path() string {
	tb.t.Helper()
	return eval[string](tb, `location.pathname + location.search`)
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.fatal("evaluate "+expr, err)
	}
	return v
}

// waitUntil polls a JavaScript predicate until it is true; on timeout the
// journey fails with what and with the value of explain, evaluated then.
func (tb *tab) waitUntil(what, predicate, explain string) {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](predicate,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(waitTimeout)))
	if err != nil {
		got := "?"
		if explain != "" && tb.ctx.Err() == nil {
			ectx, ecancel := tb.step()
			defer ecancel()
			if s, eerr := chromedp.Run(ectx, chromedp.Evaluate[string](explain)); eerr == nil {
				got = s
			}
		}
		tb.fatal(fmt.Sprintf("waiting until %s (page shows: %s)", what, got), err)
	}
}

// screenshot saves a full-page PNG as <prefix>-<name>.png.
func (tb *tab) screenshot(name string) string {
	tb.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.fatal("screenshot "+name, err)
	}
	file := filepath.Join(tb.b.shotsDir, tb.name+"-"+name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		tb.t.Fatalf("write screenshot: %v", err)
	}
	tb.t.Logf("screenshot: %s", file)
	return file
}

// signIn fills the sign-in form the way a person does and submits it; it
// returns the status of the page that the form leads to.
func (tb *tab) signIn(username, password string) int64 {
	tb.t.Helper()
	if p := tb.path(); !strings.HasPrefix(p, "/login") {
		tb.open("/login")
	}
	if lang := eval[string](tb, `document.documentElement.lang`); lang != "vi" {
		tb.t.Fatalf("the sign-in page is in %q; the journeys expect a Vietnamese browser to get Vietnamese", lang)
	}
	tb.do("fill the sign-in form",
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), password),
	)
	return tb.follow("submit the sign-in form", chromedp.Click(chromedp.CSS(`.login form button[type=submit]`)))
}

// navLinks returns the texts and targets of the main navigation links.
func (tb *tab) navLinks() []string {
	tb.t.Helper()
	return eval[[]string](tb, `Array.from(document.querySelectorAll('nav.main a')).map(a => a.textContent.trim() + ' ' + a.getAttribute('href'))`)
}
