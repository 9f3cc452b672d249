package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// trainingDay is the scenario's today: after the September 2020 course.
var trainingDay = time.Date(2020, time.December, 1, 9, 0, 0, 0, vntext.Location)

// TestTrainingAPI: a unit registers its staff and sees only its own; the
// Board records a course and its participants (a stale list is a 409); a
// unit attaches a certificate (an HTML file is refused); the figures count
// the course, in JSON and in a workbook Excel opens.
func TestTrainingAPI(t *testing.T) {
	forEachDialectAt(t, trainingDay, func(t *testing.T, env *webtest.Env) {
		board, rep, other := apiClient(t, env, "chuyenvien"), apiClient(t, env, "sgddt.baocao"), apiClient(t, env, "syt.baocao")
		sgddt, syt := env.Unit(t, "SGDDT"), env.Unit(t, "SYT")
		var s training.Staff
		rep.do(t, "POST", "/api/v1/training/staff", map[string]any{"unit_id": sgddt.ID, "full_name": "Ngô  Thị Lan Anh",
			"position": "Chuyên viên", "birth_date": "1994-05-02", "political_level": "so_cap", "phone": "0912 345 678"}).
			want(t, http.StatusCreated).decode(t, &s)
		if s.FullName != "Ngô Thị Lan Anh" || s.UnitID != sgddt.ID || !s.Active {
			t.Fatalf("created %+v", s)
		}
		e := rep.do(t, "POST", "/api/v1/training/staff", map[string]any{"unit_id": sgddt.ID, "full_name": "Ngô",
			"position": "", "email": "sai@"}).want(t, http.StatusUnprocessableEntity).errorBody(t)
		for _, f := range []string{"full_name", "position", "email"} {
			if e.Error.Fields[f] == "" {
				t.Errorf("no message on %s: %+v", f, e.Error.Fields)
			}
		}
		rep.do(t, "POST", "/api/v1/training/staff", map[string]any{"unit_id": syt.ID, "full_name": "Người Khác", "position": "Chuyên viên"}).
			want(t, http.StatusForbidden)
		p := path("/api/v1/training/staff/%d", s.ID)
		other.do(t, "GET", p, nil).want(t, http.StatusForbidden)
		var l listJSON[training.Staff]
		other.do(t, "GET", "/api/v1/training/staff?q=lan+anh", nil).want(t, http.StatusOK).decode(t, &l)
		if l.Total != 0 {
			t.Errorf("SYT finds SGD's staff: %+v", l.Items)
		}
		rep.do(t, "GET", "/api/v1/training/staff?q=lan+anh", nil).want(t, http.StatusOK).decode(t, &l)
		if l.Total != 1 || l.Items[0].ID != s.ID {
			t.Errorf("folded search: %+v", l)
		}
		rep.do(t, "PATCH", p, map[string]any{"position": "Phó phòng", "version": s.Version + 1}).want(t, http.StatusConflict)
		rep.do(t, "PATCH", p, map[string]any{"position": "Phó phòng"}, "If-Match", strconv.Quote(strconv.Itoa(s.Version))).
			want(t, http.StatusOK).decode(t, &s)

		var c training.Course
		board.do(t, "POST", "/api/v1/training/courses", map[string]any{"title": "Bồi dưỡng cập nhật kiến thức khoa giáo cuối năm 2020",
			"organiser": "Ban Tuyên giáo Tỉnh ủy", "kind": "refresher", "starts_on": "2020-11-20", "ends_on": "2020-11-19"}).
			want(t, http.StatusUnprocessableEntity)
		board.do(t, "POST", "/api/v1/training/courses", map[string]any{"title": "Bồi dưỡng cập nhật kiến thức khoa giáo cuối năm 2020",
			"organiser": "Ban Tuyên giáo Tỉnh ủy", "kind": "refresher", "starts_on": "2020-11-19", "ends_on": "2020-11-20"}).
			want(t, http.StatusCreated).decode(t, &c)
		cp := path("/api/v1/training/courses/%d", c.ID)
		list := map[string]any{"version": c.Version, "participants": []map[string]any{{"staff_id": s.ID, "attendance": "attended", "result": "Đạt"}}}
		board.do(t, "PUT", cp+"/participants", list).want(t, http.StatusOK).decode(t, &c)
		board.do(t, "PUT", cp+"/participants", list).want(t, http.StatusConflict)
		if c.Attended != 1 || len(c.Participants) != 1 || c.Participants[0].StaffName != "Ngô Thị Lan Anh" {
			t.Fatalf("participants: %+v", c)
		}
		ctype, html := multipartFile(t, "file", "chung-chi.pdf", []byte("<!doctype html><script>alert(1)</script>"))
		rep.do(t, "POST", path("%s/participants/%d/certificate", cp, s.ID), html, "Content-Type", ctype).want(t, http.StatusUnprocessableEntity)
		ctype, pdf := multipartFile(t, "file", "Giấy chứng nhận.pdf", attachmentPDF)
		other.do(t, "POST", path("%s/participants/%d/certificate", cp, s.ID), pdf, "Content-Type", ctype).want(t, http.StatusForbidden)
		rep.do(t, "POST", path("%s/participants/%d/certificate", cp, s.ID), pdf, "Content-Type", ctype).want(t, http.StatusCreated)
		var mine training.Course
		other.do(t, "GET", cp, nil).want(t, http.StatusOK).decode(t, &mine)
		if len(mine.Participants) != 0 || mine.Attended != 1 {
			t.Errorf("SYT reads SGD's participants: %+v", mine.Participants)
		}

		// SGD in 2020 (demo: Hoa and Vinh at the September course, Ánh at none) plus Lan Anh.
		var st training.Stats
		rep.do(t, "GET", "/api/v1/training/figures", nil).want(t, http.StatusOK).decode(t, &st)
		if len(st.Rows) != 1 || st.Rows[0].Staff != 4 || st.Rows[0].Trained != 3 || st.Rows[0].Untrained3y != 1 || st.Rows[0].Share != 25 {
			t.Errorf("SGD's figures of 2020: %+v", st.Rows)
		}
		board.do(t, "GET", "/api/v1/training/figures?from=2020-12-31&to=2020-01-01", nil).want(t, http.StatusUnprocessableEntity)
		x := board.do(t, "GET", "/api/v1/training/figures.xlsx?year=2020", nil).want(t, http.StatusOK)
		cells := workbookText(t, x.Body)
		for _, want := range []string{"Đào tạo, bồi dưỡng cán bộ làm công tác khoa giáo năm 2020", "Sở Giáo dục và Đào tạo", "Tổng cộng"} {
			if !strings.Contains(cells, want) {
				t.Errorf("the figures workbook lacks %q", want)
			}
		}
		f, err := excelize.OpenReader(bytes.NewReader(x.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows(f.GetSheetName(0))
		var sgdRow []string
		for _, r := range rows {
			if len(r) > 1 && r[1] == "Sở Giáo dục và Đào tạo" {
				sgdRow = r
			}
		}
		if len(sgdRow) < 6 || sgdRow[2] != "4" || sgdRow[3] != "3" || sgdRow[4] != "1" {
			t.Errorf("SGD's row in the workbook: %q", sgdRow)
		}
		if v, _ := f.GetCellValue(f.GetSheetName(0), "F"+strconv.Itoa(rowOf(rows, "Tổng cộng")+1), excelize.Options{RawCellValue: true}); v == "" {
			t.Error("no share in the totals row")
		}
		staff := rep.do(t, "GET", "/api/v1/training/staff.xlsx", nil).want(t, http.StatusOK)
		if text := workbookText(t, staff.Body); !strings.Contains(text, "Ngô Thị Lan Anh") || strings.Contains(text, "Lê Thị Thu Hà") {
			t.Errorf("SGD's register workbook: %.300s", text)
		}
	})
}

// workbookText opens a workbook and joins every cell of its first sheet.
func workbookText(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("workbook does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}

func rowOf(rows [][]string, text string) int {
	for i, r := range rows {
		for _, c := range r {
			if c == text {
				return i
			}
		}
	}
	return -1
}

// TestTrainingPages walks the pages: the register filtered and searched,
// a staff member added through the form (refusals beside the fields) and
// moved, a course with its participant table, a certificate, the figures.
func TestTrainingPages(t *testing.T) {
	forEachDialectAt(t, trainingDay, func(t *testing.T, env *webtest.Env) {
		board, rep := uiClient(t, env, "chuyenvien"), uiClient(t, env, "sgddt.baocao")
		sgddt, hkh := env.Unit(t, "SGDDT"), env.Unit(t, "HKH")
		page(t, board.do(t, "GET", "/training", nil), http.StatusOK, "Đào tạo, bồi dưỡng cán bộ", "Tôn Nữ Diệu Hiền", "Lê Thị Thu Hà", "Trung cấp")
		body := page(t, rep.do(t, "GET", "/training", nil), http.StatusOK, "Nguyễn Thị Hoa", "Trương Thị Ngọc Ánh")
		if strings.Contains(body, "Lê Thị Thu Hà") {
			t.Error("SGD's register shows SYT's staff")
		}
		page(t, board.do(t, "GET", "/training?q=dieu+hien", nil), http.StatusOK, "Tôn Nữ Diệu Hiền", "1 cán bộ")
		page(t, board.do(t, "GET", path("/training?unit_id=%d", sgddt.ID), nil), http.StatusOK, "3 cán bộ")
		page(t, rep.do(t, "GET", path("/training?unit_id=%d", hkh.ID), nil), http.StatusForbidden)

		page(t, rep.do(t, "GET", "/training/staff/new", nil), http.StatusOK, "Thêm cán bộ")
		page(t, rep.form(t, "/training/staff", url.Values{"unit_id": {strconv.FormatInt(sgddt.ID, 10)}, "full_name": {"Mai Văn Hùng"},
			"position": {""}, "birth_date": {"31/02/1990"}, "active": {"1"}}), http.StatusUnprocessableEntity, "Ngày không hợp lệ")
		page(t, rep.form(t, "/training/staff", url.Values{"unit_id": {strconv.FormatInt(sgddt.ID, 10)}, "full_name": {"Mai Văn Hùng"},
			"position": {""}, "birth_date": {"12/03/1990"}, "active": {"1"}}), http.StatusUnprocessableEntity, "Chức vụ là bắt buộc", "Mai Văn Hùng")
		r := rep.form(t, "/training/staff", url.Values{"unit_id": {strconv.FormatInt(sgddt.ID, 10)}, "full_name": {"Mai Văn Hùng"},
			"position": {"Chuyên viên"}, "birth_date": {"12/03/1990"}, "political_level": {"trung_cap"}, "active": {"1"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %.300s", r.Status, r.Body)
		}
		loc := strings.SplitN(r.Header.Get("Location"), "?", 2)[0]
		page(t, rep.do(t, "GET", r.Header.Get("Location"), nil), http.StatusOK, "Đã thêm cán bộ.", "12/03/1990", "Chuyển đơn vị công tác", "Chưa chuyển đơn vị lần nào.")
		id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/training/staff/"), 10, 64)
		s, err := env.Training.FindStaff(t.Context(), system, id)
		if err != nil {
			t.Fatal(err)
		}
		page(t, rep.form(t, loc+"/move", url.Values{"version": {strconv.Itoa(s.Version)}, "to_unit_id": {strconv.FormatInt(hkh.ID, 10)},
			"moved_on": {"02/12/2020"}}), http.StatusUnprocessableEntity, "không được sau hôm nay")
		r = rep.form(t, loc+"/move", url.Values{"version": {strconv.Itoa(s.Version)}, "to_unit_id": {strconv.FormatInt(hkh.ID, 10)},
			"moved_on": {"01/12/2020"}, "note": {"Quyết định số 7/QĐ-HKH"}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/training?done=moved" {
			t.Fatalf("move: %d %q", r.Status, r.Header.Get("Location"))
		}
		page(t, rep.do(t, "GET", loc, nil), http.StatusForbidden)
		page(t, board.do(t, "GET", loc, nil), http.StatusOK, "Hội Khuyến học tỉnh", "Sở Giáo dục và Đào tạo", "Quyết định số 7/QĐ-HKH", "01/12/2020")

		// Courses: the demo's, a new one with its participant table.
		page(t, rep.do(t, "GET", "/training/courses?year=2020", nil), http.StatusOK, "Tập huấn nghiệp vụ công tác khoa giáo năm 2020", "Tập huấn")
		page(t, rep.do(t, "GET", "/training/courses/new", nil), http.StatusForbidden)
		page(t, board.form(t, "/training/courses", url.Values{"title": {"Hội nghị chuyên đề khoa giáo"}, "organiser": {"Ban Tuyên giáo Tỉnh ủy"},
			"kind": {"conference"}, "starts_on": {"25/11/2020"}, "ends_on": {""}}), http.StatusUnprocessableEntity, "Nhập ngày kết thúc")
		r = board.form(t, "/training/courses", url.Values{"title": {"Hội nghị chuyên đề khoa giáo"}, "organiser": {"Ban Tuyên giáo Tỉnh ủy"},
			"kind": {"conference"}, "starts_on": {"25/11/2020"}, "ends_on": {"25/11/2020"}, "place": {"Hội trường Tỉnh ủy"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("course: %d %.300s", r.Status, r.Body)
		}
		cloc := strings.SplitN(r.Header.Get("Location"), "?", 2)[0]
		page(t, board.do(t, "GET", cloc, nil), http.StatusOK, "Chưa có học viên.", "Nguyễn Thị Hoa — Chuyên viên Văn phòng Sở")
		hoa := findStaff(t, env, "Nguyễn Thị Hoa")
		anh := findStaff(t, env, "Trương Thị Ngọc Ánh")
		cid, _ := strconv.ParseInt(strings.TrimPrefix(cloc, "/training/courses/"), 10, 64)
		c, _ := env.Training.FindCourse(t.Context(), system, cid)
		r = board.form(t, cloc+"/participants", url.Values{"version": {strconv.Itoa(c.Version)}, "add": {strconv.FormatInt(hoa.ID, 10), strconv.FormatInt(anh.ID, 10)}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("add participants: %d %.300s", r.Status, r.Body)
		}
		c, _ = env.Training.FindCourse(t.Context(), system, cid)
		ids := url.Values{"version": {strconv.Itoa(c.Version)}}
		for _, st := range []training.Staff{hoa, anh} {
			n := strconv.FormatInt(st.ID, 10)
			ids.Add("staff", n)
			ids.Set("attendance_"+n, "attended")
		}
		ids.Set("attendance_"+strconv.FormatInt(anh.ID, 10), "absent")
		ids.Set("result_"+strconv.FormatInt(anh.ID, 10), "Giỏi")
		page(t, board.form(t, cloc+"/participants", ids), http.StatusUnprocessableEntity, "Chỉ ghi kết quả, số chứng chỉ cho học viên có tham dự", "Giỏi")
		ids.Set("result_"+strconv.FormatInt(anh.ID, 10), "")
		ids.Set("result_"+strconv.FormatInt(hoa.ID, 10), "Xuất sắc")
		if r = board.form(t, cloc+"/participants", ids); r.Status != http.StatusSeeOther {
			t.Fatalf("attendance: %d %.300s", r.Status, r.Body)
		}
		page(t, board.do(t, "GET", r.Header.Get("Location"), nil), http.StatusOK, "Đã lưu danh sách học viên.", "Xuất sắc", "(1 người có tham dự)")
		ctype, pdf := multipartFile(t, "file", "Giấy chứng nhận Hoa.pdf", attachmentPDF)
		r = rep.do(t, "POST", path("%s/participants/%d/certificate", cloc, hoa.ID), pdf, "Content-Type", ctype)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("certificate: %d %.300s", r.Status, r.Body)
		}
		body = page(t, rep.do(t, "GET", cloc, nil), http.StatusOK, "Giấy chứng nhận Hoa.pdf", "Xuất sắc")
		if strings.Contains(body, "participants-form") {
			t.Error("a unit is offered the participant table")
		}

		// Figures of 2020: SGD has Hoa, Vinh, Ánh (Hùng moved to HKH): 2 trained at September's course, Hoa again in November.
		fig := page(t, rep.do(t, "GET", "/training/figures?year=2020", nil), http.StatusOK, "Số liệu đào tạo, bồi dưỡng",
			"/api/v1/training/figures.xlsx?year=2020", "33,3 %")
		if !strings.Contains(fig, `data-figure="trained">2<`) {
			t.Errorf("the figures page does not show 2 trained for SGD: %.2000s", fig)
		}
		page(t, board.do(t, "GET", "/training/figures?year=abc", nil), http.StatusBadRequest)
	})
}

func findStaff(t *testing.T, env *webtest.Env, name string) training.Staff {
	t.Helper()
	l, err := env.Training.ListStaff(t.Context(), system, training.StaffFilter{Q: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range l.Items {
		if s.FullName == name {
			return s
		}
	}
	t.Fatalf("no staff member %s", name)
	return training.Staff{}
}

// TestReportFiguresFromTraining: a yearly regime whose indicators take the
// register's figures shows them in the unit's report of 2020 (window
// 15/12/2019–14/12/2020): the Sở GD&ĐT's 3 staff, the 2 trained in
// September, one in three not trained since 15/12/2017.
func TestReportFiguresFromTraining(t *testing.T) {
	forEachDialectAt(t, trainingDay, func(t *testing.T, env *webtest.Env) {
		sgddt := env.Unit(t, "SGDDT")
		r, err := env.Reporting.CreateRegime(t.Context(), system, reporting.Regime{Code: "DT-NAM", Name: "Báo cáo công tác đào tạo cán bộ khoa giáo",
			Frequency: calendar.Yearly, Deadline: calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5},
			ReceiverUnitID: env.Unit(t, "BTGTU").ID, ReporterUnitIDs: []int64{sgddt.ID},
			Template: reporting.Template{Sections: []reporting.Section{{Key: "results", Title: "Kết quả"}},
				Indicators: []reporting.Indicator{
					{Code: "staff", Name: "Số cán bộ làm công tác khoa giáo", Type: reporting.TypeInteger, Source: training.FigureStaff},
					{Code: "trained", Name: "Số cán bộ được tập huấn, bồi dưỡng", Type: reporting.TypeInteger, Source: training.FigureTrained},
					{Code: "untrained", Name: "Tỷ lệ chưa được tập huấn trong 3 năm", Type: reporting.TypePercent, Source: training.FigureUntrained3y},
				}}})
		if err != nil {
			t.Fatal(err)
		}
		var rep struct {
			Figures map[string]float64 `json:"figures"`
		}
		apiClient(t, env, "sgddt.baocao").do(t, "GET", path("/api/v1/reports/%d/2020/%d", r.ID, sgddt.ID), nil).want(t, http.StatusOK).decode(t, &rep)
		if rep.Figures["staff"] != 3 || rep.Figures["trained"] != 2 || rep.Figures["untrained"] != 33.3 {
			t.Errorf("figures of the report: %v", rep.Figures)
		}
	})
}
