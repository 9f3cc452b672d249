package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// holidayPage is the year's holiday table, with the add/change form for
// administrators.
type holidayPage struct {
	Year        int
	Years       []int
	Rows        []holidayRow
	WorkingDays int
	CanEdit     bool
	Form        holidayForm
}

// holidayRow is one day of the table as shown.
type holidayRow struct {
	ISO     string // yyyy-mm-dd, for links and the delete form
	Date    string // dd/mm/yyyy
	Weekday string // Vietnamese, translated by the template
	Name    string
	Kind    calendar.DayKind
	Label   string // Vietnamese kind label, translated by the template
}

// holidayForm is what the form holds: as typed, so errors re-render it.
type holidayForm struct {
	Date string // dd/mm/yyyy
	Name string
	Kind calendar.DayKind
}

var weekdays = [7]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func holidayKindLabel(k calendar.DayKind) string {
	if k == calendar.KindMakeupWorkday {
		return "Làm bù"
	}
	return "Nghỉ lễ, Tết"
}

func formatCivil(d civil.Date) string { return vntext.FormatDate(d.In(vntext.Location)) }

// holidayList shows /holidays?year= to everyone signed in; the form and the
// delete buttons only to administrators.
func (u *ui) holidayList(w http.ResponseWriter, r *http.Request) error {
	p, d, err := u.holidayPage(r, 0)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if e := q.Get("edit"); e != "" && d.CanEdit {
		if day, err := civil.Parse(e); err == nil {
			d.Form = holidayForm{Date: formatCivil(day), Kind: calendar.KindHoliday}
			for _, row := range d.Rows {
				if row.ISO == e {
					d.Form.Name, d.Form.Kind = row.Name, row.Kind
				}
			}
		}
	}
	// The flash names the date only when it is one, so a link cannot put
	// words on the page.
	if t, err := vntext.ParseDate(q.Get("saved")); err == nil {
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lưu ngày") + " " + vntext.FormatDate(t) + "."}
	} else if t, err := vntext.ParseDate(q.Get("deleted")); err == nil {
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã xóa ngày") + " " + vntext.FormatDate(t) + " " + p.T("khỏi lịch nghỉ.")}
	}
	return u.render(w, r, "holidays.html", p)
}

// holidayPage loads the page of year (0: the ?year= parameter, else this year).
func (u *ui) holidayPage(r *http.Request, year int) (*Page, *holidayPage, error) {
	ctx := r.Context()
	thisYear := u.now().In(vntext.Location).Year()
	if year == 0 {
		year, _ = strconv.Atoi(r.URL.Query().Get("year"))
	}
	if year < 1900 || year > 2999 {
		year = thisYear
	}
	d := &holidayPage{Year: year, CanEdit: httpx.Actor(ctx).Has(org.RoleAdmin), Form: holidayForm{Kind: calendar.KindHoliday}}
	for y := min(year, thisYear-6); y <= max(year, thisYear+2); y++ {
		d.Years = append(d.Years, y)
	}
	list, err := u.Calendar.ListHolidays(ctx, year)
	if err != nil {
		return nil, nil, err
	}
	for _, h := range list {
		d.Rows = append(d.Rows, holidayRow{ISO: h.Date.String(), Date: formatCivil(h.Date), Weekday: weekdays[h.Date.Weekday()],
			Name: h.Name, Kind: h.Kind, Label: holidayKindLabel(h.Kind)})
	}
	cal, err := u.Calendar.Calendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	d.WorkingDays = cal.WorkingDaysBetween(civil.D(year-1, time.December, 31), civil.D(year, time.December, 31))
	p := u.page(r, "Lịch nghỉ", "holidays")
	p.Data = d
	return p, d, nil
}

// holidaySave adds or changes a day from the form (administrators).
func (u *ui) holidaySave(w http.ResponseWriter, r *http.Request) error {
	a := httpx.Actor(r.Context())
	if !a.Has(org.RoleAdmin) {
		return apperr.Forbidden()
	}
	r.ParseForm()
	f := holidayForm{Date: r.PostForm.Get("date"), Name: r.PostForm.Get("name"), Kind: calendar.DayKind(r.PostForm.Get("kind"))}
	h := calendar.Holiday{Name: f.Name, Kind: f.Kind}
	var err error
	if t, perr := vntext.ParseDate(f.Date); perr == nil {
		h.Date = civil.Of(t, vntext.Location)
		err = u.Calendar.SetHoliday(r.Context(), a, h)
	} else {
		err = badFormDate(f.Date, h)
	}
	if err != nil {
		year := h.Date.Year
		if h.Date.IsZero() {
			year, _ = strconv.Atoi(r.PostForm.Get("year"))
		}
		p, d, perr := u.holidayPage(r, year)
		if perr != nil {
			return perr
		}
		d.Form = f
		return u.formErr(w, r, err, "holidays.html", p)
	}
	q := url.Values{"year": {strconv.Itoa(h.Date.Year)}, "saved": {formatCivil(h.Date)}}
	http.Redirect(w, r, "/holidays?"+q.Encode(), http.StatusSeeOther)
	return nil
}

// badFormDate is the validation error of a form whose date does not parse:
// the date's message, with those of the other fields beside it.
func badFormDate(typed string, h calendar.Holiday) error {
	var v apperr.Invalid
	if typed == "" {
		v.Add("date", "Ngày là bắt buộc.", "Date is required.")
	} else {
		v.Add("date", "Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm (ví dụ 30/04/2027).",
			"Invalid date: enter day/month/year (e.g. 30/04/2027).")
	}
	h.Normalize()
	if e, ok := apperr.As(h.Validate()); ok {
		for k, msg := range e.Fields {
			v.Add(k, msg, e.FieldsEn[k]) // "date" keeps the message above
		}
	}
	return v.Err()
}

// holidayDelete removes a day (administrators); the date is yyyy-mm-dd.
func (u *ui) holidayDelete(w http.ResponseWriter, r *http.Request) error {
	a := httpx.Actor(r.Context())
	if !a.Has(org.RoleAdmin) {
		return apperr.Forbidden()
	}
	d, err := civil.Parse(r.PathValue("date"))
	if err != nil {
		return apperr.NotFound("ngày " + r.PathValue("date"))
	}
	if err := u.Calendar.DeleteHoliday(r.Context(), a, d); err != nil {
		return err
	}
	q := url.Values{"year": {strconv.Itoa(d.Year)}, "deleted": {formatCivil(d)}}
	http.Redirect(w, r, "/holidays?"+q.Encode(), http.StatusSeeOther)
	return nil
}
