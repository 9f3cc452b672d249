// Package blob stores uploaded files (attachments) in the database, so every
// instance sees every upload and a backup of the database holds them too.
// It checks size and sniffs the content; the owning module checks who may
// attach and read, and writes the audit entry.
package blob

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// MaxSize is the largest accepted attachment.
const MaxSize = 20 << 20

// File is an attachment's metadata.
type File struct {
	ID          int64     `json:"id"`
	OwnerKind   string    `json:"owner_kind"`
	OwnerID     int64     `json:"owner_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
	CreatedBy   string    `json:"created_by"`
}

// Kinds accepted as attachments, by sniffed content.
var allowed = map[string]string{
	"application/pdf": ".pdf",
	"image/png":       ".png",
	"image/jpeg":      ".jpg",
	"image/gif":       ".gif",
	"image/webp":      ".webp",
}

// Sniff returns the content type of data as the product trusts it: PDF,
// images, and Office Open XML (DOCX, XLSX) recognised inside the zip. Anything
// else (HTML, scripts, executables, plain zips) is refused.
func Sniff(name string, data []byte) (string, error) {
	ct := http.DetectContentType(data)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if _, ok := allowed[ct]; ok {
		return ct, nil
	}
	if ct == "application/zip" && IsOOXML(data) {
		switch strings.ToLower(filepath.Ext(name)) {
		case ".docx":
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil
		case ".xlsx":
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", nil
		}
	}
	return "", apperr.InvalidField("file", "Loại tệp không được chấp nhận: chỉ nhận PDF, DOCX, XLSX và ảnh (PNG, JPEG, GIF, WEBP).",
		"File type not accepted: PDF, DOCX, XLSX and images (PNG, JPEG, GIF, WEBP) only.")
}

// cleanName keeps a safe display name: the base name, valid UTF-8, no control characters.
func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "_")
	}
	// Control characters, and format characters such as the bidi override
	// that makes "hoso\u202Efdp.exe" read as "hosoexe.pdf", are dropped.
	name = strings.Map(func(r rune) rune {
		if r == '"' || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "." || name == "/" || name == ".." {
		name = "tep"
	}
	return truncateName(name, 200)
}

// truncateName cuts a name to at most max bytes on a rune boundary, keeping
// a short extension so the downloaded file still opens with its program.
func truncateName(name string, max int) string {
	if len(name) <= max {
		return name
	}
	ext := filepath.Ext(name)
	if len(ext) > 10 {
		ext = ""
	}
	cut := max - len(ext)
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + ext
}

// Save stores data for an owner inside the caller's transaction.
func Save(ctx context.Context, tx *sqldb.Tx, ownerKind string, ownerID int64, name string, data []byte, by string, now time.Time) (File, error) {
	if len(data) == 0 {
		return File{}, apperr.InvalidField("file", "Tệp trống.", "The file is empty.")
	}
	if len(data) > MaxSize {
		return File{}, apperr.TooLarge("Tệp vượt quá giới hạn 20 MB.", "The file is over the 20 MB limit.")
	}
	ct, err := Sniff(name, data)
	if err != nil {
		return File{}, err
	}
	sum := sha256.Sum256(data)
	f := File{OwnerKind: ownerKind, OwnerID: ownerID, Name: cleanName(name), ContentType: ct, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), CreatedAt: now, CreatedBy: by}
	err = tx.QueryRow(ctx, `INSERT INTO attachments (owner_kind, owner_id, name, content_type, size, sha256, data, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, f.OwnerKind, f.OwnerID, f.Name, f.ContentType, f.Size, f.SHA256, data, now, by).Scan(&f.ID)
	if err != nil {
		return File{}, fmt.Errorf("blob: save: %w", err)
	}
	return f, nil
}

const cols = "id, owner_kind, owner_id, name, content_type, size, sha256, created_at, created_by"

// List returns the files of an owner, oldest first.
func List(ctx context.Context, db *sqldb.DB, ownerKind string, ownerID int64) ([]File, error) {
	rows, err := db.Query(ctx, "SELECT "+cols+" FROM attachments WHERE owner_kind = ? AND owner_id = ? ORDER BY id", ownerKind, ownerID)
	if err != nil {
		return nil, fmt.Errorf("blob: list: %w", err)
	}
	defer rows.Close()
	out := []File{}
	for rows.Next() {
		var f File
		if err := rows.Scan(&f.ID, &f.OwnerKind, &f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt, &f.CreatedBy); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Open returns a file's metadata and content.
func Open(ctx context.Context, db *sqldb.DB, id int64) (File, []byte, error) {
	var f File
	var data []byte
	err := db.QueryRow(ctx, "SELECT "+cols+", data FROM attachments WHERE id = ?", id).Scan(
		&f.ID, &f.OwnerKind, &f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt, &f.CreatedBy, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return File{}, nil, apperr.NotFound("tệp đính kèm")
	}
	if err != nil {
		return File{}, nil, fmt.Errorf("blob: open %d: %w", id, err)
	}
	return f, data, nil
}

// Find returns a file's metadata without its content, so the owning module
// can check who may read it before loading up to MaxSize bytes.
func Find(ctx context.Context, db *sqldb.DB, id int64) (File, error) {
	var f File
	err := db.QueryRow(ctx, "SELECT "+cols+" FROM attachments WHERE id = ?", id).Scan(
		&f.ID, &f.OwnerKind, &f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt, &f.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return File{}, apperr.NotFound("tệp đính kèm")
	}
	if err != nil {
		return File{}, fmt.Errorf("blob: find %d: %w", id, err)
	}
	return f, nil
}

// Delete removes a file inside the caller's transaction.
func Delete(ctx context.Context, tx *sqldb.Tx, id int64) error {
	if _, err := tx.Exec(ctx, "DELETE FROM attachments WHERE id = ?", id); err != nil {
		return fmt.Errorf("blob: delete %d: %w", id, err)
	}
	return nil
}

// IsOOXML reports whether data is an Office Open XML package (DOCX, XLSX):
// a readable zip whose directory lists [Content_Types].xml. The entry may
// stand anywhere in the archive, so the directory is read, not the first bytes.
func IsOOXML(data []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range z.File {
		if f.Name == "[Content_Types].xml" {
			return true
		}
	}
	return false
}
