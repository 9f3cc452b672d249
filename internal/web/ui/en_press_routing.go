package ui

// English for the press routing page, the feed editing page and the press
// sub-navigation; merged into english at start.
var englishPressRouting = map[string]string{
	"Phân công xử lý": "Routing",
	"Nhiệm vụ này hoàn thành khi đơn vị trả lời vụ việc báo chí; Ban Tuyên giáo thẩm định câu trả lời.": "This task is completed by answering the press case; the Board reviews the answer.",
	"Trả lời trên trang vụ việc":       "Answer on the case's page",
	"Vụ việc":                          "Cases",
	"Đã lưu quy tắc phân công.":        "The routing rules are saved.",
	"Lưu quy tắc phân công":            "Save the routing rules",
	"Mọi lĩnh vực":                     "Any field",
	"Mọi địa bàn":                      "Any locality",
	"Quy tắc theo lĩnh vực và địa bàn": "Rules by field and locality",
	"Thêm quy tắc ở các dòng trống; chọn “Xóa quy tắc” để bỏ một quy tắc. Cần thêm dòng: lưu rồi nhập tiếp.": "Add rules in the empty rows; choose “Remove the rule” to drop one. Need more rows: save, then go on.",
	"Thời hạn trả lời theo lĩnh vực": "Response time by field",
	"Vụ việc được giao cho đơn vị của quy tắc cụ thể nhất: lĩnh vực và địa bàn, rồi lĩnh vực, rồi địa bàn, cuối cùng là đơn vị mặc định. Chuyên viên vẫn có thể chọn đơn vị khác khi giao.": "A case goes to the unit of the most specific rule: field and locality, then field, then locality, and last the default unit. The specialist may still choose another unit when assigning.",
	"Đơn vị mặc định (khi không quy tắc nào khớp)": "Default unit (when no rule matches)",
	"Đơn vị xử lý": "Responsible unit",
	"Địa bàn":      "Locality",
	"Địa bàn (mã xã, phường hoặc tỉnh)":       "Locality (code of a commune or the province)",
	"— Chọn đơn vị —":                         "— Choose a unit —",
	"— Không có: chuyên viên chọn khi giao —": "— None: the specialist chooses when assigning —",
	"— Xóa quy tắc —":                         "— Remove the rule —",
	"ngày làm việc":                           "working days",

	"Chuyển đơn vị chủ trì": "Change the lead unit",
	"Chuyển xử lý":          "Re-route",
	"Nhiệm vụ của vụ việc chuyển sang đơn vị được chọn, với thời hạn tính lại từ hôm nay.": "The case's task moves to the chosen unit, with the deadline counted again from today.",

	"Sửa nguồn tin":                     "Edit the feed",
	"Đã lưu nguồn tin.":                 "The feed is saved.",
	"Đã tạm dừng lấy tin từ nguồn này.": "Polling of this feed is paused.",
	"Đã theo dõi lại nguồn tin; lấy tin ở lượt kế tiếp.":        "The feed is followed again; it is polled on the next round.",
	"Đang theo dõi (lấy tin định kỳ)":                           "Followed (polled regularly)",
	"Đơn vị (cơ quan báo chí)":                                  "Unit (press agency)",
	"Địa chỉ không sửa được: địa chỉ mới là một nguồn tin mới.": "The address cannot be edited: a new address is a new feed.",
	"— Không gắn đơn vị —":                                      "— No unit —",
	"Theo dõi lại":                                              "Follow again",
	"Tạm dừng":                                                  "Pause",
	"Đã tạm dừng":                                               "Paused",
}

func init() {
	for k, v := range englishPressRouting {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
