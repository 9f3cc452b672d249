package ui

// English for the propaganda orientation pages; merged into english at start.
var englishPressTopics = map[string]string{
	"Định hướng tuyên truyền": "Propaganda orientation",
	"Chủ đề định hướng cho các cơ quan báo chí theo kỳ; giám sát số bài viết trên nguồn tin của từng cơ quan bên cạnh số liệu cơ quan báo cáo theo chế độ báo cáo.": "The topics the press agencies are oriented to for a period; the articles monitored in each agency's feeds beside the figures it reports through the reporting regimes.",
	"Giám sát theo chủ đề": "Monitoring by topic",
	"Từ ngày":              "From",
	"Đến ngày":             "To",
	"Xem":                  "Show",
	"Cơ quan báo chí":      "Press agency",
	"kỳ báo cáo":           "reporting periods",
	"Giám sát":             "Monitored",
	"bài":                  "articles",
	"Báo cáo":              "Reported",
	"chưa có":              "none yet",
	"Chênh lệch":           "Difference",
	"Giám sát: bài có tiêu đề hoặc tóm tắt chứa một cụm từ của chủ đề (không phân biệt dấu, chữ hoa), đăng trong thời gian của chủ đề; mỗi bài tính một lần cho mỗi chủ đề. Báo cáo: số liệu trong các báo cáo đã gửi hoặc đã tiếp nhận của các kỳ kết thúc trong khoảng thời gian đó.": "Monitored: articles whose title or summary holds one of the topic's phrases (accents and case ignored), published within the topic's dates; an article counts once per topic. Reported: the figures of the submitted or accepted reports of the periods ending within those dates.",
	"Không có chủ đề hoặc cơ quan báo chí nào trong khoảng thời gian này.": "No topics or press agencies in this period.",
	"Chủ đề định hướng": "Orientation topics",
	"Mã":                "Code",
	"Chủ đề":            "Topic",
	"Thời gian":         "Period",
	"Cụm từ":            "Phrases",
	"Chỉ tiêu báo cáo":  "Reported indicator",
	"Ngừng theo dõi":    "Not monitored",
	"Sửa":               "Edit",
	"Chưa có chủ đề định hướng.": "No orientation topics yet.",
	"Sửa chủ đề định hướng":      "Edit the orientation topic",
	"Thêm chủ đề định hướng":     "Add an orientation topic",
	"Tên kỳ (tùy chọn)":          "Period label (optional)",
	"Chỉ tiêu báo cáo liên kết":  "Linked reporting indicator",
	"Không liên kết":             "Not linked",
	"Cụm từ nhận diện bài viết (mỗi dòng một cụm; không phân biệt dấu, chữ hoa)": "Phrases recognising its articles (one a line; accents and case ignored)",
	"Đang theo dõi": "Monitored",
	"Lưu":           "Save",
	"Thêm":          "Add",
	"Hủy":           "Cancel",
	"Đã thêm chủ đề định hướng.": "The orientation topic is added.",
	"Đã lưu chủ đề định hướng.":  "The orientation topic is saved.",
}

func init() {
	for k, v := range englishPressTopics {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
