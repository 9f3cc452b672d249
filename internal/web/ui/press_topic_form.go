package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// topicFromForm reads the topic form; dates are dd/mm/yyyy, and the linked
// indicator comes as one "regime|indicator|option" value.
func topicFromForm(w http.ResponseWriter, r *http.Request) (press.Topic, string, string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	_ = r.ParseForm()
	f := r.PostForm
	t := press.Topic{Code: f.Get("code"), Title: f.Get("title"), Phrases: f.Get("phrases"), PeriodLabel: f.Get("period_label"),
		Active: f.Get("active") == "1"}
	t.Version, _ = strconv.Atoi(f.Get("version"))
	if link := f.Get("link"); link != "" {
		parts := strings.SplitN(link, "|", 3)
		if len(parts) == 3 {
			t.RegimeID, _ = strconv.ParseInt(parts[0], 10, 64)
			t.Indicator, t.Option = parts[1], parts[2]
		}
	}
	var v apperr.Invalid
	from, to := f.Get("period_from"), f.Get("period_to")
	var err error
	if t.PeriodFrom, err = parseDisplayDate(from); err != nil {
		v.Add("period_from", "Ngày theo dạng dd/mm/yyyy.", "Use dd/mm/yyyy.")
	}
	if t.PeriodTo, err = parseDisplayDate(to); err != nil {
		v.Add("period_to", "Ngày theo dạng dd/mm/yyyy.", "Use dd/mm/yyyy.")
	}
	return t, from, to, v.Err()
}

// topicCreate adds a topic (the Board).
func (u *ui) topicCreate(w http.ResponseWriter, r *http.Request) error {
	t, from, to, err := topicFromForm(w, r)
	if err == nil {
		_, err = u.Press.CreateTopic(r.Context(), httpx.Actor(r.Context()), t)
	}
	if err != nil {
		return u.renderTopics(w, r, err, t, from, to)
	}
	http.Redirect(w, r, "/press/topics?done=added", http.StatusSeeOther)
	return nil
}

// topicUpdate saves the edit form; a conflict shows the stored topic.
func (u *ui) topicUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	t, from, to, err := topicFromForm(w, r)
	t.ID = id
	if err == nil {
		_, err = u.Press.UpdateTopic(r.Context(), httpx.Actor(r.Context()), id, t)
	}
	if cur, ok := conflictCurrent[press.Topic](err); ok {
		t, from, to = cur, cur.PeriodFrom.String(), cur.PeriodTo.String()
	}
	if err != nil {
		return u.renderTopics(w, r, err, t, from, to)
	}
	http.Redirect(w, r, "/press/topics?done=saved", http.StatusSeeOther)
	return nil
}
