package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// reportParams reads {regime}/{period}/{unit} of a report page route.
func reportParams(r *http.Request) (int64, string, int64, error) {
	regime, err := httpx.PathID(r, "regime")
	if err != nil {
		return 0, "", 0, err
	}
	unit, err := httpx.PathID(r, "unit")
	if err != nil {
		return 0, "", 0, err
	}
	return regime, r.PathValue("period"), unit, nil
}

// attachmentUpload is the report page's upload form, without JavaScript:
// the file goes through the same reader and service as the API, then the
// page comes back with a flash, or with the reason beside the file field.
func (u *ui) attachmentUpload(w http.ResponseWriter, r *http.Request) error {
	regime, period, unit, err := reportParams(r)
	if err != nil {
		return err
	}
	name, data, err := httpx.ReadAttachment(w, r, "file")
	if err == nil {
		_, err = u.Reporting.Attach(r.Context(), httpx.Actor(r.Context()), regime, period, unit, name, data)
	}
	if err != nil {
		return u.attachmentErr(w, r, err)
	}
	http.Redirect(w, r, reportURL(regime, period, unit)+"?done=attach", http.StatusSeeOther)
	return nil
}

// attachmentDelete removes one file of the report (a button per file).
func (u *ui) attachmentDelete(w http.ResponseWriter, r *http.Request) error {
	regime, period, unit, err := reportParams(r)
	if err != nil {
		return err
	}
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := u.Reporting.Detach(r.Context(), httpx.Actor(r.Context()), regime, period, unit, id); err != nil {
		return u.attachmentErr(w, r, err)
	}
	http.Redirect(w, r, reportURL(regime, period, unit)+"?done=detach", http.StatusSeeOther)
	return nil
}

// attachmentErr re-renders the report page with the message beside the
// file field — a refused type, an empty or oversized file (with 422 or
// 413), a report no longer editable (409). Other errors (403, 404) go to
// the wrapper's error page.
func (u *ui) attachmentErr(w http.ResponseWriter, r *http.Request, err error) error {
	e, ok := apperr.As(err)
	if !ok || (e.Kind != apperr.KindInvalid && e.Kind != apperr.KindTooLarge && e.Kind != apperr.KindConflict) {
		return err
	}
	d, lerr := u.loadReportPage(r)
	if lerr != nil {
		return lerr
	}
	p := u.page(r, d.Regime.Name, "reports")
	p.Path = d.URL() // the report form posts to the page, not to this route
	p.Data = d
	desc := httpx.Describe(err, p.Lang)
	msg := desc.Fields["file"]
	if msg == "" {
		msg = desc.Message
	}
	p.Errors = map[string]string{"file": msg}
	p.Flash = &Flash{Kind: "bad", Text: desc.Message}
	return u.renderStatus(w, r, httpx.Status(err), "report.html", p)
}

// URL is the report page's address.
func (d *reportPage) URL() string {
	return reportURL(d.Regime.ID, d.Report.PeriodKey, d.Unit.ID)
}

// AttachmentsURL is where the page's attachment forms post.
func (d *reportPage) AttachmentsURL() string { return d.URL() + "/attachments" }

// FileSize shows a size the Vietnamese way: "850 KB", "1,5 MB".
func (d *reportPage) FileSize(n int64) string {
	switch {
	case n < 1<<10:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1<<20:
		return vntext.FormatInt((n+1<<9)>>10) + " KB"
	}
	return vntext.FormatDecimal(float64(n)/(1<<20), 1) + " MB"
}
