package ui

// English for the files of press cases, directives and messages, the saved
// copy of an article, and the conference preference; merged into english
// at start.
var englishFiles = map[string]string{
	"Tệp gửi kèm văn bản khi ban hành; sau khi ban hành không thêm, bớt được.": "The files go with the directive when it is issued; after that they cannot change.",
	"Báo cáo liên quan":                          "Related report",
	"Liên quan báo cáo (số hiệu trong hệ thống)": "Related report (its number in the system)",
	"Tệp gửi kèm (không bắt buộc): PDF, DOCX, XLSX hoặc ảnh, tối đa 20 MB": "Attached file (optional): PDF, DOCX, XLSX or an image, at most 20 MB",
	"Lưu bản sao bài báo": "Save a copy of the article",
	"Lưu bản sao trang bài báo như đang đăng, làm tư liệu khi bài bị sửa hoặc gỡ (tệp HTML, chỉ tải về máy).": "Save a copy of the article's page as it is published, as a record if it is edited or taken down (an HTML file, download only).",
	"Thêm minh chứng cho nội dung trả lời: PDF, DOCX, XLSX hoặc ảnh, tối đa 20 MB":                            "Add evidence for the answer: PDF, DOCX, XLSX or an image, at most 20 MB",
	"Đã lưu bản sao bài báo.":                               "A copy of the article was saved.",
	"Hội nghị: giấy mời, thay đổi thời gian, nhắc lịch họp": "Conferences: invitations, changes of time, reminders the day before",
}

func init() {
	for k, v := range englishFiles {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
