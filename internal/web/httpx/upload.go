package httpx

import (
	"errors"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// ReadUpload reads one uploaded file: a multipart form field, or the raw
// request body. Bodies over MaxUploadBody are refused with 413, and the
// content is sniffed: only the kinds the product imports (JSON, CSV, XLSX)
// pass, whatever name or type the client claims.
func ReadUpload(w http.ResponseWriter, r *http.Request, field string) (string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxUploadBody)
	name, data, err := readBody(r, field)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) || strings.Contains(err.Error(), "request body too large") {
			return "", nil, apperr.TooLarge("Tệp vượt quá giới hạn 20 MB.", "The file is over the 20 MB limit.")
		}
		if ae, ok := apperr.As(err); ok {
			return "", nil, ae
		}
		return "", nil, apperr.BadRequest("Không đọc được tệp tải lên: "+err.Error(), "Cannot read the upload: "+err.Error())
	}
	if len(data) == 0 {
		return "", nil, apperr.InvalidField(field, "Chưa chọn tệp hoặc tệp trống.", "No file chosen, or the file is empty.")
	}
	if !importable(name, data) {
		return "", nil, apperr.InvalidField(field, "Loại tệp không được chấp nhận: chỉ nhận JSON, CSV hoặc XLSX.",
			"File type not accepted: only JSON, CSV or XLSX.")
	}
	return name, data, nil
}

func readBody(r *http.Request, field string) (string, []byte, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		data, err := io.ReadAll(r.Body)
		name := "upload"
		if ext, _ := mime.ExtensionsByType(mt); len(ext) > 0 {
			name += ext[0]
		}
		return name, data, err
	}
	if err := r.ParseMultipartForm(MaxUploadBody); err != nil {
		return "", nil, err
	}
	f, hdr, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return "", nil, apperr.InvalidField(field, "Chưa chọn tệp.", "No file chosen.")
	}
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	return filepath.Base(hdr.Filename), data, err
}

// importable sniffs the content: an XLSX is a zip holding [Content_Types].xml;
// JSON and CSV are UTF-8 text and not HTML.
func importable(name string, data []byte) bool {
	ct := http.DetectContentType(data)
	switch {
	case ct == "application/zip":
		return blob.IsOOXML(data)
	case strings.HasPrefix(ct, "text/plain"):
		return true
	}
	_ = name
	return false
}

// Content types of the documents the product writes.
const (
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	DOCXType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	PDFType  = "application/pdf"
)

// Download sends data as an attachment with a safe file name (ASCII
// fallback plus the UTF-8 name), never rendered inline.
func Download(w http.ResponseWriter, name, contentType string, data []byte) {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+ascii+`"; filename*=UTF-8''`+url.PathEscape(name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}
