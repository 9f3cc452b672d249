// Matrix cells and helpers of the holiday calendar tests.

package web_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// workingDay and workingDays are the answers of the calendar endpoints.
func workingDay(t *testing.T, c *client, from string, n int) string {
	t.Helper()
	var v struct{ Date string }
	c.do(t, "GET", path("/api/v1/calendar/working-days?from=%s&n=%d", from, n), nil).want(t, http.StatusOK).decode(t, &v)
	return v.Date
}

func workingDays(t *testing.T, c *client, from, to string) int {
	t.Helper()
	var v struct{ Days int }
	c.do(t, "GET", "/api/v1/calendar/working-days-between?from="+from+"&to="+to, nil).want(t, http.StatusOK).decode(t, &v)
	return v.Days
}

// wantFields checks a 422 names exactly these fields.
func wantFields(t *testing.T, r resp, fields ...string) {
	t.Helper()
	r.want(t, http.StatusUnprocessableEntity)
	e := r.errorBody(t)
	for _, f := range fields {
		if e.Error.Fields[f] == "" {
			t.Errorf("422 does not name %q: %s", f, r.Body)
		}
	}
	if len(e.Error.Fields) != len(fields) {
		t.Errorf("422 names %v, want only %v", e.Error.Fields, fields)
	}
}

// names lists days as "yyyy-mm-dd name", for failure messages.
func names(hs []calendar.Holiday) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Date.String()+" "+h.Name)
	}
	return out
}

// holidayDay returns the calendar row of d, if any, read through the service.
func holidayDay(t *testing.T, f *fixture, d civil.Date) (calendar.Holiday, bool) {
	t.Helper()
	cal, err := f.env.Calendar.Calendar(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cal.Day(d)
}

// holidayRequest builds the matrix cells of the holiday calendar. Each
// write cell works on its own date in 2031, so cells do not interfere.
func holidayRequest(t *testing.T, f *fixture, key string) (string, any, []string, afterFn, bool) {
	t.Helper()
	ctx := context.Background()
	day := civil.D(2031, time.March, 1).AddDays(f.next())
	switch key {
	case "GET /holidays":
		return "/holidays?year=2020", nil, nil, func(t *testing.T, r resp) {
			var l listJSON[calendar.Holiday]
			if r.decode(t, &l); l.Total == 0 || len(l.Items) != l.Total {
				t.Errorf("2020 lists %d/%d days: %.200s", len(l.Items), l.Total, r.Body)
			}
		}, true
	case "PUT /holidays/{date}":
		return "/holidays/" + day.String(), map[string]string{"name": "Ngày thử quyền", "kind": "holiday"}, nil, func(t *testing.T, r resp) {
			if _, stored := holidayDay(t, f, day); stored != (r.Status == http.StatusOK) {
				t.Errorf("status %d but day %s stored=%v", r.Status, day, stored)
			}
		}, true
	case "DELETE /holidays/{date}":
		if err := f.env.Calendar.SetHoliday(ctx, system, calendar.Holiday{Date: day, Name: "Ngày thử xóa"}); err != nil {
			t.Fatal(err)
		}
		return "/holidays/" + day.String(), nil, nil, func(t *testing.T, r resp) {
			if _, stored := holidayDay(t, f, day); stored != (r.Status != http.StatusNoContent) {
				t.Errorf("status %d but day %s still stored=%v", r.Status, day, stored)
			}
		}, true
	case "GET /calendar/working-days":
		return "/calendar/working-days?from=2020-01-14&n=7", nil, nil, func(t *testing.T, r resp) {
			var v struct{ Date string }
			if r.decode(t, &v); v.Date != "2020-01-30" {
				t.Errorf("7 working days after 14/01/2020 = %q, want 2020-01-30 (after Tết)", v.Date)
			}
		}, true
	case "GET /calendar/working-days-between":
		return "/calendar/working-days-between?from=2020-01-14&to=2020-01-31", nil, nil, func(t *testing.T, r resp) {
			var v struct{ Days int }
			if r.decode(t, &v); v.Days != 8 {
				t.Errorf("working days 14/01–31/01/2020 = %d, want 8", v.Days)
			}
		}, true
	}
	return "", nil, nil, nil, false
}
