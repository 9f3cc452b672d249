package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// verifyAPI reads back, through the API, every task and report the
// workers wrote: each stored write is there exactly once and intact.
func (h *harness) verifyAPI() {
	for _, w := range h.workers {
		for _, o := range w.ops {
			if o.outcome == "" && !w.broken {
				h.t.Errorf("worker %d: %s %s never settled", w.id, o.method, o.path)
			}
		}
		for _, t := range w.tasks {
			h.checkTask(w, t)
		}
		for _, r := range w.reports {
			if r.version > 0 {
				h.checkReport(w, r)
			}
		}
	}
}

func (h *harness) checkTask(w *worker, want *taskRef) {
	t := h.t
	var got struct {
		Progress int
		Events   []struct {
			Kind    string
			Percent *int
			Note    string
		}
	}
	h.c.must(t, "GET", fmt.Sprintf("/api/v1/tasks/%d", want.id), w.token, nil, http.StatusOK, &got)
	seen := map[string]int{}
	for _, e := range got.Events {
		if e.Kind != "progress" {
			continue
		}
		seen[e.Note]++
		if p, ok := want.notes[e.Note]; !ok || e.Percent == nil || *e.Percent != p {
			t.Errorf("task %d: progress %q (%s) was not written by the test or changed (want %d %%)", want.id, e.Note, percent(e.Percent), p)
		}
	}
	for note := range want.notes {
		if seen[note] != 1 {
			t.Errorf("task %d: progress note %q stored %d times, want once", want.id, note, seen[note])
		}
	}
	if want.last >= 0 && got.Progress != want.last {
		t.Errorf("task %d: progress %d, want the last stored %d", want.id, got.Progress, want.last)
	}
}

func percent(p *int) string {
	if p == nil {
		return "no percent"
	}
	return fmt.Sprintf("%d %%", *p)
}

func (h *harness) checkReport(w *worker, want *reportRef) {
	t := h.t
	var got struct {
		Status      string
		Values      map[string]float64
		Attachments []struct {
			ID     int64
			Name   string
			SHA256 string
		}
		Events []struct{ Action string }
	}
	h.c.must(t, "GET", w.reportPath(want), w.token, nil, http.StatusOK, &got)
	status, submits := "draft", 0
	if want.submitted {
		status, submits = "submitted", 1
	}
	for _, e := range got.Events {
		if e.Action == "submit" {
			submits--
		}
	}
	if got.Status != status || submits != 0 {
		t.Errorf("report %s of unit %d: %s with %d submit events too many, want %s", want.period, want.unitID, got.Status, -submits, status)
	}
	for k, v := range want.values {
		if got.Values[k] != float64(v) {
			t.Errorf("report %s of unit %d: %s = %v, want the last stored %d", want.period, want.unitID, k, got.Values[k], v)
		}
	}
	if len(got.Attachments) != len(want.files) {
		t.Errorf("report %s of unit %d: %d attachments, want %d", want.period, want.unitID, len(got.Attachments), len(want.files))
	}
	for _, f := range got.Attachments {
		sum, ok := want.files[f.Name]
		if !ok || f.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("report %s of unit %d: attachment %s (%s) not as uploaded", want.period, want.unitID, f.Name, f.SHA256)
			continue
		}
		a := h.c.must(t, "GET", fmt.Sprintf("/api/v1/attachments/%d", f.ID), w.token, nil, http.StatusOK, nil)
		if sha256.Sum256(a.body) != sum {
			t.Errorf("attachment %s: downloaded bytes differ from the upload", f.Name)
		}
	}
}

// verifyDB checks the database itself once the server is stopped: no
// write stored twice, the audit chain intact, SQLite's file sound.
func (h *harness) verifyDB(dsn string) {
	t, ctx := h.t, context.Background()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]map[string]bool{"title": {}, "note": {}, "name": {}}
	for _, w := range h.workers {
		for _, o := range w.ops {
			switch o.kind {
			case "task.create":
				want["title"][o.title] = true
			case "task.progress":
				want["note"][o.note] = true
			case "report.attach":
				want["name"][o.file] = true
			}
		}
	}
	h.countOnce(db, "title", "SELECT title, count(*) FROM tasks WHERE title LIKE 'Sự cố w%' GROUP BY title", want["title"])
	h.countOnce(db, "note", "SELECT note, count(*) FROM task_events WHERE kind = 'progress' AND note LIKE 'Tiến độ w%' GROUP BY note", want["note"])
	h.countOnce(db, "name", "SELECT name, count(*) FROM attachments WHERE name LIKE 'su-co-w%' GROUP BY name", want["name"])
	var twice int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM (SELECT e.report_id FROM report_events e JOIN reports r ON r.id = e.report_id
		WHERE e.action = 'submit' AND r.period_key >= '2031' GROUP BY e.report_id HAVING count(*) > 1) x`).Scan(&twice); err != nil || twice != 0 {
		t.Errorf("%d reports submitted twice (%v)", twice, err)
	}
	res, err := org.NewService(db, org.Options{}).VerifyAudit(ctx)
	if err != nil || !res.OK {
		t.Errorf("audit verify: %+v %v", res, err)
	}
	if db.Dialect == sqldb.SQLite {
		checkSQLite(t, db)
	}
}

// countOnce runs a "value, count" query and wants exactly the values of
// want, each once.
func (h *harness) countOnce(db *sqldb.DB, what, q string, want map[string]bool) {
	t := h.t
	rows, err := db.Query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var v string
		var n int
		if err := rows.Scan(&v, &n); err != nil {
			t.Fatal(err)
		}
		got++
		if !want[v] || n != 1 {
			t.Errorf("%s %q stored %d times (written by the test: %v), want once", what, v, n, want[v])
		}
	}
	if got != len(want) {
		t.Errorf("%d distinct %ss stored, want %d", got, what, len(want))
	}
}

// checkSQLite runs SQLite's own consistency checks.
func checkSQLite(t interface{ Errorf(string, ...any) }, db *sqldb.DB) {
	var res string
	if err := db.QueryRow(context.Background(), "PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Errorf("PRAGMA integrity_check: %q %v", res, err)
	}
	rows, err := db.Query(context.Background(), "PRAGMA foreign_key_check")
	if err != nil {
		t.Errorf("PRAGMA foreign_key_check: %v", err)
		return
	}
	defer rows.Close()
	if rows.Next() {
		t.Errorf("PRAGMA foreign_key_check found rows breaking a foreign key")
	}
}
