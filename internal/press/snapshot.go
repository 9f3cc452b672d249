package press

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/pagefetch"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Limits of a saved copy: the fetch gives up after SnapshotTimeout and
// refuses a page over SnapshotMaxBytes.
const (
	SnapshotTimeout  = 10 * time.Second
	SnapshotMaxBytes = 5 << 20
)

// AllowPrivateSnapshots lets Snapshot fetch from loopback and private
// addresses. Tests set it for their article server on 127.0.0.1; a
// deployment never does, so a case's URL cannot make the server read its
// own network (SSRF).
func (s *Service) AllowPrivateSnapshots() *Service {
	s.pages.AllowPrivate = true
	return s
}

// SnapshotName is the file name of a copy saved on day d: "ban-luu-2026-03-02.html".
func SnapshotName(now time.Time, ext string) string {
	return "ban-luu-" + now.In(vntext.Location).Format("2006-01-02") + ext
}

// Snapshot fetches the case's article now and keeps it as a file of the
// case (the Board): the HTML as sent, or a PDF when the address serves one.
// The fetch happens outside the transaction; the audit entry records the
// address asked, the address answered after redirects, and the digest.
func (s *Service) Snapshot(ctx context.Context, a org.Actor, id int64) (blob.File, error) {
	if !CanManage(a) {
		return blob.File{}, apperr.Forbidden()
	}
	c, err := s.visible(ctx, a, id)
	if err != nil {
		return blob.File{}, err
	}
	f := s.pages
	f.Timeout, f.MaxBytes = SnapshotTimeout, SnapshotMaxBytes
	page, err := f.Fetch(ctx, c.URL)
	if err != nil {
		return blob.File{}, fetchError(err, page.Status)
	}
	var out blob.File
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		c, now, err := s.hold(ctx, tx, a, id, func(Case) error { return nil })
		if err != nil {
			return err
		}
		if blob.IsHTML(page.Body) {
			out, err = blob.SaveCopy(ctx, tx, OwnerCase, id, SnapshotName(now, ".html"), page.Body, a.Username, now)
		} else if _, serr := blob.Sniff("", page.Body); serr == nil {
			out, err = blob.Save(ctx, tx, OwnerCase, id, SnapshotName(now, ".pdf"), page.Body, a.Username, now)
		} else {
			err = apperr.InvalidField("url", "Địa chỉ bài báo không trả về trang HTML hoặc tệp PDF: chưa lưu được bản sao.",
				"The article's address returned neither an HTML page nor a PDF: no copy saved.")
		}
		if err != nil {
			return err
		}
		view := fileView(out, c)
		view["source_url"], view["fetched_url"], view["http_content_type"] = c.URL, page.URL, page.ContentType
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionSnapshot, "attachment", out.ID, nil, view))
	})
	if err != nil {
		return blob.File{}, fmt.Errorf("press: snapshot %d: %w", id, err)
	}
	return out, nil
}

// fetchError says in words why the article could not be saved; the cause
// stays in the logs.
func fetchError(err error, status int) error {
	var msg, en string
	switch {
	case errors.Is(err, pagefetch.ErrScheme):
		msg, en = "Chỉ lưu được bài báo có địa chỉ http:// hoặc https://.", "Only http:// and https:// articles can be saved."
	case errors.Is(err, pagefetch.ErrBlocked):
		msg, en = "Địa chỉ bài báo trỏ vào mạng nội bộ: hệ thống không tải trang này.",
			"The article's address points into an internal network: the system does not fetch it."
	case errors.Is(err, pagefetch.ErrTooLarge):
		msg, en = "Trang bài báo lớn hơn 5 MB: chưa lưu được bản sao.", "The article's page is over 5 MB: no copy saved."
	case errors.Is(err, pagefetch.ErrTooManyHops):
		msg, en = "Trang bài báo chuyển hướng quá nhiều lần.", "The article's page redirects too many times."
	case errors.Is(err, pagefetch.ErrStatus):
		code := strconv.Itoa(status)
		msg, en = "Máy chủ báo trả lời mã HTTP "+code+": chưa lưu được bản sao.", "The outlet's server answered HTTP "+code+": no copy saved."
	default:
		msg, en = "Không tải được trang bài báo (không kết nối được hoặc quá thời gian chờ). Hãy thử lại sau.",
			"The article's page could not be fetched (no connection or timed out). Try again later."
	}
	e, _ := apperr.As(apperr.InvalidField("url", msg, en))
	e.Err = err
	return e
}
