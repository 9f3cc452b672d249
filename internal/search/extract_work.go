package search

import (
	"context"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Tasks: the lead and the supporting units, and the Board (task.canSee).
const allTasks = `SELECT id, updated_at FROM tasks`

func loadTasks(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	support, err := pairs(ctx, q, `SELECT task_id, unit_id FROM task_units WHERE task_id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var out []Doc
	err = queryRows(ctx, q, `SELECT id, title, description, evidence, lead_unit_id, completion, created_at, updated_at
		FROM tasks WHERE id IN (?)`, ids, func(scan func(...any) error) error {
		var d Doc
		var desc, evidence string
		var created time.Time
		if err := scan(&d.RefID, &d.Title, &desc, &evidence, &d.UnitID, &d.Status, &created, &d.Stamp); err != nil {
			return err
		}
		d.Kind, d.Units = KindTask, append([]int64{d.UnitID}, support[d.RefID]...)
		d.Readers = unitReaders(d.Units...)
		d.Body, d.URL, d.Day = joinText(desc, evidence), "/tasks/"+id(d.RefID), dayOf(created)
		out = append(out, d)
		return nil
	})
	return out, err
}

// Press cases: the lead unit once assigned, and the Board (press.canSee).
const allPressCases = `SELECT id, updated_at FROM press_cases`

func loadPressCases(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	var out []Doc
	err := queryRows(ctx, q, `SELECT id, outlet, title, summary, answer, feedback, status, lead_unit_id, published_at, created_at, updated_at
		FROM press_cases WHERE id IN (?)`, ids, func(scan func(...any) error) error {
		var d Doc
		var outlet, summary, answer, feedback string
		var lead *int64
		var published civil.Date
		var created time.Time
		if err := scan(&d.RefID, &outlet, &d.Title, &summary, &answer, &feedback, &d.Status, &lead, &published, &created, &d.Stamp); err != nil {
			return err
		}
		d.Kind, d.URL, d.Day = KindPressCase, "/press/"+id(d.RefID), published
		if published.IsZero() {
			d.Day = dayOf(created)
		}
		if lead != nil {
			d.UnitID, d.Units, d.Readers = *lead, []int64{*lead}, unitReaders(*lead)
		}
		d.Body = joinText(outlet, summary, answer, feedback)
		out = append(out, d)
		return nil
	})
	return out, err
}

// Monitored articles: the Board's triage queue (press.Service.Triage). A
// result opens the case made of it, the queue, or the article itself.
const allFeedItems = `SELECT id, fetched_at FROM feed_items`

func loadFeedItems(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	var out []Doc
	err := queryRows(ctx, q, `SELECT i.id, i.title, i.summary, i.url, i.published_at, i.fetched_at, i.matched_rules, i.triage_status, i.case_id, f.outlet
		FROM feed_items i JOIN feeds f ON f.id = i.feed_id WHERE i.id IN (?)`, ids, func(scan func(...any) error) error {
		var d Doc
		var summary, url, matched, outlet string
		var published *time.Time
		var caseID *int64
		if err := scan(&d.RefID, &d.Title, &summary, &url, &published, &d.Stamp, &matched, &d.Status, &caseID, &outlet); err != nil {
			return err
		}
		d.Kind, d.Body, d.Day = KindFeedItem, joinText(outlet, summary), dayOf(d.Stamp)
		if published != nil {
			d.Day = dayOf(*published)
		}
		switch {
		case caseID != nil:
			d.URL = "/press/" + id(*caseID)
		case matched != "" && d.Status == "new":
			d.URL = "/press/triage"
		case strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://"):
			d.URL = url
		default:
			d.URL = "/press/triage"
		}
		out = append(out, d)
		return nil
	})
	return out, err
}
