package search_test

import (
	"context"
	"fmt"
	"slices"

	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
)

// word is in every item of the permission test, so one search lists all
// an actor may find.
const word = "Khoabimat"

type item struct {
	kind search.Kind
	id   int64
	name string
	repA bool // unit A's reporter finds it (the Board finds everything)
}

func (it item) String() string { return fmt.Sprintf("%s %d (%s)", it.kind, it.id, it.name) }

// TestReaderSeesWhatPagesShow builds one item of every kind and state, each
// holding the same word, and checks a unit reporter finds exactly those the
// module's pages show them — never another unit's draft report, a directive
// not sent to them (or not yet issued), another unit's thread or case, a
// conference they are not invited to, minutes or a notice before it is
// issued — while the Board finds them all.
func TestReaderSeesWhatPagesShow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		items := permissionItems(t, e)
		for _, tc := range []struct {
			name string
			a    org.Actor
			want func(item) bool
		}{
			{"board", e.spec, func(item) bool { return true }},
			{"unit A reporter", e.repA, func(it item) bool { return it.repA }},
		} {
			res := e.find(tc.a, search.Query{Q: word, Limit: 100})
			got := map[search.Kind]map[int64]bool{}
			for _, h := range res.Items {
				if got[h.Kind] == nil {
					got[h.Kind] = map[int64]bool{}
				}
				got[h.Kind][h.ID] = true
			}
			n := 0
			for _, it := range items {
				if tc.want(it) {
					n++
				}
				if found := got[it.kind][it.id]; found != tc.want(it) {
					t.Errorf("%s: found %v, want %v: %s", tc.name, found, tc.want(it), it)
				}
			}
			if len(res.Items) != n || res.Total != n {
				t.Errorf("%s: %d results (total %d), want %d", tc.name, len(res.Items), res.Total, n)
				for _, h := range res.Items {
					if !slices.ContainsFunc(items, func(it item) bool { return it.kind == h.Kind && it.id == h.ID }) {
						t.Errorf("%s: unexpected %s %d %q", tc.name, h.Kind, h.ID, h.Title)
					}
				}
			}
		}
	})
}

func permissionItems(t *testing.T, e *env) []item {
	t.Helper()
	ctx := context.Background()
	var out []item
	add := func(k search.Kind, id int64, name string, repA bool) { out = append(out, item{k, id, name, repA}) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Units and users: a unit's own, never another's.
	ua := e.unit("SYT", "Sở Y tế "+word, "bloc_member")
	add(search.KindUnit, ua.ID, "another unit", false)
	own, err := e.org.UpdateUnit(ctx, org.SystemActor("test"), e.sa.ID, org.UnitPatch{Name: ptr("Sở Giáo dục và Đào tạo " + word), Version: e.sa.Version})
	must(err)
	add(search.KindUnit, own.ID, "own unit", true)
	add(search.KindUser, e.repA.UserID, "A's reporter (the unit's name is in the entry)", true)
	colleague := e.user("sgddt.lanhdao", "Phạm "+word, e.sa, org.RoleUnitLeader)
	add(search.KindUser, colleague.UserID, "own unit's user", true)
	stranger := e.user("stnmt.lanhdao", "Hoàng "+word, e.sb, org.RoleUnitLeader)
	add(search.KindUser, stranger.UserID, "another unit's user", false)

	// Reports: own unit's draft yes; another unit's draft and submitted report no.
	reg := e.regime("BC6T", "Báo cáo sơ kết")
	add(search.KindReport, e.draft(e.repA, reg, e.sa, "Kết quả "+word).ID, "own draft report", true)
	add(search.KindReport, e.draft(e.repB, reg, e.sb, "Kết quả "+word).ID, "another unit's draft report", false)

	// Directives: issued to A yes; issued to B only, or A's still a draft, no.
	add(search.KindDirective, e.directive("Văn bản "+word, "", true, e.sa, e.sb).ID, "directive to A", true)
	add(search.KindDirective, e.directive("Văn bản "+word, "", true, e.sb).ID, "directive to B only", false)
	add(search.KindDirective, e.directive("Văn bản "+word, "", false, e.sa).ID, "draft directive to A", false)

	// Messages: A's thread (and the Board's reply) yes; B's no.
	thA, err := e.notice.Send(ctx, e.repA, notice.Message{Subject: "Trao đổi " + word, Body: "Nội dung"})
	must(err)
	add(search.KindMessage, thA.ID, "own thread", true)
	reply, err := e.notice.Reply(ctx, e.spec, thA.ID, "Trả lời "+word)
	must(err)
	add(search.KindMessage, reply.Replies[len(reply.Replies)-1].ID, "reply in own thread", true)
	thB, err := e.notice.Send(ctx, e.repB, notice.Message{Subject: "Trao đổi " + word, Body: "Nội dung"})
	must(err)
	add(search.KindMessage, thB.ID, "another unit's thread", false)

	// Tasks: led or supported by A yes; B's alone no.
	for _, tc := range []struct {
		lead    int64
		support []int64
		repA    bool
	}{{e.sa.ID, nil, true}, {e.sb.ID, []int64{e.sa.ID}, true}, {e.sb.ID, nil, false}} {
		tk, err := e.tasks.Create(ctx, e.spec, task.New{Title: "Nhiệm vụ " + word, LeadUnitID: tc.lead, SupportUnitIDs: tc.support})
		must(err)
		add(search.KindTask, tk.ID, fmt.Sprintf("task led by %d, supported by %v", tc.lead, tc.support), tc.repA)
	}

	// Conferences: invited (as a unit or by name) yes, else no; the minutes
	// and the notice only once the notice is issued.
	invited := e.conference("Hội nghị "+word, nil, e.sa)
	add(search.KindConference, invited.ID, "conference inviting A", true)
	byName := e.conference("Hội nghị "+word, []meeting.Person{{UserID: e.repA.UserID, Name: "An"}}, e.sb)
	add(search.KindConference, byName.ID, "conference inviting A's reporter by name", true)
	notInvited := e.conference("Hội nghị "+word, nil, e.sb)
	add(search.KindConference, notInvited.ID, "conference inviting B", false)
	_, err = e.meet.SaveMinutes(ctx, e.spec, notInvited.ID, 0, "Biên bản "+word)
	must(err)
	add(search.KindMinutes, notInvited.ID, "minutes of B's conference", false)
	_, err = e.meet.SaveMinutes(ctx, e.spec, invited.ID, 0, "Biên bản "+word)
	must(err)
	add(search.KindMinutes, invited.ID, "minutes of A's conference, notice issued", true)
	notice := e.conclusion(invited, "Kết luận "+word, true)
	add(search.KindConclusion, invited.ID, "issued notice of A's conference", true)
	add(search.KindTask, notice.Items[0].TaskID, "task of the notice, led by A", true)
	held := e.conference("Hội nghị "+word, nil, e.sa)
	_, err = e.meet.SaveMinutes(ctx, e.spec, held.ID, 0, "Biên bản "+word)
	must(err)
	add(search.KindConference, held.ID, "second conference inviting A", true)
	add(search.KindMinutes, held.ID, "minutes of A's conference, no notice yet", false)
	e.conclusion(held, "Kết luận "+word, false)
	add(search.KindConclusion, held.ID, "draft notice of A's conference", false)

	// Press cases: assigned to A yes; to B or nobody no. Monitored articles: the Board's.
	for i, unit := range []int64{e.sa.ID, e.sb.ID, 0} {
		c, err := e.press.Create(ctx, e.spec, press.Case{Outlet: "Báo Quảng Trị", URL: fmt.Sprintf("https://baoquangtri.vn/bai-%d", i),
			Title: "Phản ánh " + word, Field: press.Field("environment")})
		must(err)
		if unit != 0 {
			c, err = e.press.Assign(ctx, e.spec, c.ID, c.Version, unit, "")
			must(err)
			add(search.KindTask, c.TaskID, fmt.Sprintf("task of the press case of unit %d", unit), unit == e.sa.ID)
		}
		add(search.KindPressCase, c.ID, fmt.Sprintf("press case of unit %d", unit), unit == e.sa.ID)
	}
	add(search.KindFeedItem, e.feedItem("Bài báo "+word), "monitored article", false)

	// Courses: everyone reads the course list.
	add(search.KindCourse, e.course("Lớp bồi dưỡng "+word), "course", true)
	return out
}

func ptr[T any](v T) *T { return &v }

// conference creates a conference inviting units and people.
func (e *env) conference(title string, people []meeting.Person, units ...org.Unit) meeting.Meeting {
	e.t.Helper()
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	start := ict(2020, time.June, 30, 8)
	m, err := e.meet.Create(e.ctx, e.spec, meeting.Meeting{Kind: meeting.SixMonth, Title: title, StartsAt: start,
		EndsAt: start.Add(3 * time.Hour), Place: "Hội trường", UnitIDs: ids, People: people})
	if err != nil {
		e.t.Fatalf("conference: %v", err)
	}
	return m
}

// conclusion saves (and issues, when asked) a notice with one item led by
// the conference's first unit.
func (e *env) conclusion(m meeting.Meeting, text string, issue bool) meeting.Conclusion {
	e.t.Helper()
	c, err := e.meet.Conclusion(e.ctx, e.spec, m.ID)
	if err == nil {
		c.Items = []meeting.Item{{Text: text, LeadUnitID: m.UnitIDs[0]}}
		c, err = e.meet.SaveConclusion(e.ctx, e.spec, m.ID, c)
	}
	if err == nil && issue {
		c, err = e.meet.IssueConclusion(e.ctx, e.spec, m.ID, c.Version)
	}
	if err != nil {
		e.t.Fatalf("conclusion: %v", err)
	}
	return c
}

// feedItem stores a monitored article as a poll would.
func (e *env) feedItem(title string) int64 {
	e.t.Helper()
	f, err := e.press.CreateFeed(e.ctx, e.spec, press.Feed{URL: "https://baoquangtri.vn/rss-" + fmt.Sprint(time.Now().UnixNano()), Outlet: "Báo Quảng Trị"})
	if err != nil {
		e.t.Fatal(err)
	}
	var id int64
	url := "https://baoquangtri.vn/tin-" + fmt.Sprint(time.Now().UnixNano())
	err = e.db.Transact(e.ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRow(e.ctx, `INSERT INTO feed_items (feed_id, url, canonical_url, title, summary, fetched_at, matched_rules, triage_status)
			VALUES (?, ?, ?, ?, '', ?, '', 'new') RETURNING id`, f.ID, url, url, title, time.Now().UTC()).Scan(&id)
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// course records a training course through its service.
func (e *env) course(title string) int64 {
	e.t.Helper()
	c, err := e.train.CreateCourse(e.ctx, e.spec, training.Course{Title: title, Organiser: "Ban Tuyên giáo Tỉnh ủy",
		Kind: "fostering", StartsOn: civil.D(2020, 7, 1), EndsOn: civil.D(2020, 7, 3), Place: "Trường Chính trị"})
	if err != nil {
		e.t.Fatalf("course: %v", err)
	}
	return c.ID
}
