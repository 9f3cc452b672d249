package httpx

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
)

// MaxAttachmentBody is the largest request body of an attachment upload:
// the file's own limit (blob.MaxSize) plus room for the multipart framing
// and a few small fields.
const MaxAttachmentBody = blob.MaxSize + 1<<20

// ReadAttachment reads one attached file from the multipart field named
// field. Unlike ReadUpload (imports: JSON, CSV, XLSX) it accepts what
// blob.Sniff trusts — PDF, DOCX, XLSX, images — judged by the content, not
// the name or type the client claims. A file over blob.MaxSize is a 413; the
// part is streamed, so nothing over the limit is kept in memory or on disk.
func ReadAttachment(w http.ResponseWriter, r *http.Request, field string) (string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxAttachmentBody)
	name, data, err := readPart(r, field)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) || strings.Contains(err.Error(), "request body too large") {
			return "", nil, tooLarge()
		}
		if ae, ok := apperr.As(err); ok {
			return "", nil, ae
		}
		return "", nil, apperr.BadRequest("Không đọc được tệp tải lên: "+err.Error(), "Cannot read the upload: "+err.Error())
	}
	if len(data) > blob.MaxSize {
		return "", nil, tooLarge()
	}
	if len(data) == 0 {
		return "", nil, apperr.InvalidField(field, "Chưa chọn tệp hoặc tệp trống.", "No file chosen, or the file is empty.")
	}
	if _, err := blob.Sniff(name, data); err != nil {
		return "", nil, err
	}
	return name, data, nil
}

func tooLarge() error {
	return apperr.TooLarge("Tệp vượt quá giới hạn 20 MB.", "The file is over the 20 MB limit.")
}

// readPart finds the file part named field and reads at most one byte more
// than blob.MaxSize of it, enough to tell an oversized file.
func readPart(r *http.Request, field string) (string, []byte, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return "", nil, apperr.BadRequest("Cần gửi tệp dạng multipart/form-data, trường \""+field+"\".",
			"Send the file as multipart/form-data, field \""+field+"\".")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, err
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return "", nil, apperr.InvalidField(field, "Chưa chọn tệp.", "No file chosen.")
		}
		if err != nil {
			return "", nil, err
		}
		if p.FormName() != field || p.FileName() == "" {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(p, blob.MaxSize+1))
		return p.FileName(), data, err
	}
}
