package ui

// English for the notification-preferences page; merged into english at start.
var englishPrefs = map[string]string{
	"Tùy chọn thông báo":         "Notification settings",
	"Đã lưu tùy chọn thông báo.": "Notification settings saved.",
	"Gửi thư điện tử":            "Send by e-mail",
	"Thông báo luôn hiện trong ứng dụng; chọn loại nào được gửi thêm qua thư điện tử.": "Notifications always appear in the application; choose which kinds are also sent by e-mail.",
	"Nhắc hạn (báo cáo, nhiệm vụ, báo chí, văn bản chưa đọc)":                          "Deadline reminders (reports, tasks, press cases, unread directives)",
	"Văn bản chỉ đạo mới": "New directives",
	"Thông tin, trả lời":  "Messages and replies",
}

func init() {
	for k, v := range englishPrefs {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
