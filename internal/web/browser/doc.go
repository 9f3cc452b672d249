// Package browser holds end-to-end tests that drive a real Chromium through
// the HTML interface with chromedp: signing in, the units list with its htmx
// live search, the new-unit form and its field errors, the polite 403 page,
// and the phone layout.
//
// The tests start the real server over a fresh database with the demo
// organisation (see internal/web/webtest). They run only when the variable
// KHOAGIAO_TEST_BROWSER is 1; they then need Debian's Chromium at
// /usr/bin/chromium and fail when it is missing. Screenshots go to the
// directory named by KHOAGIAO_SCREENSHOTS, or to a temporary directory:
//
//	KHOAGIAO_TEST_BROWSER=1 KHOAGIAO_SCREENSHOTS=/tmp/shots go test ./internal/web/browser/ -v -count=1
//
// The package has no non-test code.
package browser
