package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

func demoDirective(t *testing.T, env *webtest.Env) notice.Directive {
	t.Helper()
	l, err := env.Notice.List(context.Background(), system)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range l {
		if d.Title == demo.DirectiveTitle {
			return d
		}
	}
	t.Fatal("the demo directive is missing")
	return notice.Directive{}
}

// TestNoticeAPI: the Board drafts and issues a directive to two units; the
// units are notified, opening it records the first reading once, a leader
// acknowledges it and the Board sees the rates; a unit sends information up
// in a thread another unit cannot read, and the Board's reply notifies it.
func TestNoticeAPI(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		cv, rep, lead, other := apiClient(t, env, "chuyenvien"), apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "sgddt.lanhdao"), apiClient(t, env, "syt.baocao")
		var count struct{ Unread int }
		rep.do(t, "GET", "/api/v1/notifications/count", nil).want(t, http.StatusOK).decode(t, &count)
		before := count.Unread
		var d notice.Directive
		cv.do(t, "POST", "/api/v1/directives", map[string]any{"type_code": "KH", "title": "Kế hoạch tuyên truyền thử",
			"requires_ack": true, "unit_ids": []int64{env.Unit(t, "SGDDT").ID, env.Unit(t, "SKHCN").ID}}).want(t, http.StatusCreated).decode(t, &d)
		rep.do(t, "GET", path("/api/v1/directives/%d", d.ID), nil).want(t, http.StatusForbidden) // a draft is the Board's
		cv.do(t, "POST", path("/api/v1/directives/%d/issue", d.ID), map[string]int{"version": d.Version}).want(t, http.StatusOK).decode(t, &d)
		if !strings.HasSuffix(d.Symbol, "-KH/BTGTU") {
			t.Errorf("symbol %q", d.Symbol)
		}
		rep.do(t, "GET", "/api/v1/notifications/count", nil).want(t, http.StatusOK).decode(t, &count)
		if count.Unread != before+1 {
			t.Errorf("unread %d, want %d", count.Unread, before+1)
		}
		other.do(t, "GET", path("/api/v1/directives/%d", d.ID), nil).want(t, http.StatusForbidden)
		rep.do(t, "GET", path("/api/v1/directives/%d", d.ID), nil).want(t, http.StatusOK)
		env.Clock.Advance(3600e9)
		var rd struct{ Recorded bool }
		lead.do(t, "POST", path("/api/v1/directives/%d/read", d.ID), nil).want(t, http.StatusOK).decode(t, &rd)
		if rd.Recorded {
			t.Error("a second opening was recorded")
		}
		lead.do(t, "POST", path("/api/v1/directives/%d/ack", d.ID), nil).want(t, http.StatusOK)
		rep.do(t, "GET", path("/api/v1/directives/%d/receipts", d.ID), nil).want(t, http.StatusForbidden)
		var rs notice.Receipts
		cv.do(t, "GET", path("/api/v1/directives/%d/receipts", d.ID), nil).want(t, http.StatusOK).decode(t, &rs)
		if rs.Units != 2 || rs.Read != 1 || rs.Acknowledged != 1 || rs.ReadRate != 0.5 {
			t.Errorf("receipts %+v", rs)
		}
		for _, row := range rs.Rows {
			if row.UnitCode == "SGDDT" && (row.ReadBy != "sgddt.baocao" || row.AcknowledgedBy != "sgddt.lanhdao") {
				t.Errorf("SGDDT row %+v", row)
			}
		}

		var th notice.Thread
		rep.do(t, "POST", "/api/v1/messages", map[string]any{"subject": "Khó khăn khi triển khai", "body": "Đề nghị Ban hướng dẫn thêm",
			"directive_id": d.ID}).want(t, http.StatusCreated).decode(t, &th)
		if th.UnitName == "" || th.FromBoard || th.DirectiveID != d.ID {
			t.Errorf("thread %+v", th.Message)
		}
		other.do(t, "GET", path("/api/v1/messages/%d", th.ID), nil).want(t, http.StatusForbidden)
		other.do(t, "POST", path("/api/v1/messages/%d/reply", th.ID), map[string]string{"body": "x"}).want(t, http.StatusForbidden)
		rep.do(t, "GET", "/api/v1/notifications/count", nil).want(t, http.StatusOK).decode(t, &count)
		n0 := count.Unread
		cv.do(t, "POST", path("/api/v1/messages/%d/reply", th.ID), map[string]string{"body": "Ban sẽ gửi hướng dẫn"}).want(t, http.StatusCreated).decode(t, &th)
		if len(th.Replies) != 1 || !th.Replies[0].FromBoard {
			t.Errorf("replies %+v", th.Replies)
		}
		rep.do(t, "GET", "/api/v1/notifications/count", nil).want(t, http.StatusOK).decode(t, &count)
		if count.Unread != n0+1 {
			t.Errorf("reply did not notify the unit: %d → %d", n0, count.Unread)
		}
		var l listJSON[notice.Notification]
		rep.do(t, "GET", "/api/v1/notifications?unread=1", nil).want(t, http.StatusOK).decode(t, &l)
		if len(l.Items) != count.Unread || l.Items[0].Link != notice.MessageLink(th.ID) {
			t.Fatalf("unread list %+v", l.Items)
		}
		other.do(t, "POST", path("/api/v1/notifications/%d/read", l.Items[0].ID), nil).want(t, http.StatusNotFound)
		rep.do(t, "POST", path("/api/v1/notifications/%d/read", l.Items[0].ID), nil).want(t, http.StatusOK)
		rep.do(t, "POST", "/api/v1/notifications/read-all", nil).want(t, http.StatusOK)
		rep.do(t, "GET", "/api/v1/notifications/count", nil).want(t, http.StatusOK).decode(t, &count)
		if count.Unread != 0 {
			t.Errorf("unread after read-all: %d", count.Unread)
		}
	})
}

var unreadAttr = regexp.MustCompile(`data-unread="(\d+)"`)

// TestNoticePages: the demo directive's receipts table shows the units
// that never opened it; a unit opens a new directive from the bell's
// count, acknowledges it with the button, and exchanges messages.
func TestNoticePages(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		cv, rep, syt := uiClient(t, env, "chuyenvien"), uiClient(t, env, "sgddt.lanhdao"), uiClient(t, env, "syt.baocao")
		dd := demoDirective(t, env)
		wantPage(t, cv.do(t, "GET", "/directives", nil), http.StatusOK, demo.DirectiveTitle, "Đơn vị chưa đọc văn bản",
			"Đài Phát thanh - Truyền hình tỉnh", "Soạn văn bản mới")
		wantPage(t, cv.do(t, "GET", path("/directives/%d", dd.ID), nil), http.StatusOK, "Theo dõi tiếp nhận", "7/9", "Chưa đọc")

		home := wantPage(t, rep.do(t, "GET", "/", nil), http.StatusOK, `hx-get="/notifications/badge"`)
		_ = home
		badge := func() int {
			r := rep.do(t, "GET", "/notifications/badge", nil, "HX-Request", "true").want(t, http.StatusOK)
			m := unreadAttr.FindSubmatch(r.Body)
			if m == nil || strings.Contains(string(r.Body), "<html") {
				t.Fatalf("badge partial %q", r.Body)
			}
			n := 0
			for _, c := range m[1] {
				n = n*10 + int(c-'0')
			}
			return n
		}
		before := badge()
		r := cv.form(t, "/directives", url.Values{"type_code": {"CV"}, "title": {"Về việc tuyên truyền thử"}, "requires_ack": {"1"},
			"unit_ids": {path("%d", env.Unit(t, "SGDDT").ID)}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %.300s", r.Status, r.Body)
		}
		loc := r.Header.Get("Location")
		wantPage(t, cv.do(t, "GET", loc, nil), http.StatusOK, "Ban hành (cấp số)")
		d := demoDirective(t, env)
		for _, x := range mustList(t, env) {
			if x.Title == "Về việc tuyên truyền thử" {
				d = x
			}
		}
		cv.form(t, loc+"/issue", url.Values{"version": {path("%d", d.Version)}}).want(t, http.StatusSeeOther)
		if badge() != before+1 {
			t.Errorf("the bell did not count the new directive")
		}
		wantPage(t, rep.do(t, "GET", loc, nil), http.StatusOK, "Về việc tuyên truyền thử", "Xác nhận đã nhận", "Đơn vị đã đọc lúc")
		rep.form(t, loc+"/ack", url.Values{}).want(t, http.StatusSeeOther)
		page := wantPage(t, rep.do(t, "GET", loc, nil), http.StatusOK, "Đã xác nhận lúc")
		if strings.Contains(page, `id="ack-directive"`) {
			t.Error("the button stays after acknowledging")
		}
		wantPage(t, cv.do(t, "GET", loc, nil), http.StatusOK, "1/1 (100 %)")

		// Messages: the demo exchange, then a new one.
		wantPage(t, syt.do(t, "GET", "/messages", nil), http.StatusOK, demo.MessageSubject, "Gửi thông tin lên Ban")
		if p := wantPage(t, rep.do(t, "GET", "/messages", nil), http.StatusOK); strings.Contains(p, demo.MessageSubject) {
			t.Error("another unit sees the health department's thread")
		}
		r = syt.form(t, "/messages", url.Values{"subject": {"Thông tin thử"}, "body": {"Nội dung thử"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("send: %d %.300s", r.Status, r.Body)
		}
		thread := r.Header.Get("Location")
		syt.form(t, "/messages", url.Values{"subject": {""}, "body": {""}}).want(t, http.StatusUnprocessableEntity)
		rep.do(t, "GET", thread, nil).want(t, http.StatusForbidden)
		cv.form(t, thread+"/reply", url.Values{"body": {"Ban đã nhận thông tin thử"}}).want(t, http.StatusSeeOther)
		wantPage(t, syt.do(t, "GET", thread, nil), http.StatusOK, "Nội dung thử", "Ban đã nhận thông tin thử")
		wantPage(t, syt.do(t, "GET", "/notifications", nil), http.StatusOK, "Trả lời: Thông tin thử")
		l, err := env.Notice.Notifications(context.Background(), actorOf(t, env, "syt.baocao"), true)
		if err != nil || len(l) == 0 {
			t.Fatalf("notifications: %v", err)
		}
		r = syt.do(t, "GET", path("/notifications/%d", l[0].ID), nil).want(t, http.StatusSeeOther)
		if r.Header.Get("Location") != thread {
			t.Errorf("opening goes to %q, want %q", r.Header.Get("Location"), thread)
		}
		syt.form(t, "/notifications/read-all", url.Values{}).want(t, http.StatusSeeOther)
		if n, _ := env.Notice.Count(context.Background(), actorOf(t, env, "syt.baocao")); n != 0 {
			t.Errorf("unread after read-all: %d", n)
		}
	})
}

func mustList(t *testing.T, env *webtest.Env) []notice.Directive {
	t.Helper()
	l, err := env.Notice.List(context.Background(), system)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func actorOf(t *testing.T, env *webtest.Env, username string) org.Actor {
	t.Helper()
	u := env.User(t, username)
	return org.ActorFor(&u, "")
}
