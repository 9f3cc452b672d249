package press

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/mmcdole/gofeed"
)

const feedCols = `id, url, outlet, charset, etag, last_modified, next_poll_at, last_polled_at, failures, last_error, alert, active, created_at,
	COALESCE(unit_id, 0)`

func scanFeed(sc interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	var polled sql.NullTime
	err := sc.Scan(&f.ID, &f.URL, &f.Outlet, &f.Charset, &f.ETag, &f.LastModified, &f.NextPollAt, &polled, &f.Failures,
		&f.LastError, &f.Alert, &f.Active, &f.CreatedAt, &f.UnitID)
	f.NextPollAt, f.CreatedAt = f.NextPollAt.UTC(), f.CreatedAt.UTC()
	if polled.Valid {
		t := polled.Time.UTC()
		f.LastPolledAt = &t
	}
	return f, err
}

func findFeed(ctx context.Context, q querier, id int64) (Feed, error) {
	f, err := scanFeed(q.QueryRow(ctx, `SELECT `+feedCols+` FROM feeds WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, apperr.NotFound("nguồn tin")
	}
	if err != nil {
		return Feed{}, fmt.Errorf("press: feed %d: %w", id, err)
	}
	return f, nil
}

func listFeeds(ctx context.Context, q querier) ([]Feed, error) {
	rows, err := q.Query(ctx, `SELECT `+feedCols+` FROM feeds ORDER BY outlet, id`)
	if err != nil {
		return nil, fmt.Errorf("press: feeds: %w", err)
	}
	defer rows.Close()
	out := []Feed{}
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func dueFeeds(ctx context.Context, q querier, now time.Time) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM feeds WHERE active = ? AND next_poll_at <= ? ORDER BY next_poll_at, id`, true, now)
	if err != nil {
		return nil, fmt.Errorf("press: due feeds: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func insertFeed(ctx context.Context, db *sqldb.DB, a org.Actor, f *Feed) error {
	return db.Transact(ctx, func(tx *sqldb.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO feeds (url, outlet, charset, etag, last_modified, next_poll_at, failures, last_error, alert, active, created_at, unit_id)
			VALUES (?, ?, ?, '', '', ?, 0, '', ?, ?, ?, ?) RETURNING id`, f.URL, f.Outlet, f.Charset, f.NextPollAt, false, true, f.CreatedAt, nullID(f.UnitID)).Scan(&f.ID)
		if sqldb.IsUniqueViolation(err, "url") {
			return apperr.InvalidField("url", "Nguồn tin này đã có.", "This feed is already registered.")
		}
		if sqldb.IsForeignKeyViolation(err) {
			return noUnit()
		}
		if err != nil {
			return fmt.Errorf("press: insert feed: %w", err)
		}
		return org.AppendAudit(ctx, tx, f.CreatedAt, org.NewAudit(a, org.ActionCreate, "press_feed", f.ID, nil, *f))
	})
}

// storePoll saves the feed's state and the new items in one transaction.
func storePoll(ctx context.Context, db *sqldb.DB, f *Feed, items []*gofeed.Item, m *Matcher, now time.Time, res *PollResult) error {
	return db.Transact(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE feeds SET etag = ?, last_modified = ?, next_poll_at = ?, last_polled_at = ?, failures = ?,
			last_error = ?, alert = ? WHERE id = ?`, f.ETag, f.LastModified, f.NextPollAt, now, f.Failures, f.LastError, f.Alert, f.ID)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, it := range items {
			if it == nil {
				continue
			}
			link := itemLink(it)
			canon, err := Canonical(link)
			if err != nil || seen[canon] || len(canon) > 2000 {
				continue
			}
			seen[canon] = true
			var pub any
			if it.PublishedParsed != nil {
				pub = it.PublishedParsed.UTC()
			} else if it.UpdatedParsed != nil {
				pub = it.UpdatedParsed.UTC()
			}
			matched := ""
			if m != nil {
				ids := RuleIDs(m.Match(ItemText{Title: it.Title, Summary: it.Description}))
				parts := make([]string, len(ids))
				for i, id := range ids {
					parts[i] = strconv.FormatInt(id, 10)
				}
				matched = strings.Join(parts, ",")
			}
			r, err := tx.Exec(ctx, `INSERT INTO feed_items (feed_id, url, canonical_url, title, summary, published_at, fetched_at, matched_rules, triage_status)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new') ON CONFLICT (canonical_url) DO NOTHING`,
				f.ID, link, canon, it.Title, it.Description, pub, now, matched)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n > 0 {
				res.New++
				if matched != "" {
					res.Matched++
				}
			}
		}
		return nil
	})
}

const ruleCols = `id, name, phrases, fields, use_place_names, active`

func listRules(ctx context.Context, q querier) ([]WatchRule, error) {
	rows, err := q.Query(ctx, `SELECT `+ruleCols+` FROM watch_rules ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("press: watch rules: %w", err)
	}
	defer rows.Close()
	out := []WatchRule{}
	for rows.Next() {
		var r WatchRule
		if err := rows.Scan(&r.ID, &r.Name, &r.Phrases, &r.Fields, &r.UsePlaceNames, &r.Active); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// placeNames are the folded names of the province and its communes.
func placeNames(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT name FROM units WHERE kind IN ('province', 'commune') AND active = ?`, true)
	if err != nil {
		return nil, fmt.Errorf("press: place names: %w", err)
	}
	defer rows.Close()
	var out []string
	seen := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		if p := PlaceName(n); p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out, rows.Err()
}

// matcher indexes the current rules; place names are read only when a
// rule asks for them.
func (s *Service) matcher(ctx context.Context) (*Matcher, error) {
	rules, err := listRules(ctx, s.db)
	if err != nil {
		return nil, err
	}
	var places []string
	for _, r := range rules {
		if r.UsePlaceNames && r.Active {
			if places, err = placeNames(ctx, s.db); err != nil {
				return nil, err
			}
			break
		}
	}
	return NewMatcher(rules, places), nil
}
