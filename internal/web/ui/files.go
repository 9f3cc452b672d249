package ui

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// The files of press cases, directives and messages on their pages: the
// upload and removal forms post here, and a change refused comes back on
// the owner's page with the reason beside the field. The download links
// point at the API's routes (GET /api/v1/…/attachments/{file}), which
// answer the session as they answer a token, always as an attachment.

// ownerFile is a file as its owner's page lists it.
type ownerFile struct {
	blob.File
	CanDelete bool
}

// SizeText shows the size the Vietnamese way: "850 KB", "1,5 MB".
func (f ownerFile) SizeText() string { return fileSizeText(f.Size) }

func fileSizeText(n int64) string {
	switch {
	case n < 1<<10:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1<<20:
		return vntext.FormatInt((n+1<<9)>>10) + " KB"
	}
	return vntext.FormatDecimal(float64(n)/(1<<20), 1) + " MB"
}

func ownerFiles(files []blob.File, canDelete func(blob.File) bool) []ownerFile {
	out := make([]ownerFile, 0, len(files))
	for _, f := range files {
		out = append(out, ownerFile{File: f, CanDelete: canDelete(f)})
	}
	return out
}

// fileRoutes are the pages' attachment routes.
func (u *ui) fileRoutes() []route {
	return []route{
		{pattern: "POST /press/{id}/attachments", h: u.pressAttach},
		{pattern: "POST /press/{id}/attachments/{file}/delete", h: u.pressDetach},
		{pattern: "POST /press/{id}/snapshot", h: u.pressSnapshot},
		{pattern: "POST /directives/{id}/attachments", h: u.directiveAttach},
		{pattern: "POST /directives/{id}/attachments/{file}/delete", h: u.directiveDetach},
		{pattern: "POST /messages/{id}/attachments", h: u.messageAttach},
		{pattern: "POST /messages/{id}/attachments/{file}/delete", h: u.messageDetach},
	}
}

// pressFiles fills the files section of a case's page.
func (u *ui) pressFiles(ctx context.Context, a org.Actor, d *pressCasePage) error {
	files, err := u.Press.Attachments(ctx, a, d.C.ID)
	if err != nil {
		return err
	}
	d.Files = ownerFiles(files, func(f blob.File) bool { return press.CanDetach(a, d.C, f) })
	d.CanAttachFiles, d.CanSnapshot = press.CanAttach(a, d.C), press.CanManage(a)
	return nil
}

func (u *ui) pressAttach(w http.ResponseWriter, r *http.Request) error {
	id := mustID(r)
	name, data, err := httpx.ReadAttachment(w, r, "file")
	if err == nil {
		_, err = u.Press.Attach(r.Context(), httpx.Actor(r.Context()), id, name, data)
	}
	return u.pressFilesDone(w, r, id, "attach", err)
}

func (u *ui) pressDetach(w http.ResponseWriter, r *http.Request) error {
	id, file := mustID(r), fileID(r)
	return u.pressFilesDone(w, r, id, "detach", u.Press.Detach(r.Context(), httpx.Actor(r.Context()), id, file))
}

// pressSnapshot saves a copy of the article as it is online now.
func (u *ui) pressSnapshot(w http.ResponseWriter, r *http.Request) error {
	id := mustID(r)
	_, err := u.Press.Snapshot(r.Context(), httpx.Actor(r.Context()), id)
	return u.pressFilesDone(w, r, id, "snapshot", err)
}

// pressFilesDone goes back to the case with a flash, or shows the case
// again with the reason beside the form that failed.
func (u *ui) pressFilesDone(w http.ResponseWriter, r *http.Request, id int64, done string, err error) error {
	if err == nil {
		http.Redirect(w, r, "/press/"+strconv.FormatInt(id, 10)+"?done="+done+"#files", http.StatusSeeOther)
		return nil
	}
	p := u.page(r, "Báo chí", "press")
	d, lerr := u.loadPressPage(r.Context(), p, id)
	if lerr != nil {
		return lerr
	}
	p.Data, p.Path = d, "/press/"+strconv.FormatInt(id, 10)
	return u.fileErr(w, r, err, "press_case.html", p)
}

// fileErr renders a page with a refused file change: the message beside
// the field it concerns ("file"; "url" for a saved copy) and as a flash.
// Other errors (403, 404) go to the wrapper's error page.
func (u *ui) fileErr(w http.ResponseWriter, r *http.Request, err error, name string, p *Page) error {
	e, ok := apperr.As(err)
	if !ok || (e.Kind != apperr.KindInvalid && e.Kind != apperr.KindTooLarge && e.Kind != apperr.KindConflict) {
		return err
	}
	desc := httpx.Describe(err, p.Lang)
	p.Errors = desc.Fields
	if len(p.Errors) == 0 {
		p.Errors = map[string]string{"file": desc.Message}
	}
	p.Flash = &Flash{Kind: "bad", Text: desc.Message}
	return u.renderStatus(w, r, httpx.Status(err), name, p)
}

func fileID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	return id
}

// formWithFile parses a form that may carry one file in field "file"
// (multipart) besides its fields; no file chosen is no file. The file is
// checked as every upload is: at most 20 MB, a type blob.Sniff trusts.
func formWithFile(r *http.Request) (string, []byte, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return "", nil, r.ParseForm()
	}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", nil, apperr.TooLarge("Tệp vượt quá giới hạn 20 MB.", "The file is over the 20 MB limit.")
		}
		return "", nil, apperr.BadRequest("Không đọc được biểu mẫu gửi lên.", "Cannot read the form.")
	}
	f, hdr, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, apperr.BadRequest("Không đọc được tệp tải lên.", "Cannot read the upload.")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, blob.MaxSize+1))
	switch {
	case err != nil:
		return "", nil, apperr.BadRequest("Không đọc được tệp tải lên.", "Cannot read the upload.")
	case len(data) > blob.MaxSize:
		return "", nil, apperr.TooLarge("Tệp vượt quá giới hạn 20 MB.", "The file is over the 20 MB limit.")
	case len(data) == 0:
		return "", nil, apperr.InvalidField("file", "Tệp trống.", "The file is empty.")
	}
	if _, err := blob.Sniff(hdr.Filename, data); err != nil {
		return "", nil, err
	}
	return hdr.Filename, data, nil
}
