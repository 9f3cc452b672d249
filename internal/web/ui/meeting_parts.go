package ui

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// parseMeetingForm reads a posted form of the conference page (managers only).
func parseMeetingForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	if !meeting.CanManage(httpx.Actor(r.Context())) {
		return nil, apperr.Forbidden()
	}
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	if err := r.ParseForm(); err != nil {
		return nil, apperr.TooLarge("Biểu mẫu quá lớn.", "The form is too large.")
	}
	return r.PostForm, nil
}

// rowCount is the number of rows a table form says it sent (bounded).
func rowCount(f url.Values, name string) int {
	n, _ := strconv.Atoi(f.Get(name))
	return min(max(n, 0), 300)
}

var rowField = regexp.MustCompile(`^[a-z]+\[(\d+)\]\.(.+)$`)

// rowErrors renames a service's field messages "items[k].field" (k counts
// the rows kept) to the form's "name[i].field" (i counts the rows shown).
func rowErrors(err error, name string, rows []int) error {
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid {
		return err
	}
	var v apperr.Invalid
	for field, msg := range e.Fields {
		to := field
		if m := rowField.FindStringSubmatch(field); m != nil {
			if k, _ := strconv.Atoi(m[1]); k < len(rows) {
				to = name + "[" + strconv.Itoa(rows[k]) + "]." + m[2]
			}
		}
		v.Add(to, msg, e.FieldsEn[field])
	}
	return v.Err()
}

// meetingAgenda saves the agenda table: a row with no content is left out
// (so clearing a row removes the item), blank rows add items.
func (u *ui) meetingAgenda(w http.ResponseWriter, r *http.Request) error {
	f, err := parseMeetingForm(w, r)
	if err != nil {
		return err
	}
	var items []meeting.AgendaItem
	var rows []int
	var shown []agendaRow
	for i := range rowCount(f, "ag_count") {
		get := func(k string) string { return f.Get(rowKey("ag_"+k, i)) }
		it := meeting.AgendaItem{Title: get("title"), From: get("from"), To: get("to"), PeriodKey: get("period"), Notes: get("notes")}
		it.ID, _ = strconv.ParseInt(get("id"), 10, 64)
		it.PresentingUnitID, _ = strconv.ParseInt(get("unit"), 10, 64)
		it.RegimeID, _ = strconv.ParseInt(get("regime"), 10, 64)
		shown = append(shown, agendaRow{AgendaItem: it, RegimeID: get("regime")})
		if strings.TrimSpace(it.Title) == "" && strings.TrimSpace(it.Notes) == "" {
			continue
		}
		items, rows = append(items, it), append(rows, i)
	}
	version, _ := strconv.Atoi(f.Get("version"))
	m, _, err := u.Meeting.SetAgenda(r.Context(), httpx.Actor(r.Context()), mustID(r), version, items)
	if err != nil {
		return u.meetingErr(w, r, rowErrors(err, "ag", rows), func(d *meetingPage) { d.Agenda = append(shown, make([]agendaRow, 1)...) })
	}
	http.Redirect(w, r, meetingURL(m.ID)+"?done=agenda#agenda", http.StatusSeeOther)
	return nil
}

// meetingAttendance saves the attendance grid: one row per invited unit; a
// unit whose status is left empty is not recorded.
func (u *ui) meetingAttendance(w http.ResponseWriter, r *http.Request) error {
	f, err := parseMeetingForm(w, r)
	if err != nil {
		return err
	}
	var list []meeting.Attendance
	var rows []int
	posted := map[int64]meeting.Attendance{}
	for i := range rowCount(f, "at_count") {
		get := func(k string) string { return f.Get(rowKey("at_"+k, i)) }
		row := meeting.Attendance{Status: meeting.AttendanceStatus(get("status")), Reason: get("reason"), RepresentedBy: get("by")}
		row.UnitID, _ = strconv.ParseInt(get("unit"), 10, 64)
		posted[row.UnitID] = row
		if row.Status != "" {
			list, rows = append(list, row), append(rows, i)
		}
	}
	version, _ := strconv.Atoi(f.Get("version"))
	m, _, err := u.Meeting.SetAttendance(r.Context(), httpx.Actor(r.Context()), mustID(r), version, list)
	if err != nil {
		return u.meetingErr(w, r, rowErrors(err, "at", rows), func(d *meetingPage) {
			for i := range d.Attendance {
				d.Attendance[i].Attendance = posted[d.Attendance[i].Unit.ID]
			}
		})
	}
	http.Redirect(w, r, meetingURL(m.ID)+"?done=attendance#attendance", http.StatusSeeOther)
	return nil
}

// meetingMinutes saves the minutes when the page is used without its
// script; a newer stored text shows both side by side.
func (u *ui) meetingMinutes(w http.ResponseWriter, r *http.Request) error {
	f, err := parseMeetingForm(w, r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(f.Get("minutes_version"))
	text := f.Get("minutes")
	if _, err := u.Meeting.SaveMinutes(r.Context(), httpx.Actor(r.Context()), mustID(r), version, text); err != nil {
		return u.meetingErr(w, r, err, func(d *meetingPage) {
			d.Minutes = text
			if cur, ok := conflictCurrent[meeting.Minutes](err); ok {
				d.Conflict, d.MinutesV = &minutesConflict{Theirs: cur.Text, Mine: text}, cur.Version
			}
		})
	}
	http.Redirect(w, r, meetingURL(mustID(r))+"?done=minutes#minutes", http.StatusSeeOther)
	return nil
}
