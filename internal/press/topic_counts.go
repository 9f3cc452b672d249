package press

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// TopicQuery picks the topics to count: the given ones, or else the active
// topics whose period meets From..To. From and To (either may be zero: open)
// also clip each topic's period.
type TopicQuery struct {
	IDs      []int64
	From, To civil.Date
}

// CountUnit is a column of the counts: a press agency, or another unit
// that publishes a monitored feed.
type CountUnit struct {
	ID   int64        `json:"id"`
	Code string       `json:"code"`
	Name string       `json:"name"`
	Kind org.UnitKind `json:"kind"`
}

// TopicCell is one topic × agency: the articles found in the agency's
// feeds and, once FillReported has run, what the agency reported.
type TopicCell struct {
	UnitID     int64    `json:"unit_id"`
	Monitored  int      `json:"monitored"`
	Reported   *float64 `json:"reported"`   // nil: no linked indicator, or no report
	Difference *float64 `json:"difference"` // monitored − reported
}

// TopicRow is a topic with the window counted (its period clipped to the
// query) and one cell per unit, in the order of TopicCounts.Units.
type TopicRow struct {
	Topic           Topic       `json:"topic"`
	From            civil.Date  `json:"from"`
	To              civil.Date  `json:"to"`
	ReportedPeriods []string    `json:"reported_periods"`
	Cells           []TopicCell `json:"cells"`
}

// TopicCounts is the monitoring of the orientation topics: per topic and
// agency, the number of articles in the agency's feeds within the topic's
// window whose title or summary holds one of its phrases.
type TopicCounts struct {
	From   civil.Date  `json:"from"`
	To     civil.Date  `json:"to"`
	Units  []CountUnit `json:"units"`
	Topics []TopicRow  `json:"topics"`
}

// TopicCounts counts the articles of each topic per agency in one pass over
// the feed items of the whole window: every item is matched once against
// all the topics' phrases, and counts at most once per topic. An item's
// date is its publication time, else when it was fetched (Asia/Ho_Chi_Minh).
// The Board sees every agency; anyone else only their own unit.
func (s *Service) TopicCounts(ctx context.Context, a org.Actor, q TopicQuery) (TopicCounts, error) {
	if !a.System && a.UserID == 0 {
		return TopicCounts{}, apperr.Forbidden()
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return TopicCounts{}, apperr.InvalidField("to", "Ngày kết thúc phải từ ngày bắt đầu trở đi.", "The end date must not be before the start date.")
	}
	out := TopicCounts{From: q.From, To: q.To, Units: []CountUnit{}, Topics: []TopicRow{}}
	topics, err := s.pickTopics(ctx, q)
	if err != nil {
		return out, err
	}
	if out.Units, err = countUnits(ctx, s.db, a.ScopeIDs()); err != nil {
		return out, err
	}
	col := make(map[int64]int, len(out.Units))
	for i, u := range out.Units {
		col[u.ID] = i
	}
	row := make(map[int64]int, len(topics))
	rules := make([]WatchRule, 0, len(topics))
	for _, t := range topics {
		from, to, ok := t.Window(q.From, q.To)
		if !ok {
			continue
		}
		r := TopicRow{Topic: t, From: from, To: to, ReportedPeriods: []string{}, Cells: make([]TopicCell, len(out.Units))}
		for i, u := range out.Units {
			r.Cells[i].UnitID = u.ID
		}
		row[t.ID] = len(out.Topics)
		out.Topics = append(out.Topics, r)
		rules = append(rules, WatchRule{ID: t.ID, Name: t.Code, Phrases: t.Phrases, Active: true})
	}
	if len(out.Topics) == 0 || len(out.Units) == 0 {
		return out, nil
	}
	m := NewMatcher(rules, nil)
	err = s.eachDatedItem(ctx, out.Topics, a.ScopeIDs(), func(unitID int64, day civil.Date, text ItemText) {
		c, ok := col[unitID]
		if !ok {
			return
		}
		for _, id := range RuleIDs(m.Match(text)) {
			r := &out.Topics[row[id]]
			if (r.From.IsZero() || !day.Before(r.From)) && (r.To.IsZero() || !day.After(r.To)) {
				r.Cells[c].Monitored++
			}
		}
	})
	return out, err
}

// pickTopics returns the asked topics, or the active ones.
func (s *Service) pickTopics(ctx context.Context, q TopicQuery) ([]Topic, error) {
	if len(q.IDs) == 0 {
		return listTopics(ctx, s.db, true)
	}
	out := make([]Topic, 0, len(q.IDs))
	seen := map[int64]bool{}
	for _, id := range q.IDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		t, err := findTopic(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// countUnits lists the active press agencies and every unit a feed is
// linked to, in Vietnamese order of name; scope narrows them to one unit.
func countUnits(ctx context.Context, q querier, scope []int64) ([]CountUnit, error) {
	cond, args := "", []any{string(org.KindPressAgency), true}
	if scope != nil {
		cond, args = " AND id = ?", append(args, scope[0])
	}
	rows, err := q.Query(ctx, `SELECT id, code, name, kind FROM units
		WHERE ((kind = ? AND active = ?) OR id IN (SELECT unit_id FROM feeds WHERE unit_id IS NOT NULL))`+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("press: count units: %w", err)
	}
	defer rows.Close()
	out := []CountUnit{}
	for rows.Next() {
		var u CountUnit
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &u.Kind); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	sort.SliceStable(out, func(i, j int) bool { return vntext.Compare(out[i].Name, out[j].Name) < 0 })
	return out, rows.Err()
}

// eachDatedItem calls fn with every item of a linked feed dated within the
// union of the rows' windows, streaming the rows.
func (s *Service) eachDatedItem(ctx context.Context, rows []TopicRow, scope []int64, fn func(int64, civil.Date, ItemText)) error {
	lo, hi := rows[0].From, rows[0].To
	for _, r := range rows[1:] {
		lo, hi = pickZero(lo, r.From), pickZeroMax(hi, r.To)
	}
	const when = `COALESCE(i.published_at, i.fetched_at)`
	var where []string
	args := []any{}
	if !lo.IsZero() {
		where, args = append(where, when+` >= ?`), append(args, lo.In(vntext.Location).UTC())
	}
	if !hi.IsZero() {
		where, args = append(where, when+` < ?`), append(args, hi.AddDays(1).In(vntext.Location).UTC())
	}
	if scope != nil {
		where, args = append(where, `f.unit_id = ?`), append(args, scope[0])
	}
	cond := ""
	if len(where) > 0 {
		cond = " AND " + strings.Join(where, " AND ")
	}
	rs, err := s.db.Query(ctx, `SELECT f.unit_id, i.title, i.summary, i.published_at, i.fetched_at FROM feed_items i
		JOIN feeds f ON f.id = i.feed_id WHERE f.unit_id IS NOT NULL`+cond, args...)
	if err != nil {
		return fmt.Errorf("press: topic items: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var unit int64
		var text ItemText
		var pub sql.NullTime
		var fetched time.Time
		if err := rs.Scan(&unit, &text.Title, &text.Summary, &pub, &fetched); err != nil {
			return err
		}
		if pub.Valid {
			fetched = pub.Time
		}
		fn(unit, civil.Of(fetched, vntext.Location), text)
	}
	return rs.Err()
}

// pickZero is the earlier of two lower bounds, a zero one being open.
func pickZero(a, b civil.Date) civil.Date {
	if a.IsZero() || b.IsZero() {
		return civil.Date{}
	}
	if b.Before(a) {
		return b
	}
	return a
}

// pickZeroMax is the later of two upper bounds, a zero one being open.
func pickZeroMax(a, b civil.Date) civil.Date {
	if a.IsZero() || b.IsZero() {
		return civil.Date{}
	}
	if b.After(a) {
		return b
	}
	return a
}
