package webtest

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// XSSDay is the clock of the XSS scenario: SGDDT's six-month report of
// 2021 (KG-6T, due 21/06/2021) is open, the June conference has been held.
var XSSDay = time.Date(2021, time.June, 15, 9, 0, 0, 0, vntext.Location)

// SeedXSS puts the corpus, through the JSON API, into every text field a
// Board administrator or specialist and a unit reporter (SGDDT) can fill:
// units, users, settings, holidays, the report's sections and the return
// reason, the consolidated report, a conference (title, place, chair,
// agenda, attendance, minutes, conclusion and its items, which become
// tasks), tasks (title, description, progress, extension, evidence), a press
// case (every step), a feed with its articles and a watch rule, a press
// topic, a directive, a message thread, training staff and a course. The
// server must run at XSSDay (NewAt).
func SeedXSS(t testing.TB, e *Env) XSSSeed {
	t.Helper()
	s := &xssSeeder{e: e, t: t, admin: e.apiAs(t, "admin"), spec: e.apiAs(t, "chuyenvien"), lead: e.apiAs(t, "lanhdao"),
		rep: e.apiAs(t, "sgddt.baocao"), sgddt: e.unitID(t, "SGDDT"), out: XSSSeed{Pages: map[string][]string{}}}
	for _, step := range []func(){s.organisation, s.report, s.conference, s.tasks, s.press, s.feeds, s.notice, s.training} {
		step()
	}
	return s.out
}

type xssSeeder struct {
	e                      *Env
	t                      testing.TB
	admin, spec, lead, rep *caller
	sgddt                  int64
	n, nf                  int // payloads used so far
	regime                 int64
	out                    XSSSeed
}

// p returns the next payload.
func (s *xssSeeder) p() string { s.n++; return Payload(s.n - 1) }

// f returns the next formula payload, for the fields that reach workbooks.
func (s *xssSeeder) f() string {
	s.nf++
	fs := FormulaPayloads()
	return fs[(s.nf-1)%len(fs)]
}

func (s *xssSeeder) pages(user string, paths ...string) {
	s.out.Pages[user] = append(s.out.Pages[user], paths...)
}

func (s *xssSeeder) export(user, kind, path string) {
	s.out.Exports = append(s.out.Exports, XSSExport{User: user, Path: path, Kind: kind})
}

func (s *xssSeeder) organisation() {
	var u idVersion
	s.admin.call("POST", "/api/v1/units", map[string]any{"code": "XSS-1", "name": "Đơn vị " + s.p(), "short_name": s.p(), "kind": "other"}, http.StatusCreated, &u)
	sg := s.e.Unit(s.t, "SGDDT")
	// SGDDT's names reach every list, table and export of units.
	s.admin.call("PATCH", pathf("/api/v1/units/%d", sg.ID), map[string]any{"name": "Sở " + Payload(1), "short_name": Payload(9),
		"version": sg.Version}, http.StatusOK, nil)
	var usr idVersion
	s.admin.call("POST", "/api/v1/users", map[string]any{"username": "xss.nguoidung", "full_name": "Nguyễn " + s.p(), "unit_id": s.sgddt,
		"roles": []string{"unit_reporter"}, "password": Password, "phone": "0912345678"}, http.StatusCreated, &usr)
	s.admin.call("PUT", "/api/v1/settings", map[string]string{"board_name": "Ban " + s.p(), "province_name": "Tỉnh " + s.p()}, http.StatusOK, nil)
	s.admin.call("PUT", "/api/v1/holidays/2021-09-03", map[string]any{"name": "Nghỉ " + s.p(), "kind": "holiday"}, http.StatusOK, nil)
	s.pages("admin", "/units", pathf("/units/%d", u.ID), pathf("/units/%d", sg.ID), "/users", pathf("/users/%d", usr.ID),
		"/settings", "/holidays?year=2021", "/audit")
}

func (s *xssSeeder) report() {
	var l struct {
		Items []struct {
			ID      int64  `json:"id"`
			Code    string `json:"code"`
			Version int    `json:"version"`
		} `json:"items"`
	}
	s.spec.call("GET", "/api/v1/regimes?limit=100", nil, http.StatusOK, &l)
	version := 0
	for _, r := range l.Items {
		if r.Code == "KG-6T" {
			s.regime, version = r.ID, r.Version
		}
	}
	if s.regime == 0 {
		s.t.Fatal("seeding: no regime KG-6T")
	}
	s.spec.call("PATCH", pathf("/api/v1/regimes/%d", s.regime), map[string]any{"name": "Chế độ " + s.p(), "version": version}, http.StatusOK, nil)
	page := pathf("/reports/%d/2021-H1/%d", s.regime, s.sgddt)
	api := "/api/v1" + page
	sections := map[string]string{"results": s.f(), "limitations": s.f(), "directions": s.f()}
	values := map[string]any{"propaganda_sessions": 4, "participants": 100, "staff_trained": 2}
	var rep idVersion
	s.rep.call("PUT", api, map[string]any{"version": 0, "sections": sections, "values": values}, http.StatusOK, &rep)
	s.rep.call("POST", api+"/submit", nil, http.StatusOK, nil)
	s.spec.call("POST", api+"/return", map[string]string{"reason": "Trả lại: " + s.p()}, http.StatusOK, &rep)
	s.rep.call("POST", api+"/submit", nil, http.StatusOK, nil)
	s.spec.call("POST", api+"/accept", nil, http.StatusOK, nil)
	cons := pathf("/api/v1/regimes/%d/consolidated?period=2021-H1", s.regime)
	var c map[string]any
	s.spec.call("GET", cons, nil, http.StatusOK, &c)
	c["subject"] = "Báo cáo " + s.p()
	c["recipients"] = []string{s.p(), "Lưu VT."}
	c["sections"] = append(c["sections"].([]any), map[string]any{"title": s.p(), "body": s.p()})
	s.spec.call("PUT", cons, c, http.StatusOK, nil)
	regimePage := pathf("/regimes/%d", s.regime)
	s.pages("chuyenvien", "/reports", page, regimePage, regimePage+"/aggregate?period=2021-H1", regimePage+"/consolidated?period=2021-H1",
		regimePage+"/grid?period=2021-H1")
	s.pages("sgddt.baocao", "/reports", page)
	s.export("chuyenvien", "xlsx", pathf("/api/v1/regimes/%d/export.xlsx?period=2021-H1", s.regime))
	s.export("chuyenvien", "docx", pathf("/api/v1/regimes/%d/consolidated.docx?period=2021-H1", s.regime))
	s.export("sgddt.baocao", "xlsx", api+"/workbook.xlsx")
}

func (s *xssSeeder) conference() {
	var m idVersion
	s.spec.call("POST", "/api/v1/meetings", map[string]any{"kind": "thematic", "title": "Hội nghị " + s.p(),
		"starts_at": "2021-06-10T08:00:00+07:00", "ends_at": "2021-06-10T11:00:00+07:00", "place": s.p(), "chair_name": s.p(),
		"secretary": s.p(), "online_link": "https://meet.example.vn/phong-hop?x=\"><script>alert(1)</script>",
		"unit_ids": []int64{s.sgddt, s.e.unitID(s.t, "SYT")}}, http.StatusCreated, &m)
	p := pathf("/api/v1/meetings/%d", m.ID)
	s.refuse(s.spec, "PATCH", p, "online_link", map[string]any{"version": m.Version})
	var v struct{ Version int }
	s.spec.call("PUT", p+"/agenda", map[string]any{"version": m.Version, "items": []map[string]any{
		{"title": s.p(), "from": "08:00", "to": "09:00", "presenting_unit_id": s.sgddt}}}, http.StatusOK, &v)
	s.spec.call("PUT", p+"/attendance", map[string]any{"version": v.Version, "rows": []map[string]any{
		{"unit_id": s.sgddt, "status": "represented", "represented_by": s.p()}}}, http.StatusOK, nil)
	s.spec.call("PUT", p+"/minutes", map[string]any{"minutes": s.p() + "\n" + s.p(), "minutes_version": 0}, http.StatusOK, nil)
	var c idVersion
	s.spec.call("POST", p+"/conclusion", map[string]any{"version": 0, "subject": "Kết luận " + s.p(), "body_intro": s.p(), "body_closing": s.p(),
		"signer":     map[string]string{"authority": s.p(), "position": "TRƯỞNG BAN", "name": s.p()},
		"recipients": []string{s.p()},
		"items":      []map[string]any{{"text": "Nhiệm vụ " + s.p(), "lead_unit_id": s.sgddt, "due": "2021-12-31", "key": true}}}, http.StatusOK, &c)
	s.lead.call("POST", p+"/conclusion/issue", map[string]any{"version": c.Version}, http.StatusOK, nil)
	page := pathf("/meetings/%d", m.ID)
	s.pages("chuyenvien", "/meetings", page, page+"/edit", page+"/conclusion", page+"/prepare")
	s.pages("sgddt.baocao", "/meetings", page)
	s.export("chuyenvien", "docx", p+"/conclusion.docx")
}

// refuse sends a javascript: address in field and expects 422 on it.
func (s *xssSeeder) refuse(c *caller, method, path, field string, body map[string]any) {
	s.t.Helper()
	for _, bad := range []string{"javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"} {
		b := map[string]any{field: bad}
		for k, v := range body {
			b[k] = v
		}
		c.call(method, path, b, http.StatusUnprocessableEntity, nil)
		s.out.Refused = append(s.out.Refused, method+" "+path+" "+field+"="+bad)
	}
}

func (s *xssSeeder) tasks() {
	var tk idVersion
	s.spec.call("POST", "/api/v1/tasks", map[string]any{"title": "Nhiệm vụ " + s.p(), "description": s.p(), "lead_unit_id": s.sgddt,
		"due": "2021-09-30", "key": true}, http.StatusCreated, &tk)
	p := pathf("/api/v1/tasks/%d", tk.ID)
	s.rep.call("POST", p+"/progress", map[string]any{"version": tk.Version, "percent": 50, "note": s.p()}, http.StatusOK, &tk)
	s.rep.call("POST", p+"/extension", map[string]any{"requested_due": "2021-10-29", "reason": s.p()}, http.StatusCreated, nil)
	s.spec.call("GET", p, nil, http.StatusOK, &tk)
	s.rep.call("POST", p+"/complete", map[string]any{"version": tk.Version, "done_on": "2021-06-15", "evidence": s.p()}, http.StatusOK, nil)
	page := pathf("/tasks/%d", tk.ID)
	s.pages("chuyenvien", "/tasks", page, "/tasks/scorecard")
	s.pages("sgddt.baocao", "/tasks", page, "/")
}

func (s *xssSeeder) press() {
	s.spec.call("PUT", "/api/v1/press-routes", map[string]any{"rules": []map[string]any{{"field": "education", "unit_id": s.sgddt}},
		"days": map[string]int{"education": 3}}, http.StatusOK, nil)
	in := map[string]any{"outlet": "Báo " + s.p(), "title": "Bài " + s.p(), "summary": s.p(), "field": "education"}
	s.refuse(s.spec, "POST", "/api/v1/press-cases", "url", in)
	in["url"] = "https://baogiaoduc.example.vn/bai-viet?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
	var c idVersion
	s.spec.call("POST", "/api/v1/press-cases", in, http.StatusCreated, &c)
	p := pathf("/api/v1/press-cases/%d", c.ID)
	s.spec.call("POST", p+"/assign", map[string]any{"version": c.Version}, http.StatusOK, &c)
	s.rep.call("POST", p+"/answer", map[string]any{"version": c.Version, "answer": s.p()}, http.StatusOK, &c)
	s.spec.call("POST", p+"/review", map[string]any{"version": c.Version, "accept": true, "note": s.p()}, http.StatusOK, &c)
	s.spec.call("POST", p+"/close", map[string]any{"version": c.Version, "feedback": s.p()}, http.StatusOK, nil)
	var tp idVersion
	s.spec.call("POST", "/api/v1/press-topics", map[string]any{"code": "xss-topic", "title": "Chủ đề " + s.p(), "phrases": "alert\n" + s.p(),
		"period_label": s.p()}, http.StatusCreated, &tp)
	page := pathf("/press/%d", c.ID)
	s.pages("chuyenvien", "/press", page, "/press/topics", pathf("/press/topics/%d/edit", tp.ID), "/press/routing")
	s.pages("sgddt.baocao", page)
}

// feeds registers a feed whose articles carry the corpus, a watch rule
// that matches them, and polls it: the articles reach the triage queue.
func (s *xssSeeder) feeds() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo</title><link>https://bao.example.vn/</link>`)
		for i := range XSSCorpus {
			fmt.Fprintf(w, `<item><title>%s alert tin %d</title><link>https://bao.example.vn/tin-%d.html</link><description><![CDATA[<p>%s alert</p>]]></description>`+
				`<pubDate>Mon, 14 Jun 2021 06:30:00 +0700</pubDate></item>`, html.EscapeString(Payload(i)), i, i, Payload(i+1))
		}
		fmt.Fprint(w, `<item><title>Tin có đường dẫn javascript alert</title><link>javascript:alert('xss-feed-link')</link></item></channel></rss>`)
	}))
	s.t.Cleanup(srv.Close)
	s.refuse(s.spec, "POST", "/api/v1/feeds", "url", map[string]any{"outlet": "Báo thử"})
	var f idVersion
	s.spec.call("POST", "/api/v1/feeds", map[string]any{"url": srv.URL + "/rss", "outlet": "Báo " + s.p()}, http.StatusCreated, &f)
	s.spec.call("POST", "/api/v1/watch-rules", map[string]any{"name": "Theo dõi " + s.p(), "phrases": "alert\n" + s.p(), "fields": "education"}, http.StatusCreated, nil)
	s.spec.call("POST", pathf("/api/v1/feeds/%d/poll", f.ID), nil, http.StatusOK, nil)
	s.pages("chuyenvien", "/press/triage", "/press/feeds", pathf("/press/feeds/%d/edit", f.ID), "/press/rules", "/search?q=alert")
}

func (s *xssSeeder) notice() {
	var d idVersion
	s.spec.call("POST", "/api/v1/directives", map[string]any{"type_code": "CV", "title": "Văn bản " + s.p(), "body": s.p() + "\n\n" + s.p(),
		"requires_ack": true, "unit_ids": []int64{s.sgddt}}, http.StatusCreated, &d)
	s.spec.call("POST", pathf("/api/v1/directives/%d/issue", d.ID), map[string]int{"version": d.Version}, http.StatusOK, nil)
	var th idVersion
	s.rep.call("POST", "/api/v1/messages", map[string]any{"subject": "Hỏi " + s.p(), "body": s.p(), "directive_id": d.ID}, http.StatusCreated, &th)
	s.spec.call("POST", pathf("/api/v1/messages/%d/reply", th.ID), map[string]string{"body": s.p()}, http.StatusCreated, nil)
	for _, u := range []string{"chuyenvien", "sgddt.baocao"} {
		s.pages(u, "/directives", pathf("/directives/%d", d.ID), "/messages", pathf("/messages/%d", th.ID), "/notifications")
	}
}

func (s *xssSeeder) training() {
	var st idVersion
	s.rep.call("POST", "/api/v1/training/staff", map[string]any{"unit_id": s.sgddt, "full_name": "Ngô " + s.p(), "position": s.f(),
		"qualification": s.f()}, http.StatusCreated, &st)
	var c idVersion
	s.spec.call("POST", "/api/v1/training/courses", map[string]any{"title": "Lớp " + s.p(), "organiser": s.p(), "kind": "training",
		"starts_on": "2021-06-01", "ends_on": "2021-06-03", "place": s.p()}, http.StatusCreated, &c)
	s.spec.call("PUT", pathf("/api/v1/training/courses/%d/participants", c.ID), map[string]any{"version": c.Version,
		"participants": []map[string]any{{"staff_id": st.ID, "attendance": "attended", "result": s.p(), "certificate_no": s.p()}}}, http.StatusOK, nil)
	s.pages("chuyenvien", "/training", "/training/courses", pathf("/training/courses/%d", c.ID), pathf("/training/staff/%d", st.ID),
		"/training/figures?year=2021")
	s.pages("sgddt.baocao", "/training", pathf("/training/staff/%d", st.ID), pathf("/training/courses/%d", c.ID))
	s.export("chuyenvien", "xlsx", "/api/v1/training/staff.xlsx")
	s.export("chuyenvien", "xlsx", "/api/v1/training/figures.xlsx?year=2021")
	s.export("sgddt.baocao", "xlsx", "/api/v1/training/staff.xlsx")
	s.export("lanhdao", "pdf", "/dashboard.pdf")
}
