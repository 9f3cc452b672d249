package api

func init() {
	for k, v := range map[string]op{
		"GET /training/staff":                                             {summary: "Danh sách cán bộ làm công tác khoa giáo (Ban: mọi đơn vị; đơn vị: của mình), xếp theo tên tiếng Việt; tìm không dấu", query: []string{"q", "unit_id", "active", "limit", "offset"}, resp: "TrainingStaffList", status: "200"},
		"POST /training/staff":                                            {summary: "Thêm cán bộ (chuyên viên Ban, quản trị; đơn vị: cán bộ của mình)", body: "TrainingStaffInput", resp: "TrainingStaff", status: "201"},
		"GET /training/staff.xlsx":                                        {summary: "Xuất Excel danh sách cán bộ (cùng bộ lọc với danh sách)", query: []string{"q", "unit_id", "active"}, status: "200"},
		"GET /training/staff/{id}":                                        {summary: "Một cán bộ với lịch sử chuyển đơn vị (ETag: version)", resp: "TrainingStaff", status: "200"},
		"PATCH /training/staff/{id}":                                      {summary: "Sửa thông tin cán bộ (cần version; 409 khi đã đổi); đổi đơn vị dùng /move", body: "TrainingStaffInput", resp: "TrainingStaff", status: "200"},
		"POST /training/staff/{id}/move":                                  {summary: "Chuyển cán bộ sang đơn vị khác (to_unit_id, moved_on yyyy-mm-dd, note): ghi lịch sử và đổi đơn vị trong cùng giao dịch", body: "TrainingMove", resp: "TrainingStaff", status: "200"},
		"GET /training/courses":                                           {summary: "Lớp tập huấn, bồi dưỡng, hội nghị (year: diễn ra trong năm; kind: training, fostering, refresher, conference)", query: []string{"year", "kind", "q", "limit", "offset"}, resp: "TrainingCourseList", status: "200"},
		"POST /training/courses":                                          {summary: "Thêm lớp (chuyên viên Ban, quản trị)", body: "TrainingCourseInput", resp: "TrainingCourse", status: "201"},
		"GET /training/courses/{id}":                                      {summary: "Một lớp với học viên người gọi được xem (Ban: tất cả; đơn vị: cán bộ của mình) và chứng chỉ (ETag: version)", resp: "TrainingCourse", status: "200"},
		"PATCH /training/courses/{id}":                                    {summary: "Sửa lớp (chuyên viên Ban, quản trị; cần version; 409 khi đã đổi)", body: "TrainingCourseInput", resp: "TrainingCourse", status: "200"},
		"PUT /training/courses/{id}/participants":                         {summary: "Thay toàn bộ danh sách học viên: tham dự, kết quả, số chứng chỉ (tất cả hoặc không; cần version của lớp)", body: "TrainingParticipants", resp: "TrainingCourse", status: "200"},
		"POST /training/courses/{id}/participants/{staff_id}/certificate": {summary: "Đính kèm chứng chỉ của học viên có tham dự (multipart, trường file; PDF, ảnh, DOCX, XLSX; tối đa 20 MB, 413 khi vượt)", resp: "Attachment", status: "201"},
		"GET /training/certificates/{id}":                                 {summary: "Tải chứng chỉ (Content-Disposition: attachment)", status: "200"},
		"DELETE /training/certificates/{id}":                              {summary: "Xóa chứng chỉ (Ban hoặc đơn vị của học viên)", status: "204"},
		"GET /training/figures":                                           {summary: "Số liệu theo đơn vị: số cán bộ, số được tập huấn trong kỳ, tỷ lệ chưa được tập huấn trong 3 năm (year, hoặc from và to yyyy-mm-dd)", query: []string{"year", "from", "to"}, resp: "TrainingFigures", status: "200"},
		"GET /training/figures.xlsx":                                      {summary: "Xuất Excel số liệu đào tạo theo đơn vị", query: []string{"year", "from", "to"}, status: "200"},
	} {
		operations[k] = v
	}
}

func trainingSchemaSet() map[string]any {
	levels := []any{"", "so_cap", "trung_cap", "cao_cap", "cu_nhan"}
	staffInput := map[string]any{"unit_id": integer(), "full_name": str(), "position": str(), "birth_date": date(),
		"political_level": enum(levels), "qualification": str(), "phone": str(), "email": str(), "active": boolean(), "version": integer()}
	move := map[string]any{"id": integer(), "staff_id": integer(), "from_unit_id": integer(), "to_unit_id": integer(), "moved_on": date(),
		"note": str(), "actor": str(), "at": datetime()}
	staff := map[string]any{"id": integer(), "created_by": str(), "created_at": datetime(), "updated_at": datetime(), "moves": arrayOf(obj(move))}
	for k, v := range staffInput {
		staff[k] = v
	}
	courseInput := map[string]any{"title": str(), "organiser": str(), "kind": enum([]any{"training", "fostering", "refresher", "conference"}),
		"starts_on": date(), "ends_on": date(), "place": str(), "version": integer()}
	participant := map[string]any{"id": integer(), "course_id": integer(), "staff_id": integer(), "staff_name": str(), "unit_id": integer(),
		"attendance": enum([]any{"registered", "attended", "absent"}), "result": str(), "certificate_no": str(),
		"certificates": arrayOf(ref("Attachment"))}
	course := map[string]any{"id": integer(), "kind_label": str(), "attended": integer(), "created_by": str(), "created_at": datetime(),
		"updated_at": datetime(), "participants": arrayOf(obj(participant))}
	for k, v := range courseInput {
		course[k] = v
	}
	counts := obj(map[string]any{"unit_id": integer(), "unit_code": str(), "unit_name": str(), "staff": integer(), "trained": integer(),
		"untrained_3y": integer(), "untrained_3y_share": map[string]any{"type": "number"}})
	return map[string]any{
		"TrainingStaff":       obj(staff),
		"TrainingStaffInput":  obj(staffInput, "unit_id", "full_name", "position"),
		"TrainingStaffList":   list("TrainingStaff"),
		"TrainingMove":        obj(map[string]any{"version": integer(), "to_unit_id": integer(), "moved_on": date(), "note": str()}, "version", "to_unit_id", "moved_on"),
		"TrainingCourse":      obj(course),
		"TrainingCourseInput": obj(courseInput, "title", "organiser", "kind", "starts_on", "ends_on"),
		"TrainingCourseList":  list("TrainingCourse"),
		"TrainingParticipants": obj(map[string]any{"version": integer(), "participants": arrayOf(obj(map[string]any{"staff_id": integer(),
			"attendance": enum([]any{"registered", "attended", "absent"}), "result": str(), "certificate_no": str()}, "staff_id"))}, "version", "participants"),
		"TrainingFigures": obj(map[string]any{"from": date(), "to": date(), "window_start": date(), "rows": arrayOf(counts), "total": counts}),
	}
}
