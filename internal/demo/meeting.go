package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/task"
)

// ConferenceTitle is the seed conference's title (idempotency key).
const ConferenceTitle = "Hội nghị giao ban công tác khoa giáo 6 tháng đầu năm 2020"

func ict(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.FixedZone("ICT", 7*3600))
}

// loadConference holds the conference of 30 June 2020 as the article tells
// it — agenda presented by the Bloc's agencies, attendance, minutes — then
// issues its conclusion notice on 3 July, whose items become tasks, and
// replays their progress to the end of 2020: some done on time, one late,
// one awaiting confirmation, others still open and now overdue.
func loadConference(ctx context.Context, d Deps, ids map[string]int64, regimes map[string]int64) error {
	clock := &demoClock{t: ict(2020, 6, 20, 9, 0)}
	tasks := task.NewService(d.Org.DB(), d.Calendar, clock.now)
	meet := meeting.NewService(d.Org.DB(), d.Org, tasks, clock.now)
	users, err := actors(ctx, d.Org)
	if err != nil {
		return err
	}
	cv, lead := users["chuyenvien"], users["lanhdao"]
	existing, err := meet.List(ctx, cv, meeting.Filter{}, false)
	if err != nil {
		return err
	}
	for _, m := range existing {
		if m.Title == ConferenceTitle {
			return nil
		}
	}
	var invited []int64
	for _, u := range Units {
		if u.Bloc || u.Kind == org.KindPartyBoard {
			invited = append(invited, ids[u.Code])
		}
	}
	m, err := meet.Create(ctx, cv, meeting.Meeting{Kind: meeting.SixMonth, Title: ConferenceTitle,
		StartsAt: ict(2020, 6, 30, 8, 0), EndsAt: ict(2020, 6, 30, 11, 30), Place: "Hội trường Ban Tuyên giáo Tỉnh ủy",
		ChairUserID: lead.UserID, ChairName: "Lê Văn Tuấn, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy",
		Secretary: "Nguyễn Thị Khánh Linh", UnitIDs: invited})
	if err != nil {
		return fmt.Errorf("demo: conference: %w", err)
	}
	agenda := []meeting.AgendaItem{
		{Title: "Kế hoạch tổ chức thi cuối cấp năm học 2019-2020 và chuẩn bị năm học 2020-2021", PresentingUnitID: ids["SGDDT"], From: "08:15", To: "08:35", RegimeID: regimes["THI-2020"], PeriodKey: Period},
		{Title: "Thực hiện chương trình, sách giáo khoa giáo dục phổ thông mới", PresentingUnitID: ids["SGDDT"], From: "08:35", To: "08:50", RegimeID: regimes["CTGDPT-2018"], PeriodKey: Period},
		{Title: "Kết quả công tác phòng, chống dịch bệnh COVID-19", PresentingUnitID: ids["SYT"], From: "08:50", To: "09:10", RegimeID: regimes["COVID-19"], PeriodKey: Period},
		{Title: "Kết quả thực hiện chính sách hỗ trợ các nhóm đối tượng khó khăn do đại dịch COVID-19 theo Nghị quyết số 42/NQ-CP", PresentingUnitID: ids["SLDTBXH"], From: "09:10", To: "09:30", RegimeID: regimes["NQ42"], PeriodKey: Period},
		{Title: "Quản lý nhà nước về môi trường; phối hợp giải quyết, xử lý thông tin báo chí phản ánh về môi trường", PresentingUnitID: ids["STNMT"], From: "09:30", To: "09:50", RegimeID: regimes["MT-BC"], PeriodKey: Period},
		{Title: "Thảo luận: kết quả, khó khăn, hạn chế và cách làm sáng tạo", From: "09:50", To: "10:50"},
		{Title: "Kết luận hội nghị", From: "10:50", To: "11:30", Notes: "Đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy kết luận."},
	}
	if m, _, err = meet.SetAgenda(ctx, cv, m.ID, m.Version, agenda); err != nil {
		return fmt.Errorf("demo: agenda: %w", err)
	}
	clock.t = ict(2020, 6, 30, 11, 45)
	var rows []meeting.Attendance
	for _, id := range invited {
		rows = append(rows, meeting.Attendance{UnitID: id, Status: meeting.Present})
	}
	for i := range rows {
		switch rows[i].UnitID {
		case ids["BTG-VINHLINH"]:
			rows[i].Status, rows[i].Reason = meeting.Absent, "Trùng lịch đại hội Đảng bộ cơ sở"
		case ids["HKH"]:
			rows[i].Status, rows[i].RepresentedBy = meeting.Represented, "Phó Chủ tịch Hội Khuyến học tỉnh"
		}
	}
	if m, _, err = meet.SetAttendance(ctx, cv, m.ID, m.Version, rows); err != nil {
		return fmt.Errorf("demo: attendance: %w", err)
	}
	if _, err = meet.SaveMinutes(ctx, cv, m.ID, 0, minutes); err != nil {
		return fmt.Errorf("demo: minutes: %w", err)
	}
	return concludeConference(ctx, meet, tasks, clock, users, m.ID, ids)
}

const minutes = `Đồng chí Lê Văn Tuấn, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy chủ trì hội nghị.
Các đại biểu thông tin về kế hoạch tổ chức các kỳ thi cuối cấp năm học 2019-2020 và chuẩn bị cho năm học 2020-2021; thực hiện chương trình, sách giáo khoa giáo dục phổ thông mới; kết quả phòng, chống dịch bệnh COVID-19; kết quả thực hiện chính sách hỗ trợ theo Nghị quyết số 42 của Chính phủ; quản lý nhà nước về môi trường và phối hợp xử lý thông tin báo chí phản ánh về môi trường.
Thảo luận: các đại biểu làm rõ kết quả đạt được, khó khăn, hạn chế; trao đổi cách làm sáng tạo trong công tác tham mưu và giải pháp nâng cao chất lượng công tác khoa giáo.
Kết luận: đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy giao nhiệm vụ cho các cơ quan, đơn vị trong Khối (xem thông báo kết luận).`

// conclusionItems are the chair's conclusions in the article, with a lead
// unit, supporters and a deadline each (the article gives none: the
// deadlines run to the end of 2020).
func conclusionItems(ids map[string]int64) []meeting.Item {
	due := func(m time.Month, d int) civil.Date { return civil.D(2020, m, d) }
	return []meeting.Item{
		{Text: "Tập trung đào tạo, bồi dưỡng đội ngũ cán bộ làm công tác khoa giáo.", LeadUnitID: ids["SGDDT"], SupportUnitIDs: []int64{ids["SYT"], ids["SKHCN"]}, Due: due(12, 15), Key: true},
		{Text: "Nâng cao chất lượng tham mưu cho cấp ủy trong lãnh đạo, chỉ đạo công tác khoa giáo ở cơ sở.", LeadUnitID: ids["SKHCN"], Due: due(12, 31)},
		{Text: "Duy trì thường xuyên chế độ báo cáo, cung cấp thông tin hai chiều để hiểu sâu, nắm rõ tình hình thực tiễn của các ngành trong Khối.", LeadUnitID: ids["LHHKHKT"], SupportUnitIDs: []int64{ids["HKH"]}},
		{Text: "Tiếp tục theo dõi, nắm bắt và tham mưu thực hiện các biện pháp phòng tránh, ngăn chặn dịch COVID-19.", LeadUnitID: ids["SYT"], SupportUnitIDs: []int64{ids["SGDDT"], ids["SLDTBXH"]}, Due: due(9, 30), Key: true},
		{Text: "Tham mưu quán triệt, triển khai thực hiện các nội dung công tác khoa giáo được đại hội đảng bộ các cấp nhiệm kỳ 2020-2025 thông qua.", LeadUnitID: ids["STNMT"], Due: due(11, 30)},
		{Text: "Các cơ quan báo chí tập trung tuyên truyền phòng, chống dịch bệnh; phòng chống lụt bão; công tác chuẩn bị tiến tới đại hội Đảng các cấp.", LeadUnitID: ids["BAOTINH"], SupportUnitIDs: []int64{ids["DPTTH"]}, Due: due(10, 31), Key: true},
	}
}

func concludeConference(ctx context.Context, meet *meeting.Service, tasks *task.Service, clock *demoClock, users map[string]org.Actor, id int64, ids map[string]int64) error {
	cv, lead := users["chuyenvien"], users["lanhdao"]
	clock.t = ict(2020, 7, 2, 14, 0)
	c, err := meet.Conclusion(ctx, cv, id)
	if err != nil {
		return err
	}
	c.Subject = "Kết luận của đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy tại Hội nghị giao ban công tác khoa giáo 6 tháng đầu năm 2020"
	c.Intro = "Ngày 30-6-2020, Ban Tuyên giáo Tỉnh ủy tổ chức Hội nghị giao ban công tác khoa giáo 6 tháng đầu năm và triển khai một số nhiệm vụ trọng tâm 6 tháng cuối năm. Sau khi nghe các cơ quan, đơn vị báo cáo và ý kiến thảo luận của các đại biểu, đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy kết luận: 6 tháng qua, dù chịu nhiều tác động từ dịch COVID-19, các ngành, đơn vị trong Khối Khoa giáo vẫn thực hiện hiệu quả các nhiệm vụ được giao; công tác phối hợp giữa ban tuyên giáo các cấp với các ngành trong Khối có nhiều chuyển biến tích cực. Trong những tháng cuối năm 2020, đề nghị các cơ quan, đơn vị tập trung thực hiện tốt các nhiệm vụ sau:"
	c.Signer = meeting.Signer{Authority: "T/M BAN TUYÊN GIÁO", Position: "TRƯỞNG BAN", Name: "Lê Văn Tuấn"}
	c.Items = conclusionItems(ids)
	if c, err = meet.SaveConclusion(ctx, cv, id, c); err != nil {
		return fmt.Errorf("demo: conclusion: %w", err)
	}
	clock.t = ict(2020, 7, 3, 9, 0)
	if c, err = meet.IssueConclusion(ctx, lead, id, c.Version); err != nil {
		return fmt.Errorf("demo: issue conclusion: %w", err)
	}
	return progressTasks(ctx, tasks, clock, users, c)
}

// progressTasks replays the units' work on the conclusion's tasks.
func progressTasks(ctx context.Context, tasks *task.Service, clock *demoClock, users map[string]org.Actor, c meeting.Conclusion) error {
	byLead := map[int64]int64{} // lead unit → task
	for _, it := range c.Items {
		byLead[it.LeadUnitID] = it.TaskID
	}
	step := func(when time.Time, f func() error) error { clock.t = when; return f() }
	cv := users["chuyenvien"]
	find := func(username string) (org.Actor, int64) { a := users[username]; return a, byLead[a.UnitID] }
	syt, sytTask := find("syt.baocao")
	bao, baoTask := find("baotinh.baocao")
	gd, gdTask := find("sgddt.baocao")
	kh, khTask := find("skhcn.baocao")
	mt, mtTask := find("stnmt.baocao")
	lh, lhTask := find("lhhkhkt.baocao")
	steps := []struct {
		when time.Time
		f    func() error
	}{
		{ict(2020, 8, 10, 9, 0), func() error {
			_, err := tasks.Progress(ctx, syt, sytTask, 0, 60, "Duy trì giám sát dịch tễ, cách ly người nhập cảnh.")
			return err
		}},
		{ict(2020, 9, 25, 9, 0), func() error {
			_, err := tasks.Complete(ctx, syt, sytTask, 0, civil.D(2020, 9, 25), "Báo cáo số 215/BC-SYT về công tác phòng, chống dịch quý III.")
			return err
		}},
		{ict(2020, 9, 28, 9, 0), func() error { _, err := tasks.Confirm(ctx, cv, sytTask, 0); return err }},
		{ict(2020, 9, 15, 9, 0), func() error {
			_, err := tasks.Progress(ctx, bao, baoTask, 0, 70, "Mở chuyên mục đại hội Đảng các cấp, chuyên trang phòng chống lụt bão.")
			return err
		}},
		{ict(2020, 11, 5, 9, 0), func() error {
			_, err := tasks.Complete(ctx, bao, baoTask, 0, civil.D(2020, 11, 5), "Đã đăng 486 tin, bài theo ba chủ đề định hướng.")
			return err
		}},
		{ict(2020, 11, 6, 9, 0), func() error { _, err := tasks.Confirm(ctx, cv, baoTask, 0); return err }},
		{ict(2020, 10, 20, 9, 0), func() error {
			_, err := tasks.Progress(ctx, gd, gdTask, 0, 60, "Đã mở 2 lớp bồi dưỡng cho 120 cán bộ.")
			return err
		}},
		{ict(2020, 11, 2, 9, 0), func() error {
			_, err := tasks.Progress(ctx, kh, khTask, 0, 40, "Xây dựng dự thảo hướng dẫn tham mưu cấp ủy cơ sở.")
			return err
		}},
		{ict(2020, 11, 25, 9, 0), func() error {
			_, err := tasks.Complete(ctx, mt, mtTask, 0, civil.D(2020, 11, 25), "Kế hoạch số 88/KH-STNMT triển khai nghị quyết đại hội.")
			return err
		}},
		{ict(2020, 12, 1, 9, 0), func() error {
			_, err := tasks.Progress(ctx, lh, lhTask, 0, 50, "Gửi báo cáo tháng đúng hạn, trao đổi thông tin với Ban.")
			return err
		}},
	}
	for _, s := range steps {
		if err := step(s.when, s.f); err != nil {
			return fmt.Errorf("demo: task progress: %w", err)
		}
	}
	return nil
}
