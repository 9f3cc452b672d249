package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// meetingJSON is the API's conference, as a client reads it.
type meetingJSON struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Status  string `json:"status"`
	Version int    `json:"version"`
}

// yearEndConference creates, through the API as the Board's specialist, the
// year-end conference of 2020 (after the demo's six-month one, whose notice
// is number 1 of 2020) and its conclusion items, the seed article's.
func yearEndConference(t *testing.T, env *webtest.Env, spec *client) (meetingJSON, []map[string]any) {
	t.Helper()
	var ids []int64
	for _, code := range []string{"SGDDT", "SYT", "SKHCN", "STNMT", "BAOTINH", "DPTTH"} {
		ids = append(ids, env.Unit(t, code).ID)
	}
	var m meetingJSON
	spec.do(t, "POST", "/api/v1/meetings", map[string]any{"kind": "six_month",
		"title":     "Hội nghị tổng kết công tác khoa giáo năm 2020",
		"starts_at": "2020-12-30T08:00:00+07:00", "ends_at": "2020-12-30T11:30:00+07:00",
		"place": "Hội trường Tỉnh ủy", "chair_name": "Lê Văn Tuấn", "unit_ids": ids}).want(t, http.StatusCreated).decode(t, &m)
	items := []map[string]any{
		{"text": "Tập trung đào tạo, bồi dưỡng đội ngũ cán bộ làm công tác khoa giáo", "lead_unit_id": env.Unit(t, "SGDDT").ID,
			"support_unit_ids": []int64{env.Unit(t, "SYT").ID}, "due": "2021-06-30", "key": true},
		{"text": "Duy trì thường xuyên chế độ báo cáo, cung cấp thông tin hai chiều", "lead_unit_id": env.Unit(t, "SKHCN").ID},
		{"text": "Theo dõi, nắm bắt và tham mưu các biện pháp phòng, chống dịch COVID-19", "lead_unit_id": env.Unit(t, "SYT").ID, "due": "2021-03-31", "key": true},
		{"text": "Tuyên truyền phòng, chống dịch bệnh; phòng chống lụt bão; chuẩn bị đại hội Đảng các cấp", "lead_unit_id": env.Unit(t, "BAOTINH").ID,
			"support_unit_ids": []int64{env.Unit(t, "DPTTH").ID}, "due": "2021-04-30"},
	}
	return m, items
}

// TestConferenceToTasksAPI: the year-end conference of 2020 from planning
// to its notice, issued on 5 January 2021; the minutes autosave meets a
// conflict with both texts; the notice is number 1 of 2021 (numbering
// restarts each year) and its four items become four tasks.
func TestConferenceToTasksAPI(t *testing.T) {
	inSeedDays(t, func(t *testing.T, env *webtest.Env) {
		env.Clock.Set(time.Date(2020, 12, 20, 9, 0, 0, 0, vntext.Location))
		spec, lead, rep := apiClient(t, env, "chuyenvien"), apiClient(t, env, "lanhdao"), apiClient(t, env, "sgddt.baocao")
		m, items := yearEndConference(t, env, spec)
		p := path("/api/v1/meetings/%d", m.ID)
		var ag struct{ Version int }
		spec.do(t, "PUT", p+"/agenda", map[string]any{"version": m.Version, "items": []map[string]any{
			{"title": "Báo cáo kết quả công tác khoa giáo 6 tháng đầu năm", "from": "08:00", "to": "08:30"},
			{"title": "Tình hình thực hiện Nghị quyết 42/NQ-CP", "presenting_unit_id": env.Unit(t, "SGDDT").ID, "from": "08:30", "to": "09:00"}}}).
			want(t, http.StatusOK).decode(t, &ag)
		spec.do(t, "PUT", p+"/attendance", map[string]any{"version": ag.Version, "rows": []map[string]any{
			{"unit_id": env.Unit(t, "SGDDT").ID, "status": "present"}, {"unit_id": env.Unit(t, "SYT").ID, "status": "represented", "represented_by": "Phó Giám đốc"},
			{"unit_id": env.Unit(t, "SGDDT").ID, "status": "absent"}}}).want(t, http.StatusUnprocessableEntity)

		var mins struct {
			Version int `json:"minutes_version"`
		}
		spec.do(t, "PUT", p+"/minutes", map[string]any{"minutes": "Khai mạc lúc 8 giờ.", "minutes_version": 0}).want(t, http.StatusOK).decode(t, &mins)
		stale := apiClient(t, env, "admin").do(t, "PUT", p+"/minutes", map[string]any{"minutes": "Bản của quản trị.", "minutes_version": 0}).want(t, http.StatusConflict)
		var detail struct {
			Current struct {
				Text    string `json:"text"`
				Version int    `json:"minutes_version"`
			} `json:"current"`
			Mine string `json:"mine"`
		}
		if err := json.Unmarshal(stale.errorBody(t).Error.Detail, &detail); err != nil || detail.Current.Text != "Khai mạc lúc 8 giờ." ||
			detail.Current.Version != mins.Version || detail.Mine != "Bản của quản trị." {
			t.Errorf("minutes conflict detail %+v (%v)", detail, err)
		}

		var c struct {
			Version int `json:"version"`
			Number  int `json:"number"`
			Items   []struct {
				ID     int64 `json:"id"`
				TaskID int64 `json:"task_id"`
			} `json:"items"`
		}
		rep.do(t, "POST", p+"/conclusion", map[string]any{"version": 0, "subject": "x", "items": items}).want(t, http.StatusForbidden)
		spec.do(t, "POST", p+"/conclusion", map[string]any{"version": 0, "subject": "Kết luận của đồng chí Lê Văn Tuấn tại Hội nghị tổng kết công tác khoa giáo năm 2020",
			"body_intro": "Ngày 30 tháng 12 năm 2020, tại Hội trường Tỉnh ủy, đồng chí Lê Văn Tuấn, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy đã chủ trì Hội nghị tổng kết công tác khoa giáo năm 2020 và triển khai nhiệm vụ trọng tâm năm 2021.\n" +
				"Kết luận hội nghị, đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy yêu cầu Ban Tuyên giáo các cấp, các cơ quan, đơn vị trong Khối tập trung thực hiện tốt các nhiệm vụ sau:",
			"body_closing": "Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
			"signer":       map[string]string{"authority": "T/M BAN TUYÊN GIÁO", "position": "TRƯỞNG BAN", "name": "Lê Văn Tuấn"},
			"recipients":   []string{"Thường trực Tỉnh ủy (b/c),", "Lưu Văn phòng."}, "items": items}).want(t, http.StatusOK).decode(t, &c)
		rep.do(t, "GET", p+"/conclusion.docx", nil).want(t, http.StatusForbidden) // a draft is the Board's
		env.Clock.Set(time.Date(2021, 1, 5, 9, 0, 0, 0, vntext.Location))
		lead.do(t, "POST", p+"/conclusion/issue", map[string]any{"version": c.Version}).want(t, http.StatusOK).decode(t, &c)
		if c.Number != 1 || len(c.Items) != 4 || c.Items[3].TaskID == 0 {
			t.Fatalf("issued notice: %+v", c)
		}
		var tasks listJSON[struct {
			ID       int64  `json:"id"`
			OriginID int64  `json:"origin_id"`
			Origin   string `json:"origin"`
		}]
		spec.do(t, "GET", path("/api/v1/tasks?meeting_id=%d", m.ID), nil).want(t, http.StatusOK).decode(t, &tasks)
		if tasks.Total != 4 || tasks.Items[0].Origin != "conclusion" {
			t.Errorf("tasks of the conference: %+v", tasks)
		}
		// Preparing it shows the demo's six-month conference, the previous one
		// concluded, with each item's task as it stands.
		var prep struct {
			Previous meetingJSON `json:"previous"`
			Items    []struct {
				Task *struct{ Status string } `json:"task"`
			} `json:"items"`
			Completeness []any `json:"completeness"`
		}
		spec.do(t, "GET", p+"/prepare", nil).want(t, http.StatusOK).decode(t, &prep)
		if prep.Previous.Title != demo.ConferenceTitle || len(prep.Items) == 0 || prep.Items[0].Task == nil || prep.Completeness == nil {
			t.Errorf("preparation: %+v", prep)
		}
		var got meetingJSON
		rep.do(t, "GET", p, nil).want(t, http.StatusOK).decode(t, &got)
		if got.Status != "concluded" {
			t.Errorf("status seen by an invited unit: %q", got.Status)
		}

		d := rep.do(t, "GET", p+"/conclusion.docx", nil).want(t, http.StatusOK)
		if ct := d.Header.Get("Content-Type"); ct != httpx.DOCXType || !strings.Contains(d.Header.Get("Content-Disposition"), "thong-bao-ket-luan-1-2021.docx") {
			t.Errorf("docx headers %q %q", ct, d.Header.Get("Content-Disposition"))
		}
		text := docxText(t, d.Body)
		for _, want := range []string{"THÔNG BÁO", "Số 1-TB/BTGTU", "Quảng Trị, ngày 05 tháng 01 năm 2021", "Kết luận của đồng chí Lê Văn Tuấn",
			"Chủ trì: Sở GD&ĐT; phối hợp: Sở YT; thời hạn: 30/06/2021.", "T/M BAN TUYÊN GIÁO"} {
			if !strings.Contains(text, want) {
				t.Errorf("the notice lacks %q", want)
			}
		}
		renderNotice(t, d.Body)
	})
}

// docxText is the text of a DOCX's main part, runs joined.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("docx is not a zip: %v", err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatalf("docx without word/document.xml: %v", err)
	}
	body, _ := io.ReadAll(f)
	var b strings.Builder
	for _, part := range strings.Split(string(body), "<w:t")[1:] {
		if i := strings.IndexByte(part, '>'); i >= 0 {
			if j := strings.Index(part, "</w:t>"); j > i {
				b.WriteString(part[i+1 : j])
			}
		}
	}
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'").Replace(b.String())
}

// renderNotice converts the notice with LibreOffice when it is installed
// and renders page 1 to PNG (KHOAGIAO_RENDER_DIR keeps the files for a look).
func renderNotice(t *testing.T, docx []byte) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		return
	}
	dir := os.Getenv("KHOAGIAO_RENDER_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "thong-bao-ket-luan.docx")
	if err := os.WriteFile(in, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in).CombinedOutput()
	pdf := strings.TrimSuffix(in, ".docx") + ".pdf"
	if b, rerr := os.ReadFile(pdf); err != nil || rerr != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("LibreOffice did not convert the notice: %v %v\n%s", err, rerr, out)
	}
	if txt, err := exec.LookPath("pdftotext"); err == nil {
		b, err := exec.CommandContext(ctx, txt, "-f", "1", "-l", "1", pdf, "-").Output()
		if err != nil || !strings.Contains(string(b), "THÔNG BÁO") || !strings.Contains(string(b), "Số 1-TB/BTGTU") {
			t.Errorf("page 1 of the PDF lacks the type or the number (%v): %.400s", err, b)
		}
	}
	if ppm, err := exec.LookPath("pdftoppm"); err == nil {
		if out, err := exec.CommandContext(ctx, ppm, "-png", "-r", "70", "-f", "1", "-l", "1", pdf, filepath.Join(dir, "thong-bao-trang")).CombinedOutput(); err != nil {
			t.Errorf("pdftoppm: %v\n%s", err, out)
		}
	}
}
