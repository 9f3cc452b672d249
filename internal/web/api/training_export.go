package api

import (
	"bytes"
	"context"
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/document"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// trainingPeriod reads ?year= (default: this year on the server's clock)
// or ?from=&to= (yyyy-mm-dd), and names the period for titles.
func trainingPeriod(r *http.Request, today civil.Date) (from, to civil.Date, name string, err error) {
	q := r.URL.Query()
	if q.Get("from") != "" || q.Get("to") != "" {
		for key, dst := range map[string]*civil.Date{"from": &from, "to": &to} {
			if *dst, err = civil.Parse(q.Get(key)); err != nil {
				return from, to, "", apperr.InvalidField(key, "Ngày theo dạng yyyy-mm-dd.", "Use yyyy-mm-dd.")
			}
		}
		name = "từ " + vntext.FormatDate(from.In(vntext.Location)) + " đến " + vntext.FormatDate(to.In(vntext.Location))
		return from, to, name, nil
	}
	year, err := httpx.QueryInt(r, "year", int64(today.Year))
	if err != nil || year < 1990 || year > 2100 {
		return from, to, "", apperr.InvalidField("year", "Năm không hợp lệ.", "Invalid year.")
	}
	from, to = training.Year(int(year))
	return from, to, "năm " + strconv.Itoa(int(year)), nil
}

func (a *api) trainingStats(r *http.Request) (training.Stats, string, error) {
	from, to, name, err := trainingPeriod(r, civil.Of(a.now(), vntext.Location))
	if err != nil {
		return training.Stats{}, "", err
	}
	st, err := a.Training.Stats(r.Context(), httpx.Actor(r.Context()), from, to)
	return st, name, err
}

// trainingFigures answers GET /training/figures?year= (or from, to).
func (a *api) trainingFigures(w http.ResponseWriter, r *http.Request) error {
	st, _, err := a.trainingStats(r)
	if err != nil {
		return err
	}
	return ok(w, st)
}

func (a *api) trainingFiguresXLSX(w http.ResponseWriter, r *http.Request) error {
	st, name, err := a.trainingStats(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := document.WriteXLSX(&buf, TrainingFiguresSheet(st, name)); err != nil {
		return err
	}
	httpx.Download(w, "dao-tao-can-bo-"+st.From.String()+"-"+st.To.String()+".xlsx", httpx.XLSXType, buf.Bytes())
	return nil
}

// TrainingFiguresSheet lays the figures table out as a worksheet.
func TrainingFiguresSheet(st training.Stats, period string) document.Sheet {
	s := document.Sheet{Name: "Số liệu đào tạo", Title: "Đào tạo, bồi dưỡng cán bộ làm công tác khoa giáo " + period, FreezeHeader: true,
		Header: []string{"STT", "Đơn vị", "Số cán bộ", "Được tập huấn, bồi dưỡng trong kỳ", "Chưa được tập huấn, bồi dưỡng trong 3 năm (người)",
			"Tỷ lệ chưa được tập huấn, bồi dưỡng trong 3 năm"},
		ColWidths: []float64{6, 44, 12, 18, 22, 18}}
	for i, c := range st.Rows {
		s.Rows = append(s.Rows, []document.Cell{document.IntCell(int64(i + 1)), document.TextCell(c.UnitName), document.IntCell(int64(c.Staff)),
			document.IntCell(int64(c.Trained)), document.IntCell(int64(c.Untrained3y)), document.PercentCell(c.Share)})
	}
	t := st.Total
	s.Totals = []document.Cell{document.TextCell(""), document.TextCell("Tổng cộng"), document.IntCell(int64(t.Staff)),
		document.IntCell(int64(t.Trained)), document.IntCell(int64(t.Untrained3y)), document.PercentCell(t.Share)}
	return s
}

// trainingStaffXLSX exports the register in the caller's scope (same
// filters as the list), every page of it.
func (a *api) trainingStaffXLSX(w http.ResponseWriter, r *http.Request) error {
	f, err := staffFilter(r)
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), httpx.Actor(r.Context())
	var all []training.Staff
	for f.Limit, f.Offset = 1000, 0; ; f.Offset += f.Limit {
		l, err := a.Training.ListStaff(ctx, actor, f)
		if err != nil {
			return err
		}
		all = append(all, l.Items...)
		if len(l.Items) < f.Limit {
			break
		}
	}
	sheet, err := TrainingStaffSheet(ctx, a.Org, all)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := document.WriteXLSX(&buf, sheet); err != nil {
		return err
	}
	httpx.Download(w, "danh-sach-can-bo-khoa-giao.xlsx", httpx.XLSXType, buf.Bytes())
	return nil
}

// TrainingStaffSheet lays the register out as a worksheet, with unit names.
func TrainingStaffSheet(ctx context.Context, orgSvc *org.Service, staff []training.Staff) (document.Sheet, error) {
	ids := make([]int64, 0, len(staff))
	for _, s := range staff {
		ids = append(ids, s.UnitID)
	}
	units := map[int64]org.Unit{}
	if len(ids) > 0 {
		var err error
		if units, err = orgSvc.UnitsByID(ctx, org.SystemActor("training"), ids); err != nil {
			return document.Sheet{}, err
		}
	}
	sh := document.Sheet{Name: "Danh sách cán bộ", Title: "Danh sách cán bộ làm công tác khoa giáo", FreezeHeader: true,
		Header:    []string{"STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị", "Lý luận chính trị", "Chuyên môn", "Điện thoại", "Thư điện tử", "Đang công tác"},
		ColWidths: []float64{6, 26, 12, 22, 34, 14, 26, 14, 26, 10}}
	for i, s := range staff {
		born, active := "", "Có"
		if !s.BirthDate.IsZero() {
			born = vntext.FormatDate(s.BirthDate.In(vntext.Location))
		}
		if !s.Active {
			active = "Không"
		}
		sh.Rows = append(sh.Rows, []document.Cell{document.IntCell(int64(i + 1)), document.TextCell(s.FullName), document.TextCell(born),
			document.TextCell(s.Position), document.TextCell(units[s.UnitID].Name), document.TextCell(s.PoliticalLevel.Label("vi")),
			document.TextCell(s.Qualification), document.TextCell(s.Phone), document.TextCell(s.Email), document.TextCell(active)})
	}
	return sh, nil
}
