package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

type consolidatedPage struct {
	Regime    reporting.Regime
	C         reporting.Consolidated
	CanEdit   bool
	CanIssue  bool
	DocxURL   string
	Recipient string // recipients, one per line
}

func (u *ui) consolidatedForm(w http.ResponseWriter, r *http.Request) error {
	d, err := u.regimeBase(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), httpx.Actor(r.Context())
	c, err := u.Reporting.Consolidated(ctx, a, d.Regime.ID, d.Period.Key)
	if err != nil {
		return err
	}
	p := u.page(r, "Báo cáo tổng hợp", "reports")
	if msg := r.URL.Query().Get("done"); msg != "" {
		p.Flash = &Flash{Kind: "ok", Text: p.T(consolidatedDone[msg])}
	}
	p.Data = newConsolidatedPage(d.Regime, c, a)
	return u.render(w, r, "consolidated.html", p)
}

var consolidatedDone = map[string]string{"save": "Đã lưu dự thảo.", "issue": "Đã ban hành và cấp số.", "reassemble": "Đã lập lại dự thảo từ các báo cáo đã tiếp nhận. Bấm Lưu để giữ."}

func newConsolidatedPage(rg reporting.Regime, c reporting.Consolidated, a org.Actor) *consolidatedPage {
	return &consolidatedPage{Regime: rg, C: c, CanEdit: a.Has(org.RoleBoardSpecialist, org.RoleAdmin) && c.IssuedAt == nil,
		CanIssue:  a.Has(org.RoleBoardSpecialist, org.RoleBoardLeader, org.RoleAdmin) && c.Stored && c.IssuedAt == nil,
		DocxURL:   "/api/v1/regimes/" + strconv.FormatInt(rg.ID, 10) + "/consolidated.docx?period=" + c.PeriodKey,
		Recipient: strings.Join(c.Recipients, "\n")}
}

func (u *ui) consolidatedPost(w http.ResponseWriter, r *http.Request) error {
	d, err := u.regimeBase(r)
	if err != nil {
		return err
	}
	ctx, a := r.Context(), httpx.Actor(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	if err := r.ParseForm(); err != nil {
		return apperr.TooLarge("Biểu mẫu quá lớn.", "The form is too large.")
	}
	f := r.PostForm
	version, _ := strconv.Atoi(f.Get("version"))
	action := f.Get("action")
	base := "/regimes/" + strconv.FormatInt(d.Regime.ID, 10) + "/consolidated?period=" + d.Period.Key
	var c reporting.Consolidated
	switch action {
	case "issue":
		_, err = u.Reporting.IssueConsolidated(ctx, a, d.Regime.ID, d.Period.Key, version)
	case "reassemble":
		if c, err = u.Reporting.Assemble(ctx, a, d.Regime.ID, d.Period.Key); err == nil {
			c.Version = version
			_, err = u.Reporting.SaveConsolidated(ctx, a, d.Regime.ID, d.Period.Key, c)
		}
	default:
		c, err = u.Reporting.Consolidated(ctx, a, d.Regime.ID, d.Period.Key)
		if err == nil {
			consolidatedFromForm(&c, f)
			c.Version = version
			_, err = u.Reporting.SaveConsolidated(ctx, a, d.Regime.ID, d.Period.Key, c)
		}
		action = "save"
	}
	if err != nil {
		p := u.page(r, "Báo cáo tổng hợp", "reports")
		p.Data = newConsolidatedPage(d.Regime, c, a)
		return u.formErr(w, r, err, "consolidated.html", p)
	}
	http.Redirect(w, r, base+"&done="+action, http.StatusSeeOther)
	return nil
}

func consolidatedFromForm(c *reporting.Consolidated, f map[string][]string) {
	get := func(k string) string {
		if v := f[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	c.Title, c.Subject = get("title"), get("subject")
	c.Signature = reporting.ConsSignature{Authority: get("sig_authority"), Position: get("sig_position"), Name: get("sig_name")}
	c.Recipients = nil
	for _, line := range strings.Split(get("recipients"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			c.Recipients = append(c.Recipients, line)
		}
	}
	for i := range c.Sections {
		c.Sections[i].Title = get("sec_title_" + strconv.Itoa(i))
		c.Sections[i].Body = get("sec_body_" + strconv.Itoa(i))
	}
}
