package ui

// English for the search page and the header's search box; merged into
// english at start. The kinds' names come from internal/search.
var englishSearch = map[string]string{
	"Tìm kiếm":           "Search",
	"Tìm trong hệ thống": "Search everything",
	"Từ cần tìm (gõ có dấu hoặc không dấu)": "Words to find (with or without accents)",
	"Từ ngày":         "From",
	"Đến ngày":        "To",
	"Tìm":             "Search",
	"Loại kết quả":    "Result types",
	"Tất cả":          "All",
	"kết quả":         "results",
	"Bản nháp":        "Draft",
	"Ngừng hoạt động": "Inactive",
	"Trang trước":     "Previous page",
	"Trang sau":       "Next page",
	"Không tìm thấy kết quả nào. Hãy thử từ khác hoặc bỏ bớt bộ lọc.":                                                       "Nothing found. Try other words or fewer filters.",
	"Có rất nhiều kết quả; đây là những kết quả khớp nhất trong số mới nhất. Thêm từ hoặc chọn loại, thời gian để thu hẹp.": "There are very many results; these are the best matches among the newest. Add a word or choose a type or dates to narrow them.",
	"Văn bản chỉ đạo":    "Directives",
	"Báo cáo":            "Reports",
	"Nhiệm vụ":           "Tasks",
	"Hội nghị":           "Conferences",
	"Thông báo kết luận": "Conclusion notices",
	"Biên bản":           "Minutes",
	"Vụ việc báo chí":    "Press cases",
	"Bài báo theo dõi":   "Monitored articles",
	"Trao đổi":           "Messages",
	"Lớp đào tạo":        "Courses",
	"Đơn vị":             "Units",
	"Người dùng":         "Users",
}

func init() {
	for k, v := range englishSearch {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
