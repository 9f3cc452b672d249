package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// reportJSON is the API's report, as a client reads it.
type reportJSON struct {
	ID               int64              `json:"id"`
	UnitID           int64              `json:"unit_id"`
	Status           string             `json:"status"`
	Version          int                `json:"version"`
	ReturnReason     string             `json:"return_reason"`
	FirstSubmittedAt *time.Time         `json:"first_submitted_at"`
	Values           map[string]float64 `json:"values"`
	Timeliness       struct{ State, Label string }
}

// completenessJSON holds the counts of GET /regimes/{id}/completeness.
type completenessJSON struct {
	Expected int `json:"expected"`
	OnTime   int `json:"on_time"`
	Late     int `json:"late"`
	Missing  int `json:"missing"`
	Accepted int `json:"accepted"`
	Returned int `json:"returned"`
}

// regimeID finds a demo regime by code through the API.
func regimeID(t *testing.T, c *client, code string) int64 {
	t.Helper()
	var l listJSON[struct {
		ID   int64  `json:"id"`
		Code string `json:"code"`
	}]
	c.do(t, "GET", "/api/v1/regimes", nil).want(t, http.StatusOK).decode(t, &l)
	for _, r := range l.Items {
		if r.Code == code {
			return r.ID
		}
	}
	t.Fatalf("no regime %s", code)
	return 0
}

// TestReportLifecycleAPI: a unit's six-month report of 2021 from the first
// save to acceptance, with the Board watching completeness.
func TestReportLifecycleAPI(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		env.Clock.Set(time.Date(2021, 6, 15, 9, 0, 0, 0, vntext.Location)) // 2021-H1 is due 21/06/2021
		rep, lead, spec := apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "sgddt.lanhdao"), apiClient(t, env, "chuyenvien")
		id := regimeID(t, spec, "KG-6T")
		p := path("/api/v1/reports/%d/2021-H1/%d", id, env.Unit(t, "SGDDT").ID)
		completeness := func(want completenessJSON) {
			t.Helper()
			var c completenessJSON
			spec.do(t, "GET", path("/api/v1/regimes/%d/completeness?period=2021-H1", id), nil).want(t, http.StatusOK).decode(t, &c)
			if c != want {
				t.Errorf("completeness %+v, want %+v", c, want)
			}
		}
		completeness(completenessJSON{Expected: 9, Missing: 9})
		sections := map[string]string{"results": "Tổ chức 12 buổi tuyên truyền.", "limitations": "Thiếu kinh phí.", "directions": "Tiếp tục."}
		draft := func(version int, sessions any) map[string]any {
			return map[string]any{"version": version, "sections": sections,
				"values": map[string]any{"propaganda_sessions": sessions, "participants": "1.200", "staff_trained": 5}}
		}
		var r reportJSON
		rep.do(t, "PUT", p, draft(0, -3)).want(t, http.StatusOK).decode(t, &r)
		if r.Version != 1 || r.Status != "draft" || r.Values["participants"] != 1200 {
			t.Fatalf("first save: %+v", r)
		}

		stale := lead.do(t, "PUT", p, draft(0, 40)).want(t, http.StatusConflict)
		var detail struct{ Current reportJSON }
		if err := json.Unmarshal(stale.errorBody(t).Error.Detail, &detail); err != nil || detail.Current.Version != 1 || detail.Current.Values["propaganda_sessions"] != -3 {
			t.Errorf("conflict detail.current %+v (%v), want the stored version 1", detail.Current, err)
		}
		bad := rep.do(t, "POST", p+"/submit", nil).want(t, http.StatusUnprocessableEntity)
		if e := bad.errorBody(t); e.Error.Fields["propaganda_sessions"] == "" {
			t.Errorf("submit of a negative count: fields %v, want propaganda_sessions", e.Error.Fields)
		}
		completeness(completenessJSON{Expected: 9, Missing: 9})

		rep.do(t, "PUT", p, draft(1, 12)).want(t, http.StatusOK).decode(t, &r)
		rep.do(t, "POST", p+"/submit", nil).want(t, http.StatusOK).decode(t, &r)
		if r.Status != "submitted" || r.FirstSubmittedAt == nil || r.Timeliness.Label != "nộp đúng hạn" {
			t.Fatalf("submitted: %+v", r)
		}
		first := *r.FirstSubmittedAt
		completeness(completenessJSON{Expected: 9, OnTime: 1, Missing: 8})

		noReason := spec.do(t, "POST", p+"/return", map[string]string{"reason": ""}).want(t, http.StatusUnprocessableEntity)
		if noReason.errorBody(t).Error.Fields["reason"] == "" {
			t.Errorf("return without a reason: %s", noReason.Body)
		}
		spec.do(t, "POST", p+"/return", map[string]string{"reason": "Bổ sung số lượt người tham dự."}).want(t, http.StatusOK).decode(t, &r)
		if r.Status != "returned" || r.ReturnReason != "Bổ sung số lượt người tham dự." {
			t.Fatalf("returned: %+v", r)
		}
		completeness(completenessJSON{Expected: 9, OnTime: 1, Missing: 8, Returned: 1})

		env.Clock.Set(time.Date(2021, 6, 25, 9, 0, 0, 0, vntext.Location)) // after the due date
		rep.do(t, "GET", p, nil).want(t, http.StatusOK).decode(t, &r)
		rep.do(t, "PUT", p, draft(r.Version, 12)).want(t, http.StatusOK).decode(t, &r)
		rep.do(t, "POST", p+"/submit", nil).want(t, http.StatusOK).decode(t, &r)
		if r.Status != "submitted" || r.FirstSubmittedAt == nil || !r.FirstSubmittedAt.Equal(first) || r.Timeliness.Label != "nộp đúng hạn" {
			t.Errorf("resubmitted: %+v, want on time from the first submission %v", r, first)
		}
		spec.do(t, "POST", p+"/accept", nil).want(t, http.StatusOK).decode(t, &r)
		if r.Status != "accepted" {
			t.Errorf("accepted: %+v", r)
		}
		rep.do(t, "PUT", p, draft(r.Version, 13)).want(t, http.StatusConflict)
		completeness(completenessJSON{Expected: 9, OnTime: 1, Missing: 8, Accepted: 1})
		var v struct{ OK bool }
		if apiClient(t, env, "admin").do(t, "GET", "/api/v1/audit/verify", nil).want(t, http.StatusOK).decode(t, &v); !v.OK {
			t.Errorf("audit chain broken after the lifecycle")
		}
	})
}

func TestRegimePeriodsAPI(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		c := apiClient(t, env, "sgddt.baocao")
		var ps []struct{ Key, From, To, Due, Locks string }
		c.do(t, "GET", path("/api/v1/regimes/%d/periods?year=2020", regimeID(t, c, "KG-6T")), nil).want(t, http.StatusOK).decode(t, &ps)
		i := slices.IndexFunc(ps, func(p struct{ Key, From, To, Due, Locks string }) bool { return p.Key == "2020-H1" })
		if len(ps) != 1 || i < 0 || ps[i].From != "2019-12-15" || ps[i].To != "2020-06-14" || ps[i].Due != "2020-06-19" || ps[i].Locks != "2020-07-19" {
			t.Errorf("periods of 2020: %+v", ps)
		}
		c.do(t, "GET", path("/api/v1/regimes/%d/periods?year=1999", regimeID(t, c, "KG-6T")), nil).want(t, http.StatusUnprocessableEntity)
	})
}

// TestExportDocuments: the period table and the consolidated report open as
// the documents they claim to be.
func TestExportDocuments(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		c := apiClient(t, env, "chuyenvien")
		id := regimeID(t, c, "KG-6T")
		x := c.do(t, "GET", path("/api/v1/regimes/%d/export.xlsx?period=2020-H1", id), nil).want(t, http.StatusOK)
		if ct := x.Header.Get("Content-Type"); ct != httpx.XLSXType {
			t.Errorf("export Content-Type %q", ct)
		}
		f, err := excelize.OpenReader(bytes.NewReader(x.Body))
		if err != nil {
			t.Fatalf("export does not open: %v", err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		text := func(r []string) string { return strings.Join(r, "|") }
		units, total := 0, ""
		for _, r := range rows {
			switch s := text(r); {
			case strings.Contains(s, "Sở Giáo dục và Đào tạo") || strings.Contains(s, "Hội Khuyến học tỉnh"):
				units++
			case strings.Contains(s, "Tổng hợp"):
				total = s
			}
		}
		// Propaganda sessions of the eight reports that reached the Board (HKH only drafted).
		if units != 2 || !strings.Contains(total, "211") {
			t.Errorf("export: %d of the 2 looked-for unit rows, totals row %q (want 211 sessions); rows %q", units, total, rows)
		}

		d := c.do(t, "GET", path("/api/v1/regimes/%d/consolidated.docx?period=2020-H1", id), nil).want(t, http.StatusOK)
		if ct := d.Header.Get("Content-Type"); ct != httpx.DOCXType {
			t.Errorf("docx Content-Type %q", ct)
		}
		zr, err := zip.NewReader(bytes.NewReader(d.Body), int64(len(d.Body)))
		if err != nil {
			t.Fatalf("docx is not a zip: %v", err)
		}
		doc, err := zr.Open("word/document.xml")
		if err != nil {
			t.Fatalf("docx without word/document.xml: %v", err)
		}
		body, _ := io.ReadAll(doc)
		for _, want := range []string{"BÁO CÁO", "dạy học trực tuyến"} { // SGDDT's accepted text
			if !bytes.Contains(body, []byte(want)) {
				t.Errorf("document.xml lacks %q", want)
			}
		}
		if bytes.Contains(body, []byte("hội thảo khoa học")) { // LHHKHKT submitted, not accepted
			t.Errorf("the consolidated report quotes a report the Board has not accepted")
		}
	})
}

// TestRegimeTemplateVersionAPI: editing a regime's template through the API
// makes version 2; a report made under version 1 keeps version 1's wording,
// and a refused edit changes nothing.
func TestRegimeTemplateVersionAPI(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		spec := apiClient(t, env, "chuyenvien")
		id := regimeID(t, spec, "NQ42")
		rp := path("/api/v1/reports/%d/2020-H1/%d", id, env.Unit(t, "SLDTBXH").ID)
		const original = "Người lao động tạm hoãn hợp đồng, nghỉ không lương"
		type tmpl struct {
			Version    int
			Categories []struct{ Options []struct{ Code, Name string } }
		}
		firstOption := func(where string, p string) (string, int) {
			t.Helper()
			var x struct {
				TemplateVersion int `json:"template_version"`
				Template        tmpl
			}
			spec.do(t, "GET", p, nil).want(t, http.StatusOK).decode(t, &x)
			if len(x.Template.Categories) == 0 || len(x.Template.Categories[0].Options) == 0 {
				t.Fatalf("%s: no category options", where)
			}
			return x.Template.Categories[0].Options[0].Name, x.Template.Version
		}
		if name, v := firstOption("old report", rp); name != original || v != 1 {
			t.Fatalf("before the edit: %q, version %d", name, v)
		}
		var reg map[string]any
		spec.do(t, "GET", path("/api/v1/regimes/%d", id), nil).want(t, http.StatusOK).decode(t, &reg)
		rename := func(name string, version any) map[string]any {
			body := map[string]any{"template": reg["template"], "version": version}
			opt := reg["template"].(map[string]any)["categories"].([]any)[0].(map[string]any)["options"].([]any)[0].(map[string]any)
			opt["name"] = name
			return body
		}
		spec.do(t, "PATCH", path("/api/v1/regimes/%d", id), rename("Nhóm 1 (bản bị từ chối)", 99)).want(t, http.StatusConflict)
		for _, p := range []string{rp, path("/api/v1/regimes/%d", id)} {
			if name, v := firstOption("after a refused edit", p); name != original || v != 1 {
				t.Errorf("%s after a refused edit: %q, template version %d; want %q, 1", p, name, v, original)
			}
		}
		spec.do(t, "PATCH", path("/api/v1/regimes/%d", id), rename("Nhóm 1 (sửa)", reg["version"])).want(t, http.StatusOK)
		if name, v := firstOption("regime", path("/api/v1/regimes/%d", id)); name != "Nhóm 1 (sửa)" || v != 2 {
			t.Errorf("regime after the edit: %q, template version %d", name, v)
		}
		if name, v := firstOption("old report", rp); name != original || v != 1 {
			t.Errorf("report made under version 1 now shows %q (template version %d), want %q", name, v, original)
		}
	})
}
