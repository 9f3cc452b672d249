package ui

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// monthGroup is the upcoming conferences of one month, as a wall calendar
// lists them.
type monthGroup struct {
	Label    string // "Tháng 7/2020"
	Meetings []meeting.Meeting
}

type meetingsPage struct {
	Upcoming  []monthGroup
	Past      []meeting.Meeting
	Q         string
	CanManage bool
}

// meetingList shows /meetings: the coming conferences by month, then the
// past ones, latest first; a unit sees those it is invited to.
func (u *ui) meetingList(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	now := u.now().In(vntext.Location)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, vntext.Location)
	coming, err := u.Meeting.List(ctx, a, meeting.Filter{From: today, Q: q, Limit: 200}, false)
	if err != nil {
		return err
	}
	past, err := u.Meeting.List(ctx, a, meeting.Filter{To: today, Q: q, Limit: 50}, true)
	if err != nil {
		return err
	}
	d := &meetingsPage{Past: past, Q: q, CanManage: meeting.CanManage(a)}
	for _, m := range coming {
		start := m.StartsAt.In(vntext.Location)
		label := "Tháng " + strconv.Itoa(int(start.Month())) + "/" + strconv.Itoa(start.Year())
		if httpx.Lang(ctx) == "en" {
			label = start.Format("January 2006")
		}
		if n := len(d.Upcoming); n == 0 || d.Upcoming[n-1].Label != label {
			d.Upcoming = append(d.Upcoming, monthGroup{Label: label})
		}
		g := &d.Upcoming[len(d.Upcoming)-1]
		g.Meetings = append(g.Meetings, m)
	}
	p := u.page(r, "Hội nghị giao ban", "meetings")
	p.Data = d
	return u.render(w, r, "meetings.html", p)
}

// meetingFormPage is the form of a conference's details.
type meetingFormPage struct {
	M         meeting.Meeting
	IsNew     bool
	Kinds     []meeting.Kind
	Day       string // dd/mm/yyyy
	From, To  string // HH:MM
	UnitCodes string // one code per line
	People    string // one person per line: a name, or @username
}

func newMeetingForm(m meeting.Meeting, isNew bool) *meetingFormPage {
	d := &meetingFormPage{M: m, IsNew: isNew, Kinds: meeting.Kinds}
	if !m.StartsAt.IsZero() {
		d.Day = vntext.FormatDate(m.StartsAt)
		d.From, d.To = m.StartsAt.In(vntext.Location).Format("15:04"), m.EndsAt.In(vntext.Location).Format("15:04")
	}
	codes := make([]string, len(m.Units))
	for i, unit := range m.Units {
		codes[i] = unit.Code
	}
	d.UnitCodes = strings.Join(codes, "\n")
	return d
}

// meetingNew offers the form with every Bloc member invited, as the review
// conferences of the Bloc are.
func (u *ui) meetingNew(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if !meeting.CanManage(a) {
		return apperr.Forbidden()
	}
	bloc := true
	units, err := u.Org.ListUnits(ctx, a, org.UnitFilter{Bloc: &bloc, Limit: 500})
	if err != nil {
		return err
	}
	m := meeting.Meeting{Kind: meeting.SixMonth, ChairName: ""}
	for _, unit := range units.Items {
		if unit.Active {
			m.Units = append(m.Units, meeting.UnitRef{ID: unit.ID, Code: unit.Code})
		}
	}
	d := newMeetingForm(m, true)
	d.From, d.To = "08:00", "11:30"
	p := u.page(r, "Thêm hội nghị", "meetings")
	p.Data = d
	return u.render(w, r, "meeting_form.html", p)
}

// meetingCreate saves the new conference and opens its page.
func (u *ui) meetingCreate(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if !meeting.CanManage(a) {
		return apperr.Forbidden()
	}
	m, d, err := u.meetingFromForm(w, r)
	if err == nil {
		m, err = u.Meeting.Create(ctx, a, m)
	}
	if err != nil {
		p := u.page(r, "Thêm hội nghị", "meetings")
		d.IsNew, p.Data = true, d
		return u.formErr(w, r, err, "meeting_form.html", p)
	}
	http.Redirect(w, r, meetingURL(m.ID)+"?done=create", http.StatusSeeOther)
	return nil
}

func meetingURL(id int64) string { return "/meetings/" + strconv.FormatInt(id, 10) }

// meetingFromForm reads the details form: the day and the hours in
// Asia/Ho_Chi_Minh, the invited units by code, people by name or @username.
func (u *ui) meetingFromForm(w http.ResponseWriter, r *http.Request) (meeting.Meeting, *meetingFormPage, error) {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	if err := r.ParseForm(); err != nil {
		return meeting.Meeting{}, newMeetingForm(meeting.Meeting{}, false), apperr.TooLarge("Biểu mẫu quá lớn.", "The form is too large.")
	}
	f := r.PostForm
	m := meeting.Meeting{Kind: meeting.Kind(f.Get("kind")), Title: f.Get("title"), Place: f.Get("place"),
		OnlineLink: f.Get("online_link"), ChairName: f.Get("chair_name"), Secretary: f.Get("secretary"),
		Status: meeting.Status(f.Get("status"))}
	m.Version, _ = strconv.Atoi(f.Get("version"))
	d := newMeetingForm(m, false)
	d.Day, d.From, d.To, d.UnitCodes, d.People = f.Get("day"), f.Get("from"), f.Get("to"), f.Get("unit_codes"), f.Get("people")
	var v apperr.Invalid
	if day, err := vntext.ParseDate(d.Day); err != nil {
		v.Add("starts_at", "Ngày họp không hợp lệ (ngày/tháng/năm).", "Invalid date (day/month/year).")
	} else {
		m.StartsAt, m.EndsAt = atClock(day, d.From, "starts_at", &v), atClock(day, d.To, "ends_at", &v)
	}
	ctx, a := r.Context(), httpx.Actor(r.Context())
	for _, code := range splitCodes(d.UnitCodes) {
		unit, err := u.Org.UnitByCode(ctx, a, code)
		if err != nil {
			v.Add("unit_ids", "Không tìm thấy đơn vị có mã "+code+".", "No unit with code "+code+".")
			continue
		}
		m.UnitIDs = append(m.UnitIDs, unit.ID)
	}
	for _, line := range strings.Split(d.People, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "@"):
			list, err := u.Org.ListUsers(ctx, a, org.UserFilter{Q: line[1:], Limit: 20})
			found := false
			for _, usr := range list.Items {
				if err == nil && usr.Username == strings.ToLower(line[1:]) {
					m.People, found = append(m.People, meeting.Person{UserID: usr.ID, Name: usr.FullName}), true
				}
			}
			if !found {
				v.Add("people", "Không tìm thấy người dùng "+line+".", "No user "+line+".")
			}
		default:
			m.People = append(m.People, meeting.Person{Name: line})
		}
	}
	return m, d, v.Err()
}

// atClock is the moment "HH:MM" of a day in Asia/Ho_Chi_Minh.
func atClock(day time.Time, hhmm, field string, v *apperr.Invalid) time.Time {
	t, err := time.Parse("15:04", strings.TrimSpace(hhmm))
	if err != nil {
		v.Add(field, "Giờ theo dạng giờ:phút, ví dụ 08:00.", "Time as hours:minutes, e.g. 08:00.")
		return time.Time{}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, vntext.Location)
}

// splitCodes reads unit codes separated by lines, commas or semicolons.
func splitCodes(s string) []string {
	var out []string
	for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == ';' || r == '\r' }) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// fileList is one list of a conference's files: its own (ItemID 0) or an
// agenda item's, with the page for translations and permissions.
type fileList struct {
	Page   *Page
	Files  []blob.File
	ItemID int64
	Title  string
}

// Template helpers of the conference pages.
func init() {
	funcs["meetingKind"] = func(k meeting.Kind, lang string) string { return k.Label(lang) }
	funcs["meetingStatus"] = func(s meeting.Status, lang string) string { return s.Label(lang) }
	funcs["attendanceLabel"] = func(s meeting.AttendanceStatus, lang string) string { return s.Label(lang) }
	funcs["meetingWeekday"] = func(t time.Time) string { return weekdays[t.In(vntext.Location).Weekday()] }
	funcs["meetingDay"] = func(t time.Time) int { return t.In(vntext.Location).Day() }
	funcs["meetingClock"] = func(t time.Time) string { return t.In(vntext.Location).Format("15:04") }
	funcs["filesOf"] = func(p *Page, files []blob.File, itemID int64, title string) fileList {
		return fileList{Page: p, Files: files, ItemID: itemID, Title: title}
	}
	funcs["taskBadge"] = func(s task.Status) string {
		switch s {
		case task.DoneOnTime:
			return "ok"
		case task.DoneLate, task.AwaitingConfirmation:
			return "warn"
		case task.Overdue:
			return "bad"
		}
		return "info"
	}
}
