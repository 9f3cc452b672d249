package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestPressAssignmentNotifiesTheUnit: assigning a case puts a notification
// with its deadline in the bell of the lead unit's users at once, and of
// nobody else; re-routing tells the new unit.
func TestPressAssignmentNotifiesTheUnit(t *testing.T) {
	forEachDialectAt(t, time.Date(2021, time.March, 1, 9, 0, 0, 0, vntext.Location), func(t *testing.T, env *webtest.Env) {
		board, rep, other := apiClient(t, env, "chuyenvien"), apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "syt.baocao")
		sgddt, syt := env.Unit(t, "SGDDT"), env.Unit(t, "SYT")
		var c press.Case
		board.do(t, "POST", "/api/v1/press-cases", map[string]any{"outlet": "Báo Giáo dục và Thời đại",
			"url": "https://giaoducthoidai.vn/lam-thu", "title": "Lạm thu đầu năm học", "field": "education"}).want(t, http.StatusCreated).decode(t, &c)
		p := path("/api/v1/press-cases/%d", c.ID)
		press := func(cl *client) []string {
			var out struct {
				Items []struct{ Kind, Title, Link string }
			}
			cl.do(t, "GET", "/api/v1/notifications", nil).want(t, http.StatusOK).decode(t, &out)
			var got []string
			for _, n := range out.Items {
				if n.Kind == "press" {
					got = append(got, n.Title+" → "+n.Link)
				}
			}
			return got
		}
		board.do(t, "POST", p+"/assign", map[string]any{"version": c.Version, "lead_unit_id": sgddt.ID}).want(t, http.StatusOK).decode(t, &c)
		got := press(rep)
		if len(got) != 1 || !strings.Contains(got[0], "Lạm thu đầu năm học") || !strings.Contains(got[0], path("→ /press/%d", c.ID)) ||
			!strings.Contains(got[0], "hạn "+c.Due.In(time.UTC).Format("02/01/2006")) {
			t.Fatalf("lead unit's notifications %q", got)
		}
		if n := press(other); len(n) != 0 {
			t.Fatalf("another unit was notified: %q", n)
		}
		board.do(t, "POST", p+"/assign", map[string]any{"version": c.Version, "lead_unit_id": syt.ID}).want(t, http.StatusOK)
		if n := press(other); len(n) != 1 {
			t.Fatalf("the new lead unit has %q", n)
		}
	})
}
