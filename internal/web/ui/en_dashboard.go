package ui

// English for the dashboards and their filtered lists; merged into english
// at start. The panels' own labels come translated from internal/dashboard.
var englishDashboard = map[string]string{
	"Bảng điều khiển":                  "Dashboard",
	"Bảng điều khiển của lãnh đạo Ban": "The Board leader's dashboard",
	"Số liệu tính đến":                 "Figures as of",
	"Tải bản PDF":                      "Download as PDF",
	"In trang":                         "Print",
	"Mục":                              "Item",
	"Xem tất cả":                       "See all",
	"Trang":                            "Page",
	"Đến hạn chậm nhất ngày":           "Due on or before",
	"Chưa kết thúc":                    "Not closed",
	"Quá hạn trả lời":                  "Answer overdue",
	"hạn trả lời từ":                   "answer due from",
	"Chỉ văn bản chưa đọc":             "Unread directives only",
	"Mọi đơn vị nhận đã đọc.":          "Every recipient unit has read it.",
	"Văn bản chưa đọc":                 "Unread directives",
	"Chỉ đơn vị":                       "Only the units",
	"Nộp đúng hạn":                     "Sent on time",
	"Nộp muộn":                         "Sent late",
	"Chưa nộp":                         "Not sent",
	"Quá hạn, chưa nộp":                "Overdue, not sent",
	"Chưa đến hạn":                     "Not due yet",
}

func init() {
	for k, v := range englishDashboard {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
