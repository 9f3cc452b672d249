package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestMessageFiles: a unit sends information up from the page with a file
// and a link to its own report; a file the product does not take sends
// nothing; the Board replies with a file; the unit may no longer change
// its message's files once answered; other units see none of it.
func TestMessageFiles(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		sgddt := env.Unit(t, "SGDDT")
		own, _ := matrixRegimes(t, env)
		rp := org.Actor{Username: "sgddt.baocao", UnitID: sgddt.ID, Roles: []org.Role{org.RoleUnitReporter}}
		report, err := env.Reporting.SaveDraft(context.Background(), rp, own.ID, "2030-H1", sgddt.ID,
			reporting.Draft{Sections: map[string]string{"results": "Đạt"}})
		if err != nil {
			t.Fatal(err)
		}
		page, spec := uiClient(t, env, "sgddt.baocao"), apiClient(t, env, "chuyenvien")
		fields := map[string]string{"subject": "Số liệu tiêm chủng tháng 3", "body": "Đơn vị gửi kèm bảng số liệu.", "report_id": path("%d", report.ID)}
		r := page.multipart(t, "/messages", fields, "trang.html", []byte(outletPage))
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "Loại tệp không được chấp nhận") {
			t.Fatalf("a message with an HTML file: %d", r.Status)
		}
		var l listJSON[notice.Message]
		spec.do(t, "GET", "/api/v1/messages", nil).want(t, http.StatusOK).decode(t, &l)
		for _, m := range l.Items {
			if m.Subject == fields["subject"] {
				t.Fatalf("a refused file still sent the message: %+v", m)
			}
		}
		r = page.multipart(t, "/messages", fields, "Số liệu tháng 3.pdf", attachmentPDF)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/messages/") {
			t.Fatalf("send with a file: %d %s", r.Status, r.Body)
		}
		var th notice.Thread
		spec.do(t, "GET", "/api/v1"+r.Header.Get("Location"), nil).want(t, http.StatusOK).decode(t, &th)
		if len(th.Attachments) != 1 || th.Attachments[0].Name != "Số liệu tháng 3.pdf" || th.ReportID != report.ID ||
			th.ReportLink != path("/reports/%d/2030-H1/%d", own.ID, sgddt.ID) {
			t.Fatalf("the thread as the Board reads it: %+v", th.Message)
		}
		html := string(page.do(t, "GET", notice.MessageLink(th.ID), nil).want(t, http.StatusOK).Body)
		if !strings.Contains(html, th.ReportLink) || !strings.Contains(html, path("/api/v1/messages/%d/attachments/%d", th.ID, th.Attachments[0].ID)) ||
			!strings.Contains(html, "message-attach-form") {
			t.Errorf("the author's thread page lacks the report link, the file or the form to add one")
		}
		other := env.Unit(t, "SKHCN")
		e := spec.do(t, "POST", "/api/v1/messages", map[string]any{"unit_id": other.ID, "subject": "Hỏi", "body": "Nội dung", "report_id": report.ID}).
			want(t, http.StatusUnprocessableEntity).errorBody(t)
		if e.Error.Fields["report_id"] == "" {
			t.Errorf("a link to another unit's report: %+v", e.Error)
		}

		board := uiClient(t, env, "chuyenvien")
		if r := board.multipart(t, path("/messages/%d/reply", th.ID), map[string]string{"body": "Ban đã nhận, gửi kèm biểu mẫu."}, "bieu-mau.pdf", attachmentPDF); r.Status != http.StatusSeeOther {
			t.Fatalf("the Board's reply with a file: %d %s", r.Status, r.Body)
		}
		rep := apiClient(t, env, "sgddt.baocao")
		rep.do(t, "GET", path("/api/v1/messages/%d", th.ID), nil).want(t, http.StatusOK).decode(t, &th)
		if len(th.Replies) != 1 || len(th.Replies[0].Attachments) != 1 {
			t.Fatalf("the reply's file: %+v", th.Replies)
		}
		rep.multipart(t, path("/api/v1/messages/%d/attachments", th.ID), nil, "muon.pdf", attachmentPDF).want(t, http.StatusConflict)
		reply := th.Replies[0]
		r = rep.do(t, "GET", path("/api/v1/messages/%d/attachments/%d", reply.ID, reply.Attachments[0].ID), nil).want(t, http.StatusOK)
		if !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") {
			t.Errorf("download: %v", r.Header)
		}
		skhcn := apiClient(t, env, "skhcn.baocao")
		skhcn.do(t, "GET", path("/api/v1/messages/%d/attachments", th.ID), nil).want(t, http.StatusForbidden)
		skhcn.do(t, "GET", path("/api/v1/messages/%d/attachments/%d", reply.ID, reply.Attachments[0].ID), nil).want(t, http.StatusForbidden)
		var more blob.File
		spec.multipart(t, path("/api/v1/messages/%d/attachments", reply.ID), nil, "bo-sung.pdf", attachmentPDF).
			want(t, http.StatusCreated).decode(t, &more)
		spec.do(t, "DELETE", path("/api/v1/messages/%d/attachments/%d", reply.ID, more.ID), nil).want(t, http.StatusNoContent)
	})
}

// TestConferenceInvitation: scheduling a conference through the API tells
// the invited units' users and the invited people at once, in the app,
// and moving it tells them the new time; the organiser and units not
// invited hear nothing.
func TestConferenceInvitation(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		spec := apiClient(t, env, "chuyenvien")
		leader := env.User(t, "lanhdao")
		start := env.Clock.Now().Add(10 * 24 * time.Hour).Truncate(time.Hour)
		var m meeting.Meeting
		spec.do(t, "POST", "/api/v1/meetings", map[string]any{"kind": "thematic", "title": "Hội nghị chuyên đề chuyển đổi số trong giáo dục",
			"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(3 * time.Hour).Format(time.RFC3339), "place": "Hội trường Tỉnh ủy",
			"unit_ids": []int64{env.Unit(t, "SGDDT").ID}, "people": []map[string]any{{"user_id": leader.ID}}}).
			want(t, http.StatusCreated).decode(t, &m)
		invites := func(username string) []notice.Notification {
			var l listJSON[notice.Notification]
			apiClient(t, env, username).do(t, "GET", "/api/v1/notifications", nil).want(t, http.StatusOK).decode(t, &l)
			var out []notice.Notification
			for _, n := range l.Items {
				if n.Kind == notice.KindMeeting {
					out = append(out, n)
				}
			}
			return out
		}
		for _, who := range []string{"sgddt.baocao", "sgddt.lanhdao", "lanhdao"} {
			got := invites(who)
			if len(got) != 1 || !strings.HasPrefix(got[0].Title, "Giấy mời dự hội nghị: Hội nghị chuyên đề chuyển đổi số") ||
				got[0].Link != meeting.Link(m.ID) || !strings.Contains(got[0].Title, meeting.When(start)) {
				t.Fatalf("%s: %+v", who, got)
			}
		}
		for _, who := range []string{"chuyenvien", "syt.baocao"} {
			if got := invites(who); len(got) != 0 {
				t.Fatalf("%s was invited: %+v", who, got)
			}
		}
		moved := start.Add(24 * time.Hour)
		spec.do(t, "PATCH", path("/api/v1/meetings/%d", m.ID), map[string]any{"kind": "thematic", "title": m.Title, "place": m.Place,
			"starts_at": moved.Format(time.RFC3339), "ends_at": moved.Add(3 * time.Hour).Format(time.RFC3339), "version": m.Version,
			"unit_ids": m.UnitIDs, "people": m.People}).want(t, http.StatusOK)
		if got := invites("sgddt.baocao"); len(got) != 2 || !strings.HasPrefix(got[0].Title, "Hội nghị đổi thời gian") ||
			!strings.Contains(got[0].Title, meeting.When(moved)) {
			t.Fatalf("after the move: %+v", got)
		}
	})
}
