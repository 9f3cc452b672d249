package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// HTMLType is the content type of a saved web page.
const HTMLType = "text/html"

// IsHTML reports whether data reads as an HTML document, by its content
// (the type a server claims is not trusted alone).
func IsHTML(data []byte) bool {
	ct := http.DetectContentType(data)
	if strings.HasPrefix(ct, "text/html") {
		return true
	}
	// A byte-order mark hides the markup from DetectContentType; so does
	// an XML declaration before an XHTML page.
	head := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(data[:min(len(data), 1024)], []byte("\xef\xbb\xbf"))))
	if bytes.HasPrefix(head, []byte("<?xml")) {
		head = head[min(len(head), bytes.Index(head, []byte("?>"))+2):]
		head = bytes.TrimSpace(head)
	}
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// SaveCopy stores a web page the server fetched itself — the saved copy of
// a press article — which Save would refuse as HTML. It is never for
// uploads, which go through Save and Sniff. Like every attachment the copy
// must be served as a download (Content-Disposition: attachment, nosniff,
// a sandbox CSP), never rendered inline on the product's origin.
func SaveCopy(ctx context.Context, tx *sqldb.Tx, ownerKind string, ownerID int64, name string, data []byte, by string, now time.Time) (File, error) {
	if len(data) == 0 {
		return File{}, apperr.InvalidField("file", "Trang tải về trống.", "The fetched page is empty.")
	}
	if len(data) > MaxSize {
		return File{}, apperr.TooLarge("Tệp vượt quá giới hạn 20 MB.", "The file is over the 20 MB limit.")
	}
	if !IsHTML(data) {
		return File{}, apperr.InvalidField("file", "Nội dung tải về không phải trang HTML.", "The fetched content is not an HTML page.")
	}
	sum := sha256.Sum256(data)
	f := File{OwnerKind: ownerKind, OwnerID: ownerID, Name: cleanName(name), ContentType: HTMLType, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), CreatedAt: now, CreatedBy: by}
	err := tx.QueryRow(ctx, `INSERT INTO attachments (owner_kind, owner_id, name, content_type, size, sha256, data, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, f.OwnerKind, f.OwnerID, f.Name, f.ContentType, f.Size, f.SHA256, data, now, by).Scan(&f.ID)
	if err != nil {
		return File{}, fmt.Errorf("blob: save copy: %w", err)
	}
	return f, nil
}
