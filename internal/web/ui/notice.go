package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// UnreadWorkingDays is how long a unit may leave a directive unopened
// before the Board's list points at it.
const UnreadWorkingDays = 3

// noticeRoutes are the pages of directives, messages and notifications.
func (u *ui) noticeRoutes() []route {
	return []route{
		{pattern: "GET /directives", h: u.directiveList},
		{pattern: "POST /directives", h: u.directiveCreate},
		{pattern: "GET /directives/{id}", h: u.directiveView},
		{pattern: "POST /directives/{id}/issue", h: u.directiveIssue},
		{pattern: "POST /directives/{id}/ack", h: u.directiveAck},
		{pattern: "GET /messages", h: u.messageList},
		{pattern: "POST /messages", h: u.messageCreate},
		{pattern: "GET /messages/{id}", h: u.messageView},
		{pattern: "POST /messages/{id}/reply", h: u.messageReply},
		{pattern: "GET /notifications", h: u.notificationList},
		{pattern: "GET /notifications/badge", h: u.notificationBadge},
		{pattern: "GET /notifications/{id}", h: u.notificationOpen},
		{pattern: "POST /notifications/read-all", h: u.notificationReadAll},
	}
}

type directivesPage struct {
	Items     []notice.Directive
	CanManage bool
	Units     []org.Unit
	Unread    []notice.UnreadUnit
	Days      int
	Form      notice.Directive
	// UnreadOnly (?unread=1, from the dashboards): the Board sees every
	// unread pair (of one directive with ?directive=), a unit what it has
	// not opened; nothing else.
	UnreadOnly bool
}

func (u *ui) blocUnits(r *http.Request) ([]org.Unit, error) {
	active := true
	l, err := u.Org.ListUnits(r.Context(), httpx.Actor(r.Context()), org.UnitFilter{Active: &active, Limit: 1000})
	return l.Items, err
}

// directiveList shows /directives: the Board sees drafts, a new-directive
// form and the units that have not opened a directive; a unit what it received.
func (u *ui) directiveList(w http.ResponseWriter, r *http.Request) error {
	return u.renderDirectives(w, r, nil, notice.Directive{RequiresAck: true})
}

func (u *ui) renderDirectives(w http.ResponseWriter, r *http.Request, formErr error, form notice.Directive) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if r.Method == http.MethodGet && r.URL.Query().Get("unread") == "1" {
		return u.unreadDirectives(w, r)
	}
	items, err := u.Notice.List(ctx, a)
	if err != nil {
		return err
	}
	d := &directivesPage{Items: items, CanManage: notice.CanManage(a), Days: UnreadWorkingDays, Form: form}
	if a.AllUnits() {
		if d.Unread, err = u.Notice.Unread(ctx, a, UnreadWorkingDays); err != nil {
			return err
		}
	}
	if d.CanManage {
		if d.Units, err = u.blocUnits(r); err != nil {
			return err
		}
	}
	p := u.page(r, "Văn bản chỉ đạo", "directives")
	p.Data = d
	if formErr != nil {
		return u.formErr(w, r, formErr, "directives.html", p)
	}
	return u.render(w, r, "directives.html", p)
}

func (u *ui) directiveCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := notice.Directive{TypeCode: r.PostFormValue("type_code"), Title: r.PostFormValue("title"), Body: r.PostFormValue("body"),
		RequiresAck: r.PostFormValue("requires_ack") != ""}
	for _, s := range r.PostForm["unit_ids"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			in.UnitIDs = append(in.UnitIDs, id)
		}
	}
	d, err := u.Notice.Create(r.Context(), httpx.Actor(r.Context()), in)
	if err != nil {
		return u.renderDirectives(w, r, err, in)
	}
	http.Redirect(w, r, notice.DirectiveLink(d.ID), http.StatusSeeOther)
	return nil
}

type directivePage struct {
	notice.Detail
	CanManage bool
	CanAck    bool
	Units     map[int64]org.Unit
	CanAttach bool        // a draft the caller may add files to (notice_files.go)
	Files     []ownerFile // the directive's files
}

// directiveView shows a directive; opening it records the first reading
// of the caller's unit.
func (u *ui) directiveView(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := u.Notice.MarkRead(r.Context(), httpx.Actor(r.Context()), id); err != nil {
		return err
	}
	return u.renderDirective(w, r, id, nil)
}

// renderDirective shows a directive's page, with the reason of a refused
// file change when formErr is set.
func (u *ui) renderDirective(w http.ResponseWriter, r *http.Request, id int64, formErr error) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	det, err := u.Notice.Find(ctx, a, id)
	if err != nil {
		return err
	}
	d := &directivePage{Detail: det, CanManage: notice.CanManage(a)}
	d.CanAck = det.RequiresAck && det.Mine != nil && det.Mine.AcknowledgedAt == nil && a.Has(org.RoleUnitReporter, org.RoleUnitLeader)
	if d.Units, err = u.Org.UnitsByID(ctx, a, det.UnitIDs); err != nil {
		return err
	}
	directiveFiles(a, d)
	p := u.page(r, "Văn bản chỉ đạo", "directives")
	p.Data = d
	if formErr != nil {
		p.Path = notice.DirectiveLink(id)
		return u.fileErr(w, r, formErr, "directive.html", p)
	}
	return u.render(w, r, "directive.html", p)
}

func (u *ui) directiveIssue(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if _, err := u.Notice.Issue(r.Context(), httpx.Actor(r.Context()), id, version); err != nil {
		return err
	}
	http.Redirect(w, r, notice.DirectiveLink(id), http.StatusSeeOther)
	return nil
}

func (u *ui) directiveAck(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := u.Notice.Acknowledge(r.Context(), httpx.Actor(r.Context()), id); err != nil {
		return err
	}
	http.Redirect(w, r, notice.DirectiveLink(id), http.StatusSeeOther)
	return nil
}

type messagesPage struct {
	Threads  []notice.Message
	Board    bool
	CanWrite bool
	Units    []org.Unit
	Form     notice.Message
}

// messageList shows /messages: the threads of the caller's unit (the Board:
// of every unit) and the form to send information up.
func (u *ui) messageList(w http.ResponseWriter, r *http.Request) error {
	return u.renderMessages(w, r, nil, notice.Message{})
}

func (u *ui) renderMessages(w http.ResponseWriter, r *http.Request, formErr error, form notice.Message) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	threads, err := u.Notice.Threads(ctx, a)
	if err != nil {
		return err
	}
	d := &messagesPage{Threads: threads, Board: a.AllUnits(), Form: form,
		CanWrite: a.AllUnits() || (a.UnitID != 0 && a.Has(org.RoleUnitReporter, org.RoleUnitLeader))}
	if d.Board {
		if d.Units, err = u.blocUnits(r); err != nil {
			return err
		}
	}
	p := u.page(r, "Trao đổi thông tin", "messages")
	p.Data = d
	if formErr != nil {
		return u.formErr(w, r, formErr, "messages.html", p)
	}
	return u.render(w, r, "messages.html", p)
}

func (u *ui) messageCreate(w http.ResponseWriter, r *http.Request) error {
	name, data, ferr := formWithFile(r) // the form may carry one file (notice_files.go)
	in := notice.Message{Subject: r.PostFormValue("subject"), Body: r.PostFormValue("body")}
	in.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	in.DirectiveID, _ = strconv.ParseInt(r.PostFormValue("directive_id"), 10, 64)
	in.TaskID, _ = strconv.ParseInt(r.PostFormValue("task_id"), 10, 64)
	in.ReportID, _ = strconv.ParseInt(r.PostFormValue("report_id"), 10, 64)
	if ferr != nil {
		return u.renderMessages(w, r, ferr, in)
	}
	th, err := u.Notice.Send(r.Context(), httpx.Actor(r.Context()), in, uploads(name, data)...)
	if err != nil {
		return u.renderMessages(w, r, err, in)
	}
	http.Redirect(w, r, notice.MessageLink(th.ID), http.StatusSeeOther)
	return nil
}

type threadPage struct {
	notice.Thread
	CanWrite bool
	actor    org.Actor // who reads: the author of a message may add files to it
}

func (u *ui) messageView(w http.ResponseWriter, r *http.Request) error {
	return u.renderThread(w, r, nil)
}

func (u *ui) renderThread(w http.ResponseWriter, r *http.Request, formErr error) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, a := r.Context(), httpx.Actor(r.Context())
	th, err := u.Notice.Thread(ctx, a, id)
	if err != nil {
		return err
	}
	p := u.page(r, "Trao đổi thông tin", "messages")
	p.Data = &threadPage{Thread: th, CanWrite: a.AllUnits() || a.Has(org.RoleUnitReporter, org.RoleUnitLeader), actor: a}
	if formErr != nil {
		return u.formErr(w, r, formErr, "message.html", p)
	}
	return u.render(w, r, "message.html", p)
}

func (u *ui) messageReply(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	name, data, err := formWithFile(r)
	if err != nil {
		return u.renderThread(w, r, err)
	}
	th, err := u.Notice.Reply(r.Context(), httpx.Actor(r.Context()), id, r.PostFormValue("body"), uploads(name, data)...)
	if err != nil {
		return u.renderThread(w, r, err)
	}
	http.Redirect(w, r, notice.MessageLink(th.ID), http.StatusSeeOther)
	return nil
}

// notificationList shows the caller's notifications, newest first.
func (u *ui) notificationList(w http.ResponseWriter, r *http.Request) error {
	l, err := u.Notice.Notifications(r.Context(), httpx.Actor(r.Context()), false)
	if err != nil {
		return err
	}
	p := u.page(r, "Thông báo", "notifications")
	p.Data = l
	return u.render(w, r, "notifications.html", p)
}

// notificationOpen marks a notification read and goes to what it is about.
func (u *ui) notificationOpen(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	n, err := u.Notice.MarkNotificationRead(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	to := n.Link
	if !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") {
		to = "/notifications"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

func (u *ui) notificationReadAll(w http.ResponseWriter, r *http.Request) error {
	if _, err := u.Notice.MarkAllRead(r.Context(), httpx.Actor(r.Context())); err != nil {
		return err
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
	return nil
}

// notificationBadge answers the header bell's poll with the unread count
// (an empty span when there is none).
func (u *ui) notificationBadge(w http.ResponseWriter, r *http.Request) error {
	n, err := u.Notice.Count(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if n == 0 {
		_, err = fmt.Fprint(w, `<span class="bell-count" data-unread="0"></span>`)
		return err
	}
	label := strconv.Itoa(n)
	if n > 99 {
		label = "99+"
	}
	_, err = fmt.Fprintf(w, `<span class="bell-count badge bad" data-unread="%d">%s</span>`, n, label)
	return err
}
