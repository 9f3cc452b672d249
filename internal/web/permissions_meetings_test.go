package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// matrixMeeting creates a fresh conference for one matrix cell: "own"
// invites the Board and the callers' units (SGDDT, SYT), "other" SKHCN alone.
func matrixMeeting(t *testing.T, f *fixture, scope string, n int) meeting.Meeting {
	t.Helper()
	units := []int64{f.env.Unit(t, "BTGTU").ID, f.env.Unit(t, "SGDDT").ID, f.env.Unit(t, "SYT").ID}
	if scope == "other" {
		units = []int64{f.otherUnit.ID}
	}
	start := time.Date(2031, 1, 1, 8, 0, 0, 0, vntext.Location).AddDate(0, 0, n)
	m, err := f.env.Meeting.Create(context.Background(), system, meeting.Meeting{Kind: meeting.Quarterly,
		Title: fmt.Sprintf("Hội nghị thử quyền %d (%s)", n, scope), StartsAt: start, EndsAt: start.Add(2 * time.Hour), UnitIDs: units})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// matrixNotice gives a cell's conference a draft notice of one item led by
// one of its invited units, issued when asked.
func matrixNotice(t *testing.T, f *fixture, m meeting.Meeting, issue bool) meeting.Conclusion {
	t.Helper()
	ctx := context.Background()
	c, err := f.env.Meeting.SaveConclusion(ctx, system, m.ID, meeting.Conclusion{Subject: "Kết luận thử quyền",
		Items: []meeting.Item{{Text: "Việc thử quyền", LeadUnitID: m.UnitIDs[len(m.UnitIDs)-1]}}})
	if err == nil && issue {
		c, err = f.env.Meeting.IssueConclusion(ctx, system, m.ID, c.Version)
	}
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// meetingRequest builds the matrix cells of the conference routes; each
// cell works on a conference of its own.
func meetingRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if !strings.Contains(key, "/meetings") && key != "POST /me/calendar-token" {
		return "", nil, nil, nil, false
	}
	env, ctx, n := f.env, context.Background(), f.next()
	stored := func(t *testing.T, id int64) meeting.Detail {
		d, err := env.Meeting.Detail(ctx, system, id)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if key == "GET /meetings" {
		own, other := matrixMeeting(t, f, "own", n), matrixMeeting(t, f, "other", n)
		return "/meetings?limit=500", nil, nil, func(t *testing.T, r resp) {
			var l listJSON[struct{ ID int64 }]
			r.decode(t, &l)
			seen := map[int64]bool{}
			for _, m := range l.Items {
				seen[m.ID] = true
			}
			board := org.ActorFor(&cl.user, "").AllUnits()
			if !seen[own.ID] || seen[other.ID] != board {
				t.Errorf("%s lists own %v, other %v", cl.name, seen[own.ID], seen[other.ID])
			}
		}, true
	}
	if key == "POST /meetings" {
		title := fmt.Sprintf("Hội nghị tạo thử %d", n)
		body := map[string]any{"kind": "thematic", "title": title, "starts_at": "2031-03-01T08:00:00+07:00",
			"ends_at": "2031-03-01T11:00:00+07:00", "unit_ids": []int64{cl.unit.ID}}
		return "/meetings", body, nil, func(t *testing.T, r resp) {
			l, err := env.Meeting.List(ctx, system, meeting.Filter{Q: title}, false)
			if err != nil || (len(l) == 1) != (r.Status == http.StatusCreated) {
				t.Errorf("status %d but %d conferences titled %q stored (%v)", r.Status, len(l), title, err)
			}
		}, true
	}
	if key == "POST /me/calendar-token" {
		return "/me/calendar-token", nil, nil, func(t *testing.T, r resp) {
			var tok struct{ URL, Path string }
			r.decode(t, &tok)
			feed := anon(env).do(t, "GET", tok.Path, nil).want(t, http.StatusOK)
			if ct := feed.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" || !strings.HasPrefix(string(feed.Body), "BEGIN:VCALENDAR\r\n") {
				t.Errorf("feed of %s: %q %.80s", cl.name, ct, feed.Body)
			}
			if !strings.HasPrefix(tok.URL, env.URL+"/calendar/") {
				t.Errorf("subscription URL %q", tok.URL)
			}
		}, true
	}
	m := matrixMeeting(t, f, scope, n)
	p := path("/meetings/%d", m.ID)
	switch key {
	case "GET /meetings/{id}":
		return p, nil, nil, onOK(func(t *testing.T, r resp) {
			var d struct{ ID int64 }
			if r.decode(t, &d); d.ID != m.ID {
				t.Errorf("got conference %d, want %d", d.ID, m.ID)
			}
		}), true
	case "PATCH /meetings/{id}":
		place := fmt.Sprintf("Phòng họp số %d", n)
		return p, map[string]any{"place": place, "version": m.Version}, nil, func(t *testing.T, r resp) {
			if changed := stored(t, m.ID).Place == place; changed != (r.Status == http.StatusOK) {
				t.Errorf("status %d, place changed %v", r.Status, changed)
			}
		}, true
	case "PUT /meetings/{id}/agenda":
		body := map[string]any{"version": m.Version, "items": []map[string]any{{"title": "Báo cáo tình hình", "from": "08:00", "to": "08:30"}}}
		return p + "/agenda", body, nil, func(t *testing.T, r resp) {
			if got := len(stored(t, m.ID).Agenda); (got == 1) != (r.Status == http.StatusOK) {
				t.Errorf("status %d, %d agenda items stored", r.Status, got)
			}
		}, true
	case "PUT /meetings/{id}/attendance":
		body := map[string]any{"version": m.Version, "rows": []map[string]any{{"unit_id": m.UnitIDs[0], "status": "present"}}}
		return p + "/attendance", body, nil, func(t *testing.T, r resp) {
			if got := len(stored(t, m.ID).Attendance); (got == 1) != (r.Status == http.StatusOK) {
				t.Errorf("status %d, %d attendance rows stored", r.Status, got)
			}
		}, true
	case "PUT /meetings/{id}/minutes":
		text := fmt.Sprintf("Biên bản thử %d", n)
		return p + "/minutes", map[string]any{"minutes": text, "minutes_version": 0}, nil, func(t *testing.T, r resp) {
			if got := stored(t, m.ID).Minutes.Text; (got == text) != (r.Status == http.StatusOK) {
				t.Errorf("status %d, minutes %q", r.Status, got)
			}
		}, true
	case "POST /meetings/{id}/conclusion":
		body := map[string]any{"version": 0, "subject": "Kết luận thử", "items": []map[string]any{{"text": "Việc", "lead_unit_id": m.UnitIDs[0]}}}
		return p + "/conclusion", body, nil, func(t *testing.T, r resp) {
			if c := stored(t, m.ID).Conclusion; c.Stored != (r.Status == http.StatusOK) {
				t.Errorf("status %d, draft stored %v", r.Status, c.Stored)
			}
		}, true
	case "POST /meetings/{id}/conclusion/issue":
		c := matrixNotice(t, f, m, false)
		return p + "/conclusion/issue", map[string]any{"version": c.Version}, nil, func(t *testing.T, r resp) {
			d := stored(t, m.ID)
			if d.Conclusion.Issued() != (r.Status == http.StatusOK) || (d.Conclusion.Issued() && d.Conclusion.Items[0].TaskID == 0) {
				t.Errorf("status %d, issued %v, items %+v", r.Status, d.Conclusion.Issued(), d.Conclusion.Items)
			}
		}, true
	case "GET /meetings/{id}/conclusion.docx":
		matrixNotice(t, f, m, true)
		return p + "/conclusion.docx", nil, nil, onOK(func(t *testing.T, r resp) {
			if ct := r.Header.Get("Content-Type"); ct != httpx.DOCXType {
				t.Errorf("Content-Type %q", ct)
			}
		}), true
	case "GET /meetings/{id}/prepare":
		return p + "/prepare", nil, nil, nil, true
	}
	return "", nil, nil, nil, false
}
