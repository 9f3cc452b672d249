package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestPressAPI: the Board registers an article (a second link to it is
// refused on "url"), routing picks the unit, the unit answers late, the
// Board reviews and closes, the figures count it.
func TestPressAPI(t *testing.T) {
	forEachDialectAt(t, time.Date(2021, time.March, 1, 9, 0, 0, 0, vntext.Location), func(t *testing.T, env *webtest.Env) {
		board, rep, other := apiClient(t, env, "chuyenvien"), apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "syt.baocao")
		sgddt := env.Unit(t, "SGDDT")
		routes := map[string]any{"rules": []map[string]any{{"field": "education", "unit_id": sgddt.ID}}, "days": map[string]int{"education": 3}}
		board.do(t, "PUT", "/api/v1/press-routes", routes).want(t, http.StatusOK)
		rep.do(t, "PUT", "/api/v1/press-routes", routes).want(t, http.StatusForbidden)
		body := map[string]any{"outlet": "Báo Giáo dục và Thời đại", "url": "https://giaoducthoidai.vn/Lam-Thu/?utm_campaign=x",
			"title": "Lạm thu đầu năm học", "field": "education"}
		var c press.Case
		board.do(t, "POST", "/api/v1/press-cases", body).want(t, http.StatusCreated).decode(t, &c)
		body["url"] = "https://GIAODUCTHOIDAI.vn/Lam-Thu#binh-luan"
		e := board.do(t, "POST", "/api/v1/press-cases", body).want(t, http.StatusUnprocessableEntity).errorBody(t)
		if !strings.Contains(e.Error.Fields["url"], "Lạm thu đầu năm học") {
			t.Errorf("duplicate names no case: %+v", e)
		}
		p := path("/api/v1/press-cases/%d", c.ID)
		board.do(t, "POST", p+"/assign", map[string]any{"version": c.Version}).want(t, http.StatusOK).decode(t, &c)
		if c.LeadUnitID != sgddt.ID || c.Due.String() != "2021-03-04" || c.TaskID == 0 {
			t.Fatalf("assigned: %+v", c)
		}
		other.do(t, "GET", p, nil).want(t, http.StatusForbidden)
		other.do(t, "POST", p+"/answer", map[string]any{"version": c.Version, "answer": "x"}).want(t, http.StatusForbidden)
		env.Clock.Set(time.Date(2021, time.March, 5, 10, 0, 0, 0, vntext.Location))
		rep.do(t, "POST", p+"/answer", map[string]any{"version": c.Version, "answer": "Nhà trường đã hoàn trả các khoản thu sai."}).want(t, http.StatusOK).decode(t, &c)
		if c.Late == nil || !*c.Late {
			t.Errorf("answer after the due day not late: %+v", c.Late)
		}
		board.do(t, "POST", p+"/review", map[string]any{"version": c.Version}).want(t, http.StatusUnprocessableEntity)
		board.do(t, "POST", p+"/review", map[string]any{"version": c.Version, "accept": true, "note": "Đạt"}).want(t, http.StatusOK).decode(t, &c)
		board.do(t, "POST", p+"/close", map[string]any{"version": c.Version - 1, "feedback": "Văn bản"}).want(t, http.StatusConflict)
		board.do(t, "POST", p+"/close", map[string]any{"version": c.Version, "feedback": "Gửi văn bản trả lời tòa soạn."}).want(t, http.StatusOK).decode(t, &c)
		var st struct {
			Rows []press.StatRow `json:"rows"`
		}
		board.do(t, "GET", "/api/v1/press-cases/stats?from=2021-01-01&to=2021-12-31&by=field", nil).want(t, http.StatusOK).decode(t, &st)
		if len(st.Rows) != 1 || st.Rows[0].Key != "education" || st.Rows[0].Late != 1 {
			t.Errorf("stats: %+v", st.Rows)
		}
		board.do(t, "GET", "/api/v1/press-cases/stats?by=year", nil).want(t, http.StatusUnprocessableEntity)
	})
}

// TestPressPages walks the pages: list with the demo's cases, the
// registration form, each step as a form, and the history.
func TestPressPages(t *testing.T) {
	forEachDialectAt(t, time.Date(2021, time.March, 1, 9, 0, 0, 0, vntext.Location), func(t *testing.T, env *webtest.Env) {
		board, mt := uiClient(t, env, "chuyenvien"), uiClient(t, env, "stnmt.baocao")
		page(t, board.do(t, "GET", "/press?field=environment", nil), http.StatusOK, "Mùi hôi từ khu xử lý rác", "Kênh thoát nước ô nhiễm", "Trả lời quá hạn", "Báo chí")
		page(t, board.do(t, "GET", "/press/new", nil), http.StatusOK, "Tiếp nhận thông tin báo chí")
		page(t, board.form(t, "/press", url.Values{"outlet": {"Báo Quảng Trị"}, "url": {"bad"}, "title": {"Rác thải"}, "field": {"environment"}}),
			http.StatusUnprocessableEntity, "Đường dẫn bài báo không hợp lệ")
		r := board.form(t, "/press", url.Values{"outlet": {"Báo Quảng Trị"}, "url": {"https://baoquangtri.vn/rac-thai-song"}, "title": {"Rác thải ven sông"}, "field": {"environment"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("register: %d %.300s", r.Status, r.Body)
		}
		loc := strings.SplitN(r.Header.Get("Location"), "?", 2)[0]
		page(t, board.do(t, "GET", loc, nil), http.StatusOK, "Theo quy tắc phân công", "Sở Tài nguyên và Môi trường")
		step := func(c *client, action string, v url.Values, want int) {
			t.Helper()
			n, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/press/"), 10, 64)
			got, err := env.Press.Find(t.Context(), system, n)
			if err != nil {
				t.Fatal(err)
			}
			v.Set("version", strconv.Itoa(got.Version))
			if r := c.form(t, loc+"/"+action, v); r.Status != want {
				t.Fatalf("%s: %d %.300s", action, r.Status, r.Body)
			}
		}
		step(board, "assign", url.Values{"lead_unit_id": {"0"}}, http.StatusSeeOther)
		step(mt, "answer", url.Values{"answer": {""}}, http.StatusUnprocessableEntity)
		step(mt, "answer", url.Values{"answer": {"Đã yêu cầu thu gom rác."}}, http.StatusSeeOther)
		step(board, "review", url.Values{"accept": {"1"}, "note": {"Đạt"}}, http.StatusSeeOther)
		step(board, "close", url.Values{"feedback": {"Gửi văn bản."}}, http.StatusSeeOther)
		step(board, "reopen", url.Values{"note": {"Báo đăng bài tiếp."}}, http.StatusSeeOther)
		page(t, board.do(t, "GET", loc, nil), http.StatusOK, "Lịch sử xử lý", "Mở lại", "Vòng", "Chuyển đơn vị chủ trì")
		syt := uiClient(t, env, "syt.baocao")
		page(t, syt.do(t, "GET", loc, nil), http.StatusForbidden)
		page(t, syt.do(t, "GET", "/press", nil), http.StatusOK, "Không có vụ việc nào phù hợp.")
	})
}
