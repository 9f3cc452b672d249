package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
)

// Notification preferences: every signed-in user reads and sets their own,
// and only their own.
func init() {
	expected["GET /me/notification-prefs"] = map[string]statuses{"-": everyone(200)}
	expected["PUT /me/notification-prefs"] = map[string]statuses{"-": everyone(200)}
}

// prefRequest builds the matrix cells of the preference routes.
func prefRequest(t *testing.T, f *fixture, key string, cl *caller, _ string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if !strings.Contains(key, "/me/notification-prefs") {
		return "", nil, nil, nil, false
	}
	if key == "GET /me/notification-prefs" {
		return "/me/notification-prefs", nil, nil, onOK(func(t *testing.T, r resp) {
			var l listJSON[notice.Pref]
			if r.decode(t, &l); len(l.Items) != len(notice.PrefKinds) {
				t.Errorf("%d prefs, want %d", len(l.Items), len(notice.PrefKinds))
			}
		}), true
	}
	want := f.next()%2 == 0
	others := func() map[string]bool {
		got := map[string]bool{}
		ps, err := f.env.Notice.Prefs(context.Background(), org.ActorFor(&f.otherUser, ""))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			got[p.Kind] = p.Email
		}
		return got
	}
	before := others()
	return "/me/notification-prefs", map[string]any{"email": map[string]bool{notice.KindMessage: want}}, nil, func(t *testing.T, r resp) {
		ps, err := f.env.Notice.Prefs(context.Background(), org.ActorFor(&cl.user, ""))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.Kind == notice.KindMessage && r.Status == http.StatusOK && p.Email != want {
				t.Errorf("status %d, %s e-mail now %v, want %v", r.Status, cl.name, p.Email, want)
			}
		}
		if f.otherUser.ID != cl.user.ID && others()[notice.KindMessage] != before[notice.KindMessage] {
			t.Errorf("%s changed another user's prefs", cl.name)
		}
	}, true
}
