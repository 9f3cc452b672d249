package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
)

// DirectiveTitle is the seed directive's title (idempotency key).
const DirectiveTitle = "Về việc tăng cường công tác tuyên truyền phòng, chống dịch bệnh COVID-19"

// MessageSubject is the seed exchange's subject.
const MessageSubject = "Báo cáo nhanh tình hình dịch bệnh COVID-19 và công tác truyền thông của ngành Y tế"

// unreadDemo are the Bloc units that never open the seed directive, so the
// Board's receipts table and unread list have something to show.
var unreadDemo = map[string]bool{"DPTTH": true, "HKH": true}

// loadNotice issues the Board's directive of March 2020 on COVID-19
// prevention to every Bloc unit, asking for acknowledgement, replays who
// read and acknowledged it when (all but two units), and an exchange in
// which the health department reports up and the Board replies.
func loadNotice(ctx context.Context, d Deps, ids map[string]int64) error {
	clock := &demoClock{t: ict(2020, 3, 16, 8, 30)}
	svc := notice.NewService(d.Org.DB(), d.Org, d.Calendar, clock.now)
	users, err := actors(ctx, d.Org)
	if err != nil {
		return err
	}
	cv := users["chuyenvien"]
	existing, err := svc.List(ctx, cv)
	if err != nil {
		return err
	}
	for _, x := range existing {
		if x.Title == DirectiveTitle {
			return nil
		}
	}
	var bloc []int64
	for _, u := range Units {
		if u.Bloc {
			bloc = append(bloc, ids[u.Code])
		}
	}
	dir, err := svc.Create(ctx, cv, notice.Directive{TypeCode: "CV", Title: DirectiveTitle, RequiresAck: true, UnitIDs: bloc,
		Body: "Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy đề nghị các cơ quan, đơn vị trong Khối " +
			"tăng cường tuyên truyền các biện pháp phòng, chống dịch bệnh COVID-19 theo khuyến cáo của Bộ Y tế; kịp thời " +
			"cung cấp thông tin chính thống, định hướng dư luận, đấu tranh với thông tin sai sự thật trên không gian mạng; " +
			"báo cáo kết quả về Ban Tuyên giáo Tỉnh ủy trước ngày 30/3/2020."})
	if err != nil {
		return fmt.Errorf("demo: directive: %w", err)
	}
	if dir, err = svc.Issue(ctx, cv, dir.ID, dir.Version); err != nil {
		return fmt.Errorf("demo: issue directive: %w", err)
	}
	when := ict(2020, 3, 16, 9, 10)
	for i, u := range Units {
		if !u.Bloc || unreadDemo[u.Code] {
			continue
		}
		reader, leader := users[strings.ToLower(u.Code)+".baocao"], users[strings.ToLower(u.Code)+".lanhdao"]
		clock.t = when.Add(time.Duration(i*47) * time.Minute)
		if _, err := svc.MarkRead(ctx, reader, dir.ID); err != nil {
			return fmt.Errorf("demo: read by %s: %w", u.Code, err)
		}
		if i%3 == 2 { // a few units read it but do not confirm
			continue
		}
		clock.t = clock.t.Add(2 * time.Hour)
		if _, err := svc.Acknowledge(ctx, leader, dir.ID); err != nil {
			return fmt.Errorf("demo: acknowledge by %s: %w", u.Code, err)
		}
	}
	return exchange(ctx, svc, clock, users, dir.ID)
}

func exchange(ctx context.Context, svc *notice.Service, clock *demoClock, users map[string]org.Actor, directiveID int64) error {
	clock.t = ict(2020, 3, 20, 15, 0)
	th, err := svc.Send(ctx, users["syt.baocao"], notice.Message{Subject: MessageSubject, DirectiveID: directiveID,
		Body: "Sở Y tế báo cáo: đến 15 giờ ngày 20/3/2020, trên địa bàn tỉnh chưa ghi nhận ca mắc COVID-19; đang cách ly tập trung " +
			"112 trường hợp, cách ly tại nhà 546 trường hợp. Sở đã phối hợp Báo Quảng Trị, Đài PT-TH tỉnh đăng tải khuyến cáo " +
			"phòng dịch hằng ngày. Đề nghị Ban hỗ trợ định hướng thông tin về việc cách ly người nhập cảnh."})
	if err != nil {
		return fmt.Errorf("demo: message: %w", err)
	}
	clock.t = ict(2020, 3, 23, 9, 30)
	if _, err := svc.Reply(ctx, users["chuyenvien"], th.ID, "Ban Tuyên giáo Tỉnh ủy đã nhận. Ban sẽ chủ trì cuộc họp báo chí "+
		"sáng 25/3 để định hướng thông tin về cách ly; đề nghị Sở Y tế chuẩn bị số liệu cập nhật và cử người phát ngôn."); err != nil {
		return fmt.Errorf("demo: reply: %w", err)
	}
	clock.t = ict(2020, 3, 23, 14, 0)
	_, err = svc.Reply(ctx, users["syt.lanhdao"], th.ID, "Sở Y tế xin tiếp thu; Phó Giám đốc Sở sẽ tham dự và phát ngôn.")
	return err
}
