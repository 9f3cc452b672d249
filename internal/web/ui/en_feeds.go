package ui

// English for the press-monitoring pages; merged into english at start.
var englishFeeds = map[string]string{
	"Nguồn tin báo chí":         "Press feeds",
	"Bài báo cần xem xét":       "Articles to triage",
	"Quy tắc theo dõi":          "Watch rules",
	"Đã thêm nguồn tin.":        "The feed is added.",
	"Đã lấy tin.":               "The feed was polled.",
	"Đã thêm quy tắc theo dõi.": "The watch rule is added.",
	"Đã bỏ qua bài báo.":        "The article is dismissed.",
	"nguồn tin lỗi nhiều lần liên tiếp: kiểm tra địa chỉ hoặc bảng mã.": "feeds failed several times in a row: check the address or the charset.",
	"Lần lấy tin gần nhất":             "Last polled",
	"Lần kế tiếp":                      "Next poll",
	"Lỗi gần nhất":                     "Last error",
	"Cảnh báo":                         "Alert",
	"lần lỗi liên tiếp":                "failures in a row",
	"Lấy tin ngay":                     "Poll now",
	"Chưa có nguồn tin.":               "No feeds yet.",
	"Thêm nguồn tin":                   "Add a feed",
	"Địa chỉ RSS/Atom":                 "RSS/Atom address",
	"Bảng mã (bỏ trống: theo máy chủ)": "Charset (empty: as the server says)",
	"Thêm":                      "Add",
	"Tên":                       "Name",
	"Cụm từ":                    "Phrases",
	"Theo địa danh":             "Place names",
	"Chưa có quy tắc theo dõi.": "No watch rules yet.",
	"Thêm quy tắc theo dõi":     "Add a watch rule",
	"Cụm từ (mỗi dòng một cụm; không phân biệt dấu, chữ hoa)": "Phrases (one a line; accents and case ignored)",
	"Khác": "Other",
	"Theo dõi cả địa danh (tỉnh, xã, phường)": "Also watch the place names (province, communes, wards)",
	"Quy tắc khớp":                      "Matched rules",
	"Tiếp nhận thành vụ việc":           "Register as a case",
	"Bỏ qua":                            "Dismiss",
	"Không có bài báo nào chờ xem xét.": "No articles waiting.",
}

func init() {
	for k, v := range englishFeeds {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
