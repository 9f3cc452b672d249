package reporting_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

func TestSaveDraft(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("NQ42", nil)
		first := e.save(e.reporter(e.sa), r, "2020-H1", e.sa, good(0, 12))
		if first.Version != 1 || !first.Exists || first.Status != reporting.StatusDraft || first.TemplateVersion != 1 {
			t.Fatalf("first save: %+v", first)
		}
		for _, tc := range []struct {
			name  string
			actor org.Actor
			unit  org.Unit
			d     reporting.Draft
			kind  apperr.Kind
			field string
		}{
			{"stale version from the unit leader", e.leader(e.sa), e.sa, good(0, 99), apperr.KindConflict, ""},
			{"version from the future", e.reporter(e.sa), e.sa, good(7, 99), apperr.KindConflict, ""},
			{"reporter of another unit", e.reporter(e.sb), e.sa, good(1, 99), apperr.KindForbidden, ""},
			{"board specialist", e.spec, e.sa, good(1, 99), apperr.KindForbidden, ""},
			{"administrator", e.admin, e.sa, good(1, 99), apperr.KindForbidden, ""},
			{"viewer of the unit", org.Actor{UserID: 9, Username: "xem", UnitID: e.sa.ID, Roles: []org.Role{org.RoleViewer}}, e.sa, good(1, 99), apperr.KindForbidden, ""},
			{"unit outside the regime", e.reporter(e.huyen), e.huyen, good(0, 99), apperr.KindInvalid, "unit_id"},
			{"bad cell", e.reporter(e.sa), e.sa, reporting.Draft{Version: 1, Values: map[string]reporting.Value{"sessions": {Raw: "abc"}}}, apperr.KindInvalid, "sessions"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := e.svc.SaveDraft(e.ctx, tc.actor, r.ID, "2020-H1", tc.unit.ID, tc.d)
				ae := wantErr(t, err, tc.kind)
				if tc.field != "" && ae.Fields[tc.field] == "" {
					t.Errorf("fields %v, want %s", ae.Fields, tc.field)
				}
				if tc.kind == apperr.KindConflict {
					m, _ := ae.Detail.(map[string]any)
					cur, ok := m["current"].(reporting.Report)
					if !ok || cur.Version != 1 || numOf(cur, "sessions") != 12 {
						t.Errorf("conflict detail %+v, want the stored report (version 1, sessions 12)", ae.Detail)
					}
				}
				stored, _, err := e.svc.Report(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID)
				if err != nil || stored.Version != 1 || numOf(stored, "sessions") != 12 || stored.Sections["results"] != "Hoàn thành kế hoạch." {
					t.Errorf("the first save's content changed: %+v, %v", stored, err)
				}
			})
		}
		second := e.save(e.leader(e.sa), r, "2020-H1", e.sa, good(1, 13))
		if second.Version != 2 || numOf(second, "sessions") != 13 {
			t.Errorf("save with the current version: %+v", second)
		}
		if got := e.auditActions("report", strconv.FormatInt(first.ID, 10)); !slices.Equal(got, []string{"create", "update"}) {
			t.Errorf("report audit %v, want create, update", got)
		}

		t.Run("yes/no and text values read back as saved", func(t *testing.T) {
			d := good(0, 1)
			d.Values["has_plan"], d.Values["note"] = reporting.Value{Raw: "có"}, reporting.Value{Raw: "Đã triển khai"}
			saved := e.save(e.reporter(e.sb), r, "2020-H1", e.sb, d)
			read, _, err := e.svc.Report(e.ctx, e.reporter(e.sb), r.ID, "2020-H1", e.sb.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, cell := range []string{"has_plan", "note"} {
				a, _ := json.Marshal(saved.Values[cell])
				b, _ := json.Marshal(read.Values[cell])
				if string(a) != string(b) {
					t.Errorf("%s: %s when saved, %s when read back", cell, a, b)
				}
			}
		})
	})
}

func TestSubmitChecks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("NQ42", nil)
		with := func(mod func(d *reporting.Draft)) reporting.Draft { d := good(0, 5); mod(&d); return d }
		for i, tc := range []struct {
			name  string
			d     reporting.Draft
			field string // "" when the submission goes through
		}{
			{"hard finding on a bound", with(func(d *reporting.Draft) { d.Values["rate"] = num(120) }), "rate"},
			{"required section", with(func(d *reporting.Draft) { d.Sections = nil }), "sections.results"},
			{"soft finding unexplained", with(func(d *reporting.Draft) { d.Values["amount|g1"] = num(99_000_000) }), "explanations.amount_cap"},
			{"soft finding explained", with(func(d *reporting.Draft) {
				d.Values["amount|g1"] = num(99_000_000)
				d.Explanations = map[string]string{"amount_cap": "Chi trả gộp cả tháng 4 và tháng 5."}
			}), ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				period := strconv.Itoa(2030+i) + "-H1" // a fresh report each
				e.save(e.reporter(e.sa), r, period, e.sa, tc.d)
				rep, err := e.svc.Submit(e.ctx, e.reporter(e.sa), r.ID, period, e.sa.ID)
				if tc.field == "" {
					if err != nil || rep.Status != reporting.StatusSubmitted {
						t.Fatalf("explained soft finding: %v, status %s", err, rep.Status)
					}
					return
				}
				wantField(t, err, tc.field)
				if cur, _, _ := e.svc.Report(e.ctx, e.spec, r.ID, period, e.sa.ID); cur.Status != reporting.StatusDraft || len(cur.Findings) == 0 {
					t.Errorf("refused submission left status %s, findings %v", cur.Status, cur.Findings)
				}
			})
		}
		_, err := e.svc.Submit(e.ctx, e.reporter(e.sb), r.ID, "2020-H1", e.sb.ID)
		wantField(t, err, "version") // nothing saved yet
	})
}

func TestApproval(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("DUYET", func(r *reporting.Regime) { r.ApprovalRequired = true })
		e.save(e.reporter(e.sa), r, "2020-H1", e.sa, good(0, 5))
		e.clk.Set(ict(2020, 6, 16, 9, 0))
		rep, err := e.svc.Submit(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID)
		if err != nil || rep.Status != reporting.StatusAwaitingApproval || rep.FirstSubmittedAt != nil {
			t.Fatalf("reporter submit: %v, %s, first %v", err, rep.Status, rep.FirstSubmittedAt)
		}
		for _, a := range []org.Actor{e.reporter(e.sa), e.leader(e.sb), e.spec, e.admin} {
			if _, err := e.svc.Approve(e.ctx, a, r.ID, "2020-H1", e.sa.ID); !apperr.Is(err, apperr.KindForbidden) {
				t.Errorf("approve by %s: %v, want forbidden", a.Username, err)
			}
		}
		approvedAt := ict(2020, 6, 22, 8, 0) // after the due date 19/06
		e.clk.Set(approvedAt)
		rep, err = e.svc.Approve(e.ctx, e.leader(e.sa), r.ID, "2020-H1", e.sa.ID)
		if err != nil || rep.Status != reporting.StatusSubmitted || rep.FirstSubmittedAt == nil || !rep.FirstSubmittedAt.Equal(approvedAt) {
			t.Fatalf("leader approval: %v, %s, first %v", err, rep.Status, rep.FirstSubmittedAt)
		}
		if rep.Timeliness.Label != "nộp muộn 3 ngày" {
			t.Errorf("timeliness %q: the report reaches the Board when the leader approves", rep.Timeliness.Label)
		}
		// A leader's own submission goes straight to the Board.
		e.save(e.leader(e.sb), r, "2020-H1", e.sb, good(0, 5))
		if rep, err := e.svc.Submit(e.ctx, e.leader(e.sb), r.ID, "2020-H1", e.sb.ID); err != nil || rep.Status != reporting.StatusSubmitted {
			t.Errorf("leader submit: %v, %s", err, rep.Status)
		}
	})
}

// TestReturnAcceptReopen follows one report through the Board's hands.
func TestReturnAcceptReopen(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("VONG", nil)
		first := e.submitted(r, "2020-H1", e.sa, 5, ict(2020, 6, 18, 15, 0))
		call := func(name string, fn func() (reporting.Report, error), kind apperr.Kind, status reporting.Status) reporting.Report {
			t.Helper()
			rep, err := fn()
			if kind != 0 {
				wantErr(t, err, kind)
				return rep
			}
			if err != nil || rep.Status != status {
				t.Fatalf("%s: %v, status %s, want %s", name, err, rep.Status, status)
			}
			return rep
		}
		ret := func(a org.Actor, reason string) func() (reporting.Report, error) {
			return func() (reporting.Report, error) { return e.svc.Return(e.ctx, a, r.ID, "2020-H1", e.sa.ID, reason) }
		}
		call("return without reason", ret(e.spec, "  "), apperr.KindInvalid, "")
		call("return by the unit", ret(e.leader(e.sa), "Sai số liệu"), apperr.KindForbidden, "")
		call("return by the board leader", ret(e.lead, "Sai số liệu"), apperr.KindForbidden, "")
		call("return", ret(e.spec, "Bổ sung số liệu nhóm g2."), 0, reporting.StatusReturned)

		e.clk.Set(ict(2020, 6, 25, 9, 0)) // after the due date
		e.save(e.reporter(e.sa), r, "2020-H1", e.sa, good(first.Version+1, 6))
		again := call("resubmit", func() (reporting.Report, error) {
			return e.svc.Submit(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID)
		}, 0, reporting.StatusSubmitted)
		if !again.FirstSubmittedAt.Equal(*first.FirstSubmittedAt) || again.SubmittedAt.Equal(*first.SubmittedAt) || again.ReturnReason != "" {
			t.Errorf("resubmission: first %v (was %v), submitted %v, reason %q", again.FirstSubmittedAt, first.FirstSubmittedAt, again.SubmittedAt, again.ReturnReason)
		}
		if again.Timeliness.State != "on_time" || again.Timeliness.Label != "nộp đúng hạn" {
			t.Errorf("timeliness after a late resubmission: %+v, want on time (from the first submission)", again.Timeliness)
		}
		accept := func(a org.Actor) func() (reporting.Report, error) {
			return func() (reporting.Report, error) { return e.svc.Accept(e.ctx, a, r.ID, "2020-H1", e.sa.ID) }
		}
		call("accept by the unit leader", accept(e.leader(e.sa)), apperr.KindForbidden, "")
		call("accept", accept(e.admin), 0, reporting.StatusAccepted)
		call("accept twice", accept(e.spec), apperr.KindConflict, "")
		_, err := e.svc.SaveDraft(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID, good(again.Version+1, 7))
		wantErr(t, err, apperr.KindConflict)
		reopen := func(a org.Actor) func() (reporting.Report, error) {
			return func() (reporting.Report, error) {
				return e.svc.Reopen(e.ctx, a, r.ID, "2020-H1", e.sa.ID, "Sửa lỗi chính tả")
			}
		}
		call("reopen by the unit", reopen(e.leader(e.sa)), apperr.KindForbidden, "")
		opened := call("reopen", reopen(e.spec), 0, reporting.StatusDraft)
		if !opened.Reopened || opened.AcceptedAt != nil || opened.Locked {
			t.Errorf("reopened report: %+v", opened)
		}
		if edited := e.save(e.reporter(e.sa), r, "2020-H1", e.sa, good(opened.Version, 7)); numOf(edited, "sessions") != 7 {
			t.Errorf("edit after reopening: %+v", edited.Values)
		}
		var steps []string
		for _, ev := range opened.Events {
			steps = append(steps, ev.Action+":"+string(ev.From)+">"+string(ev.To))
			if ev.Action == reporting.ActReturn && ev.Reason != "Bổ sung số liệu nhóm g2." {
				t.Errorf("return event reason %q", ev.Reason)
			}
		}
		want := []string{"submit:draft>submitted", "return:submitted>returned", "submit:returned>submitted", "accept:submitted>accepted", "reopen:accepted>draft"}
		if !slices.Equal(steps, want) {
			t.Errorf("history %v, want %v", steps, want)
		}
		audit := e.auditActions("report", strconv.FormatInt(first.ID, 10))
		wantAudit := []string{"create", "report_submit", "report_return", "update", "report_submit", "report_accept", "report_reopen", "update"}
		if !slices.Equal(audit, wantAudit) {
			t.Errorf("audit %v, want %v", audit, wantAudit)
		}
	})
}

// TestLockDate: past due + lock_days nothing is saved until a specialist reopens.
func TestLockDate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := e.regime("KHOA", func(r *reporting.Regime) { r.LockDays = 5 }) // due 19/06, locks after 24/06
		d := e.save(e.reporter(e.sa), r, "2020-H1", e.sa, good(0, 5))
		e.clk.Set(ict(2020, 6, 24, 23, 0))
		d = e.save(e.reporter(e.sa), r, "2020-H1", e.sa, good(d.Version, 6)) // the lock day itself is open
		e.clk.Set(ict(2020, 6, 25, 8, 0))
		_, err := e.svc.SaveDraft(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID, good(d.Version, 7))
		wantErr(t, err, apperr.KindConflict)
		_, err = e.svc.Submit(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID)
		wantErr(t, err, apperr.KindConflict)
		if cur, _, _ := e.svc.Report(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID); !cur.Locked || cur.Version != d.Version {
			t.Fatalf("locked report: locked %v, version %d", cur.Locked, cur.Version)
		}
		opened, err := e.svc.Reopen(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID, "Đơn vị xin nộp muộn")
		if err != nil || opened.Locked {
			t.Fatalf("reopen: %v, locked %v", err, opened.Locked)
		}
		saved := e.save(e.reporter(e.sa), r, "2020-H1", e.sa, good(opened.Version, 7))
		sub, err := e.svc.Submit(e.ctx, e.reporter(e.sa), r.ID, "2020-H1", e.sa.ID)
		if err != nil || sub.Timeliness.Label != "nộp muộn 6 ngày" || saved.Locked {
			t.Errorf("late submission after reopening: %v, %+v", err, sub.Timeliness)
		}

		t.Run("missing report past the lock date can be reopened", func(t *testing.T) {
			// SB saved nothing before the lock: the specialist must be able to let it report late.
			if _, err := e.svc.Reopen(e.ctx, e.spec, r.ID, "2020-H1", e.sb.ID, "Cho phép nộp muộn"); err != nil {
				t.Fatalf("reopen of a missing report: %v", err)
			}
			e.clk.Set(e.clk.Now().Add(time.Hour))
			e.save(e.reporter(e.sb), r, "2020-H1", e.sb, good(1, 3))
		})
	})
}
