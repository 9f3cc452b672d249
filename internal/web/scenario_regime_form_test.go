package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// regimeForm is the regime editor's form as a browser sends it: rows of
// the template tables by index, and blank rows left blank.
func regimeForm(code, name, version string) url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"code": code, "name": name, "kind": "periodic", "frequency": "quarter", "cutoff": "window15",
		"deadline_kind": "working_days_after", "deadline_n": "10", "lock_days": "20", "receiver_code": "BTGTU", "unit_codes": "SYT\nSGDDT",
		"version": version, "sec_count": "2", "sec_key_0": "results", "sec_title_0": "Kết quả", "sec_required_0": "on",
		"cat_count": "1", "ind_count": "3", "ind_code_0": "visits", "ind_name_0": "Số lượt khám", "ind_type_0": "integer", "ind_agg_0": "sum",
		"ind_min_0": "0", "ind_code_1": "cured", "ind_name_1": "Số ca khỏi", "ind_type_1": "integer", "ind_agg_1": "sum",
		"ind_type_2": "integer", "ind_agg_2": "sum", "rule_count": "2", "rule_code_0": "cured_le_visits", "rule_expr_0": "cured <= visits",
		"rule_message_0": "Số ca khỏi không vượt số lượt khám.", "rule_severity_0": "hard", "rule_severity_1": "hard"} {
		v.Set(k, x)
	}
	return v
}

// TestRegimeEditor walks the specialist's regime editor: create, a field
// error beside its row, an edit that makes template version 2, and refusal
// for a unit reporter.
func TestRegimeEditor(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		cv := uiClient(t, env, "chuyenvien")
		cv.do(t, "GET", "/regimes/new", nil).want(t, 200)

		bad := regimeForm("Q-YT", "Báo cáo quý của ngành y tế", "0")
		bad.Set("rule_expr_0", "cured <= visits *")
		r := cv.form(t, "/regimes", bad).want(t, 422)
		if !strings.Contains(string(r.Body), "Biểu thức không hợp lệ") {
			t.Fatalf("the bad expression's message is not on the page: %.400s", r.Body)
		}

		r = cv.form(t, "/regimes", regimeForm("Q-YT", "Báo cáo quý của ngành y tế", "0")).want(t, 303)
		loc := r.Header.Get("Location")
		if !strings.HasPrefix(loc, "/regimes/") || !strings.HasSuffix(loc, "/edit?saved=1") {
			t.Fatalf("redirect to %q", loc)
		}
		id := strings.TrimSuffix(strings.TrimPrefix(loc, "/regimes/"), "/edit?saved=1")
		var reg struct {
			Version         int     `json:"version"`
			ReporterUnitIDs []int64 `json:"reporter_unit_ids"`
			Template        struct {
				Version    int `json:"version"`
				Indicators []struct {
					Code string   `json:"code"`
					Min  *float64 `json:"min"`
				} `json:"indicators"`
				Rules []struct{ Expr string } `json:"rules"`
			} `json:"template"`
		}
		api := apiClient(t, env, "chuyenvien")
		api.do(t, "GET", "/api/v1/regimes/"+id, nil).want(t, 200).decode(t, &reg)
		if reg.Template.Version != 1 || len(reg.Template.Indicators) != 2 || len(reg.Template.Rules) != 1 || len(reg.ReporterUnitIDs) != 2 {
			t.Fatalf("created regime: %+v (blank rows must be skipped)", reg)
		}
		if m := reg.Template.Indicators[0].Min; m == nil || *m != 0 {
			t.Errorf("min of visits = %v, want 0", m)
		}

		edit := regimeForm("Q-YT", "Báo cáo quý của ngành y tế", "1")
		edit.Set("ind_name_1", "Số ca điều trị khỏi")
		cv.form(t, "/regimes/"+id, edit).want(t, 303)
		api.do(t, "GET", "/api/v1/regimes/"+id, nil).want(t, 200).decode(t, &reg)
		if reg.Template.Version != 2 || reg.Version != 2 {
			t.Errorf("after a template edit: regime version %d, template version %d; want 2 and 2", reg.Version, reg.Template.Version)
		}
		// Saving the stale form again is a visible conflict, not an overwrite.
		r = cv.form(t, "/regimes/"+id, edit).want(t, 409)
		if !strings.Contains(string(r.Body), "người khác thay đổi") {
			t.Errorf("conflict page does not say so: %.300s", r.Body)
		}

		rep := uiClient(t, env, "syt.baocao")
		rep.do(t, "GET", "/regimes/new", nil).want(t, 403)
		rep.form(t, "/regimes", regimeForm("Q-X", "X", "0")).want(t, 403)
	})
}
