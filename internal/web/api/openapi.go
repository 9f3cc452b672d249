package api

import (
	"net/http"
	"regexp"
	"strings"
)

// op documents one operation in the OpenAPI document.
type op struct {
	summary string
	query   []string // query parameter names (strings unless named *_id, limit, offset)
	body    string   // request schema name, "" for none
	resp    string   // response schema name
	status  string   // success status
}

// operations documents every route, keyed "METHOD /path". The test in
// openapi_test.go fails when a route in Routes is missing here.
var operations = map[string]op{
	"POST /auth/tokens":                     {summary: "Đăng nhập, cấp mã truy cập API (Bearer)", body: "TokenRequest", resp: "TokenResponse", status: "201"},
	"GET /auth/tokens":                      {summary: "Các mã truy cập của tôi", resp: "TokenList", status: "200"},
	"DELETE /auth/tokens/{id}":              {summary: "Thu hồi mã truy cập", status: "204"},
	"GET /me":                               {summary: "Người dùng hiện tại và đơn vị", resp: "User", status: "200"},
	"POST /me/password":                     {summary: "Đổi mật khẩu", body: "PasswordChange", status: "204"},
	"GET /units":                            {summary: "Danh sách đơn vị (tìm không dấu, sắp xếp tiếng Việt)", query: []string{"q", "kind", "parent_id", "active", "bloc", "limit", "offset"}, resp: "UnitList", status: "200"},
	"POST /units":                           {summary: "Thêm đơn vị", body: "Unit", resp: "Unit", status: "201"},
	"GET /units/{id}":                       {summary: "Một đơn vị", resp: "Unit", status: "200"},
	"PATCH /units/{id}":                     {summary: "Sửa đơn vị (cần version; 409 khi dữ liệu đã đổi)", body: "UnitPatch", resp: "Unit", status: "200"},
	"POST /units/import":                    {summary: "Nhập danh mục đơn vị từ JSON, CSV hoặc XLSX (tất cả hoặc không)", query: []string{"format"}, resp: "ImportResult", status: "200"},
	"GET /users":                            {summary: "Danh sách người dùng", query: []string{"q", "role", "unit_id", "limit", "offset"}, resp: "UserList", status: "200"},
	"POST /users":                           {summary: "Thêm người dùng", body: "UserInput", resp: "User", status: "201"},
	"GET /users/{id}":                       {summary: "Một người dùng", resp: "User", status: "200"},
	"PATCH /users/{id}":                     {summary: "Sửa người dùng, vai trò, đặt lại mật khẩu", body: "UserPatch", resp: "User", status: "200"},
	"GET /audit":                            {summary: "Nhật ký thay đổi", query: []string{"entity", "entity_id", "actor", "from", "to", "limit", "offset"}, resp: "AuditList", status: "200"},
	"GET /audit/verify":                     {summary: "Kiểm tra chuỗi băm của nhật ký", resp: "AuditVerify", status: "200"},
	"GET /settings":                         {summary: "Thiết lập (tên tỉnh, ký hiệu Ban…)", resp: "Settings", status: "200"},
	"PUT /settings":                         {summary: "Cập nhật thiết lập", body: "Settings", resp: "Settings", status: "200"},
	"GET /regimes":                          {summary: "Chế độ báo cáo (đơn vị: những chế độ mình phải báo cáo)", resp: "RegimeList", status: "200"},
	"POST /regimes":                         {summary: "Tạo chế độ báo cáo cùng mẫu báo cáo phiên bản 1", body: "Regime", resp: "Regime", status: "201"},
	"GET /regimes/{id}":                     {summary: "Một chế độ báo cáo với mẫu hiện hành", resp: "Regime", status: "200"},
	"PATCH /regimes/{id}":                   {summary: "Sửa chế độ báo cáo; đổi mẫu tạo phiên bản mới (cần version)", body: "Regime", resp: "Regime", status: "200"},
	"GET /regimes/{id}/periods":             {summary: "Các kỳ báo cáo của một năm, hạn nộp, ngày khóa sổ", query: []string{"year"}, resp: "PeriodList", status: "200"},
	"GET /regimes/{id}/completeness":        {summary: "Tình hình nộp báo cáo của một kỳ (hoặc lưới cả năm với year=)", query: []string{"period", "year"}, resp: "Completeness", status: "200"},
	"GET /regimes/{id}/aggregate":           {summary: "Tổng hợp số liệu trực tiếp, so sánh kỳ trước và cùng kỳ", query: []string{"period", "by", "indicator"}, resp: "Aggregate", status: "200"},
	"GET /regimes/{id}/export.xlsx":         {summary: "Xuất Excel số liệu một kỳ", query: []string{"period"}, status: "200"},
	"GET /regimes/{id}/consolidated":        {summary: "Dự thảo báo cáo tổng hợp", query: []string{"period"}, resp: "Consolidated", status: "200"},
	"PUT /regimes/{id}/consolidated":        {summary: "Lưu dự thảo báo cáo tổng hợp (cần version)", query: []string{"period"}, body: "Consolidated", resp: "Consolidated", status: "200"},
	"POST /regimes/{id}/consolidated/issue": {summary: "Ban hành: cấp số văn bản theo năm", query: []string{"period"}, body: "VersionBody", resp: "Consolidated", status: "200"},
	"GET /regimes/{id}/consolidated.docx":   {summary: "Tải báo cáo tổng hợp dạng DOCX theo Hướng dẫn 36-HD/VPTW", query: []string{"period"}, status: "200"},
	"GET /reports/{regime_id}/{period_key}/{unit_id}":               {summary: "Báo cáo của một đơn vị (mẫu trống nếu chưa lưu)", resp: "Report", status: "200"},
	"PUT /reports/{regime_id}/{period_key}/{unit_id}":               {summary: "Lưu nháp (cần version đã đọc; 409 khi xung đột)", body: "Draft", resp: "Report", status: "200"},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/submit":       {summary: "Gửi báo cáo", resp: "Report", status: "200"},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/approve":      {summary: "Lãnh đạo đơn vị duyệt", resp: "Report", status: "200"},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/return":       {summary: "Trả lại kèm lý do", body: "Reason", resp: "Report", status: "200"},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/accept":       {summary: "Tiếp nhận", resp: "Report", status: "200"},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/reopen":       {summary: "Mở lại để sửa", body: "Reason", resp: "Report", status: "200"},
	"GET /reports/{regime_id}/{period_key}/{unit_id}/workbook.xlsx": {summary: "Tải biểu nhập liệu Excel (điền sẵn)", status: "200"},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/workbook":     {summary: "Tải lên biểu nhập liệu đã điền (kiểm tra từng ô, tất cả hoặc không)", resp: "Report", status: "200"},

	// Attachments of a report (PDF, DOCX, XLSX, images).
	"GET /reports/{regime_id}/{period_key}/{unit_id}/attachments":         {summary: "Tệp đính kèm của báo cáo (cũng có trong GET báo cáo, trường attachments)", resp: "Attachments", status: "200"},
	"POST /reports/{regime_id}/{period_key}/{unit_id}/attachments":        {summary: "Đính kèm tệp (multipart, trường file; PDF, DOCX, XLSX, ảnh; tối đa 20 MB, 413 khi vượt; chỉ khi báo cáo còn sửa được)", resp: "Attachment", status: "201"},
	"DELETE /reports/{regime_id}/{period_key}/{unit_id}/attachments/{id}": {summary: "Xóa tệp đính kèm (chỉ khi báo cáo còn sửa được)", status: "204"},
	"GET /attachments/{id}": {summary: "Tải tệp đính kèm (Content-Disposition: attachment, kiểu nội dung đã kiểm tra khi tải lên)", status: "200"},

	"GET /holidays":                      {summary: "Ngày nghỉ lễ, Tết, nghỉ bù và ngày làm bù của một năm (mặc định năm nay)", query: []string{"year"}, resp: "HolidayList", status: "200"},
	"PUT /holidays/{date}":               {summary: "Thêm hoặc sửa ngày nghỉ, ngày làm bù (yyyy-mm-dd; quản trị)", body: "HolidayInput", resp: "Holiday", status: "200"},
	"DELETE /holidays/{date}":            {summary: "Xóa một ngày khỏi lịch nghỉ (quản trị; 404 nếu không có)", status: "204"},
	"GET /calendar/working-days":         {summary: "Ngày làm việc thứ n sau ngày from (n âm: trước; n = 0: from hoặc ngày làm việc kế tiếp)", query: []string{"from", "n"}, resp: "WorkingDay", status: "200"},
	"GET /calendar/working-days-between": {summary: "Số ngày làm việc sau from đến hết ngày to (âm khi to trước from)", query: []string{"from", "to"}, resp: "WorkingDays", status: "200"},
	"GET /openapi.json":                  {summary: "Tài liệu OpenAPI 3.1", status: "200"},

	// Review conferences (meetings.go, meeting_conclusion.go; schemas in meeting_schemas.go).
	"GET /meetings":                        {summary: "Hội nghị giao ban (Ban: tất cả; đơn vị: những hội nghị được mời); from, to theo RFC 3339; order=desc", query: []string{"from", "to", "q", "order", "limit", "offset"}, resp: "MeetingList", status: "200"},
	"POST /meetings":                       {summary: "Thêm hội nghị (chuyên viên Ban, quản trị)", body: "MeetingInput", resp: "Meeting", status: "201"},
	"GET /meetings/{id}":                   {summary: "Một hội nghị: chương trình, điểm danh, thông báo kết luận (đơn vị thấy khi đã ban hành), tệp đính kèm (ETag: version)", resp: "MeetingDetail", status: "200"},
	"PATCH /meetings/{id}":                 {summary: "Sửa hội nghị, đơn vị và người được mời (cần version; 409 khi đã đổi, kèm bản hiện tại)", body: "MeetingPatch", resp: "Meeting", status: "200"},
	"PUT /meetings/{id}/agenda":            {summary: "Thay toàn bộ chương trình (mục có id được giữ cùng tệp đính kèm; cần version của hội nghị)", body: "Agenda", resp: "Agenda", status: "200"},
	"PUT /meetings/{id}/attendance":        {summary: "Thay toàn bộ điểm danh các đơn vị được mời (tất cả hoặc không; cần version của hội nghị)", body: "Attendance", resp: "Attendance", status: "200"},
	"PUT /meetings/{id}/minutes":           {summary: "Lưu biên bản (tự động lưu; cần minutes_version; 409 kèm cả hai bản: detail.current và detail.mine)", body: "MinutesInput", resp: "Minutes", status: "200"},
	"POST /meetings/{id}/conclusion":       {summary: "Lưu dự thảo thông báo kết luận, thay toàn bộ nội dung kết luận (version: 0 lần đầu)", body: "Conclusion", resp: "Conclusion", status: "200"},
	"POST /meetings/{id}/conclusion/issue": {summary: "Ban hành thông báo kết luận: cấp Số N-TB/<ký hiệu> theo năm, mỗi nội dung thành một nhiệm vụ (trong cùng giao dịch)", body: "VersionBody", resp: "Conclusion", status: "200"},
	"GET /meetings/{id}/conclusion.docx":   {summary: "Tải thông báo kết luận dạng DOCX theo Hướng dẫn 36-HD/VPTW (dự thảo: để trống số)", status: "200"},
	"GET /meetings/{id}/prepare":           {summary: "Chuẩn bị hội nghị: kết luận của hội nghị trước và tình trạng từng nhiệm vụ; tình hình nộp các báo cáo trong chương trình", resp: "Preparation", status: "200"},
	"POST /me/calendar-token":              {summary: "Tạo mới đường dẫn đăng ký lịch iCalendar của tôi (GET /calendar/{token}.ics, không cần đăng nhập); đường dẫn cũ hết hiệu lực", resp: "CalendarToken", status: "200"},

	// Tasks: status computed from the due date D, the completion date C and today T.
	"GET /tasks":                          {summary: "Nhiệm vụ trong phạm vi của người gọi (đơn vị: chủ trì hoặc phối hợp); status: done_on_time, done_late, in_progress, overdue, no_deadline, awaiting_confirmation; due_before yyyy-mm-dd", query: []string{"unit_id", "status", "key", "meeting_id", "due_before", "q", "limit", "offset"}, resp: "TaskList", status: "200"},
	"POST /tasks":                         {summary: "Giao nhiệm vụ (Ban: chuyên viên, lãnh đạo, quản trị); due yyyy-mm-dd hoặc trống (không thời hạn)", body: "TaskInput", resp: "Task", status: "201"},
	"GET /tasks/scorecard":                {summary: "Bảng tổng hợp theo đơn vị chủ trì: số nhiệm vụ theo từng trạng thái", query: []string{"key"}, resp: "TaskScorecard", status: "200"},
	"GET /tasks/{id}":                     {summary: "Một nhiệm vụ, lịch sử và các đề nghị gia hạn (ETag: version)", resp: "Task", status: "200"},
	"POST /tasks/{id}/progress":           {summary: "Đơn vị chủ trì cập nhật tiến độ (cần version; 409 khi đã đổi, kèm bản hiện tại)", body: "TaskProgress", resp: "Task", status: "200"},
	"POST /tasks/{id}/complete":           {summary: "Đơn vị chủ trì báo hoàn thành (done_on yyyy-mm-dd, kết quả); chờ Ban xác nhận", body: "TaskComplete", resp: "Task", status: "200"},
	"POST /tasks/{id}/confirm":            {summary: "Ban xác nhận hoàn thành (thân tùy chọn: {\"version\"}; 409 khi đã đổi)", resp: "Task", status: "200"},
	"POST /tasks/{id}/reject":             {summary: "Ban trả lại kèm lý do: nhiệm vụ tiếp tục thực hiện", body: "Reason", resp: "Task", status: "200"},
	"POST /tasks/{id}/extension":          {summary: "Đơn vị chủ trì đề nghị gia hạn (requested_due yyyy-mm-dd, lý do); mỗi lần một đề nghị", body: "TaskExtensionRequest", resp: "TaskExtension", status: "201"},
	"POST /tasks/{id}/extension/{ext_id}": {summary: "Ban đồng ý (dời thời hạn) hoặc không đồng ý gia hạn", body: "TaskExtensionDecision", resp: "Task", status: "200"},
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// OpenAPI builds the OpenAPI 3.1 document for the given routes.
func OpenAPI(routes []Route) map[string]any {
	paths := map[string]any{}
	for _, rt := range routes {
		doc, ok := operations[rt.Method+" "+rt.Path]
		if !ok {
			continue
		}
		item, _ := paths["/api/v1"+rt.Path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths["/api/v1"+rt.Path] = item
		}
		item[strings.ToLower(rt.Method)] = operation(rt, doc)
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "khoagiao API", "version": "1",
			"description": "API của hệ thống điều phối công tác khoa giáo. Lỗi: {\"error\":{\"code\",\"message\",\"fields\"}}; tiếng Anh khi gửi Accept-Language: en."},
		"servers":    []any{map[string]any{"url": "/"}},
		"security":   []any{map[string]any{"bearer": []any{}}, map[string]any{"session": []any{}}},
		"paths":      paths,
		"components": withSchemas(withSchemas(withSchemas(withSchemas(withSchemas(withSchemas(withSchemas(withSchemas(withSchemas(components(), topicSchemaSet()), meetingSchemaSet()), noticeSchemaSet()), pressSchemaSet()), feedSchemaSet()), prefSchemaSet()), trainingSchemaSet()), dashboardSchemaSet()), searchSchemaSet()),
	}
}

func operation(rt Route, doc op) map[string]any {
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(rt.Path, -1) {
		typ := "string"
		if m[1] == "id" || m[1] == "file" || strings.HasSuffix(m[1], "_id") {
			typ = "integer"
		}
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": typ}})
	}
	for _, q := range doc.query {
		typ := "string"
		if strings.HasSuffix(q, "_id") || q == "limit" || q == "offset" || q == "year" || q == "n" {
			typ = "integer"
		}
		params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": typ}})
	}
	resp := map[string]any{"description": "OK"}
	if doc.resp != "" {
		resp["content"] = jsonContent(doc.resp)
	}
	o := map[string]any{
		"summary":     doc.summary,
		"operationId": strings.ToLower(rt.Method) + strings.NewReplacer("/", "_", "{", "", "}", "", ".", "_").Replace(rt.Path),
		"responses": map[string]any{doc.status: resp,
			"default": map[string]any{"description": "Lỗi", "content": jsonContent("Error")}},
	}
	if len(params) > 0 {
		o["parameters"] = params
	}
	if doc.body != "" {
		o["requestBody"] = map[string]any{"required": true, "content": jsonContent(doc.body)}
	}
	if rt.Public {
		o["security"] = []any{}
	}
	return o
}

func jsonContent(schema string) map[string]any {
	return map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/" + schema}}}
}

func (a *api) openAPI(w http.ResponseWriter, r *http.Request) error {
	return ok(w, OpenAPI(Routes(a.Deps)))
}
