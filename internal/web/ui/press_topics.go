package ui

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Propaganda orientation topics (/press/topics): the topics of a period,
// the Board's form to add and edit them, and the monitoring table — per
// agency and topic, the articles found in its feeds beside what it reported.

// pressTopicRoutes are the pages of the orientation topics.
func (u *ui) pressTopicRoutes() []route {
	return []route{
		{pattern: "GET /press/topics", h: u.topicsList},
		{pattern: "POST /press/topics", h: u.topicCreate},
		{pattern: "GET /press/topics/{id}/edit", h: u.topicEdit},
		{pattern: "POST /press/topics/{id}/edit", h: u.topicUpdate},
	}
}

type topicsPage struct {
	Topics    []press.Topic
	Counts    press.TopicCounts
	Rows      []topicUnitRow
	From, To  string // dd/mm/yyyy of the monitored window
	CanManage bool
	Form      press.Topic
	FormFrom  string
	FormTo    string
	FormLink  string
	Links     []pressOption // "regime|indicator|option" of the numeric indicators
}

// topicUnitRow is an agency's line of the monitoring table.
type topicUnitRow struct {
	Unit  press.CountUnit
	Cells []topicCellView
}

type topicCellView struct {
	Monitored int
	Linked    bool   // the topic names a reported indicator
	Reported  string // "" when the agency has no report for it
	Diff      string // monitored − reported, signed
	DiffClass string
}

func (u *ui) topicsList(w http.ResponseWriter, r *http.Request) error {
	return u.renderTopics(w, r, nil, press.Topic{}, "", "")
}

func (u *ui) topicEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	a := httpx.Actor(r.Context())
	if !press.CanManage(a) {
		return apperr.Forbidden()
	}
	t, err := u.Press.FindTopic(r.Context(), a, id)
	if err != nil {
		return err
	}
	return u.renderTopics(w, r, nil, t, t.PeriodFrom.String(), t.PeriodTo.String())
}

func (u *ui) renderTopics(w http.ResponseWriter, r *http.Request, formErr error, form press.Topic, formFrom, formTo string) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	topics, err := u.Press.Topics(ctx, a, false)
	if err != nil {
		return err
	}
	p := u.page(r, "Định hướng tuyên truyền", "press")
	d := &topicsPage{Topics: topics, CanManage: press.CanManage(a), Form: form, FormFrom: displayDate(formFrom), FormTo: displayDate(formTo)}
	if form.RegimeID != 0 {
		d.FormLink = strconv.FormatInt(form.RegimeID, 10) + "|" + form.Indicator + "|" + form.Option
	}
	from, to, err := topicWindow(r, topics, u.now())
	if err != nil {
		return err
	}
	d.From, d.To = displayDate(from.String()), displayDate(to.String())
	if d.Counts, err = u.Press.TopicCounts(ctx, a, press.TopicQuery{From: from, To: to}); err != nil {
		return err
	}
	if err := d.Counts.FillReported(ctx, u.reportedFor(a)); err != nil {
		return err
	}
	d.Rows = topicRows(d.Counts)
	if d.CanManage {
		if d.Links, err = u.topicLinks(ctx, a); err != nil {
			return err
		}
	}
	p.Data = d
	if formErr != nil {
		return u.formErr(w, r, formErr, "press_topics.html", p)
	}
	switch r.URL.Query().Get("done") {
	case "added":
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã thêm chủ đề định hướng.")}
	case "saved":
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lưu chủ đề định hướng.")}
	}
	return u.render(w, r, "press_topics.html", p)
}

// reportedFor reads what the agencies reported, as the actor may see it.
func (u *ui) reportedFor(a org.Actor) press.ReportedFunc {
	return func(ctx context.Context, regimeID int64, indicator string, from, to civil.Date) (press.Reported, error) {
		v, err := u.Reporting.IndicatorValues(ctx, a, regimeID, indicator, from, to)
		return press.Reported{Periods: v.Periods, Values: v.Values}, err
	}
}

// topicRows turns the counts around: a line per agency, a cell per topic.
func topicRows(c press.TopicCounts) []topicUnitRow {
	rows := make([]topicUnitRow, len(c.Units))
	for i, un := range c.Units {
		rows[i] = topicUnitRow{Unit: un, Cells: make([]topicCellView, len(c.Topics))}
		for j, t := range c.Topics {
			cell := t.Cells[i]
			v := topicCellView{Monitored: cell.Monitored, Linked: t.Topic.RegimeID != 0}
			if cell.Reported != nil {
				v.Reported = formatFigure(*cell.Reported)
				switch diff := *cell.Difference; {
				case diff > 0:
					v.Diff, v.DiffClass = "+"+formatFigure(diff), "ok"
				case diff < 0:
					v.Diff, v.DiffClass = "−"+formatFigure(-diff), "warn"
				default:
					v.Diff = "0"
				}
			}
			rows[i].Cells[j] = v
		}
	}
	return rows
}

func formatFigure(f float64) string {
	if f == float64(int64(f)) {
		return vntext.FormatInt(int64(f))
	}
	return vntext.FormatDecimal(f, 2)
}

// topicWindow is the monitored window: from and to (dd/mm/yyyy) if given,
// else the year of the latest topic, else this year.
func topicWindow(r *http.Request, topics []press.Topic, now time.Time) (civil.Date, civil.Date, error) {
	q := r.URL.Query()
	from, errF := parseDisplayDate(q.Get("from"))
	to, errT := parseDisplayDate(q.Get("to"))
	if errF != nil || errT != nil {
		return from, to, apperr.InvalidField("from", "Ngày theo dạng dd/mm/yyyy.", "Use dd/mm/yyyy.")
	}
	if !from.IsZero() || !to.IsZero() {
		return from, to, nil
	}
	year := now.Year()
	for _, t := range topics {
		if !t.PeriodFrom.IsZero() {
			year = t.PeriodFrom.Year
			break
		}
	}
	return civil.D(year, 1, 1), civil.D(year, 12, 31), nil
}

// parseDisplayDate reads dd/mm/yyyy (or yyyy-mm-dd); "" is no date.
func parseDisplayDate(s string) (civil.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return civil.Date{}, nil
	}
	if d, err := civil.Parse(s); err == nil {
		return d, nil
	}
	t, err := vntext.ParseDate(s)
	if err != nil {
		return civil.Date{}, err
	}
	return civil.Of(t, vntext.Location), nil
}

// displayDate shows a yyyy-mm-dd date as dd/mm/yyyy; anything else as typed.
func displayDate(s string) string {
	d, err := civil.Parse(s)
	if err != nil || d.IsZero() {
		return s
	}
	return vntext.FormatDate(d.In(vntext.Location))
}

// topicLinks lists the numeric indicators (and their options) of the
// active regimes a topic may be linked to.
func (u *ui) topicLinks(ctx context.Context, a org.Actor) ([]pressOption, error) {
	regimes, err := u.Reporting.ListRegimes(ctx, a)
	if err != nil {
		return nil, err
	}
	var out []pressOption
	for _, rg := range regimes {
		if !rg.Active {
			continue
		}
		full, err := u.Reporting.FindRegime(ctx, a, rg.ID)
		if err != nil {
			return nil, err
		}
		for _, ind := range full.Template.Indicators {
			if ind.Type == reporting.TypeBool || ind.Type == reporting.TypeText {
				continue
			}
			base := strconv.FormatInt(rg.ID, 10) + "|" + ind.Code + "|"
			label := rg.Code + " — " + ind.Name
			if cat, ok := full.Template.Category(ind.Category); ok && ind.Category != "" {
				for _, o := range cat.Options {
					out = append(out, pressOption{Value: base + o.Code, Label: label + " — " + o.Name})
				}
				continue
			}
			out = append(out, pressOption{Value: base, Label: label})
		}
	}
	return out, nil
}
