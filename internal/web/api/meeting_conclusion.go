package api

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/document"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// postConclusion replaces the draft notice and its items (version: the
// draft's as read, 0 for the first save).
func (a *api) postConclusion(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in meeting.Conclusion
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Meeting.SaveConclusion(r.Context(), httpx.Actor(r.Context()), id, in)
	if err != nil {
		return err
	}
	return ok(w, out)
}

// issueConclusion numbers and freezes the notice and turns its items into tasks.
func (a *api) issueConclusion(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Version int `json:"version"`
	}
	if err := httpx.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	out, err := a.Meeting.IssueConclusion(r.Context(), httpx.Actor(r.Context()), id, body.Version)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (a *api) conclusionDOCX(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := a.Meeting.Conclusion(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := document.WriteDOCX(&buf, ConclusionDoc(c, a.now())); err != nil {
		return err
	}
	name := "du-thao-thong-bao-ket-luan-" + strconv.FormatInt(id, 10) + ".docx"
	if c.Issued() {
		name = "thong-bao-ket-luan-" + strconv.Itoa(c.Number) + "-" + strconv.Itoa(c.Year) + ".docx"
	}
	httpx.Download(w, name, httpx.DOCXType, buf.Bytes())
	return nil
}

// PreparationView is the preparation of a conference with the completeness
// of the reports its agenda presents, which the web layer adds (meeting
// does not import reporting).
type PreparationView struct {
	meeting.Preparation
	Completeness []reporting.Completeness `json:"completeness"`
}

func (a *api) prepareMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), httpx.Actor(r.Context())
	p, err := a.Meeting.Prepare(ctx, actor, id)
	if err != nil {
		return err
	}
	v := PreparationView{Preparation: p, Completeness: []reporting.Completeness{}}
	for _, due := range p.Reports {
		c, err := a.Reporting.Completeness(ctx, actor, due.RegimeID, due.PeriodKey)
		if err != nil {
			return err
		}
		v.Completeness = append(v.Completeness, c)
	}
	return ok(w, v)
}

// CalendarPath is where a subscription secret is served (GET, public).
func CalendarPath(token string) string { return "/calendar/" + token + ".ics" }

// rotateCalendarToken makes a new calendar subscription secret for the
// caller and answers its URL; the previous URL stops working.
func (a *api) rotateCalendarToken(w http.ResponseWriter, r *http.Request) error {
	actor := httpx.Actor(r.Context())
	token, err := a.Meeting.RotateCalendarToken(r.Context(), actor)
	if err != nil {
		return err
	}
	return ok(w, calendarToken{Token: token, Path: CalendarPath(token),
		URL: httpx.BaseURL(r, a.TrustProxy) + CalendarPath(token), CreatedAt: a.now().UTC()})
}

type calendarToken struct {
	Token     string    `json:"token"`
	Path      string    `json:"path"`
	URL       string    `json:"url"`
	CreatedAt time.Time `json:"created_at"`
}
