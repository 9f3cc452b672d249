package api

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// attachmentList is the list shape of the API: {"items": […], "total": n}.
type attachmentList struct {
	Items []blob.File `json:"items"`
	Total int         `json:"total"`
}

// listAttachments lists a report's files (metadata; the content is at
// GET /attachments/{id}). GET of the report carries the same list.
func (a *api) listAttachments(w http.ResponseWriter, r *http.Request) error {
	regime, period, unit, err := reportPath(r)
	if err != nil {
		return err
	}
	files, err := a.Reporting.Attachments(r.Context(), httpx.Actor(r.Context()), regime, period, unit)
	if err != nil {
		return err
	}
	return ok(w, attachmentList{Items: files, Total: len(files)})
}

// attach stores the multipart field "file" with the report.
func (a *api) attach(w http.ResponseWriter, r *http.Request) error {
	regime, period, unit, err := reportPath(r)
	if err != nil {
		return err
	}
	name, data, err := httpx.ReadAttachment(w, r, "file")
	if err != nil {
		return err
	}
	f, err := a.Reporting.Attach(r.Context(), httpx.Actor(r.Context()), regime, period, unit, name, data)
	if err != nil {
		return err
	}
	return created(w, f)
}

func (a *api) detach(w http.ResponseWriter, r *http.Request) error {
	regime, period, unit, err := reportPath(r)
	if err != nil {
		return err
	}
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.Reporting.Detach(r.Context(), httpx.Actor(r.Context()), regime, period, unit, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// downloadAttachment sends a file as an attachment (never inline) with the
// content type sniffed at upload and nosniff, so a browser cannot be talked
// into rendering it as a page.
func (a *api) downloadAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	f, data, err := a.Reporting.AttachmentFile(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	httpx.Download(w, f.Name, f.ContentType, data)
	return nil
}
