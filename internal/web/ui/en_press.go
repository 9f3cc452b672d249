package ui

// English for the press-report pages; merged into english at start.
var englishPress = map[string]string{
	"Báo chí":          "Press",
	"Báo phản ánh lại": "The press reported it again",
	"Bài báo":          "Article",
	"Bước":             "Step",
	"Chấp nhận":        "Accept",
	"Cách đã phản hồi (văn bản, họp báo…)": "How it was given back (letter, press conference…)",
	"Cơ quan báo chí":                       "Outlet",
	"Dư luận quan tâm":                      "Of public interest",
	"Giao xử lý":                            "Assign",
	"Giao đơn vị chủ trì":                   "Assign the lead unit",
	"Gửi trả lời":                           "Send the answer",
	"Ghi chú":                               "Note",
	"Không có vụ việc nào phù hợp.":         "No matching cases.",
	"Kết thúc":                              "Close",
	"Lĩnh vực":                              "Field",
	"Lịch sử xử lý":                         "History",
	"Mở lại":                                "Reopen",
	"Ngày đăng":                             "Published",
	"Người thực hiện":                       "By",
	"Nội dung trả lời":                      "Answer",
	"Phản hồi cơ quan báo chí":              "Given back to the outlet",
	"Theo quy tắc phân công":                "By the routing rules",
	"Thẩm định trả lời":                     "Review the answer",
	"Thời gian":                             "Time",
	"Thông tin báo chí phản ánh":            "Press reports",
	"Tiêu đề bài báo":                       "Article title",
	"Tiếp nhận":                             "Register",
	"Tiếp nhận bài báo":                     "Register an article",
	"Tiếp nhận thông tin báo chí":           "Register a press report",
	"Trả lại":                               "Send back",
	"Trả lời":                               "Answer",
	"Trả lời quá hạn":                       "Answered late",
	"Tìm theo tiêu đề, cơ quan báo chí":     "Search by title or outlet",
	"Tóm tắt nội dung phản ánh":             "Summary of the report",
	"Vòng":                                  "Round",
	"vụ việc":                               "cases",
	"Ý kiến thẩm định":                      "Review note",
	"Đúng hạn":                              "On time",
	"Đường dẫn bài báo":                     "Article URL",
	"Địa bàn (mã đơn vị: xã hoặc tỉnh)":     "Locality (unit code: commune or province)",
	"Đã tiếp nhận bài báo.":                 "The article is registered.",
	"Đã giao đơn vị chủ trì xử lý.":         "The lead unit is assigned.",
	"Đã gửi trả lời.":                       "The answer is sent.",
	"Đã ghi kết quả thẩm định.":             "The review is recorded.",
	"Đã ghi nhận phản hồi cơ quan báo chí.": "The feedback to the outlet is recorded.",
	"Đã mở lại vụ việc.":                    "The case is reopened.",
}

func init() {
	for k, v := range englishPress {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
