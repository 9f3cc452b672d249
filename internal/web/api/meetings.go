package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// listMeetings answers GET /meetings?from=&to=&q=&limit=&offset=&order=desc:
// the Board sees every conference, a unit those it is invited to.
func (a *api) listMeetings(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := meeting.Filter{Q: q.Get("q")}
	var err error
	for name, dst := range map[string]*time.Time{"from": &f.From, "to": &f.To} {
		if s := q.Get(name); s != "" {
			if *dst, err = time.Parse(time.RFC3339, s); err != nil {
				return apperr.InvalidField(name, "Thời điểm theo dạng RFC 3339, ví dụ 2020-06-30T08:00:00+07:00.", "Use RFC 3339, e.g. 2020-06-30T08:00:00+07:00.")
			}
		}
	}
	limit, err := httpx.QueryInt(r, "limit", 100)
	if err != nil {
		return err
	}
	offset, err := httpx.QueryInt(r, "offset", 0)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = int(limit), int(offset)
	list, err := a.Meeting.List(r.Context(), httpx.Actor(r.Context()), f, q.Get("order") == "desc")
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": list, "total": len(list)})
}

func (a *api) createMeeting(w http.ResponseWriter, r *http.Request) error {
	var in meeting.Meeting
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Meeting.Create(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/meetings/"+strconv.FormatInt(out.ID, 10))
	return created(w, out)
}

// getMeeting answers with the conference, its agenda, attendance,
// conclusion and files.
func (a *api) getMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	d, err := a.Meeting.Detail(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(d.Version)))
	return ok(w, d)
}

// patchMeeting takes the fields to change over the stored conference, with
// the version read (body or If-Match).
func (a *api) patchMeeting(w http.ResponseWriter, r *http.Request) error {
	return patchOver(w, r, meeting.CanManage, a.Meeting.Find, func(m *meeting.Meeting) *int { return &m.Version }, a.Meeting.Update)
}

// agendaBody is the body of PUT /meetings/{id}/agenda: the whole list.
type agendaBody struct {
	Version int                  `json:"version"`
	Items   []meeting.AgendaItem `json:"items"`
}

func (a *api) putAgenda(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in agendaBody
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, &in.Version)
	m, items, err := a.Meeting.SetAgenda(r.Context(), httpx.Actor(r.Context()), id, in.Version, in.Items)
	if err != nil {
		return err
	}
	return ok(w, agendaBody{Version: m.Version, Items: items})
}

// attendanceBody is the body of PUT /meetings/{id}/attendance: every row.
type attendanceBody struct {
	Version int                  `json:"version"`
	Rows    []meeting.Attendance `json:"rows"`
}

func (a *api) putAttendance(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in attendanceBody
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, &in.Version)
	m, rows, err := a.Meeting.SetAttendance(r.Context(), httpx.Actor(r.Context()), id, in.Version, in.Rows)
	if err != nil {
		return err
	}
	return ok(w, attendanceBody{Version: m.Version, Rows: rows})
}

// putMinutes saves the minutes as typed (autosave); 409 carries both
// texts in error.detail: "current" (stored) and "mine" (sent).
func (a *api) putMinutes(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Minutes string `json:"minutes"`
		Version int    `json:"minutes_version"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Meeting.SaveMinutes(r.Context(), httpx.Actor(r.Context()), id, in.Version, in.Minutes)
	if err != nil {
		return err
	}
	return ok(w, out)
}
