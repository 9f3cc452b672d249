package ui

import "github.com/khoagiao/khoagiao/internal/platform/vntext"

// English for the directive, message and notification pages; merged into
// english at start.
var englishNotice = map[string]string{
	"Văn bản chỉ đạo":         "Directives",
	"Trao đổi thông tin":      "Information exchange",
	"Đơn vị chưa đọc văn bản": "Units that have not read a directive",
	"từ":                      "from",
	"ngày làm việc":           "working days",
	"Văn bản":                 "Directive",
	"Ngày làm việc":           "Working days",
	"Danh sách văn bản":       "Directives",
	"Số, ký hiệu":             "Number and symbol",
	"Trích yếu":               "Title",
	"Ngày ban hành":           "Issued on",
	"Xác nhận":                "Acknowledgement",
	"Dự thảo":                 "Draft",
	"Yêu cầu xác nhận":        "Acknowledgement required",
	"Chưa có văn bản nào.":    "No directives yet.",
	"Soạn văn bản mới":        "New directive",
	"Loại văn bản":            "Type",
	"Công văn":                "Official letter",
	"Hướng dẫn":               "Guidance",
	"Kế hoạch":                "Plan",
	"Thông báo":               "Notifications",
	"Yêu cầu đơn vị xác nhận đã nhận": "Ask units to acknowledge receipt",
	"Nội dung":              "Content",
	"Nơi nhận":              "Recipients",
	"Lưu dự thảo":           "Save draft",
	"Số":                    "No.",
	"Ban hành":              "Issued",
	"Đơn vị đã đọc lúc":     "Your unit read it at",
	"Đã xác nhận lúc":       "Acknowledged at",
	"Xác nhận đã nhận":      "Acknowledge receipt",
	"Theo dõi tiếp nhận":    "Receipt tracking",
	"Đã đọc":                "Read",
	"Đã xác nhận":           "Acknowledged",
	"Đọc lần đầu":           "First read",
	"Người đọc":             "Read by",
	"Chưa đọc":              "Not read",
	"Hộp thư":               "Inbox",
	"Tiêu đề":               "Subject",
	"Ngày gửi":              "Sent",
	"Trả lời":               "Reply",
	"Chưa có trao đổi nào.": "No messages yet.",
	"Gửi đơn vị":            "Write to a unit",
	"Gửi thông tin lên Ban": "Send information to the Board",
	"Liên quan văn bản (số hiệu trong hệ thống)":  "Related directive (system id)",
	"Liên quan nhiệm vụ (số hiệu trong hệ thống)": "Related task (system id)",
	"Gửi":                     "Send",
	"Ban Tuyên giáo":          "The Board",
	"Văn bản liên quan":       "Related directive",
	"Nhiệm vụ liên quan":      "Related task",
	"Đánh dấu tất cả đã đọc":  "Mark all as read",
	"Mới":                     "New",
	"Không có thông báo nào.": "No notifications.",
	"Văn bản, trao đổi":       "Directives, messages",
	"Thông báo chưa đọc":      "Unread notifications",
}

func init() {
	for k, v := range englishNotice {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
	funcs["pct"] = func(f float64) string { return vntext.FormatPercent(f*100, 0) }
}
