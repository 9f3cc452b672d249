package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/press"
)

// pressCase is one seed press report and the days of its steps (2020).
type pressCase struct {
	c                                 press.Case
	received, answered, reviewed, end time.Time
	answer, review, feedback          string
}

// pressCases are the two environment reports the conference discussed: one
// answered on time, one late; both given back to the outlet.
func pressCases() []pressCase {
	return []pressCase{
		{c: press.Case{Outlet: "Báo Tài nguyên và Môi trường", URL: "https://baotainguyenmoitruong.vn/mui-hoi-tu-khu-xu-ly-rac-tap-trung-gay-buc-xuc",
			Title: "Mùi hôi từ khu xử lý rác tập trung gây bức xúc cho người dân", PublishedAt: civil.D(2020, 8, 3),
			Summary: "Người dân các thôn lân cận phản ánh mùi hôi kéo dài từ khu xử lý rác, nước rỉ rác chảy ra ruộng.",
			Field:   press.Environment, PublicInterest: true},
			received: ict(2020, 8, 3, 9, 0), answered: ict(2020, 8, 7, 15, 0), reviewed: ict(2020, 8, 10, 9, 0), end: ict(2020, 8, 11, 10, 0),
			answer: "Sở đã kiểm tra thực tế, yêu cầu chủ đầu tư phun chế phẩm khử mùi, nạo vét hồ chứa nước rỉ rác; xử phạt vi phạm hành chính.",
			review: "Trả lời đầy đủ, đúng hạn.", feedback: "Gửi Công văn trả lời đến Báo Tài nguyên và Môi trường ngày 11/8/2020."},
		{c: press.Case{Outlet: "Báo Lao động", URL: "https://laodong.vn/moi-truong/kenh-thoat-nuoc-o-nhiem-nguoi-dan-keu-troi",
			Title: "Kênh thoát nước ô nhiễm, người dân kêu trời", PublishedAt: civil.D(2020, 9, 14),
			Summary: "Kênh thoát nước khu dân cư đen đặc, bốc mùi do nước thải sinh hoạt và cơ sở sản xuất xả thẳng.",
			Field:   press.Environment, PublicInterest: true},
			received: ict(2020, 9, 14, 9, 0), answered: ict(2020, 9, 28, 16, 0), reviewed: ict(2020, 9, 29, 9, 0), end: ict(2020, 9, 30, 14, 0),
			answer: "Sở phối hợp UBND huyện lấy mẫu quan trắc, yêu cầu các cơ sở xây dựng hệ thống xử lý nước thải; kế hoạch nạo vét kênh quý IV/2020.",
			review: "Trả lời chậm so với thời hạn; nội dung đạt.", feedback: "Cung cấp thông tin tại họp báo định kỳ tháng 9/2020 và gửi văn bản đến Báo Lao động."},
	}
}

// loadPress registers the seed press cases and follows them to the end,
// skipping any whose article is already registered (by canonical URL).
func loadPress(ctx context.Context, d Deps, ids map[string]int64, feedBaseURL string) error {
	clock := &demoClock{t: ict(2020, 8, 3, 8, 0)}
	svc := press.NewService(d.Org.DB(), d.Calendar, clock.now)
	users, err := actors(ctx, d.Org)
	if err != nil {
		return err
	}
	cv, mt := users["chuyenvien"], users["stnmt.baocao"]
	if cv.UserID == 0 || mt.UserID == 0 {
		return fmt.Errorf("demo: press: the Board specialist or STNMT reporter is missing")
	}
	rt, err := svc.Routing(ctx, cv)
	if err != nil {
		return err
	}
	if len(rt.Rules) == 0 {
		rt.Rules = []press.Rule{{Field: press.Environment, UnitID: ids["STNMT"]}}
		if _, err := svc.SetRouting(ctx, cv, rt); err != nil {
			return fmt.Errorf("demo: press routing: %w", err)
		}
	}
	for _, pc := range pressCases() {
		if err := loadPressCase(ctx, svc, clock, cv, mt, ids, pc); err != nil {
			return fmt.Errorf("demo: press case %q: %w", pc.c.Title, err)
		}
	}
	if feedBaseURL != "" {
		return loadFeeds(ctx, svc, cv, feedBaseURL, ids)
	}
	return nil
}

func loadPressCase(ctx context.Context, svc *press.Service, clock *demoClock, cv, mt org.Actor, ids map[string]int64, pc pressCase) error {
	canon, err := press.Canonical(pc.c.URL)
	if err != nil {
		return err
	}
	existing, _, err := svc.List(ctx, cv, press.Filter{Limit: 1000})
	if err != nil {
		return err
	}
	for _, c := range existing {
		if c.CanonicalURL == canon {
			return nil
		}
	}
	clock.t = pc.received
	c, err := svc.Create(ctx, cv, pc.c)
	if err != nil {
		return err
	}
	clock.t = pc.received.Add(2 * time.Hour)
	if c, err = svc.Assign(ctx, cv, c.ID, c.Version, ids["STNMT"], "Giao Sở Tài nguyên và Môi trường chủ trì trả lời."); err != nil {
		return err
	}
	clock.t = pc.answered
	if c, err = svc.Answer(ctx, mt, c.ID, c.Version, pc.answer); err != nil {
		return err
	}
	clock.t = pc.reviewed
	if c, err = svc.Review(ctx, cv, c.ID, c.Version, true, pc.review); err != nil {
		return err
	}
	clock.t = pc.end
	_, err = svc.Close(ctx, cv, c.ID, c.Version, pc.feedback)
	return err
}
