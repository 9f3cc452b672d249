package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestHolidaysAPI: everyone reads the holiday table and the working-day
// arithmetic; the administrator changes it, every change is audited, and
// the arithmetic follows at once.
func TestHolidaysAPI(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		admin, reporter := apiClient(t, env, "admin"), apiClient(t, env, "sgddt.baocao")

		var l listJSON[calendar.Holiday]
		reporter.do(t, "GET", "/api/v1/holidays?year=2020", nil).want(t, http.StatusOK).decode(t, &l)
		tet := civil.D(2020, time.January, 25)
		found := false
		for _, h := range l.Items {
			found = found || h.Date == tet && h.Name == "Tết Nguyên đán (mùng 1 tháng Giêng)" && h.Kind == calendar.KindHoliday
			if h.Date.Year != 2020 {
				t.Errorf("2020 lists %s", h.Date)
			}
		}
		if !found || l.Total != len(l.Items) {
			t.Errorf("2020 (%d/%d days) lacks Tết on 25/01: %.400s", len(l.Items), l.Total, strings.Join(names(l.Items), "; "))
		}
		if got := workingDay(t, reporter, "2020-01-14", 5); got != "2020-01-21" {
			t.Errorf("5 working days after 14/01/2020 = %s, want 2020-01-21", got)
		}
		if got := workingDay(t, reporter, "2020-01-14", 7); got != "2020-01-30" {
			t.Errorf("7 working days after 14/01/2020 = %s, want 2020-01-30 (Tết skipped)", got)
		}

		// A make-up Saturday becomes a working day for everyone at once.
		const fri, sat, mon = "2030-03-08", "2030-03-09", "2030-03-11"
		if got := workingDay(t, reporter, fri, 1); got != mon {
			t.Fatalf("before: next working day after Friday %s = %s, want %s", fri, got, mon)
		}
		var h calendar.Holiday
		admin.do(t, "PUT", "/api/v1/holidays/"+sat, map[string]string{"name": "Làm bù cho ngày nghỉ 30/04", "kind": "makeup_workday"}).
			want(t, http.StatusOK).decode(t, &h)
		if h.Date.String() != sat || h.Kind != calendar.KindMakeupWorkday || h.Name != "Làm bù cho ngày nghỉ 30/04" {
			t.Errorf("PUT answered %+v", h)
		}
		if got := workingDay(t, reporter, fri, 1); got != sat {
			t.Errorf("after: next working day after Friday %s = %s, want the make-up Saturday %s", fri, got, sat)
		}
		if got := workingDays(t, reporter, fri, mon); got != 2 {
			t.Errorf("working days %s → %s = %d, want 2", fri, mon, got)
		}
		if got := workingDays(t, reporter, mon, fri); got != -2 {
			t.Errorf("working days %s → %s = %d, want -2", mon, fri, got)
		}
		admin.do(t, "PUT", "/api/v1/holidays/"+sat, map[string]string{"name": "Làm bù (đổi tên)", "kind": "makeup_workday"}).want(t, http.StatusOK)

		// Refusals: bad input names its fields; only the administrator writes.
		wantFields(t, admin.do(t, "PUT", "/api/v1/holidays/"+mon, map[string]string{"name": "Làm bù thứ Hai", "kind": "makeup_workday"}), "kind")
		wantFields(t, admin.do(t, "PUT", "/api/v1/holidays/2030-02-30", map[string]string{"name": "Không có ngày này"}), "date")
		wantFields(t, admin.do(t, "PUT", "/api/v1/holidays/hom-nay", map[string]string{"name": " ", "kind": "half_day"}), "date", "name", "kind")
		wantFields(t, admin.do(t, "DELETE", "/api/v1/holidays/2030-13-01", nil), "date")
		wantFields(t, reporter.do(t, "GET", "/api/v1/calendar/working-days?n=3", nil), "from")
		wantFields(t, reporter.do(t, "GET", "/api/v1/calendar/working-days?from=2030-03-08&n=ba", nil), "n")
		wantFields(t, reporter.do(t, "GET", "/api/v1/calendar/working-days?from=2030-03-08&n=100000", nil), "n")
		wantFields(t, reporter.do(t, "GET", "/api/v1/calendar/working-days-between?from=2030-03-08&to=31/02/2030", nil), "to")
		wantFields(t, reporter.do(t, "GET", "/api/v1/holidays?year=99", nil), "year")
		for _, who := range []*client{reporter, apiClient(t, env, "chuyenvien"), apiClient(t, env, "lanhdao")} {
			who.do(t, "PUT", "/api/v1/holidays/"+mon, map[string]string{"name": "Nghỉ không được phép"}).want(t, http.StatusForbidden).errorBody(t)
			who.do(t, "DELETE", "/api/v1/holidays/"+sat, nil).want(t, http.StatusForbidden).errorBody(t)
		}
		if got := workingDay(t, reporter, fri, 1); got != sat {
			t.Errorf("a refused change reached the calendar: next working day %s", got)
		}

		admin.do(t, "DELETE", "/api/v1/holidays/"+sat, nil).want(t, http.StatusNoContent)
		admin.do(t, "DELETE", "/api/v1/holidays/"+sat, nil).want(t, http.StatusNotFound).errorBody(t)
		if got := workingDay(t, reporter, fri, 1); got != mon {
			t.Errorf("after delete: next working day after %s = %s, want %s", fri, got, mon)
		}

		// Every change, and only those, in the audit trail.
		var a listJSON[auditJSON]
		admin.do(t, "GET", "/api/v1/audit?entity=holiday", nil).want(t, http.StatusOK).decode(t, &a)
		var got []string
		for _, e := range a.Items {
			got = append(got, e.Action+" "+e.EntityID+" "+e.Actor)
		}
		want := map[string]bool{"create " + sat + " admin": true, "update " + sat + " admin": true, "delete " + sat + " admin": true}
		if len(got) != len(want) {
			t.Fatalf("audit of holidays = %v, want %v", got, want)
		}
		for _, g := range got {
			if !want[g] {
				t.Errorf("unexpected audit entry %q (all: %v)", g, got)
			}
		}
	})
}

// TestHolidaysPage: the administrator keeps the calendar through the page;
// a unit reporter sees it read-only and is refused when posting.
func TestHolidaysPage(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		ctx := context.Background()
		admin, reporter := uiClient(t, env, "admin"), uiClient(t, env, "sgddt.baocao")
		cal, err := env.Calendar.Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		days2020 := cal.WorkingDaysBetween(civil.D(2019, time.December, 31), civil.D(2020, time.December, 31))

		r := admin.do(t, "GET", "/holidays?year=2020", nil).want(t, http.StatusOK)
		checkPage(t, r, http.StatusOK)
		page := string(r.Body)
		for _, s := range []string{"25/01/2020", "Thứ Bảy", "Tết Nguyên đán (mùng 1 tháng Giêng)", "Nghỉ lễ, Tết", "âm lịch",
			`<strong>` + path("%d", days2020) + `</strong> ngày làm việc trong năm 2020`, `id="holiday-form"`, `action="/holidays/2020-01-25/delete"`,
			`data-confirm=`, `href="/holidays" class="active"`} {
			if !strings.Contains(page, s) {
				t.Errorf("admin page lacks %q", s)
			}
		}

		// Add a make-up Saturday; the redirect carries a flash.
		const sat = "09/03/2030"
		r = admin.form(t, "/holidays", url.Values{"date": {sat}, "name": {"Làm bù cho ngày 30/04"}, "kind": {"makeup_workday"}, "year": {"2020"}})
		r.want(t, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		if !strings.HasPrefix(loc, "/holidays?") || !strings.Contains(loc, "year=2030") {
			t.Fatalf("redirect to %q", loc)
		}
		page = string(admin.do(t, "GET", loc, nil).want(t, http.StatusOK).Body)
		for _, s := range []string{"Đã lưu ngày 09/03/2030.", "Làm bù cho ngày 30/04", "Thứ Bảy", ">Làm bù</span>"} {
			if !strings.Contains(page, s) {
				t.Errorf("page after saving lacks %q", s)
			}
		}
		if c, _ := env.Calendar.Calendar(ctx); !c.IsWorkingDay(civil.D(2030, time.March, 9)) {
			t.Error("the make-up Saturday is not a working day")
		}

		// Errors re-render the form with 422, the typed values and the messages beside the fields.
		r = admin.form(t, "/holidays", url.Values{"date": {"11/03/2030"}, "name": {"Thứ Hai làm bù"}, "kind": {"makeup_workday"}})
		r.want(t, http.StatusUnprocessableEntity)
		page = string(r.Body)
		for _, s := range []string{`role="alert">Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.`, `value="11/03/2030"`, `value="Thứ Hai làm bù"`, "has-error"} {
			if !strings.Contains(page, s) {
				t.Errorf("422 page (kind) lacks %q", s)
			}
		}
		r = admin.form(t, "/holidays", url.Values{"date": {"31/02/2030"}, "name": {""}, "kind": {"holiday"}, "year": {"2030"}})
		r.want(t, http.StatusUnprocessableEntity)
		page = string(r.Body)
		for _, s := range []string{`role="alert">Ngày không hợp lệ`, `role="alert">Tên ngày nghỉ là bắt buộc.`, `value="31/02/2030"`, "Lịch nghỉ 2030"} {
			if !strings.Contains(page, s) {
				t.Errorf("422 page (date, name) lacks %q", s)
			}
		}

		// The unit reporter reads the calendar and changes nothing.
		r = reporter.do(t, "GET", "/holidays?year=2030", nil).want(t, http.StatusOK)
		page = string(r.Body)
		if !strings.Contains(page, "09/03/2030") || !strings.Contains(page, `id="holidays"`) {
			t.Error("the reporter does not see the year's table")
		}
		for _, s := range []string{`id="holiday-form"`, "/delete", `href="/holidays"`} {
			if strings.Contains(page, s) {
				t.Errorf("the reporter's page shows %q", s)
			}
		}
		r = reporter.form(t, "/holidays", url.Values{"date": {"12/03/2030"}, "name": {"Nghỉ tự đặt"}, "kind": {"holiday"}})
		r.want(t, http.StatusForbidden)
		checkPage(t, r, http.StatusForbidden)
		reporter.form(t, "/holidays/2030-03-09/delete", nil).want(t, http.StatusForbidden)
		if c, _ := env.Calendar.Calendar(ctx); !c.IsWorkingDay(civil.D(2030, time.March, 12)) || !c.IsWorkingDay(civil.D(2030, time.March, 9)) {
			t.Error("a reporter's post changed the calendar")
		}

		// Delete, then again: 404.
		r = admin.form(t, "/holidays/2030-03-09/delete", nil).want(t, http.StatusSeeOther)
		if page := string(admin.do(t, "GET", r.Header.Get("Location"), nil).Body); !strings.Contains(page, "Đã xóa ngày 09/03/2030 khỏi lịch nghỉ.") {
			t.Errorf("no flash after delete: %.300s", page)
		}
		admin.form(t, "/holidays/2030-03-09/delete", nil).want(t, http.StatusNotFound)

		// English.
		page = string(admin.do(t, "GET", "/holidays?year=2020&lang=en", nil).want(t, http.StatusOK).Body)
		for _, s := range []string{"Holiday calendar", "Saturday", "Holiday (day off)", "working days in 2020"} {
			if !strings.Contains(page, s) {
				t.Errorf("English page lacks %q", s)
			}
		}
	})
}
