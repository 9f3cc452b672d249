package web_test

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// inSeedDays runs fn per engine over a server whose clock starts on
// 25 June 2020, five days before the seed conference (users and their
// sessions are made in that time too); the demo holds that conference, its
// notice number 1 of 2020 issued on 3 July, and its tasks.
func inSeedDays(t *testing.T, fn func(t *testing.T, env *webtest.Env)) {
	t.Helper()
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			fn(t, webtest.NewAt(t, d, time.Date(2020, 6, 25, 9, 0, 0, 0, vntext.Location)))
		})
	}
}

// wantPage checks a page answered status and shows every text.
func wantPage(t *testing.T, r resp, status int, texts ...string) string {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body %.600s", r.Status, status, r.Body)
	}
	body := html.UnescapeString(string(r.Body))
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	return body
}

// TestConferencePages: a specialist plans the third-quarter conference of
// 2020 through the forms (no script), fills agenda, attendance, minutes and
// the conclusion, and issues it as number 2 of 2020 (the demo's six-month
// notice is number 1); preparing it shows the demo conference's tasks, and
// preparing the next one shows its own; an invited unit reads it; a unit
// not invited is refused.
func TestConferencePages(t *testing.T) {
	inSeedDays(t, func(t *testing.T, env *webtest.Env) {
		spec := uiClient(t, env, "chuyenvien")
		wantPage(t, spec.do(t, "GET", "/meetings", nil), 200, "Thêm hội nghị", `href="/meetings"`, `href="/calendar"`)
		wantPage(t, spec.do(t, "GET", "/meetings/new", nil), 200, "SGDDT", "SYT", "BAOTINH") // the Bloc is invited by default
		form := formValues("kind", "quarterly", "title", "Hội nghị giao ban công tác khoa giáo quý III năm 2020",
			"day", "31/02/2020", "from", "08:00", "to", "11:30", "place", "Hội trường Tỉnh ủy", "chair_name", "Lê Văn Tuấn",
			"unit_codes", "SGDDT\nSYT\nSKHCN", "people", "Đại diện UBND tỉnh\n@sgddt.lanhdao")
		wantPage(t, spec.form(t, "/meetings", form), http.StatusUnprocessableEntity, "Ngày họp không hợp lệ")
		form.Set("day", "30/09/2020")
		r := spec.form(t, "/meetings", form).want(t, http.StatusSeeOther)
		id, err := strconv.ParseInt(regexp.MustCompile(`/meetings/(\d+)`).FindStringSubmatch(r.Header.Get("Location"))[1], 10, 64)
		if err != nil {
			t.Fatalf("Location %q", r.Header.Get("Location"))
		}
		page := path("/meetings/%d", id)
		wantPage(t, spec.do(t, "GET", page, nil), 200, "Hội nghị giao ban công tác khoa giáo quý III năm 2020", "08:00–11:30",
			`name="ag_count" value="3"`, "Sở Y tế", "Trần Văn Bình")

		sgddt := strconv.FormatInt(env.Unit(t, "SGDDT").ID, 10)
		agenda := formValues("version", "1", "ag_count", "3", "ag_title_0", "Báo cáo kết quả 6 tháng", "ag_from_0", "8h", "ag_to_0", "08:30",
			"ag_title_2", "Thảo luận", "ag_unit_2", sgddt, "ag_from_2", "08:30", "ag_to_2", "10:00")
		wantPage(t, spec.form(t, page+"/agenda", agenda), http.StatusUnprocessableEntity, "Giờ theo dạng HH:MM", `value="Thảo luận"`)
		agenda.Set("ag_from_0", "08:00")
		spec.form(t, page+"/agenda", agenda).want(t, http.StatusSeeOther)
		wantPage(t, spec.do(t, "GET", page, nil), 200, `value="Báo cáo kết quả 6 tháng"`, `name="ag_count" value="5"`)

		att := formValues("version", "2", "at_count", "2", "at_unit_0", sgddt, "at_status_0", "present",
			"at_unit_1", strconv.FormatInt(env.Unit(t, "SYT").ID, 10), "at_status_1", "represented")
		wantPage(t, spec.form(t, page+"/attendance", att), http.StatusUnprocessableEntity, "Ghi rõ người dự thay")
		att.Set("at_by_1", "Phó Giám đốc Sở Y tế")
		spec.form(t, page+"/attendance", att).want(t, http.StatusSeeOther)

		spec.form(t, page+"/minutes", formValues("minutes_version", "0", "minutes", "Khai mạc lúc 8 giờ.")).want(t, http.StatusSeeOther)
		wantPage(t, spec.form(t, page+"/minutes", formValues("minutes_version", "0", "minutes", "Bản thứ hai.")), http.StatusConflict,
			"Khai mạc lúc 8 giờ.", "Bản thứ hai.", `name="minutes_version" value="1"`)

		items := formValues("version", "0", "subject", "Kết luận của đồng chí Lê Văn Tuấn tại Hội nghị giao ban", "body_intro", "Mở đầu.",
			"sig_authority", "T/M BAN TUYÊN GIÁO", "sig_position", "TRƯỞNG BAN", "sig_name", "Lê Văn Tuấn", "recipients", "Lưu Văn phòng.",
			"it_count", "3", "it_text_0", "Đào tạo, bồi dưỡng cán bộ", "it_lead_0", "SGDDT", "it_support_0", "SYT, SKHCN", "it_due_0", "31/12/2020", "it_key_0", "on",
			"it_text_2", "Việc của đơn vị lạ", "it_lead_2", "KHONGCO", "action", "save")
		wantPage(t, spec.form(t, page+"/conclusion", items), http.StatusUnprocessableEntity, "Không tìm thấy đơn vị có mã KHONGCO", `value="SYT, SKHCN"`)
		items.Set("it_lead_2", "SKHCN")
		items.Set("action", "issue")
		env.Clock.Set(time.Date(2020, 10, 2, 9, 0, 0, 0, vntext.Location))
		spec.form(t, page+"/conclusion", items).want(t, http.StatusSeeOther)
		wantPage(t, spec.do(t, "GET", page+"?done=issue", nil), 200, "Số 2-TB/BTGTU", "Đã ban hành thông báo kết luận",
			"Đang thực hiện trong hạn", "Không thời hạn", `href="/api/v1/meetings/`+strconv.FormatInt(id, 10)+`/conclusion.docx"`)
		wantPage(t, spec.do(t, "GET", page+"/conclusion", nil), 200, "THÔNG BÁO", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 2-TB/BTGTU",
			"Quảng Trị, ngày 02 tháng 10 năm 2020", "Chủ trì: Sở GD&ĐT; phối hợp: Sở KH&CN, Sở YT; thời hạn: 31/12/2020.")
		wantPage(t, spec.do(t, "GET", page+"/prepare", nil), 200, demo.ConferenceTitle, "Số 1-TB/BTGTU")

		// The next conference's preparation shows where the tasks stand.
		form.Set("title", "Hội nghị tổng kết công tác khoa giáo năm 2020")
		form.Set("day", "30/12/2020")
		next := spec.form(t, "/meetings", form).want(t, http.StatusSeeOther).Header.Get("Location")
		next = strings.TrimSuffix(next, "?done=create")
		wantPage(t, spec.do(t, "GET", next+"/prepare", nil), 200, "Đào tạo, bồi dưỡng cán bộ", "Đang thực hiện trong hạn", "Sở GD&ĐT")

		// Editing the demo conference's details keeps its chair and invited
		// users linked to their accounts (the form shows their names only).
		demoConf, err := env.Meeting.List(context.Background(), org.SystemActor("test"), meeting.Filter{Q: demo.ConferenceTitle}, false)
		if err != nil || len(demoConf) != 1 || demoConf[0].ChairUserID == 0 {
			t.Fatalf("demo conference: %+v, %v", demoConf, err)
		}
		dp := path("/meetings/%d", demoConf[0].ID)
		edit := wantPage(t, spec.do(t, "GET", dp+"/edit", nil), 200, demoConf[0].ChairName)
		if !strings.Contains(edit, `name="status" value="concluded"`) {
			t.Error("the edit form of a concluded conference offers to change its status")
		}
		edited := formValues("version", strconv.Itoa(demoConf[0].Version), "kind", "six_month", "title", demo.ConferenceTitle,
			"day", "30/06/2020", "from", "08:00", "to", "11:30", "place", "Hội trường mới", "chair_name", demoConf[0].ChairName,
			"unit_codes", "SGDDT\nSYT", "status", "concluded")
		spec.form(t, dp, edited).want(t, http.StatusSeeOther)
		if after, _ := env.Meeting.Find(context.Background(), org.SystemActor("test"), demoConf[0].ID); after.ChairUserID != demoConf[0].ChairUserID ||
			after.Place != "Hội trường mới" || after.Status != "concluded" {
			t.Errorf("after editing: chair user %d, place %q, status %s", after.ChairUserID, after.Place, after.Status)
		}

		reporter := uiClient(t, env, "sgddt.baocao")
		body := wantPage(t, reporter.do(t, "GET", page, nil), 200, "Số 2-TB/BTGTU", "Khai mạc lúc 8 giờ.")
		if strings.Contains(body, `id="agenda-form"`) || strings.Contains(body, `id="conclusion-form"`) {
			t.Error("a unit reporter is offered the organiser's forms")
		}
		reporter.do(t, "GET", page+"/edit", nil).want(t, http.StatusForbidden)
		reporter.form(t, page+"/agenda", agenda).want(t, http.StatusForbidden)
		reporter.do(t, "GET", page+"/prepare", nil).want(t, http.StatusForbidden)
		uiClient(t, env, "baotinh.baocao").do(t, "GET", page, nil).want(t, http.StatusForbidden)
	})
}

// TestCalendarSubscription: the "Lịch" page makes a secret address once;
// calendar programs read it without signing in; a new address retires it.
func TestCalendarSubscription(t *testing.T) {
	inSeedDays(t, func(t *testing.T, env *webtest.Env) {
		spec := apiClient(t, env, "chuyenvien")
		m, _ := yearEndConference(t, env, spec)
		var other meetingJSON
		spec.do(t, "POST", "/api/v1/meetings", map[string]any{"kind": "thematic", "title": "Chuyên đề khoa học và công nghệ",
			"starts_at": "2020-12-28T08:00:00+07:00", "ends_at": "2020-12-28T10:00:00+07:00",
			"unit_ids": []int64{env.Unit(t, "SKHCN").ID}}).want(t, http.StatusCreated).decode(t, &other)
		rep := uiClient(t, env, "sgddt.baocao")
		wantPage(t, rep.do(t, "GET", "/calendar", nil), 200, "Bạn chưa có đường dẫn đăng ký lịch.")
		body := wantPage(t, rep.form(t, "/calendar", url.Values{}), 200, "chỉ hiện một lần", "webcal://")
		found := regexp.MustCompile(`id="calendar-url" value="([^"]+)"`).FindStringSubmatch(body)
		if found == nil || !strings.HasPrefix(found[1], env.URL+"/calendar/kgc_") || !strings.HasSuffix(found[1], ".ics") {
			t.Fatalf("no subscription address on the page: %v", found)
		}
		feedPath := strings.TrimPrefix(found[1], env.URL)
		feed := anon(env).do(t, "GET", feedPath, nil).want(t, http.StatusOK)
		if ct := feed.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		cal, err := goical.NewDecoder(bytes.NewReader(feed.Body)).Decode()
		if err != nil {
			t.Fatalf("feed does not parse: %v\n%s", err, feed.Body)
		}
		events := map[string]string{}
		for _, ev := range cal.Events() {
			uid, _ := ev.Props.Text(goical.PropUID)
			events[uid], _ = ev.Props.Text(goical.PropSummary)
			if u, _ := ev.Props.URI(goical.PropURL); u != nil && !strings.HasPrefix(u.String(), env.URL+"/meetings/") {
				t.Errorf("event URL %s", u)
			}
		}
		if events[path("meeting-%d@khoagiao", m.ID)] != m.Title {
			t.Errorf("events %q lack the conference Sở GD&ĐT is invited to", events)
		}
		if _, ok := events[path("meeting-%d@khoagiao", other.ID)]; ok {
			t.Errorf("the feed of Sở GD&ĐT shows a conference of SKHCN alone")
		}
		wantPage(t, rep.do(t, "GET", "/calendar", nil), 200, "Bạn đã có đường dẫn đăng ký lịch, tạo lúc 25/06/2020")
		rep.form(t, "/calendar", url.Values{}).want(t, http.StatusOK)
		anon(env).do(t, "GET", feedPath, nil).want(t, http.StatusNotFound)
		anon(env).do(t, "GET", "/calendar/kgc_doan-bua.ics", nil).want(t, http.StatusNotFound)
	})
}
