package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// page checks an HTML answer's status and that it shows every text.
func page(t *testing.T, r resp, status int, texts ...string) string {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body %.500s", r.Status, status, r.Body)
	}
	body := string(r.Body)
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("page (%d) lacks %q", status, s)
		}
	}
	return body
}

// TestTaskPages walks the task pages: the Board assigns through the form,
// the unit reports progress and completion and asks for more time, the
// Board decides; refusals come back beside their fields (422) or with the
// current state (409).
func TestTaskPages(t *testing.T) {
	forEachDialectAt(t, time.Date(2020, time.June, 15, 9, 0, 0, 0, vntext.Location), func(t *testing.T, env *webtest.Env) {
		board, rep := uiClient(t, env, "chuyenvien"), uiClient(t, env, "sgddt.baocao")
		supporter, outsider := uiClient(t, env, "syt.baocao"), uiClient(t, env, "skhcn.baocao")
		const title = "Tổ chức Ngày hội khoa học cho học sinh"

		page(t, rep.do(t, "GET", "/tasks/new", nil), http.StatusForbidden)
		page(t, board.do(t, "GET", "/tasks/new", nil), http.StatusOK, `id="task-form"`)
		page(t, board.form(t, "/tasks", formValues("title", " ", "lead_code", "KHONGCO", "support_codes", "SYT, XYZ", "due", "31/02/2020")),
			http.StatusUnprocessableEntity, "Nội dung nhiệm vụ là bắt buộc.", "Không tìm thấy đơn vị có mã KHONGCO.",
			"Không tìm thấy đơn vị có mã XYZ.", "Ngày không hợp lệ", `value="31/02/2020"`)
		r := board.form(t, "/tasks", formValues("title", title, "lead_code", "SGDDT", "support_codes", "SYT", "due", "30/06/2020", "key", "on"))
		loc := r.want(t, http.StatusSeeOther).Header.Get("Location")
		id, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(loc, "/tasks/"), "?done=created"), 10, 64)
		if id == 0 {
			t.Fatalf("created task at %q", loc)
		}
		p := path("/tasks/%d", id)
		page(t, board.do(t, "GET", loc, nil), http.StatusOK, "Đã giao nhiệm vụ.", "Sở Y tế", "Trọng tâm")

		// The unit's list and page; the supporter reads only; outsiders see nothing.
		page(t, rep.do(t, "GET", "/tasks", nil), http.StatusOK, `aria-current="page">Nhiệm vụ của đơn vị tôi`, title,
			"Sở Giáo dục và Đào tạo", "30/06/2020", "còn 11 ngày làm việc", "Đang thực hiện trong hạn", `<progress max="100" value="0"`)
		body := page(t, rep.do(t, "GET", p, nil), http.StatusOK, `id="progress-form"`, `id="complete-form"`, `id="extension-form"`)
		if strings.Contains(body, `id="review"`) {
			t.Error("the unit is offered the Board's confirmation")
		}
		if body := page(t, supporter.do(t, "GET", p, nil), http.StatusOK, title); strings.Contains(body, `id="progress-form"`) {
			t.Error("the supporting unit is offered the progress form")
		}
		page(t, supporter.form(t, p+"/progress", formValues("version", "1", "percent", "20")), http.StatusForbidden)
		page(t, outsider.do(t, "GET", p, nil), http.StatusForbidden)
		if body := page(t, outsider.do(t, "GET", "/tasks", nil), http.StatusOK); strings.Contains(body, title) {
			t.Error("an outsider's list shows the task")
		}

		// Progress: a bad number beside its field; a stale version shows the current state.
		page(t, rep.form(t, p+"/progress", formValues("version", "1", "percent", "150")), http.StatusUnprocessableEntity, "Tiến độ từ 0 đến 100 %.")
		page(t, rep.form(t, p+"/progress", formValues("version", "1", "percent", "mười")), http.StatusUnprocessableEntity, "Nhập tiến độ là số nguyên")
		rep.form(t, p+"/progress", formValues("version", "1", "percent", "40%", "note", "Đã có kế hoạch")).want(t, http.StatusSeeOther)
		page(t, rep.form(t, p+"/progress", formValues("version", "1", "percent", "55", "note", "Theo bản cũ")), http.StatusConflict,
			`id="conflict"`, `<span id="progress">40 %</span>`, `value="55"`, "Theo bản cũ", `name="version" value="2"`)

		// The clock passes the deadline.
		env.Clock.Set(time.Date(2020, time.July, 3, 9, 0, 0, 0, vntext.Location))
		page(t, board.do(t, "GET", "/tasks?view=overdue", nil), http.StatusOK, title, "quá hạn 3 ngày", "Đang thực hiện quá hạn")

		// Extension: asked by the unit, approved by the Board.
		page(t, rep.form(t, p+"/extension", formValues("requested_due", "15/07/2020")), http.StatusUnprocessableEntity, "Nêu lý do xin gia hạn.", `value="15/07/2020"`)
		page(t, rep.form(t, p+"/extension", formValues("requested_due", "15-7", "reason", "Chờ")), http.StatusUnprocessableEntity, "Ngày không hợp lệ")
		rep.form(t, p+"/extension", formValues("requested_due", "15/07/2020", "reason", "Chờ kinh phí")).want(t, http.StatusSeeOther)
		page(t, rep.do(t, "GET", p, nil), http.StatusOK, `id="pending-note"`, "15/07/2020")
		stored, err := env.Task.Find(context.Background(), system, id)
		if err != nil || len(stored.Extensions) != 1 {
			t.Fatalf("extensions %+v, %v", stored.Extensions, err)
		}
		page(t, board.do(t, "GET", p, nil), http.StatusOK, `id="decide-form"`, "Chờ kinh phí")
		page(t, rep.form(t, path("%s/extension/%d", p, stored.Extensions[0].ID), formValues("approve", "1")), http.StatusForbidden)
		board.form(t, path("%s/extension/%d", p, stored.Extensions[0].ID), formValues("approve", "1", "decision_note", "Đồng ý")).want(t, http.StatusSeeOther)
		page(t, board.do(t, "GET", p+"?done=approved", nil), http.StatusOK, "Đã đồng ý gia hạn.", "Đang thực hiện trong hạn", "Đồng ý gia hạn")

		// Completion: both messages at once; then reported, sent back, confirmed.
		version := func() string {
			tk, err := env.Task.Find(context.Background(), system, id)
			if err != nil {
				t.Fatal(err)
			}
			return strconv.Itoa(tk.Version)
		}
		page(t, rep.form(t, p+"/complete", formValues("version", version(), "done_on", "hôm nay")), http.StatusUnprocessableEntity,
			"Ngày không hợp lệ", "Nêu kết quả, sản phẩm hoặc văn bản chứng minh đã hoàn thành.")
		rep.form(t, p+"/complete", formValues("version", version(), "done_on", "03/07/2020", "evidence", "Kế hoạch 45-KH")).want(t, http.StatusSeeOther)
		page(t, board.do(t, "GET", "/tasks?view=awaiting", nil), http.StatusOK, title, "Chờ xác nhận")
		page(t, board.form(t, p+"/reject", formValues("version", version(), "reason", "")), http.StatusUnprocessableEntity, "Cần ghi rõ lý do.")
		stale := version()
		board.form(t, p+"/reject", formValues("version", stale, "reason", "Thiếu danh sách")).want(t, http.StatusSeeOther)
		rep.form(t, p+"/complete", formValues("version", version(), "done_on", "03/07/2020", "evidence", "Kèm danh sách")).want(t, http.StatusSeeOther)
		page(t, board.form(t, p+"/confirm", formValues("version", stale)), http.StatusConflict, `id="conflict"`)
		board.form(t, p+"/confirm", formValues("version", version())).want(t, http.StatusSeeOther)
		page(t, board.do(t, "GET", p, nil), http.StatusOK, "Hoàn thành đúng hạn", "Ban trả lại", "Thiếu danh sách", "Ban xác nhận hoàn thành")
		if tk, _ := env.Task.Find(context.Background(), system, id); tk.Status != task.DoneOnTime {
			t.Errorf("stored status %s", tk.Status)
		}

		// Scorecard with unit names; English on request.
		page(t, board.do(t, "GET", "/tasks/scorecard", nil), http.StatusOK, "Sở Giáo dục và Đào tạo", "Hoàn thành đúng hạn", "Đang thực hiện quá hạn")
		rep.do(t, "GET", "/lang/en?next="+url.QueryEscape("/tasks"), nil).want(t, http.StatusSeeOther)
		page(t, rep.do(t, "GET", "/tasks", nil), http.StatusOK, "My unit&#39;s tasks", "Done on time", "Lead unit")
	})
}
