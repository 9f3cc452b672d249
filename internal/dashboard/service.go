package dashboard

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
)

// Deps are the services the dashboards count through.
type Deps struct {
	Org       *org.Service
	Calendar  *calendar.Service
	Reporting *reporting.Service
	Task      *task.Service
	Press     *press.Service
	Notice    *notice.Service
	Training  *training.Service // optional: without it, no training panel
	Now       func() time.Time
}

// Service builds dashboards.
type Service struct {
	Deps
}

// New builds the service.
func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{Deps: d}
}

// build is one dashboard in the making.
type build struct {
	s     *Service
	ctx   context.Context
	a     org.Actor
	lang  string
	today civil.Date
	cal   *calendar.Calendar
	d     *Dashboard
}

func (b *build) t(vi string) string { return tr(vi, b.lang) }

// Build returns the actor's dashboard: view "" is the actor's default;
// another view the actor may not open is refused. Labels are in lang.
func (s *Service) Build(ctx context.Context, a org.Actor, view View, lang string) (Dashboard, error) {
	views := Views(a)
	if view == "" {
		view = views[0]
	}
	if !view.Valid() {
		return Dashboard{}, apperr.InvalidField("view", "Bảng điều khiển không hợp lệ (leader, specialist, unit).", "Unknown dashboard (leader, specialist, unit).")
	}
	if !Allowed(a, view) {
		return Dashboard{}, apperr.Forbidden()
	}
	cal, err := s.Calendar.Calendar(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	today := civil.Of(s.Now(), vntext.Location)
	d := &Dashboard{View: view, Views: views, Today: today, WeekEnd: weekEnd(today), Widgets: []Widget{}}
	b := &build{s: s, ctx: ctx, a: a, lang: lang, today: today, cal: cal, d: d}
	switch view {
	case Leader:
		err = b.leader()
	case Specialist:
		err = b.specialist()
	default:
		err = b.unit()
	}
	if err != nil {
		return Dashboard{}, fmt.Errorf("dashboard: %s: %w", view, err)
	}
	for i := range d.Widgets {
		if d.Widgets[i].Rows == nil {
			d.Widgets[i].Rows = []Row{}
		}
	}
	return *d, nil
}

// weekEnd is the Sunday of today's week (Monday to Sunday).
func weekEnd(today civil.Date) civil.Date {
	wd := int(today.In(time.UTC).Weekday()) // Sunday = 0
	return today.AddDays((7 - wd) % 7)
}
