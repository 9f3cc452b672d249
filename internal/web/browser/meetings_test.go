package browser

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestMinutesAutosave: the minutes are saved as the secretary types; when
// someone else saved in between, the page shows both texts instead of
// overwriting, and "keep mine" saves over them knowingly.
func TestMinutesAutosave(t *testing.T) {
	requireBrowser(t)
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			env := webtest.New(t, d)
			b := startBrowser(t)
			minutesJourney(t, b, env, string(d))
		})
	}
}

func minutesJourney(t *testing.T, b *browser, env *webtest.Env, prefix string) {
	ctx, sys := context.Background(), org.SystemActor("test")
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	m, err := env.Meeting.Create(ctx, sys, meeting.Meeting{Kind: meeting.Quarterly, Title: "Giao ban quý (thử biên bản)",
		StartsAt: start, EndsAt: start.Add(2 * time.Hour), UnitIDs: []int64{env.Unit(t, "SGDDT").ID}})
	if err != nil {
		t.Fatal(err)
	}
	stored := func() meeting.Minutes {
		got, err := env.Meeting.Find(ctx, sys, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Minutes
	}
	tb := b.newTab(t, env.URL, prefix+"-minutes")
	if st := tb.signIn("chuyenvien", webtest.Password); st != 200 {
		t.Fatalf("sign-in: status %d", st)
	}
	if st := tb.open("/meetings/" + strconv.FormatInt(m.ID, 10)); st != 200 {
		t.Fatalf("conference page: status %d", st)
	}
	const status = `document.getElementById('minutes-status').className + ': ' + document.getElementById('minutes-status').textContent`
	tb.do("type the opening", chromedp.SendKeys(chromedp.ID("minutes-text"), "Khai mạc lúc 8 giờ."))
	tb.waitUntil("the first text is saved", `document.getElementById('minutes-status').className === 'saved'`, status)
	if got := stored(); got.Text != "Khai mạc lúc 8 giờ." || got.Version != 1 {
		t.Fatalf("stored after autosave: %+v", got)
	}

	// Someone else saves from another place.
	if _, err := env.Meeting.SaveMinutes(ctx, sys, m.ID, 1, "Bản của thư ký khác."); err != nil {
		t.Fatal(err)
	}
	tb.do("type more", chromedp.SendKeys(chromedp.ID("minutes-text"), " Đại biểu thảo luận."))
	tb.waitUntil("the conflict shows both texts", `!document.getElementById('minutes-conflict').hidden`, status)
	theirs, mine := tb.text("#minutes-theirs"), tb.text("#minutes-mine")
	if theirs != "Bản của thư ký khác." || !strings.Contains(mine, "Đại biểu thảo luận.") {
		t.Errorf("conflict shows theirs %q and mine %q", theirs, mine)
	}
	if got := stored(); got.Text != "Bản của thư ký khác." {
		t.Errorf("the stale save overwrote the other text: %q", got.Text)
	}
	key := `localStorage.getItem('kg-minutes:` + strconv.FormatInt(m.ID, 10) + `')`
	if !eval[bool](tb, key+` !== null`) {
		t.Error("the unsaved text is not kept in localStorage during the conflict")
	}
	tb.screenshot("minutes-conflict")
	tb.do("keep mine", chromedp.Click(chromedp.ID("minutes-keep-mine")))
	tb.waitUntil("mine is saved", `document.getElementById('minutes-status').className === 'saved'`, status)
	if got := stored(); got.Text != "Khai mạc lúc 8 giờ. Đại biểu thảo luận." || got.Version != 3 {
		t.Errorf("stored after keeping mine: %+v", got)
	}
	if eval[bool](tb, key+` !== null`) {
		t.Error("the local copy stays after a successful save")
	}
}
