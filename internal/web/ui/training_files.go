package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// trainingCertificateUpload stores a participant's certificate (PDF,
// image; size and content checked like every upload).
func (u *ui) trainingCertificateUpload(w http.ResponseWriter, r *http.Request) error {
	ctx, a, id := r.Context(), httpx.Actor(r.Context()), mustID(r)
	staff, err := httpx.PathID(r, "staff")
	if err != nil {
		return err
	}
	name, data, err := httpx.ReadAttachment(w, r, "file")
	if err == nil {
		_, err = u.Training.AttachCertificate(ctx, a, id, staff, name, data)
	}
	if err != nil {
		p := u.page(r, "Lớp tập huấn, bồi dưỡng", "training")
		d, lerr := u.coursePage(ctx, p, id)
		if lerr != nil {
			return lerr
		}
		p.Data = d
		return u.formErr(w, r, err, "training_course.html", p)
	}
	http.Redirect(w, r, courseURL(id)+"?done=certificate#certificates", http.StatusSeeOther)
	return nil
}

// trainingCertificateFile sends a certificate as an attachment, never inline.
func (u *ui) trainingCertificateFile(w http.ResponseWriter, r *http.Request) error {
	f, data, err := u.Training.CertificateFile(r.Context(), httpx.Actor(r.Context()), mustID(r))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	httpx.Download(w, f.Name, f.ContentType, data)
	return nil
}

// trainingCertificateDelete removes a certificate, then shows its course.
func (u *ui) trainingCertificateDelete(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	course, _ := strconv.ParseInt(r.PostForm.Get("course"), 10, 64)
	if err := u.Training.DetachCertificate(r.Context(), httpx.Actor(r.Context()), mustID(r)); err != nil {
		return err
	}
	dest := "/training/courses"
	if course > 0 {
		dest = courseURL(course)
	}
	http.Redirect(w, r, dest+"?done=detached#certificates", http.StatusSeeOther)
	return nil
}

// showCivil is a date as typed in the forms (dd/mm/yyyy), "" when unset.
func showCivil(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return vntext.FormatDate(d.In(vntext.Location))
}
