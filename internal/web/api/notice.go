package api

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Directives (văn bản chỉ đạo), information sent up and notifications
// (internal/notice).

func (a *api) listDirectives(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Notice.List(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": list, "total": len(list)})
}

func (a *api) createDirective(w http.ResponseWriter, r *http.Request) error {
	var in notice.Directive
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.Notice.Create(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/directives/"+strconv.FormatInt(out.ID, 10))
	return created(w, out)
}

// getDirective answers with the directive; opening it records the first
// reading of the caller's unit.
func (a *api) getDirective(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), httpx.Actor(r.Context())
	if _, err := a.Notice.MarkRead(ctx, actor, id); err != nil {
		return err
	}
	d, err := a.Notice.Find(ctx, actor, id)
	if err != nil {
		return err
	}
	return ok(w, d)
}

func (a *api) issueDirective(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Version int `json:"version"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	d, err := a.Notice.Issue(r.Context(), httpx.Actor(r.Context()), id, in.Version)
	if err != nil {
		return err
	}
	return ok(w, d)
}

func (a *api) readDirective(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), httpx.Actor(r.Context())
	recorded, err := a.Notice.MarkRead(ctx, actor, id)
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"recorded": recorded})
}

func (a *api) ackDirective(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	rc, err := a.Notice.Acknowledge(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	return ok(w, rc)
}

func (a *api) directiveReceipts(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	rs, err := a.Notice.Receipts(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	return ok(w, rs)
}

func (a *api) listMessages(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Notice.Threads(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": list, "total": len(list)})
}

func (a *api) createMessage(w http.ResponseWriter, r *http.Request) error {
	var in notice.Message
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	th, err := a.Notice.Send(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/messages/"+strconv.FormatInt(th.ID, 10))
	return created(w, th)
}

func (a *api) getMessage(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	th, err := a.Notice.Thread(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	return ok(w, th)
}

func (a *api) replyMessage(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	th, err := a.Notice.Reply(r.Context(), httpx.Actor(r.Context()), id, in.Body)
	if err != nil {
		return err
	}
	return created(w, th)
}

func (a *api) listNotifications(w http.ResponseWriter, r *http.Request) error {
	unread := r.URL.Query().Get("unread")
	list, err := a.Notice.Notifications(r.Context(), httpx.Actor(r.Context()), unread == "1" || unread == "true")
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": list, "total": len(list)})
}

func (a *api) countNotifications(w http.ResponseWriter, r *http.Request) error {
	n, err := a.Notice.Count(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"unread": n})
}

func (a *api) readNotification(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	n, err := a.Notice.MarkNotificationRead(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	return ok(w, n)
}

func (a *api) readAllNotifications(w http.ResponseWriter, r *http.Request) error {
	n, err := a.Notice.MarkAllRead(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"marked": n})
}

// noticeRoutes are the endpoints of internal/notice.
func (a *api) noticeRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/directives", Handler: a.listDirectives},
		{Method: "POST", Path: "/directives", Handler: a.createDirective},
		{Method: "GET", Path: "/directives/{id}", Handler: a.getDirective},
		{Method: "POST", Path: "/directives/{id}/issue", Handler: a.issueDirective},
		{Method: "POST", Path: "/directives/{id}/read", Handler: a.readDirective},
		{Method: "POST", Path: "/directives/{id}/ack", Handler: a.ackDirective},
		{Method: "GET", Path: "/directives/{id}/receipts", Handler: a.directiveReceipts},
		{Method: "GET", Path: "/messages", Handler: a.listMessages},
		{Method: "POST", Path: "/messages", Handler: a.createMessage},
		{Method: "GET", Path: "/messages/{id}", Handler: a.getMessage},
		{Method: "POST", Path: "/messages/{id}/reply", Handler: a.replyMessage},
		{Method: "GET", Path: "/notifications", Handler: a.listNotifications},
		{Method: "GET", Path: "/notifications/count", Handler: a.countNotifications},
		{Method: "POST", Path: "/notifications/{id}/read", Handler: a.readNotification},
		{Method: "POST", Path: "/notifications/read-all", Handler: a.readAllNotifications},
	}
}
