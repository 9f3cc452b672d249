package api

import (
	"context"
	"net/http"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// The files of press cases, directives and messages: one set of handlers
// over each owner's service methods, which check who may see and change.
type fileOwner struct {
	list   func(ctx context.Context, a org.Actor, id int64) ([]blob.File, error)
	attach func(ctx context.Context, a org.Actor, id int64, name string, data []byte) (blob.File, error)
	detach func(ctx context.Context, a org.Actor, id, fileID int64) error
	open   func(ctx context.Context, a org.Actor, id, fileID int64) (blob.File, []byte, error)
}

// fileRoutes are the attachment endpoints of press cases, directives and
// messages, and the saved copy of a press article.
func (a *api) fileRoutes() []Route {
	var out []Route
	for _, o := range []struct {
		base  string
		owner func() fileOwner
	}{
		{"/press-cases/{id}/attachments", func() fileOwner {
			return fileOwner{a.Press.Attachments, a.Press.Attach, a.Press.Detach, a.Press.AttachmentFile}
		}},
		{"/directives/{id}/attachments", func() fileOwner {
			return fileOwner{a.Notice.DirectiveAttachments, a.Notice.AttachToDirective, a.Notice.DetachFromDirective, a.Notice.DirectiveFile}
		}},
		{"/messages/{id}/attachments", func() fileOwner {
			return fileOwner{a.Notice.MessageAttachments, a.Notice.AttachToMessage, a.Notice.DetachFromMessage, a.Notice.MessageFile}
		}},
	} {
		out = append(out,
			Route{Method: "GET", Path: o.base, Handler: listFiles(o.owner)},
			Route{Method: "POST", Path: o.base, Handler: attachFile(o.owner)},
			Route{Method: "GET", Path: o.base + "/{file}", Handler: downloadFile(o.owner)},
			Route{Method: "DELETE", Path: o.base + "/{file}", Handler: detachFile(o.owner)})
	}
	return append(out, Route{Method: "POST", Path: "/press-cases/{id}/snapshot", Handler: a.pressSnapshot})
}

// The owner is resolved per request: Routes is also built without
// services (the OpenAPI document, the route tables of tests).

func listFiles(owner func() fileOwner) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		files, err := owner().list(r.Context(), httpx.Actor(r.Context()), id)
		if err != nil {
			return err
		}
		return ok(w, attachmentList{Items: files, Total: len(files)})
	}
}

// attachFile stores the multipart field "file" (PDF, DOCX, XLSX, images;
// judged by content, at most 20 MB).
func attachFile(owner func() fileOwner) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		name, data, err := httpx.ReadAttachment(w, r, "file")
		if err != nil {
			return err
		}
		f, err := owner().attach(r.Context(), httpx.Actor(r.Context()), id, name, data)
		if err != nil {
			return err
		}
		return created(w, f)
	}
}

// downloadFile sends a file as an attachment (never inline) with the type
// checked when it was stored, nosniff and a sandbox CSP, so a browser
// cannot be talked into rendering it — a saved HTML page included.
func downloadFile(owner func() fileOwner) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, fileID, err := fileIDs(r)
		if err != nil {
			return err
		}
		f, data, err := owner().open(r.Context(), httpx.Actor(r.Context()), id, fileID)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
		httpx.Download(w, f.Name, f.ContentType, data)
		return nil
	}
}

func detachFile(owner func() fileOwner) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, fileID, err := fileIDs(r)
		if err != nil {
			return err
		}
		if err := owner().detach(r.Context(), httpx.Actor(r.Context()), id, fileID); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

func fileIDs(r *http.Request) (int64, int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, 0, err
	}
	fileID, err := httpx.PathID(r, "file")
	return id, fileID, err
}

// pressSnapshot saves a copy of the case's article as it is online now.
func (a *api) pressSnapshot(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	f, err := a.Press.Snapshot(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return err
	}
	return created(w, f)
}

func init() {
	const types = "PDF, DOCX, XLSX, ảnh PNG/JPEG/GIF/WEBP, xét theo nội dung; tối đa 20 MB, 413 khi vượt"
	const download = "Tải tệp (Content-Disposition: attachment, nosniff; không bao giờ hiển thị trực tiếp)"
	for k, v := range map[string]op{
		"GET /press-cases/{id}/attachments":           {summary: "Tệp của vụ việc báo chí: văn bản của Ban, minh chứng của đơn vị chủ trì, bản lưu bài báo (ai xem được vụ việc)", resp: "Attachments", status: "200"},
		"POST /press-cases/{id}/attachments":          {summary: "Đính kèm tệp (multipart, trường file; " + types + "). Ban: mọi lúc; đơn vị chủ trì: minh chứng khi vụ việc đang chờ đơn vị trả lời (409 khi đã trả lời)", resp: "Attachment", status: "201"},
		"GET /press-cases/{id}/attachments/{file}":    {summary: download, status: "200"},
		"DELETE /press-cases/{id}/attachments/{file}": {summary: "Gỡ tệp: Ban mọi tệp; đơn vị chủ trì tệp mình đã đính kèm, khi vụ việc còn chờ trả lời", status: "204"},
		"POST /press-cases/{id}/snapshot":             {summary: "Lưu bản sao bài báo (Ban): máy chủ tải trang theo địa chỉ của vụ việc (chỉ http/https, không vào mạng nội bộ, tối đa 5 MB, chờ tối đa 10 giây) và lưu thành tệp ban-luu-<ngày>.html (hoặc .pdf); 422 kèm lý do khi không tải được", resp: "Attachment", status: "201"},
		"GET /directives/{id}/attachments":            {summary: "Tệp của văn bản chỉ đạo (Ban; đơn vị nhận khi đã ban hành; cũng có trong GET văn bản, trường attachments)", resp: "Attachments", status: "200"},
		"POST /directives/{id}/attachments":           {summary: "Đính kèm tệp vào dự thảo (chuyên viên Ban, quản trị; multipart, trường file; " + types + "; 409 khi đã ban hành)", resp: "Attachment", status: "201"},
		"GET /directives/{id}/attachments/{file}":     {summary: download, status: "200"},
		"DELETE /directives/{id}/attachments/{file}":  {summary: "Gỡ tệp khỏi dự thảo (409 khi đã ban hành)", status: "204"},
		"GET /messages/{id}/attachments":              {summary: "Tệp của một tin trong luồng trao đổi (Ban và đơn vị của luồng; cũng có trong GET luồng, trường attachments của từng tin)", resp: "Attachments", status: "200"},
		"POST /messages/{id}/attachments":             {summary: "Đính kèm tệp vào tin của chính mình khi chưa có trả lời sau tin đó (multipart, trường file; " + types + "; 409 khi đã có trả lời)", resp: "Attachment", status: "201"},
		"GET /messages/{id}/attachments/{file}":       {summary: download, status: "200"},
		"DELETE /messages/{id}/attachments/{file}":    {summary: "Gỡ tệp khỏi tin của chính mình khi chưa có trả lời sau tin đó", status: "204"},
	} {
		operations[k] = v
	}
}
