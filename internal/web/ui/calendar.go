package ui

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type calendarPage struct {
	Created *time.Time   // when the current secret was made; nil: none yet
	URL     string       // the subscription address, shown once after a rotation
	Webcal  template.URL // the same as webcal://, which calendar programs open directly (built here, not typed)
}

// calendarView shows the user's iCalendar subscription: whether one
// exists, and a button to make a new address (the old one stops working).
// Only a hash of the secret is kept, so the address is shown only once.
func (u *ui) calendarView(w http.ResponseWriter, r *http.Request) error {
	at, err := u.Meeting.CalendarTokenCreated(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	p := u.page(r, "Lịch của tôi", "meetings")
	p.Data = &calendarPage{Created: at}
	return u.render(w, r, "calendar.html", p)
}

// calendarRotate makes a new subscription address and shows it.
func (u *ui) calendarRotate(w http.ResponseWriter, r *http.Request) error {
	token, err := u.Meeting.RotateCalendarToken(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	at := u.now().UTC()
	url := httpx.BaseURL(r, u.TrustProxy) + "/calendar/" + token + ".ics"
	p := u.page(r, "Lịch của tôi", "meetings")
	p.Flash = &Flash{Kind: "ok", Text: p.T("Đã tạo đường dẫn mới. Đường dẫn cũ (nếu có) không còn dùng được.")}
	p.Data = &calendarPage{Created: &at, URL: url, Webcal: template.URL("webcal://" + url[strings.Index(url, "://")+3:])}
	return u.render(w, r, "calendar.html", p)
}

// calendarFeed serves GET /calendar/{token}.ics to calendar programs: the
// secret in the address is the only credential (no session, no cookie).
func (u *ui) calendarFeed(w http.ResponseWriter, r *http.Request) error {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok {
		return apperr.NotFound("lịch")
	}
	data, err := u.Meeting.CalendarFeed(r.Context(), token, httpx.BaseURL(r, u.TrustProxy))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="khoagiao.ics"`)
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Header().Set("X-Robots-Tag", "noindex")
	_, _ = w.Write(data)
	return nil
}
