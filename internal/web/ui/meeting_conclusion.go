package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// meetingConclusion saves the conclusion editor (action "save") or saves
// and issues it (action "issue"): one click numbers the notice and gives
// every item to its lead unit as a task.
func (u *ui) meetingConclusion(w http.ResponseWriter, r *http.Request) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	if !meeting.CanIssue(a) {
		return apperr.Forbidden()
	}
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	if err := r.ParseForm(); err != nil {
		return apperr.TooLarge("Biểu mẫu quá lớn.", "The form is too large.")
	}
	f, id := r.PostForm, mustID(r)
	version, _ := strconv.Atoi(f.Get("version"))
	c, rows, shown, err := u.conclusionFromForm(r, a)
	if err == nil && meeting.CanManage(a) {
		c.Version = version
		if c, err = u.Meeting.SaveConclusion(ctx, a, id, c); err == nil {
			version = c.Version
		}
	} else if err == nil && f.Get("action") != "issue" {
		err = apperr.Forbidden()
	}
	action := "conclusion"
	if err == nil && f.Get("action") == "issue" {
		action, err = "issue", u.issueNotice(r, id, version)
	}
	if err != nil {
		return u.meetingErr(w, r, rowErrors(err, "it", rows), func(d *meetingPage) {
			if !d.D.Conclusion.Issued() {
				d.D.Conclusion.Subject, d.D.Conclusion.Intro, d.D.Conclusion.Closing = c.Subject, c.Intro, c.Closing
				d.D.Conclusion.Signer, d.Recipients, d.Items = c.Signer, f.Get("recipients"), append(shown, make([]itemRow, 1)...)
			}
		})
	}
	http.Redirect(w, r, meetingURL(id)+"?done="+action+"#conclusion", http.StatusSeeOther)
	return nil
}

func (u *ui) issueNotice(r *http.Request, id int64, version int) error {
	_, err := u.Meeting.IssueConclusion(r.Context(), httpx.Actor(r.Context()), id, version)
	return err
}

// conclusionFromForm reads the editor; rows left empty are skipped, unit
// codes become units, dates are dd/mm/yyyy.
func (u *ui) conclusionFromForm(r *http.Request, a org.Actor) (meeting.Conclusion, []int, []itemRow, error) {
	f := r.PostForm
	c := meeting.Conclusion{Subject: f.Get("subject"), Intro: f.Get("body_intro"), Closing: f.Get("body_closing"),
		Signer:     meeting.Signer{Authority: f.Get("sig_authority"), Position: f.Get("sig_position"), Name: f.Get("sig_name")},
		Recipients: strings.Split(f.Get("recipients"), "\n")}
	var v apperr.Invalid
	var rows []int
	var shown []itemRow
	for i := range rowCount(f, "it_count") {
		get := func(k string) string { return f.Get(rowKey("it_"+k, i)) }
		row := itemRow{Item: meeting.Item{Text: get("text"), Key: get("key") == "on"}, LeadCode: strings.TrimSpace(get("lead")),
			SupportCodes: get("support"), Due: get("due")}
		shown = append(shown, row)
		if strings.TrimSpace(row.Text) == "" && row.LeadCode == "" {
			continue
		}
		p := "it[" + strconv.Itoa(i) + "]."
		if row.LeadCode != "" {
			if unit, err := u.Org.UnitByCode(r.Context(), a, row.LeadCode); err == nil {
				row.LeadUnitID = unit.ID
			} else {
				v.Add(p+"lead_unit_id", "Không tìm thấy đơn vị có mã "+row.LeadCode+".", "No unit with code "+row.LeadCode+".")
			}
		}
		for _, code := range splitCodes(row.SupportCodes) {
			if unit, err := u.Org.UnitByCode(r.Context(), a, code); err == nil {
				row.SupportUnitIDs = append(row.SupportUnitIDs, unit.ID)
			} else {
				v.Add(p+"support_unit_ids", "Không tìm thấy đơn vị có mã "+code+".", "No unit with code "+code+".")
			}
		}
		if s := strings.TrimSpace(row.Due); s != "" {
			if t, err := vntext.ParseDate(s); err == nil {
				row.Item.Due = civil.Of(t, vntext.Location)
			} else {
				v.Add(p+"due", "Thời hạn không hợp lệ (ngày/tháng/năm).", "Invalid deadline (day/month/year).")
			}
		}
		c.Items, rows = append(c.Items, row.Item), append(rows, i)
	}
	return c, rows, shown, v.Err()
}

// noticePage is the conclusion notice laid out as it is printed.
type noticePage struct {
	M        meeting.Meeting
	C        meeting.Conclusion
	DateLine string
	Intro    []string
	Closing  []string
	DocxURL  string
}

// meetingNotice shows the notice as printed (Hướng dẫn 36-HD/VPTW), for
// the browser's print; the DOCX is the document of record.
func (u *ui) meetingNotice(w http.ResponseWriter, r *http.Request) error {
	ctx, a, id := r.Context(), httpx.Actor(r.Context()), mustID(r)
	m, err := u.Meeting.Find(ctx, a, id)
	if err != nil {
		return err
	}
	c, err := u.Meeting.Conclusion(ctx, a, id)
	if err != nil {
		return err
	}
	date := u.now()
	if c.IssuedAt != nil {
		date = *c.IssuedAt
	}
	d := &noticePage{M: m, C: c, DateLine: vntext.DateLine(c.Place, date), Intro: lines(c.Intro), Closing: lines(c.Closing),
		DocxURL: "/api/v1/meetings/" + strconv.FormatInt(id, 10) + "/conclusion.docx"}
	p := u.page(r, "Thông báo kết luận", "meetings")
	p.Data = d
	return u.render(w, r, "meeting_notice.html", p)
}

// lines splits typed text into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
