package search_test

import (
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/search"
)

// Accents, case, đ, NFD input and the old tone placement never change
// what is found.
func TestFoldingFindsEverySpelling(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		d := e.directive("Bảo vệ môi trường lưu vực sông Thạch Hãn", "Đề nghị tăng cường phối hợp hoà giải ở cơ sở.", true, e.sa)
		for _, q := range []string{"moi truong", "môi trường", "MÔI TRƯỜNG", "Mo\u0302i tru\u031bo\u0302\u0300ng", "thach han",
			"hoà giải", "hòa giải", "hoa giai", "DE NGHI", "đề nghị", "Đề   nghị!"} {
			if !e.has(e.repA, q, search.KindDirective, d.ID) {
				t.Errorf("%q does not find the directive", q)
			}
		}
		for _, q := range []string{"moi truongg", "song hong"} {
			if e.has(e.repA, q, "", d.ID) {
				t.Errorf("%q finds the directive", q)
			}
		}
	})
}

// Every word must match; a title match ranks above a body match; the
// marks land on the original spelling and everything else is escaped.
func TestRankingAndHighlights(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		body := e.directive("Kế hoạch tuyên truyền năm học mới", "Lồng ghép nội dung phòng, chống dịch bệnh <b>COVID-19</b> trong các trường.", true, e.sa)
		title := e.directive("Về việc phòng, chống dịch bệnh COVID-19", "Các đơn vị triển khai ngay.", true, e.sa)
		e.directive("Phòng cháy chữa cháy mùa khô", "Kiểm tra hệ thống.", true, e.sa)
		res := e.find(e.repA, search.Query{Q: "phong chong dich"})
		if len(res.Items) != 2 || res.Items[0].ID != title.ID || res.Items[1].ID != body.ID {
			t.Fatalf("results %+v, want the title match %d then the body match %d", res.Items, title.ID, body.ID)
		}
		if got := res.Items[0].TitleHTML; got != "Về việc <mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark> bệnh COVID-19" {
			t.Errorf("title_html %q", got)
		}
		sn := res.Items[1].SnippetHTML
		if !strings.Contains(sn, "<mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark>") || !strings.Contains(sn, "&lt;b&gt;COVID") || strings.Contains(sn, "<b>") {
			t.Errorf("snippet_html %q", sn)
		}
		if res.Total != 2 || res.More || len(res.Facets) != 1 || res.Facets[0].Count != 2 || res.Facets[0].Kind != search.KindDirective {
			t.Errorf("total %d more %v facets %+v", res.Total, res.More, res.Facets)
		}
	})
}

func TestFilters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		dA := e.directive("Tuyên truyền an toàn giao thông", "", true, e.sa)
		dB := e.directive("Tuyên truyền an toàn thực phẩm", "", true, e.sb)
		reg := e.regime("BC6T", "Báo cáo sơ kết 6 tháng")
		rA := e.draft(e.repA, reg, e.sa, "Tuyên truyền an toàn trường học đạt kết quả tốt.")
		ids := func(res search.Result) map[int64]bool {
			m := map[int64]bool{}
			for _, h := range res.Items {
				m[h.ID] = true
			}
			return m
		}
		all := e.find(e.spec, search.Query{Q: "tuyen truyen an toan"})
		if len(all.Items) != 3 || len(all.Facets) != 2 {
			t.Fatalf("board finds %+v, facets %+v", all.Items, all.Facets)
		}
		onlyReports := e.find(e.spec, search.Query{Q: "tuyen truyen an toan", Kind: search.KindReport})
		if len(onlyReports.Items) != 1 || onlyReports.Items[0].ID != rA.ID || len(onlyReports.Facets) != 2 {
			t.Errorf("type=report: %+v, facets %+v (facets count every type)", onlyReports.Items, onlyReports.Facets)
		}
		unitB := ids(e.find(e.spec, search.Query{Q: "tuyen truyen an toan", UnitID: e.sb.ID}))
		if len(unitB) != 1 || !unitB[dB.ID] {
			t.Errorf("unit_id=B: %v", unitB)
		}
		today := civil.Of(rA.UpdatedAt, vntext.Location)
		dated := e.find(e.spec, search.Query{Q: "tuyen truyen an toan", From: today, To: today})
		if len(dated.Items) != 3 || dated.Items[0].Date == nil {
			t.Errorf("from/to today: %+v", dated.Items)
		}
		if later := e.find(e.spec, search.Query{Q: "tuyen truyen", From: today.AddDays(1)}); len(later.Items) != 0 {
			t.Errorf("from tomorrow: %+v", later.Items)
		}
		page := e.find(e.spec, search.Query{Q: "tuyen truyen", Limit: 2, Offset: 2})
		if len(page.Items) != 1 || page.Total != 3 {
			t.Errorf("second page: %+v of %d", page.Items, page.Total)
		}
		_ = dA
	})
}

func TestQueryErrors(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		for name, q := range map[string]search.Query{
			"q": {Q: "  ,.;  "}, "type": {Q: "a", Kind: "secret"}, "to": {Q: "a", From: civil.D(2020, 6, 2), To: civil.D(2020, 6, 1)},
			"offset": {Q: "a", Offset: search.DefaultCandidates},
		} {
			_, err := e.svc.Search(e.ctx, e.repA, q)
			ae, ok := apperr.As(err)
			if !ok || ae.Kind != apperr.KindInvalid || ae.Fields[name] == "" {
				t.Errorf("%s: error %v, want invalid %s", name, err, name)
			}
		}
	})
}
