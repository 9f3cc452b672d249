package demo

import "github.com/khoagiao/khoagiao/internal/reporting"

// onTime is the usual history: saved, submitted before the due date
// (19/6/2020: five working days after the window closed on 14/6), accepted.
func onTime(reporter string, saveDay, submitDay, acceptDay int) []step {
	return []step{{when: at(saveDay, 9), who: reporter, action: "save"},
		{when: at(submitDay, 15), who: reporter, action: reporting.ActSubmit},
		{when: at(acceptDay, 10), who: "chuyenvien", action: reporting.ActAccept}}
}

func six(results, limitations, directions string) map[string]string {
	return map[string]string{"results": results, "limitations": limitations, "directions": directions,
		"causes":    "Khách quan: tác động của dịch COVID-19. Chủ quan: có lúc phối hợp chưa chặt chẽ.",
		"proposals": "Đề nghị Ban Tuyên giáo Tỉnh ủy duy trì giao ban định kỳ và cung cấp thông tin hai chiều."}
}

// seedReports are the first-half 2020 reports of the Bloc's agencies.
func seedReports() []seedReport {
	return []seedReport{
		{regime: "KG-6T", unit: "SGDDT", steps: onTime("sgddt.baocao", 15, 17, 22),
			sections: six("Tổ chức dạy học trực tuyến trong thời gian nghỉ học phòng dịch COVID-19; chuẩn bị chu đáo kỳ thi tốt nghiệp THPT năm 2020; lựa chọn sách giáo khoa lớp 1 theo chương trình giáo dục phổ thông mới.",
				"Cơ sở vật chất dạy học trực tuyến ở vùng khó khăn còn thiếu.", "Tổ chức kỳ thi tốt nghiệp THPT an toàn; triển khai chương trình lớp 1 từ năm học 2020-2021."),
			values: map[string]float64{"propaganda_sessions": 42, "participants": 5600, "staff_trained": 35}},
		{regime: "KG-6T", unit: "SYT", steps: onTime("syt.baocao", 16, 18, 22),
			sections: six("Chủ động phòng, chống dịch COVID-19: khoanh vùng, cách ly, xét nghiệm kịp thời; không để dịch lây lan trong cộng đồng.",
				"Nhân lực y tế dự phòng còn mỏng.", "Tiếp tục theo dõi, nắm bắt tình hình dịch bệnh và tham mưu các biện pháp phòng tránh."),
			values: map[string]float64{"propaganda_sessions": 120, "participants": 18000, "staff_trained": 60}},
		{regime: "KG-6T", unit: "SKHCN", steps: onTime("skhcn.baocao", 12, 16, 23),
			sections: six("Triển khai các nhiệm vụ khoa học và công nghệ cấp tỉnh; hỗ trợ doanh nghiệp đổi mới công nghệ.",
				"Một số đề tài chậm tiến độ do dịch.", "Đẩy nhanh tiến độ các đề tài, dự án khoa học."),
			values: map[string]float64{"propaganda_sessions": 8, "participants": 640, "staff_trained": 12}},
		{regime: "KG-6T", unit: "STNMT", sections: six("Tăng cường quản lý nhà nước về môi trường; phối hợp giải quyết, xử lý thông tin báo chí phản ánh về môi trường trên địa bàn tỉnh.",
			"Xử lý một số điểm ô nhiễm kéo dài còn chậm.", "Xử lý dứt điểm các điểm nóng môi trường được báo chí phản ánh."),
			values: map[string]float64{"propaganda_sessions": 15, "participants": 1900, "staff_trained": 10},
			steps: []step{{when: at(15, 9), who: "stnmt.baocao", action: "save"}, {when: at(18, 16), who: "stnmt.baocao", action: reporting.ActSubmit},
				{when: at(20, 9), who: "chuyenvien", action: reporting.ActReturn, reason: "Đề nghị bổ sung số liệu tin, bài báo chí phản ánh đã được trả lời."},
				{when: at(22, 9), who: "stnmt.baocao", action: "save"}, {when: at(23, 10), who: "stnmt.baocao", action: reporting.ActSubmit},
				{when: at(24, 14), who: "chuyenvien", action: reporting.ActAccept}}},
		{regime: "KG-6T", unit: "SLDTBXH", steps: onTime("sldtbxh.baocao", 22, 23, 24),
			sections: six("Chi trả kịp thời hỗ trợ các nhóm đối tượng gặp khó khăn do đại dịch COVID-19 theo Nghị quyết số 42/NQ-CP của Chính phủ.",
				"Rà soát đối tượng hộ kinh doanh còn vướng mắc.", "Hoàn thành chi trả cho các nhóm đối tượng còn lại."),
			values: map[string]float64{"propaganda_sessions": 20, "participants": 2500, "staff_trained": 14}},
		{regime: "KG-6T", unit: "BAOTINH", sections: six("Tuyên truyền đậm nét công tác phòng, chống dịch bệnh và chuẩn bị đại hội Đảng bộ các cấp.",
			"Lực lượng phóng viên còn mỏng.", "Tập trung tuyên truyền phòng, chống dịch bệnh, phòng chống lụt bão, đại hội Đảng các cấp."),
			values: map[string]float64{"propaganda_sessions": 0, "participants": 0, "staff_trained": 6},
			steps:  []step{{when: at(24, 9), who: "baotinh.baocao", action: "save"}, {when: at(25, 16), who: "baotinh.baocao", action: reporting.ActSubmit}}},
		{regime: "KG-6T", unit: "DPTTH", steps: onTime("dptth.baocao", 16, 19, 24),
			sections: six("Mở chuyên mục về phòng, chống dịch COVID-19; đưa tin kịp thời về hoạt động khoa giáo.",
				"Thời lượng phát sóng chuyên đề còn ít.", "Tăng thời lượng tuyên truyền theo định hướng."),
			values: map[string]float64{"propaganda_sessions": 0, "participants": 0, "staff_trained": 5}},
		{regime: "KG-6T", unit: "LHHKHKT", sections: six("Tổ chức hội thảo khoa học; tư vấn, phản biện và giám định xã hội.",
			"Kinh phí hoạt động hạn hẹp.", "Tiếp tục hoạt động tư vấn, phản biện."),
			values: map[string]float64{"propaganda_sessions": 6, "participants": 480, "staff_trained": 4},
			steps:  []step{{when: at(17, 9), who: "lhhkhkt.baocao", action: "save"}, {when: at(19, 11), who: "lhhkhkt.baocao", action: reporting.ActSubmit}}},
		{regime: "KG-6T", unit: "HKH", sections: map[string]string{"results": "Phát triển mô hình gia đình, dòng họ, cộng đồng học tập."},
			steps: []step{{when: at(18, 9), who: "hkh.baocao", action: "save"}}},
		{regime: "THI-2020", unit: "SGDDT", steps: onTime("sgddt.baocao", 15, 17, 22),
			sections: map[string]string{"preparation": "Rà soát cơ sở vật chất, đội ngũ giáo viên cho năm học 2020-2021."},
			values:   map[string]float64{"candidates": 8240, "exam_sites": 32, "graduated": 8012, "graduation_rate": 97.23}},
		{regime: "CTGDPT-2018", unit: "SGDDT", steps: onTime("sgddt.baocao", 15, 17, 22),
			sections: map[string]string{"progress": "Hoàn thành lựa chọn sách giáo khoa lớp 1; bồi dưỡng giáo viên dạy lớp 1 theo chương trình mới."},
			values:   map[string]float64{"textbooks_chosen": 9, "teachers_total": 1860, "teachers_trained": 1802}},
		{regime: "COVID-19", unit: "SYT", steps: onTime("syt.baocao", 15, 16, 22),
			sections: map[string]string{"measures": "Cách ly tập trung người nhập cảnh; truy vết, xét nghiệm các trường hợp tiếp xúc."},
			values:   map[string]float64{"tests": 4120, "quarantined": 1380, "cases": 7}},
		{regime: "NQ42", unit: "SLDTBXH", steps: onTime("sldtbxh.baocao", 16, 18, 22),
			sections: map[string]string{"difficulties": "Xác định hộ kinh doanh đủ điều kiện còn chậm do thiếu hồ sơ thuế."},
			values: map[string]float64{"eligible|g1": 410, "paid|g1": 385, "amount|g1": 1_386_000_000, "eligible|g3": 920, "paid|g3": 640, "amount|g3": 1_920_000_000,
				"eligible|g4": 2300, "paid|g4": 2150, "amount|g4": 6_450_000_000, "eligible|g5": 6800, "paid|g5": 6800, "amount|g5": 10_200_000_000,
				"eligible|g6": 21500, "paid|g6": 21500, "amount|g6": 32_250_000_000, "eligible|g7": 58300, "paid|g7": 58300, "amount|g7": 43_725_000_000}},
		{regime: "MT-BC", unit: "STNMT", steps: onTime("stnmt.baocao", 15, 18, 23),
			sections: map[string]string{"management": "Kiểm tra các cơ sở sản xuất có nguy cơ gây ô nhiễm; xử lý vi phạm.",
				"press_handling": "Phối hợp xác minh, trả lời các tin, bài phản ánh về mùi hôi tại khu xử lý rác và ô nhiễm kênh thoát nước."},
			values: map[string]float64{"inspections": 46, "violations": 12, "press_received": 9, "press_answered": 8}},
		{regime: "BC-TUYENTRUYEN", unit: "BAOTINH", steps: onTime("baotinh.baocao", 15, 18, 22),
			values: map[string]float64{"articles|epidemic": 312, "articles|flood": 24, "articles|congress": 148}},
		{regime: "BC-TUYENTRUYEN", unit: "DPTTH", steps: onTime("dptth.baocao", 15, 19, 22),
			values: map[string]float64{"articles|epidemic": 428, "articles|flood": 37, "articles|congress": 206}},
	}
}
