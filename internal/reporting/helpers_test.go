package reporting_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// ict is a moment in Asia/Ho_Chi_Minh, where deadlines are counted.
func ict(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, vntext.Location)
}

// clock is a settable clock shared by the services of one test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// env is one test's reporting service over a fresh database with a small
// organisation: the Board, two Bloc agencies, a Bloc newspaper, a press
// agency outside the Bloc and a district board.
type env struct {
	t     *testing.T
	ctx   context.Context
	db    *sqldb.DB
	org   *org.Service
	svc   *reporting.Service
	clk   *clock
	board org.Unit
	sa    org.Unit // Sở A, Bloc member
	sb    org.Unit // Sở B, Bloc member
	bao   org.Unit // Báo tỉnh, press agency in the Bloc
	vov   org.Unit // press agency outside the Bloc
	huyen org.Unit // district board, outside the Bloc
	admin org.Actor
	spec  org.Actor // board specialist
	lead  org.Actor // board leader
}

func newEnv(t *testing.T, db *sqldb.DB) *env {
	t.Helper()
	clk := &clock{t: ict(2020, time.June, 15, 9, 0)}
	o := org.NewService(db, org.Options{Now: clk.Now})
	cal := calendar.NewService(db, calendar.Options{Now: clk.Now})
	e := &env{t: t, ctx: context.Background(), db: db, org: o, clk: clk, svc: reporting.NewService(db, o, cal, clk.Now)}
	e.board = e.unit("BTG", "Ban Tuyên giáo Tỉnh ủy", org.KindBoard, false)
	e.sa = e.unit("SA", "Sở A", org.KindBlocMember, true)
	e.sb = e.unit("SB", "Sở B", org.KindBlocMember, true)
	e.bao = e.unit("BAO", "Báo tỉnh", org.KindPressAgency, true)
	e.vov = e.unit("VOV", "Cơ quan thường trú VOV", org.KindPressAgency, false)
	e.huyen = e.unit("HUYEN", "Ban Tuyên giáo Huyện ủy", org.KindPartyBoard, false)
	e.admin = org.Actor{UserID: 1, Username: "quantri", UnitID: e.board.ID, Roles: []org.Role{org.RoleAdmin}}
	e.spec = org.Actor{UserID: 2, Username: "chuyenvien", UnitID: e.board.ID, Roles: []org.Role{org.RoleBoardSpecialist}}
	e.lead = org.Actor{UserID: 3, Username: "lanhdao", UnitID: e.board.ID, Roles: []org.Role{org.RoleBoardLeader}}
	// Every test ends with the audit chain intact (runs before the database closes).
	t.Cleanup(func() {
		v, err := o.VerifyAudit(context.Background())
		if err != nil || !v.OK || v.Entries == 0 {
			t.Errorf("audit chain after the test: %+v, %v", v, err)
		}
	})
	return e
}

func (e *env) unit(code, name string, kind org.UnitKind, bloc bool) org.Unit {
	e.t.Helper()
	u, err := e.org.CreateUnit(e.ctx, org.SystemActor("test"), org.Unit{Code: code, Name: name, Kind: kind, Bloc: bloc})
	if err != nil {
		e.t.Fatalf("unit %s: %v", code, err)
	}
	return u
}

// reporter and leader are a unit's focal point and its leader.
func (e *env) reporter(u org.Unit) org.Actor {
	return org.Actor{UserID: 100 + u.ID, Username: "baocao." + u.Code, UnitID: u.ID, Roles: []org.Role{org.RoleUnitReporter}}
}

func (e *env) leader(u org.Unit) org.Actor {
	return org.Actor{UserID: 200 + u.ID, Username: "lanhdao." + u.Code, UnitID: u.ID, Roles: []org.Role{org.RoleUnitLeader}}
}

func fp(x float64) *float64 { return &x }

// aidTemplate is a Resolution-42-like template: narrative parts, figures
// broken down by target group, a hard and a soft rule.
func aidTemplate() reporting.Template {
	return reporting.Template{
		Sections: []reporting.Section{{Key: "results", Title: "Kết quả đạt được", Required: true}, {Key: "notes", Title: "Ghi chú"}},
		Categories: []reporting.Category{{Code: "grp", Name: "Nhóm đối tượng", Options: []reporting.Option{
			{Code: "g1", Name: "Người lao động"}, {Code: "g2", Name: "Hộ kinh doanh"}}}},
		Indicators: []reporting.Indicator{
			{Code: "sessions", Name: "Số buổi", Type: reporting.TypeInteger, Agg: reporting.AggSum, Min: fp(0), Max: fp(100000), Required: true},
			{Code: "rate", Name: "Tỷ lệ", Unit: "%", Type: reporting.TypePercent, Agg: reporting.AggAvg, Min: fp(0), Max: fp(100)},
			{Code: "eligible", Name: "Số đủ điều kiện", Type: reporting.TypeInteger, Category: "grp", Min: fp(0)},
			{Code: "paid", Name: "Số đã chi trả", Type: reporting.TypeInteger, Category: "grp", Min: fp(0)},
			{Code: "amount", Name: "Số tiền", Unit: "đồng", Type: reporting.TypeMoney, Category: "grp"},
			{Code: "has_plan", Name: "Có kế hoạch", Type: reporting.TypeBool},
			{Code: "note", Name: "Ghi chú ngắn", Type: reporting.TypeText},
		},
		Rules: []reporting.Rule{
			{Code: "paid_le_eligible", Expr: "paid <= eligible", Severity: reporting.Hard, Message: "Số đã chi trả vượt số đủ điều kiện."},
			{Code: "amount_cap", Expr: "amount <= paid * 1800000", Severity: reporting.Soft, Message: "Số tiền vượt mức hỗ trợ: cần giải trình."},
		}}
}

// regime creates a half-year regime of the Bloc (H1, 15–14 window, due five
// working days after: 19/06/2020 for 2020-H1) as the board specialist.
func (e *env) regime(code string, mod func(*reporting.Regime)) reporting.Regime {
	e.t.Helper()
	r := reporting.Regime{Code: code, Name: "Chế độ báo cáo " + code, Frequency: calendar.FirstHalf, Cutoff: calendar.Window15,
		Deadline: calendar.DeadlineRule{Kind: calendar.WorkingDaysAfter, N: 5}, ReceiverUnitID: e.board.ID,
		ReporterBloc: true, LockDays: 30, Template: aidTemplate()}
	if mod != nil {
		mod(&r)
	}
	out, err := e.svc.CreateRegime(e.ctx, e.spec, r)
	if err != nil {
		e.t.Fatalf("create regime %s: %v", code, err)
	}
	return out
}

func num(f float64) reporting.Value { return reporting.Number(f) }

// numOf returns a report's number in a cell, or -1 when it has none.
func numOf(r reporting.Report, cell string) float64 {
	if v, ok := r.Values[cell]; ok && v.Num != nil {
		return *v.Num
	}
	return -1
}

// good is a draft that passes every check.
func good(version int, sessions float64) reporting.Draft {
	return reporting.Draft{Version: version, Sections: map[string]string{"results": "Hoàn thành kế hoạch."},
		Values: map[string]reporting.Value{"sessions": num(sessions), "rate": num(80), "eligible|g1": num(10), "paid|g1": num(8)}}
}

// save stores a draft, failing the test on error.
func (e *env) save(a org.Actor, r reporting.Regime, period string, u org.Unit, d reporting.Draft) reporting.Report {
	e.t.Helper()
	rep, err := e.svc.SaveDraft(e.ctx, a, r.ID, period, u.ID, d)
	if err != nil {
		e.t.Fatalf("save %s/%s/%s: %v", r.Code, period, u.Code, err)
	}
	return rep
}

// submitted saves a good draft as the unit's leader and sends it to the Board at time at.
func (e *env) submitted(r reporting.Regime, period string, u org.Unit, sessions float64, at time.Time) reporting.Report {
	e.t.Helper()
	e.clk.Set(at.Add(-time.Hour))
	cur, _, err := e.svc.Report(e.ctx, e.spec, r.ID, period, u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	e.save(e.leader(u), r, period, u, good(cur.Version, sessions))
	e.clk.Set(at)
	rep, err := e.svc.Submit(e.ctx, e.leader(u), r.ID, period, u.ID)
	if err != nil {
		e.t.Fatalf("submit %s/%s/%s: %v", r.Code, period, u.Code, err)
	}
	return rep
}

// wantErr checks err is an apperr of kind k and returns it.
func wantErr(t *testing.T, err error, k apperr.Kind) *apperr.Error {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != k {
		t.Fatalf("error %v, want kind %d", err, k)
	}
	return e
}

// wantField checks err is invalid input naming field.
func wantField(t *testing.T, err error, field string) *apperr.Error {
	t.Helper()
	e := wantErr(t, err, apperr.KindInvalid)
	if e.Fields[field] == "" {
		t.Fatalf("error fields %v, want %q", e.Fields, field)
	}
	return e
}

// auditActions lists the audit actions on an entity, oldest first.
func (e *env) auditActions(entity, id string) []string {
	e.t.Helper()
	l, err := e.org.ListAudit(e.ctx, org.SystemActor("test"), org.AuditFilter{Entity: entity, EntityID: id, Limit: 500})
	if err != nil {
		e.t.Fatal(err)
	}
	out := make([]string, len(l.Items))
	for i, a := range l.Items {
		out[len(out)-1-i] = a.Action
	}
	return out
}
