package api

// OpenAPI entries and schemas of the notice routes (notice.go), merged into
// operations and the components at start.

func init() {
	for k, v := range map[string]op{
		"GET /directives":               {summary: "Văn bản chỉ đạo (Ban: tất cả, kể cả dự thảo; đơn vị: văn bản đã ban hành gửi đơn vị)", resp: "DirectiveList", status: "200"},
		"POST /directives":              {summary: "Soạn dự thảo văn bản chỉ đạo: loại (CV, HD, KH, TB), trích yếu, nội dung, đơn vị nhận, yêu cầu xác nhận (chuyên viên Ban, quản trị)", body: "DirectiveInput", resp: "Directive", status: "201"},
		"GET /directives/{id}":          {summary: "Một văn bản; người của đơn vị nhận mở lần đầu thì ghi nhận đã đọc (Ban: kèm bảng theo dõi)", resp: "DirectiveDetail", status: "200"},
		"POST /directives/{id}/issue":   {summary: "Ban hành: cấp số N-<loại>/<ký hiệu Ban> theo năm và thông báo cho người dùng các đơn vị nhận (cần version)", body: "VersionBody", resp: "Directive", status: "200"},
		"POST /directives/{id}/read":    {summary: "Ghi nhận đơn vị đã đọc (chỉ lần đầu: ai, lúc nào)", resp: "ReadResult", status: "200"},
		"POST /directives/{id}/ack":     {summary: "Xác nhận đã nhận (người báo cáo, lãnh đạo đơn vị nhận; văn bản yêu cầu xác nhận)", resp: "DirectiveReceipt", status: "200"},
		"GET /directives/{id}/receipts": {summary: "Theo dõi đọc và xác nhận của từng đơn vị, tỷ lệ (Ban)", resp: "DirectiveReceipts", status: "200"},
		"GET /messages":                 {summary: "Thông tin đơn vị gửi lên (Ban: mọi đơn vị; đơn vị: của mình), mỗi mục là một luồng", resp: "MessageList", status: "200"},
		"POST /messages":                {summary: "Gửi thông tin lên Ban (đơn vị) hoặc tới một đơn vị (Ban, cần unit_id); có thể gắn văn bản, nhiệm vụ hoặc báo cáo của đơn vị (report_id); tệp gửi kèm qua POST /messages/{id}/attachments", body: "MessageInput", resp: "MessageThread", status: "201"},
		"GET /messages/{id}":            {summary: "Một luồng trao đổi: tin đầu và các trả lời", resp: "MessageThread", status: "200"},
		"POST /messages/{id}/reply":     {summary: "Trả lời trong luồng (Ban và đơn vị của luồng)", body: "ReplyInput", resp: "MessageThread", status: "201"},
		"GET /notifications":            {summary: "Thông báo trong ứng dụng của tôi (unread=1: chưa đọc)", query: []string{"unread"}, resp: "NotificationList", status: "200"},
		"GET /notifications/count":      {summary: "Số thông báo chưa đọc", resp: "NotificationCount", status: "200"},
		"POST /notifications/{id}/read": {summary: "Đánh dấu một thông báo đã đọc", resp: "Notification", status: "200"},
		"POST /notifications/read-all":  {summary: "Đánh dấu tất cả đã đọc", resp: "MarkedCount", status: "200"},
	} {
		operations[k] = v
	}
}

func directiveSchema() map[string]any {
	return obj(map[string]any{"id": integer(), "type_code": enum([]any{"CV", "HD", "KH", "TB"}), "number": integer(), "symbol": str(),
		"title": str(), "body": str(), "requires_ack": boolean(), "issued_at": datetime(), "issued_by": str(),
		"unit_ids": arrayOf(integer()), "version": integer(), "created_by": str(), "created_at": datetime(), "updated_at": datetime()})
}

func receiptSchema() map[string]any {
	return obj(map[string]any{"unit_id": integer(), "unit_code": str(), "unit_name": str(), "read_at": datetime(), "read_by": str(),
		"acknowledged_at": datetime(), "acknowledged_by": str()})
}

func messageSchema() map[string]any {
	return obj(map[string]any{"id": integer(), "unit_id": integer(), "unit_name": str(), "subject": str(), "body": str(),
		"parent_id": integer(), "directive_id": integer(), "task_id": integer(), "report_id": integer(), "report_link": str(),
		"from_board": boolean(), "author": str(), "created_at": datetime(), "replies": integer(), "attachments": arrayOf(ref("Attachment"))})
}

func noticeSchemaSet() map[string]any {
	thread := messageSchema()
	thread["properties"].(map[string]any)["replies"] = arrayOf(ref("Message"))
	detail := directiveSchema()
	detail["properties"].(map[string]any)["mine"] = ref("DirectiveReceipt")
	detail["properties"].(map[string]any)["receipts"] = ref("DirectiveReceipts")
	detail["properties"].(map[string]any)["attachments"] = arrayOf(ref("Attachment"))
	return map[string]any{
		"Directive":        directiveSchema(),
		"DirectiveInput":   obj(map[string]any{"type_code": str(), "title": str(), "body": str(), "requires_ack": boolean(), "unit_ids": arrayOf(integer())}, "title", "unit_ids"),
		"DirectiveList":    list("Directive"),
		"DirectiveDetail":  detail,
		"DirectiveReceipt": receiptSchema(),
		"DirectiveReceipts": obj(map[string]any{"directive_id": integer(), "rows": arrayOf(ref("DirectiveReceipt")), "units": integer(),
			"read": integer(), "acknowledged": integer(), "read_rate": map[string]any{"type": "number"}, "ack_rate": map[string]any{"type": "number"}}),
		"ReadResult":        obj(map[string]any{"recorded": boolean()}),
		"Message":           messageSchema(),
		"MessageList":       list("Message"),
		"MessageThread":     thread,
		"MessageInput":      obj(map[string]any{"subject": str(), "body": str(), "unit_id": integer(), "directive_id": integer(), "task_id": integer(), "report_id": integer()}, "subject", "body"),
		"ReplyInput":        obj(map[string]any{"body": str()}, "body"),
		"Notification":      obj(map[string]any{"id": integer(), "kind": str(), "title": str(), "link": str(), "created_at": datetime(), "read_at": datetime()}),
		"NotificationList":  list("Notification"),
		"NotificationCount": obj(map[string]any{"unread": integer()}),
		"MarkedCount":       obj(map[string]any{"marked": integer()}),
	}
}
