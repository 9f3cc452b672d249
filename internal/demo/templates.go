package demo

import (
	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

func f(x float64) *float64 { return &x }

// sixMonthSections is the conventional outline of a six-month review
// report (báo cáo sơ kết 6 tháng), domain.md.
var sixMonthSections = []reporting.Section{
	{Key: "results", Title: "Kết quả đạt được", Required: true, Guidance: "Kết quả nổi bật trong công tác khoa giáo của đơn vị, có số liệu minh họa."},
	{Key: "limitations", Title: "Hạn chế, khó khăn", Required: true},
	{Key: "causes", Title: "Nguyên nhân", Guidance: "Nguyên nhân khách quan và chủ quan."},
	{Key: "creative", Title: "Cách làm sáng tạo"},
	{Key: "directions", Title: "Phương hướng, nhiệm vụ 6 tháng cuối năm", Required: true},
	{Key: "proposals", Title: "Đề xuất, kiến nghị"},
}

// R42Groups are the seven target groups of Resolution 42/NQ-CP (9/4/2020).
var R42Groups = []reporting.Option{
	{Code: "g1", Name: "Người lao động tạm hoãn hợp đồng, nghỉ không lương"},
	{Code: "g2", Name: "Người sử dụng lao động vay trả lương ngừng việc"},
	{Code: "g3", Name: "Hộ kinh doanh có doanh thu dưới 100 triệu đồng/năm tạm ngừng kinh doanh"},
	{Code: "g4", Name: "Người lao động mất việc làm không đủ điều kiện hưởng trợ cấp thất nghiệp"},
	{Code: "g5", Name: "Người có công với cách mạng đang hưởng trợ cấp hằng tháng"},
	{Code: "g6", Name: "Đối tượng bảo trợ xã hội đang hưởng trợ cấp hằng tháng"},
	{Code: "g7", Name: "Hộ nghèo, hộ cận nghèo"},
}

// Topics are the propaganda orientation topics for the press in 2020.
var Topics = []reporting.Option{
	{Code: "epidemic", Name: "Phòng, chống dịch bệnh COVID-19"},
	{Code: "flood", Name: "Phòng, chống lụt bão"},
	{Code: "congress", Name: "Đại hội Đảng bộ các cấp nhiệm kỳ 2020-2025"},
}

var fiveWorkingDays = calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5}

// Regimes are the seed's reporting regimes, each with its template.
func Regimes(board int64) []reporting.Regime {
	h1 := func(code, name string) reporting.Regime {
		return reporting.Regime{Code: code, Name: name, Kind: reporting.Periodic, Frequency: calendar.FirstHalf,
			Cutoff: calendar.Window15, Deadline: fiveWorkingDays, ReceiverUnitID: board, LockDays: 30}
	}
	six := h1("KG-6T", "Báo cáo sơ kết công tác khoa giáo 6 tháng")
	six.ReporterBloc = true
	six.Template = reporting.Template{Sections: sixMonthSections, Indicators: []reporting.Indicator{
		{Code: "propaganda_sessions", Name: "Số buổi tuyên truyền, phổ biến", Unit: "buổi", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
		{Code: "participants", Name: "Số lượt người tham dự", Unit: "lượt người", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
		{Code: "staff_trained", Name: "Số cán bộ làm công tác khoa giáo được bồi dưỡng", Unit: "người", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
	}, Rules: []reporting.Rule{{Code: "sessions_people", Expr: "participants >= propaganda_sessions", Severity: reporting.Soft,
		Message: "Số lượt người tham dự thấp hơn số buổi tuyên truyền: kiểm tra lại hoặc giải trình."}}}

	exams := h1("THI-2020", "Kết quả thi cuối cấp năm học 2019-2020")
	exams.Template = reporting.Template{Sections: []reporting.Section{{Key: "preparation", Title: "Công tác chuẩn bị năm học 2020-2021"}},
		Indicators: []reporting.Indicator{
			{Code: "candidates", Name: "Số thí sinh dự thi tốt nghiệp THPT", Unit: "thí sinh", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0), Required: true},
			{Code: "exam_sites", Name: "Số điểm thi", Unit: "điểm", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
			{Code: "graduated", Name: "Số thí sinh tốt nghiệp", Unit: "thí sinh", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
			{Code: "graduation_rate", Name: "Tỷ lệ tốt nghiệp", Unit: "%", Type: reporting.TypePercent, Agg: reporting.AggAvg, Min: f(0), Max: f(100)},
		}, Rules: []reporting.Rule{{Code: "graduated_le_candidates", Expr: "graduated <= candidates", Severity: reporting.Hard,
			Message: "Số thí sinh tốt nghiệp không được lớn hơn số thí sinh dự thi."}}}

	curriculum := h1("CTGDPT-2018", "Thực hiện chương trình, sách giáo khoa giáo dục phổ thông mới")
	curriculum.Template = reporting.Template{Sections: []reporting.Section{{Key: "progress", Title: "Tình hình triển khai", Required: true}},
		Indicators: []reporting.Indicator{
			{Code: "textbooks_chosen", Name: "Số đầu sách giáo khoa lớp 1 được lựa chọn", Unit: "đầu sách", Type: reporting.TypeInteger, Agg: reporting.AggSum},
			{Code: "teachers_total", Name: "Số giáo viên lớp 1", Unit: "người", Type: reporting.TypeInteger, Agg: reporting.AggSum},
			{Code: "teachers_trained", Name: "Số giáo viên lớp 1 đã được bồi dưỡng", Unit: "người", Type: reporting.TypeInteger, Agg: reporting.AggSum},
		}, Rules: []reporting.Rule{{Code: "trained_le_total", Expr: "teachers_trained <= teachers_total", Severity: reporting.Hard,
			Message: "Số giáo viên được bồi dưỡng không được lớn hơn tổng số giáo viên."}}}

	covid := h1("COVID-19", "Kết quả phòng, chống dịch bệnh COVID-19")
	covid.Template = reporting.Template{Sections: []reporting.Section{{Key: "measures", Title: "Các biện pháp đã triển khai", Required: true}},
		Indicators: []reporting.Indicator{
			{Code: "tests", Name: "Số mẫu xét nghiệm", Unit: "mẫu", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
			{Code: "quarantined", Name: "Số người cách ly tập trung", Unit: "người", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
			{Code: "cases", Name: "Số ca mắc", Unit: "ca", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
		}, Rules: []reporting.Rule{{Code: "cases_le_tests", Expr: "cases <= tests", Severity: reporting.Hard, Message: "Số ca mắc không được lớn hơn số mẫu xét nghiệm."}}}

	r42 := h1("NQ42", "Thực hiện chính sách hỗ trợ theo Nghị quyết số 42/NQ-CP")
	r42.Template = reporting.Template{Sections: []reporting.Section{{Key: "difficulties", Title: "Khó khăn, vướng mắc"}},
		Categories: []reporting.Category{{Code: "r42_group", Name: "Nhóm đối tượng", Options: R42Groups}},
		Indicators: []reporting.Indicator{
			{Code: "eligible", Name: "Số đối tượng đủ điều kiện", Unit: "người/hộ", Type: reporting.TypeInteger, Agg: reporting.AggSum, Category: "r42_group", Min: f(0)},
			{Code: "paid", Name: "Số đối tượng đã chi trả", Unit: "người/hộ", Type: reporting.TypeInteger, Agg: reporting.AggSum, Category: "r42_group", Min: f(0)},
			{Code: "amount", Name: "Số tiền đã chi trả", Unit: "đồng", Type: reporting.TypeMoney, Agg: reporting.AggSum, Category: "r42_group", Min: f(0)},
		}, Rules: []reporting.Rule{
			{Code: "paid_le_eligible", Expr: "paid <= eligible", Severity: reporting.Hard, Message: "Số đối tượng đã chi trả không được vượt số đối tượng đủ điều kiện."},
			{Code: "amount_cap", Expr: "amount <= paid * 1800000 * 3", Severity: reporting.Soft, Message: "Số tiền vượt mức hỗ trợ tối đa (1.800.000 đ × 3 tháng mỗi đối tượng): cần giải trình."},
		}}

	env := h1("MT-BC", "Quản lý nhà nước về môi trường và xử lý thông tin báo chí phản ánh")
	env.Template = reporting.Template{Sections: []reporting.Section{{Key: "management", Title: "Tình hình quản lý nhà nước về môi trường", Required: true},
		{Key: "press_handling", Title: "Phối hợp giải quyết thông tin báo chí phản ánh"}},
		Indicators: []reporting.Indicator{
			{Code: "inspections", Name: "Số cuộc thanh tra, kiểm tra", Unit: "cuộc", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
			{Code: "violations", Name: "Số vụ vi phạm phát hiện", Unit: "vụ", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0)},
			{Code: "press_received", Name: "Số tin, bài báo chí phản ánh tiếp nhận", Unit: "tin, bài", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0), Source: "press.received"},
			{Code: "press_answered", Name: "Số tin, bài đã trả lời", Unit: "tin, bài", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: f(0), Source: "press.answered"},
		}, Rules: []reporting.Rule{{Code: "answered_le_received", Expr: "press_answered <= press_received", Severity: reporting.Soft,
			// Soft: answers given in this period may concern articles received in the last one.
			Message: "Số tin, bài đã trả lời vượt số tiếp nhận trong kỳ: giải trình (có thể gồm tin, bài của kỳ trước)."}}}

	press := h1("BC-TUYENTRUYEN", "Kết quả tuyên truyền theo định hướng")
	press.Template = reporting.Template{Categories: []reporting.Category{{Code: "topic", Name: "Chủ đề định hướng", Options: Topics}},
		Indicators: []reporting.Indicator{
			{Code: "articles", Name: "Số tin, bài, phóng sự", Unit: "tin, bài", Type: reporting.TypeInteger, Agg: reporting.AggSum, Category: "topic", Min: f(0)},
		}}
	return []reporting.Regime{six, exams, curriculum, covid, r42, env, press}
}
