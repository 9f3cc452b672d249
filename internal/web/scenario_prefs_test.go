package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestNotificationPrefs: a reporter turns directive e-mail off through the
// API, sees it on the page, turns message e-mail on through the page, and
// another user's preferences stay at their defaults.
func TestNotificationPrefs(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		rep, other := apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "syt.baocao")
		get := func(c *client) map[string]bool {
			var l listJSON[notice.Pref]
			c.do(t, "GET", "/api/v1/me/notification-prefs", nil).want(t, http.StatusOK).decode(t, &l)
			out := map[string]bool{}
			for _, p := range l.Items {
				out[p.Kind] = p.Email
			}
			return out
		}
		if p := get(rep); !p[notice.KindReminder] || !p[notice.KindDirective] || p[notice.KindMessage] {
			t.Fatalf("defaults = %v", p)
		}
		rep.do(t, "PUT", "/api/v1/me/notification-prefs", map[string]any{"email": map[string]bool{notice.KindDirective: false, "unknown": true}}).
			want(t, http.StatusOK)
		if p := get(rep); !p[notice.KindReminder] || p[notice.KindDirective] || p[notice.KindMessage] {
			t.Fatalf("after PUT = %v", p)
		}
		if p := get(other); !p[notice.KindDirective] {
			t.Fatalf("another user's prefs changed: %v", p)
		}

		ui := uiClient(t, env, "sgddt.baocao")
		page := ui.do(t, "GET", "/account/notifications", nil).want(t, http.StatusOK)
		body := string(page.Body)
		if !strings.Contains(body, `name="email_reminder" value="1" checked`) || strings.Contains(body, `name="email_directive" value="1" checked`) {
			t.Errorf("page does not show the stored choices:\n%s", body)
		}
		if !strings.Contains(body, `href="/account/notifications"`) {
			t.Error("the user menu lacks the link")
		}
		saved := ui.form(t, "/account/notifications", url.Values{"email_reminder": {"1"}, "email_message": {"1"}}).want(t, http.StatusOK)
		if !strings.Contains(string(saved.Body), "Đã lưu tùy chọn thông báo.") {
			t.Error("no flash after saving")
		}
		if p := get(rep); !p[notice.KindReminder] || p[notice.KindDirective] || !p[notice.KindMessage] {
			t.Fatalf("after the form = %v", p)
		}
	})
}
