package search

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// extractor turns the rows of one kind into documents. all lists every item
// with its last change (for Reindex); load builds the documents of the
// given ids — an id it returns nothing for is gone from the index.
type extractor struct {
	kind  Kind
	label string // Vietnamese name of the kind, for facets
	all   string
	load  func(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error)
}

// extractors lists the kinds in the order facets are shown.
var extractors = []extractor{
	{KindDirective, "Văn bản chỉ đạo", allDirectives, loadDirectives},
	{KindReport, "Báo cáo", allReports, loadReports},
	{KindTask, "Nhiệm vụ", allTasks, loadTasks},
	{KindConference, "Hội nghị", allMeetings, loadConferences},
	{KindConclusion, "Thông báo kết luận", allConclusions, loadConclusions},
	{KindMinutes, "Biên bản", allMinutes, loadMinutes},
	{KindPressCase, "Vụ việc báo chí", allPressCases, loadPressCases},
	{KindFeedItem, "Bài báo theo dõi", allFeedItems, loadFeedItems},
	{KindMessage, "Trao đổi", allMessages, loadMessages},
	{KindCourse, "Lớp đào tạo", allCourses, loadCourses},
	{KindUnit, "Đơn vị", allUnits, loadUnits},
	{KindUser, "Người dùng", allUsers, loadUsers},
}

// Kinds lists every kind, in the order of the facets.
func Kinds() []Kind {
	out := make([]Kind, len(extractors))
	for i, e := range extractors {
		out[i] = e.kind
	}
	return out
}

func extractorOf(k Kind) (extractor, bool) {
	for _, e := range extractors {
		if e.kind == k {
			return e, true
		}
	}
	return extractor{}, false
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := extractorOf(k); return ok }

// Label is the kind's Vietnamese name.
func (k Kind) Label() string { e, _ := extractorOf(k); return e.label }

// token is the kind as one index word ("press_case" → "kpresscase").
func (k Kind) token() string { return "k" + strings.ReplaceAll(string(k), "_", "") }

// inIDs is "(?, ?, …)" with its arguments.
func inIDs(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")", args
}

// queryRows runs a query over ids and calls scan for every row.
func queryRows(ctx context.Context, q sqldb.Querier, sql string, ids []int64, scan func(scan func(...any) error) error) error {
	in, args := inIDs(ids)
	rows, err := q.Query(ctx, strings.ReplaceAll(sql, "(?)", in), args...)
	if err != nil {
		return fmt.Errorf("search: extract: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows.Scan); err != nil {
			return fmt.Errorf("search: extract: %w", err)
		}
	}
	return rows.Err()
}

// pairs loads (parent id, child id) rows — invited units, recipients,
// supporting units — grouped by parent.
func pairs(ctx context.Context, q sqldb.Querier, sql string, ids []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	err := queryRows(ctx, q, sql, ids, func(scan func(...any) error) error {
		var p, c int64
		if err := scan(&p, &c); err != nil {
			return err
		}
		out[p] = append(out[p], c)
		return nil
	})
	return out, err
}

// unitReaders names the units as readers.
func unitReaders(units ...int64) []string {
	var out []string
	for _, u := range units {
		if u != 0 {
			out = append(out, "u"+strconv.FormatInt(u, 10))
		}
	}
	return out
}

func userReader(id int64) string { return "p" + strconv.FormatInt(id, 10) }

func id(n int64) string { return strconv.FormatInt(n, 10) }

// dayOf is the civil date of an instant in Asia/Ho_Chi_Minh.
func dayOf(t time.Time) civil.Date {
	if t.IsZero() {
		return civil.Date{}
	}
	return civil.Of(t, vntext.Location)
}
