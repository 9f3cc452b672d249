package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestReportFiguresFromPress: a press report given to the environment
// department and answered reaches its six-month report (demo regime MT-BC,
// whose two press indicators take their figures from the system): the form
// shows the system figure and starts from it, the API carries it, the
// Board sees it beside an empty input, and the editor offers the sources.
func TestReportFiguresFromPress(t *testing.T) {
	forEachDialectAt(t, time.Date(2021, time.March, 1, 9, 0, 0, 0, vntext.Location), func(t *testing.T, env *webtest.Env) {
		board, mtAPI := apiClient(t, env, "chuyenvien"), apiClient(t, env, "stnmt.baocao")
		stnmt := env.Unit(t, "STNMT")
		var c press.Case
		board.do(t, "POST", "/api/v1/press-cases", map[string]any{"outlet": "Báo Tài nguyên và Môi trường",
			"url": "https://baotainguyenmoitruong.vn/bai-rac-tu-phat", "title": "Bãi rác tự phát ven quốc lộ", "field": "environment"}).
			want(t, http.StatusCreated).decode(t, &c)
		p := path("/api/v1/press-cases/%d", c.ID)
		board.do(t, "POST", p+"/assign", map[string]any{"version": c.Version, "lead_unit_id": stnmt.ID}).want(t, http.StatusOK).decode(t, &c)
		mtAPI.do(t, "POST", p+"/answer", map[string]any{"version": c.Version, "answer": "Đã thu gom, xử phạt."}).want(t, http.StatusOK)

		id := regimeID(t, board, "MT-BC")
		form := path("/reports/%d/2021-H1/%d", id, stnmt.ID)
		body := page(t, uiClient(t, env, "stnmt.baocao").do(t, "GET", form, nil), http.StatusOK,
			"Số liệu hệ thống: <strong>1</strong>", `id="figures-note"`)
		for _, cell := range []string{"press_received", "press_answered"} {
			if !strings.Contains(body, `name="v.`+cell+`" value="1"`) {
				t.Errorf("the unit's form does not start %s from the system figure 1", cell)
			}
		}
		if !strings.Contains(body, `name="v.inspections" value=""`) {
			t.Error("an indicator without a source was filled in")
		}

		var rep struct {
			Exists  bool               `json:"exists"`
			Figures map[string]float64 `json:"figures"`
			Values  map[string]float64 `json:"values"`
		}
		mtAPI.do(t, "GET", path("/api/v1/reports/%d/2021-H1/%d", id, stnmt.ID), nil).want(t, http.StatusOK).decode(t, &rep)
		if rep.Exists || rep.Figures["press_received"] != 1 || rep.Figures["press_answered"] != 1 || rep.Values["press_received"] != 1 {
			t.Errorf("API report: %+v", rep)
		}

		// The Board sees the figure, with the unit's input still empty and marked as differing.
		body = page(t, uiClient(t, env, "chuyenvien").do(t, "GET", form, nil), http.StatusOK, "Số liệu hệ thống: <strong>1</strong>")
		if !strings.Contains(body, `name="v.press_received" value=""`) || strings.Count(body, "data-figure-differs hidden") != 0 {
			t.Errorf("the Board's view should show empty inputs with the figures marked as differing")
		}
		page(t, uiClient(t, env, "chuyenvien").do(t, "GET", path("/regimes/%d/edit", id), nil), http.StatusOK,
			`<option value="press.received" selected>`, `<option value="press.answered" selected>`, "press.answered_late", `id="source-hint"`)
	})
}
