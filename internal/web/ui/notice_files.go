package ui

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// The files of directives (attached to a draft, read by the recipients
// once issued) and of messages (sent with them, or added by the author
// while nobody has replied).

// directiveFiles fills the files section of a directive's page.
func directiveFiles(a org.Actor, d *directivePage) {
	d.CanAttach = notice.CanAttachDirective(a, d.Directive)
	d.Files = ownerFiles(d.Attachments, func(blob.File) bool { return d.CanAttach })
}

func (u *ui) directiveAttach(w http.ResponseWriter, r *http.Request) error {
	id := mustID(r)
	name, data, err := httpx.ReadAttachment(w, r, "file")
	if err == nil {
		_, err = u.Notice.AttachToDirective(r.Context(), httpx.Actor(r.Context()), id, name, data)
	}
	return u.directiveFilesDone(w, r, id, err)
}

func (u *ui) directiveDetach(w http.ResponseWriter, r *http.Request) error {
	id := mustID(r)
	return u.directiveFilesDone(w, r, id, u.Notice.DetachFromDirective(r.Context(), httpx.Actor(r.Context()), id, fileID(r)))
}

func (u *ui) directiveFilesDone(w http.ResponseWriter, r *http.Request, id int64, err error) error {
	if err == nil {
		http.Redirect(w, r, notice.DirectiveLink(id)+"#files", http.StatusSeeOther)
		return nil
	}
	return u.renderDirective(w, r, id, err)
}

// CanAttach reports whether the caller may add files to message m of the
// thread, or remove them: its author, while it is the thread's last word.
func (d *threadPage) CanAttach(m notice.Message) bool {
	last := d.Thread.ID
	if n := len(d.Replies); n > 0 {
		last = d.Replies[n-1].ID
	}
	return d.CanWrite && notice.CanAttachMessage(d.actor, m, m.ID == last)
}

// messageAttach adds a file to one of the caller's messages.
func (u *ui) messageAttach(w http.ResponseWriter, r *http.Request) error {
	id := mustID(r)
	name, data, err := httpx.ReadAttachment(w, r, "file")
	if err == nil {
		_, err = u.Notice.AttachToMessage(r.Context(), httpx.Actor(r.Context()), id, name, data)
	}
	return u.messageFilesDone(w, r, err)
}

func (u *ui) messageDetach(w http.ResponseWriter, r *http.Request) error {
	return u.messageFilesDone(w, r, u.Notice.DetachFromMessage(r.Context(), httpx.Actor(r.Context()), mustID(r), fileID(r)))
}

func (u *ui) messageFilesDone(w http.ResponseWriter, r *http.Request, err error) error {
	if err == nil {
		http.Redirect(w, r, notice.MessageLink(mustID(r))+"#thread", http.StatusSeeOther)
		return nil
	}
	return u.renderThread(w, r, err)
}

// uploads is the file a form carried, if any.
func uploads(name string, data []byte) []notice.Upload {
	if data == nil {
		return nil
	}
	return []notice.Upload{{Name: name, Data: data}}
}

// messageFileList is what the "message_files" template of a thread shows.
type messageFileList struct {
	Page    *Page
	Message notice.Message
}

func init() {
	funcs["messageFiles"] = func(p *Page, m notice.Message) messageFileList { return messageFileList{Page: p, Message: m} }
	funcs["fileSize"] = fileSizeText
}
