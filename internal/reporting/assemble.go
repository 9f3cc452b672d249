package reporting

import (
	"context"
	"fmt"
	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

var roman = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// assemble drafts the consolidated report: each section of the outline
// gathers what every accepted report wrote in it, unit by unit, and a table
// gives the aggregated indicators with the comparisons.
func (s *Service) assemble(ctx context.Context, a org.Actor, r Regime, period string) (Consolidated, error) {
	c := Consolidated{RegimeID: r.ID, PeriodKey: period, Title: "BÁO CÁO",
		Subject:    subjectFor(r.Name, periodLabel(period)),
		Signature:  ConsSignature{Authority: "T/M BAN TUYÊN GIÁO", Position: "TRƯỞNG BAN"},
		Recipients: []string{"Thường trực Tỉnh ủy (b/c)", "Ban Tuyên giáo Trung ương (b/c)", "Các cơ quan trong Khối Khoa giáo", "Lưu Văn phòng"}}
	settings, err := s.org.Settings(ctx)
	if err != nil {
		return c, err
	}
	if name := settings[org.SettingBoardName]; name != "" {
		c.Signature.Authority = "T/M " + strings.ToUpper(name)
	}
	units, err := expectedUnits(ctx, s.db, r)
	if err != nil {
		return c, err
	}
	type source struct {
		unit   org.Unit
		report Report
	}
	var sources []source
	for _, u := range units {
		rep, ok, err := findReport(ctx, s.db, r.ID, period, u.ID)
		if err != nil {
			return c, err
		}
		if ok && rep.Status == StatusAccepted {
			sources = append(sources, source{u, rep})
		}
	}
	c.Sources = len(sources)
	for i, sec := range r.Template.Sections {
		var b strings.Builder
		for _, src := range sources {
			if text := strings.TrimSpace(src.report.Sections[sec.Key]); text != "" {
				name := src.unit.ShortName
				if name == "" {
					name = src.unit.Name
				}
				fmt.Fprintf(&b, "- %s: %s\n", name, text)
			}
		}
		num := strconv.Itoa(i + 1)
		if i < len(roman) {
			num = roman[i]
		}
		c.Sections = append(c.Sections, ConsSection{Title: num + ". " + strings.ToUpper(sec.Title), Body: strings.TrimSpace(b.String())})
	}
	agg, err := s.acceptedAggregate(ctx, r, period)
	if err != nil {
		return c, err
	}
	if len(agg.Rows) > 0 {
		c.Tables = append(c.Tables, figuresTable(agg))
	}
	return c, nil
}

// figuresTable lays an aggregate out as the table of a document.
func figuresTable(agg Aggregate) ConsTable {
	t := ConsTable{Title: "Số liệu tổng hợp từ các báo cáo đã tiếp nhận", NumericCols: []int{3, 4, 5},
		Header: []string{"TT", "Chỉ tiêu", "Đơn vị tính", capitalize(periodLabel(agg.Period)), capitalize(periodLabel(agg.Previous)), capitalize(periodLabel(agg.LastYear))}}
	for i, row := range agg.Rows {
		name := row.Name
		if row.OptionNm != "" {
			name += " — " + row.OptionNm
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), name, row.Unit, cellText(row.Current), cellText(row.Previous), cellText(row.LastYear)})
	}
	return t
}

func cellText(c Cell) string {
	if c.Value == nil {
		return ""
	}
	v := *c.Value
	if isWhole(v) {
		return vntext.FormatInt(int64(v))
	}
	return vntext.FormatDecimal(v, 1)
}

// periodLabel says a period key in words: "2020-H1" → "6 tháng đầu năm 2020".
func periodLabel(key string) string {
	y, rest, _ := strings.Cut(key, "-")
	switch {
	case rest == "":
		return "năm " + y
	case rest == "H1":
		return "6 tháng đầu năm " + y
	case rest == "H2":
		return "6 tháng cuối năm " + y
	case rest == "9M":
		return "9 tháng năm " + y
	case strings.HasPrefix(rest, "Q"):
		return "quý " + strings.TrimPrefix(rest, "Q") + " năm " + y
	}
	if m, err := strconv.Atoi(rest); err == nil {
		return "tháng " + strconv.Itoa(m) + " năm " + y
	}
	return key
}

// PeriodLabel is periodLabel for other packages (pages, documents).
func PeriodLabel(key string) string { return periodLabel(key) }

// Assemble drafts the consolidated report afresh from the accepted reports
// (without storing it), for a specialist who wants to start over.
func (s *Service) Assemble(ctx context.Context, a org.Actor, regimeID int64, period string) (Consolidated, error) {
	if !canDesign(a) {
		return Consolidated{}, apperr.Forbidden()
	}
	r, err := s.findRegime(ctx, s.db, regimeID)
	if err != nil {
		return Consolidated{}, err
	}
	p, err := r.Period(period)
	if err != nil {
		return Consolidated{}, err
	}
	return s.assemble(ctx, a, r, p.Key)
}

// subjectFor joins a regime's name and a period in words without saying
// "6 tháng" twice: "Báo cáo sơ kết … 6 tháng" + "6 tháng đầu năm 2020".
func subjectFor(name, period string) string {
	for _, w := range []string{"6 tháng", "9 tháng"} {
		if strings.HasSuffix(name, w) && strings.HasPrefix(period, w) {
			return name + strings.TrimPrefix(period, w)
		}
	}
	return name + " " + period
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// acceptedAggregate totals only the accepted reports (the running totals
// also hold reports still under review): a GROUP BY per period, run when a
// specialist assembles the document, not at every page view.
func (s *Service) acceptedAggregate(ctx context.Context, r Regime, period string) (Aggregate, error) {
	out := Aggregate{RegimeID: r.ID, Period: period}
	p, err := r.Period(period)
	if err != nil {
		return out, err
	}
	cur, n, err := acceptedTotals(ctx, s.db, r.ID, p.Key)
	if err != nil {
		return out, err
	}
	out.Reports = n
	var prev, last map[aggKey]partial
	if r.Frequency != calendar.Explicit {
		if pp, err := previousOf(r, p); err == nil {
			out.Previous = pp.Key
			if prev, _, err = acceptedTotals(ctx, s.db, r.ID, pp.Key); err != nil {
				return out, err
			}
		}
		if ly, err := calendar.SameLastYear(p, r.Cutoff); err == nil {
			out.LastYear = ly.Key
			if last, _, err = acceptedTotals(ctx, s.db, r.ID, ly.Key); err != nil {
				return out, err
			}
		}
	}
	out.Rows = buildRows(r.Template, cur, prev, last, map[string]string{"": ""}, true, "")
	return out, nil
}

func acceptedTotals(ctx context.Context, q querier, regimeID int64, period string) (map[aggKey]partial, int, error) {
	rows, err := q.Query(ctx, `SELECT v.indicator, v.opt, COUNT(v.num), COALESCE(SUM(v.num), 0), MIN(v.num), MAX(v.num)
		FROM reports r JOIN report_values v ON v.report_id = r.id
		WHERE r.regime_id = ? AND r.period_key = ? AND r.status = 'accepted' AND v.num IS NOT NULL
		GROUP BY v.indicator, v.opt`, regimeID, period)
	if err != nil {
		return nil, 0, fmt.Errorf("reporting: accepted totals: %w", err)
	}
	defer rows.Close()
	out := map[aggKey]partial{}
	for rows.Next() {
		var k aggKey
		var p partial
		if err := rows.Scan(&k.ind, &k.opt, &p.n, &p.sum, &p.min, &p.max); err != nil {
			return nil, 0, err
		}
		out[k] = p
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	var n int
	err = q.QueryRow(ctx, "SELECT COUNT(*) FROM reports WHERE regime_id = ? AND period_key = ? AND status = 'accepted'", regimeID, period).Scan(&n)
	return out, n, err
}
