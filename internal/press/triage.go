package press

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Triage statuses of a feed item.
const (
	TriageNew       = "new"
	TriageCase      = "case"
	TriageDismissed = "dismissed"
)

// FeedItem is one article read from a feed.
type FeedItem struct {
	ID           int64        `json:"id"`
	FeedID       int64        `json:"feed_id"`
	Outlet       string       `json:"outlet"`
	URL          string       `json:"url"`
	CanonicalURL string       `json:"canonical_url"`
	Title        string       `json:"title"`
	Summary      string       `json:"summary"`
	PublishedAt  *time.Time   `json:"published_at,omitempty"`
	FetchedAt    time.Time    `json:"fetched_at"`
	MatchedRules []int64      `json:"matched_rules"`
	TriageStatus string       `json:"triage_status"`
	CaseID       int64        `json:"case_id,omitempty"`
	Matches      []WatchMatch `json:"matches"` // against the current rules, for highlighting
}

// Segment is a piece of a text, marked when a phrase matched it.
type Segment struct {
	Text string
	Mark bool
}

// Segments cuts the item's title or summary (in) at its matches.
func (it FeedItem) Segments(in string) []Segment {
	text := it.Title
	if in == "summary" {
		text = it.Summary
	}
	var rs [][2]int
	for _, m := range it.Matches {
		if m.In == in && 0 <= m.Start && m.Start < m.End && m.End <= len(text) {
			rs = append(rs, [2]int{m.Start, m.End})
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	var out []Segment
	pos := 0
	for _, r := range rs {
		if r[1] <= pos {
			continue
		}
		if r[0] < pos {
			r[0] = pos
		}
		if r[0] > pos {
			out = append(out, Segment{Text: text[pos:r[0]]})
		}
		out = append(out, Segment{Text: text[r[0]:r[1]], Mark: true})
		pos = r[1]
	}
	if pos < len(text) {
		out = append(out, Segment{Text: text[pos:]})
	}
	return out
}

const itemCols = `i.id, i.feed_id, f.outlet, i.url, i.canonical_url, i.title, i.summary, i.published_at, i.fetched_at, i.matched_rules,
	i.triage_status, COALESCE(i.case_id, 0)`

func scanItem(sc interface{ Scan(...any) error }) (FeedItem, error) {
	var it FeedItem
	var pub sql.NullTime
	var matched string
	err := sc.Scan(&it.ID, &it.FeedID, &it.Outlet, &it.URL, &it.CanonicalURL, &it.Title, &it.Summary, &pub, &it.FetchedAt, &matched,
		&it.TriageStatus, &it.CaseID)
	it.FetchedAt = it.FetchedAt.UTC()
	if pub.Valid {
		t := pub.Time.UTC()
		it.PublishedAt = &t
	}
	it.MatchedRules = []int64{}
	for _, p := range strings.Split(matched, ",") {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			it.MatchedRules = append(it.MatchedRules, id)
		}
	}
	return it, err
}

func findItem(ctx context.Context, q querier, id int64) (FeedItem, error) {
	it, err := scanItem(q.QueryRow(ctx, `SELECT `+itemCols+` FROM feed_items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return FeedItem{}, apperr.NotFound("bài báo theo dõi")
	}
	if err != nil {
		return FeedItem{}, fmt.Errorf("press: feed item %d: %w", id, err)
	}
	return it, nil
}

// Triage lists the matching items with the given status (new by default),
// newest first, with their matches for highlighting (the Board).
func (s *Service) Triage(ctx context.Context, a org.Actor, status string, limit int) ([]FeedItem, error) {
	if !CanManage(a) {
		return nil, apperr.Forbidden()
	}
	if status == "" {
		status = TriageNew
	}
	if status != TriageNew && status != TriageCase && status != TriageDismissed {
		return nil, apperr.InvalidField("status", "Trạng thái không hợp lệ (new, case, dismissed).", "Unknown status (new, case, dismissed).")
	}
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	rows, err := s.db.Query(ctx, `SELECT `+itemCols+` FROM feed_items i JOIN feeds f ON f.id = i.feed_id
		WHERE i.triage_status = ? AND i.matched_rules <> '' ORDER BY i.fetched_at DESC, i.id DESC LIMIT ?`, status, limit)
	if err != nil {
		return nil, fmt.Errorf("press: triage: %w", err)
	}
	defer rows.Close()
	out := []FeedItem{}
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	m, err := s.matcher(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Matches = m.Match(ItemText{Title: out[i].Title, Summary: out[i].Summary})
		if out[i].Matches == nil {
			out[i].Matches = []WatchMatch{}
		}
	}
	return out, nil
}

// ItemToCase registers the item's article as a press case (the Board) with
// its URL, title and publication date, and the field of its first rule.
// The canonical URL check of Create keeps one article one case.
func (s *Service) ItemToCase(ctx context.Context, a org.Actor, id int64) (Case, error) {
	if !CanManage(a) {
		return Case{}, apperr.Forbidden()
	}
	it, err := findItem(ctx, s.db, id)
	if err != nil {
		return Case{}, err
	}
	if it.TriageStatus == TriageCase && it.CaseID != 0 {
		e := apperr.Conflict("Bài báo này đã thành vụ việc số "+strconv.FormatInt(it.CaseID, 10)+".",
			"This article is already case "+strconv.FormatInt(it.CaseID, 10)+".")
		if ae, ok := apperr.As(e); ok {
			ae.Detail = map[string]any{"existing_id": it.CaseID}
		}
		return Case{}, e
	}
	field := Other
	if len(it.MatchedRules) > 0 {
		rules, err := listRules(ctx, s.db)
		if err != nil {
			return Case{}, err
		}
		for _, r := range rules {
			if r.ID == it.MatchedRules[0] {
				field = r.Field()
			}
		}
	}
	title := it.Title
	if utf8.RuneCountInString(title) > 500 {
		title = string([]rune(title)[:500])
	}
	if title == "" {
		title = it.URL
	}
	c := Case{Outlet: it.Outlet, URL: it.URL, Title: title, Summary: it.Summary, Field: field}
	if it.PublishedAt != nil {
		c.PublishedAt = civil.Of(*it.PublishedAt, vntext.Location)
	}
	return s.create(ctx, a, c, func(tx *sqldb.Tx, out Case) error {
		if _, err := tx.Exec(ctx, `UPDATE feed_items SET triage_status = 'case', case_id = ? WHERE id = ?`, out.ID, it.ID); err != nil {
			return fmt.Errorf("press: item %d to case: %w", id, err)
		}
		return nil
	})
}

// Dismiss takes a new item off the queue (the Board).
func (s *Service) Dismiss(ctx context.Context, a org.Actor, id int64) (FeedItem, error) {
	if !CanManage(a) {
		return FeedItem{}, apperr.Forbidden()
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		it, err := findItem(ctx, tx, id)
		if err != nil {
			return err
		}
		if it.TriageStatus != TriageNew {
			return apperr.Conflict("Chỉ bỏ qua bài báo đang chờ xem xét.", "Only an item waiting in the queue can be dismissed.")
		}
		if _, err := tx.Exec(ctx, `UPDATE feed_items SET triage_status = 'dismissed' WHERE id = ?`, id); err != nil {
			return err
		}
		it.TriageStatus = TriageDismissed
		return org.AppendAudit(ctx, tx, s.clock(), org.NewAudit(a, "press_item_dismissed", "feed_item", id, nil, it))
	})
	if err != nil {
		return FeedItem{}, fmt.Errorf("press: dismiss %d: %w", id, err)
	}
	return findItem(ctx, s.db, id)
}

// WatchRules lists the watch rules (admin, Board specialist).
func (s *Service) WatchRules(ctx context.Context, a org.Actor) ([]WatchRule, error) {
	if !CanManageFeeds(a) {
		return nil, apperr.Forbidden()
	}
	return listRules(ctx, s.db)
}

// CreateWatchRule adds a rule (admin, Board specialist); it applies to the
// items fetched from then on and to the highlighting of the queue.
func (s *Service) CreateWatchRule(ctx context.Context, a org.Actor, r WatchRule) (WatchRule, error) {
	if !CanManageFeeds(a) {
		return WatchRule{}, apperr.Forbidden()
	}
	r.Name = vntext.Normalize(r.Name)
	r.Phrases = strings.Join(r.PhraseList(), "\n")
	var fields []string
	var v apperr.Invalid
	for _, f := range strings.Split(r.Fields, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		} else if !Field(f).Valid() {
			v.Add("fields", "Lĩnh vực không hợp lệ.", "Unknown field.")
		}
		fields = append(fields, f)
	}
	r.Fields = strings.Join(fields, ",")
	if r.Name == "" {
		v.Add("name", "Tên quy tắc là bắt buộc.", "The rule's name is required.")
	}
	if r.Phrases == "" && !r.UsePlaceNames {
		v.Add("phrases", "Nhập ít nhất một cụm từ (mỗi dòng một cụm) hoặc chọn theo địa danh.", "Enter at least one phrase (one a line) or use the place names.")
	}
	if err := v.Err(); err != nil {
		return WatchRule{}, err
	}
	r.Active = true
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := tx.QueryRow(ctx, `INSERT INTO watch_rules (name, phrases, fields, use_place_names, active, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			r.Name, r.Phrases, r.Fields, r.UsePlaceNames, true, now).Scan(&r.ID); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionCreate, "watch_rule", r.ID, nil, r))
	})
	if err != nil {
		return WatchRule{}, fmt.Errorf("press: create watch rule: %w", err)
	}
	return r, nil
}
