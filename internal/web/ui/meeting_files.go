package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// meetingAttach stores a file with the conference, or with the agenda item
// whose form was used (?item=): the programme, a unit's slides, a report.
func (u *ui) meetingAttach(w http.ResponseWriter, r *http.Request) error {
	id := mustID(r)
	name, data, err := httpx.ReadAttachment(w, r, "file")
	if err == nil {
		item, _ := strconv.ParseInt(r.URL.Query().Get("item"), 10, 64) // the form of an agenda item posts to ?item=
		_, err = u.Meeting.Attach(r.Context(), httpx.Actor(r.Context()), id, item, name, data)
	}
	if err != nil {
		return u.meetingErr(w, r, err, func(*meetingPage) {})
	}
	http.Redirect(w, r, meetingURL(id)+"?done=attach#files", http.StatusSeeOther)
	return nil
}

// meetingDetach removes one file of the conference.
func (u *ui) meetingDetach(w http.ResponseWriter, r *http.Request) error {
	id := mustID(r)
	file, err := httpx.PathID(r, "file")
	if err != nil {
		return err
	}
	if err := u.Meeting.Detach(r.Context(), httpx.Actor(r.Context()), id, file); err != nil {
		return err
	}
	http.Redirect(w, r, meetingURL(id)+"?done=detach#files", http.StatusSeeOther)
	return nil
}

// meetingFile sends a file of the conference to whoever may see it, as an
// attachment (never rendered inline).
func (u *ui) meetingFile(w http.ResponseWriter, r *http.Request) error {
	file, err := httpx.PathID(r, "file")
	if err != nil {
		return err
	}
	f, data, err := u.Meeting.AttachmentFile(r.Context(), httpx.Actor(r.Context()), mustID(r), file)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	httpx.Download(w, f.Name, f.ContentType, data)
	return nil
}
