package dashboard

import (
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// tr returns the English of a Vietnamese label when lang is "en". Every
// label the dashboards write is a key of english (a test checks).
func tr(vi, lang string) string {
	if lang == "en" {
		if en, ok := english[vi]; ok {
			return en
		}
	}
	return vi
}

var english = map[string]string{
	"Lãnh đạo Ban":    "Board leader",
	"Chuyên viên Ban": "Board specialist",
	"Đơn vị":          "Unit",

	"Báo cáo kỳ hiện tại": "Reports of the current periods",
	"Phải nộp":            "Expected",
	"Đúng hạn":            "On time",
	"Muộn":                "Late",
	"Chưa nộp":            "Not sent",
	"Đã nộp":              "Sent",
	"Chưa có chế độ báo cáo nào đến hạn.":                               "No reporting regime is due yet.",
	"Số đơn vị theo trạng thái nộp báo cáo của kỳ gần nhất đã đến hạn.": "Units by the state of their report for the latest period due.",

	"Nhiệm vụ trọng tâm theo tình trạng":   "Key tasks by status",
	"Số nhiệm vụ":                          "Tasks",
	"Tổng cộng":                            "Total",
	"Nhiệm vụ quá hạn theo đơn vị chủ trì": "Overdue tasks by lead unit",
	"Không có nhiệm vụ nào quá hạn.":       "No task is overdue.",
	"Các đơn vị khác":                      "Other units",
	"Báo chí phản ánh theo lĩnh vực":       "Press reports by field",
	"Đang xử lý":                           "Open",
	"Quá hạn trả lời":                      "Answer overdue",
	"Quá hạn: đơn vị chủ trì chưa trả lời khi đã qua thời hạn.": "Overdue: the lead unit has not answered by the due date.",
	"Văn bản chỉ đạo: đơn vị chưa đọc":                          "Directives: units that have not read them",
	"Đã đọc":   "Read",
	"Chưa đọc": "Unread",
	"Chưa có văn bản nào được ban hành.": "No directive has been issued yet.",
	"Tổng cộng, mọi văn bản":             "Total, every directive",
	"Đào tạo, bồi dưỡng cán bộ":          "Staff training",
	"Cán bộ":                             "Staff",
	"Đã bồi dưỡng":                       "Trained",
	"Tỷ lệ":                              "Share",
	"Cán bộ được bồi dưỡng trong năm":    "Staff trained during the year",
	"Chưa có dữ liệu đào tạo.":           "No training recorded yet.",

	"Chờ xem xét": "Waiting for review",
	"Báo cáo đã gửi, chờ tiếp nhận":         "Reports sent, waiting to be accepted",
	"Nhiệm vụ báo hoàn thành, chờ xác nhận": "Tasks reported done, waiting for confirmation",
	"Trả lời báo chí, chờ thẩm định":        "Answers to press reports, waiting for review",
	"Số lượng":                                  "Count",
	"Đến hạn trong tuần":                        "Due this week",
	"Nhiệm vụ đến hạn, chưa hoàn thành":         "Tasks due, not done",
	"Báo cáo đến hạn: đơn vị chưa nộp":          "Reports due: units that have not sent",
	"Vụ việc báo chí phải trả lời":              "Press reports to be answered",
	"Không có việc nào chờ xem xét.":            "Nothing is waiting for review.",
	"Không có việc nào đến hạn trong tuần này.": "Nothing falls due this week.",

	"Báo cáo của đơn vị phải gửi":    "The unit's reports to send",
	"Không có báo cáo nào phải gửi.": "No report to send.",
	"Chưa lập":                              "Not started",
	"Nhiệm vụ của đơn vị":                   "The unit's tasks",
	"Nhiệm vụ sắp đến hạn":                  "Tasks due next",
	"Văn bản chỉ đạo chưa đọc":              "Unread directives",
	"Không có văn bản nào chưa đọc.":        "No unread directive.",
	"Vụ việc báo chí cần trả lời":           "Press reports to answer",
	"Không có vụ việc nào cần trả lời.":     "No press report to answer.",
	"Không có nhiệm vụ nào đang thực hiện.": "No task in progress.",

	"đến hạn hôm nay": "due today",
}

// dueNote says how a deadline stands in working days, in lang.
func dueNote(days int, lang string) string {
	switch {
	case days == 0:
		return tr("đến hạn hôm nay", lang)
	case days > 0 && lang == "en":
		return strconv.Itoa(days) + " working days left"
	case days > 0:
		return "còn " + strconv.Itoa(days) + " ngày làm việc"
	case lang == "en":
		return "overdue by " + strconv.Itoa(-days) + " working days"
	}
	return "quá hạn " + strconv.Itoa(-days) + " ngày làm việc"
}

// num writes a count the Vietnamese way (1.234).
func num(n int) string { return vntext.FormatInt(int64(n)) }
