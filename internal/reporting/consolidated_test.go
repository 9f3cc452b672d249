package reporting_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// consData: SA's report is accepted, SB's only submitted.
func consData(e *env, code string) reporting.Regime {
	r := e.regime(code, nil)
	at := ict(2020, 6, 16, 9, 0)
	e.file(r, "2020-H1", e.sa, at, map[string]float64{"sessions": 30}, true)
	e.file(r, "2020-H1", e.sb, at, map[string]float64{"sessions": 50}, true)
	if _, err := e.svc.Accept(e.ctx, e.spec, r.ID, "2020-H1", e.sa.ID); err != nil {
		e.t.Fatal(err)
	}
	return r
}

func TestConsolidatedAssembly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := consData(e, "TH")
		c, err := e.svc.Consolidated(e.ctx, e.lead, r.ID, "2020-H1")
		if err != nil {
			t.Fatal(err)
		}
		if c.Stored || c.Sources != 1 || c.Title != "BÁO CÁO" || !strings.Contains(c.Subject, "6 tháng đầu năm 2020") || len(c.Sections) != 2 {
			t.Fatalf("assembled draft: %+v", c)
		}
		if c.Sections[0].Title != "I. KẾT QUẢ ĐẠT ĐƯỢC" || c.Sections[0].Body != "- Sở A: Kết quả của Sở A" {
			t.Errorf("section I: %q / %q, want only the accepted report's text", c.Sections[0].Title, c.Sections[0].Body)
		}
		for _, a := range []org.Actor{e.reporter(e.sa), e.leader(e.sb)} {
			if _, err := e.svc.Consolidated(e.ctx, a, r.ID, "2020-H1"); !apperr.Is(err, apperr.KindForbidden) {
				t.Errorf("consolidated for %s: %v", a.Username, err)
			}
		}
		t.Run("figures from accepted reports only", func(t *testing.T) {
			if len(c.Tables) != 1 || len(c.Tables[0].Rows) == 0 {
				t.Fatalf("tables: %+v", c.Tables)
			}
			row := c.Tables[0].Rows[0] // TT, indicator, unit, this period, previous, last year
			if row[1] != "Số buổi" || row[3] != "30" {
				t.Errorf("sessions row %q: this period must count the accepted report (30), not the one still under review (+50)", row)
			}
		})
	})
}

func TestConsolidatedEditAndIssue(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		r := consData(e, "TH")
		draft, err := e.svc.Consolidated(e.ctx, e.spec, r.ID, "2020-H1")
		if err != nil {
			t.Fatal(err)
		}
		draft.Subject = "Sơ kết công tác khoa giáo 6 tháng đầu năm 2020"
		v1, err := e.svc.SaveConsolidated(e.ctx, e.spec, r.ID, "2020-H1", draft)
		if err != nil || v1.Version != 1 || !v1.Stored {
			t.Fatalf("first save: %+v, %v", v1, err)
		}
		for _, tc := range []struct {
			name  string
			actor org.Actor
			mod   func(c *reporting.Consolidated)
			kind  apperr.Kind
		}{
			{"stale version", e.admin, func(c *reporting.Consolidated) { c.Version = 0 }, apperr.KindConflict},
			{"board leader", e.lead, func(*reporting.Consolidated) {}, apperr.KindForbidden},
			{"unit reporter", e.reporter(e.sa), func(*reporting.Consolidated) {}, apperr.KindForbidden},
			{"no subject", e.spec, func(c *reporting.Consolidated) { c.Subject = " " }, apperr.KindInvalid},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := v1
				c.Sections = slices.Clone(v1.Sections)
				c.Sections[0].Body = "Sửa bởi " + tc.name
				tc.mod(&c)
				_, err := e.svc.SaveConsolidated(e.ctx, tc.actor, r.ID, "2020-H1", c)
				ae := wantErr(t, err, tc.kind)
				m, _ := ae.Detail.(map[string]any)
				if cur, _ := m["current"].(reporting.Consolidated); tc.kind == apperr.KindConflict && cur.Version != 1 {
					t.Errorf("conflict detail %+v", ae.Detail)
				}
				if cur, _ := e.svc.Consolidated(e.ctx, e.spec, r.ID, "2020-H1"); cur.Version != 1 || cur.Sections[0].Body != v1.Sections[0].Body {
					t.Errorf("a refused save changed the draft: %+v", cur)
				}
			})
		}
		v1.Sections[0].Body += "\n- Nhận xét chung của Ban."
		v2, err := e.svc.SaveConsolidated(e.ctx, e.admin, r.ID, "2020-H1", v1)
		if err != nil || v2.Version != 2 {
			t.Fatalf("second save: %+v, %v", v2, err)
		}
		if _, err := e.svc.IssueConsolidated(e.ctx, e.leader(e.sa), r.ID, "2020-H1", 2); !apperr.Is(err, apperr.KindForbidden) {
			t.Errorf("issue by a unit leader: %v", err)
		}
		if _, err := e.svc.IssueConsolidated(e.ctx, e.spec, r.ID, "2020-H1", 1); !apperr.Is(err, apperr.KindConflict) {
			t.Errorf("issue of a stale version: %v", err)
		}
		issue := func(a org.Actor, r reporting.Regime, period string, wantNumber int) reporting.Consolidated {
			t.Helper()
			c, err := e.svc.Consolidated(e.ctx, e.spec, r.ID, period)
			if err == nil && !c.Stored {
				c.Subject = "Báo cáo tổng hợp " + period
				c, err = e.svc.SaveConsolidated(e.ctx, e.spec, r.ID, period, c)
			}
			if err != nil {
				t.Fatal(err)
			}
			out, err := e.svc.IssueConsolidated(e.ctx, a, r.ID, period, c.Version)
			if err != nil || out.Number != wantNumber || out.IssuedAt == nil {
				t.Fatalf("issue %s %s: number %d, issued %v, %v; want number %d", r.Code, period, out.Number, out.IssuedAt, err, wantNumber)
			}
			return out
		}
		e.clk.Set(ict(2020, 7, 1, 9, 0))
		issued := issue(e.lead, r, "2020-H1", 1)
		if _, err := e.svc.SaveConsolidated(e.ctx, e.spec, r.ID, "2020-H1", issued); !apperr.Is(err, apperr.KindConflict) {
			t.Errorf("editing an issued report: %v", err)
		}
		if _, err := e.svc.IssueConsolidated(e.ctx, e.spec, r.ID, "2020-H1", issued.Version); !apperr.Is(err, apperr.KindConflict) {
			t.Errorf("issuing twice: %v", err)
		}
		if got, _ := e.svc.Consolidated(e.ctx, e.spec, r.ID, "2020-H1"); got.Number != 1 || got.IssuedAt == nil {
			t.Errorf("stored issued report: number %d, issued %v", got.Number, got.IssuedAt)
		}
		other := consData(e, "TH-2")
		issue(e.spec, other, "2020-H1", 2)
		e.clk.Set(ict(2021, 1, 4, 9, 0))
		issue(e.admin, r, "2021-H1", 1) // numbering restarts on 1 January
		var last2020, last2021 int
		if err := db.QueryRow(e.ctx, "SELECT last FROM doc_numbers WHERE year = ? AND type_code = ?", 2020, "BC").Scan(&last2020); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(e.ctx, "SELECT last FROM doc_numbers WHERE year = ? AND type_code = ?", 2021, "BC").Scan(&last2021); err != nil {
			t.Fatal(err)
		}
		if last2020 != 2 || last2021 != 1 {
			t.Errorf("doc_numbers: 2020 → %d, 2021 → %d; want 2, 1", last2020, last2021)
		}
		if got := e.auditActions("consolidated", fmt.Sprintf("%d/2020-H1", r.ID)); !slices.Equal(got, []string{"update", "update", "issue"}) {
			t.Errorf("audit %v, want update, update, issue", got)
		}

		t.Run("a draft cannot carry its own number", func(t *testing.T) {
			third := consData(e, "TH-3")
			c, _ := e.svc.Consolidated(e.ctx, e.spec, third.ID, "2020-H1")
			forged := time.Date(2020, 7, 2, 2, 0, 0, 0, time.UTC)
			c.Subject, c.Number, c.IssuedAt = "Bản nháp", 99, &forged
			saved, err := e.svc.SaveConsolidated(e.ctx, e.spec, third.ID, "2020-H1", c)
			if err != nil {
				t.Fatal(err)
			}
			if saved.Number != 0 || saved.IssuedAt != nil {
				t.Errorf("a saved draft kept number %d and issue date %v from the client, bypassing doc_numbers", saved.Number, saved.IssuedAt)
			}
		})
	})
}
