package search_test

import (
	"context"
	"testing"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/task"
)

// follow is one kind's life through its module: create finds it by the
// first words, change makes the second words find it and the first not
// (unless keeps: the module cannot change those words).
type follow struct {
	kind   search.Kind
	create func(e *env) int64
	change func(e *env, id int64)
	before string
	after  string
	keeps  bool
}

// TestIndexFollowsTheModules creates, changes and deletes an item of every
// kind through its module (deletes in SQL: no module deletes these yet)
// and checks a search follows each step without any call to the index.
func TestIndexFollowsTheModules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		reg := e.regime("BC6T", "Báo cáo sơ kết sáu tháng")
		for _, f := range follows(reg) {
			t.Run(string(f.kind), func(t *testing.T) {
				e.t = t
				id := f.create(e)
				if !e.has(e.spec, f.before, f.kind, id) {
					t.Fatalf("new %s %d not found by %q", f.kind, id, f.before)
				}
				f.change(e, id)
				if e.has(e.spec, f.before, f.kind, id) != f.keeps || !e.has(e.spec, f.after, f.kind, id) {
					t.Errorf("changed %s %d: found by %q %v, by %q %v", f.kind, id, f.before, e.has(e.spec, f.before, f.kind, id),
						f.after, e.has(e.spec, f.after, f.kind, id))
				}
			})
		}
		t.Run("delete", func(t *testing.T) {
			e.t = t
			words := map[search.Kind]string{search.KindTask: "nhiem vu", search.KindMessage: "xin y kien",
				search.KindDirective: "chi dao", search.KindConference: "hoi nghi", search.KindMinutes: "bien ban",
				search.KindConclusion: "ket luan", search.KindCourse: "boi duong"}
			for k, w := range words {
				if res := e.find(e.spec, search.Query{Q: w, Kind: k}); len(res.Items) == 0 {
					t.Fatalf("before the deletes, %q finds no %s", w, k)
				}
			}
			for _, q := range []string{"DELETE FROM messages", "DELETE FROM meetings", "DELETE FROM tasks", "DELETE FROM directives",
				"DELETE FROM training_courses"} {
				if _, err := db.Exec(context.Background(), q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			for k, w := range words {
				if res := e.find(e.spec, search.Query{Q: w, Kind: k}); len(res.Items) != 0 {
					t.Errorf("after the deletes, %q still finds %d %s", w, len(res.Items), k)
				}
			}
		})
	})
}

func follows(reg reporting.Regime) []follow {
	return []follow{
		{search.KindUnit, func(e *env) int64 { return e.unit("SYT", "Sở Y tế trước", org.KindBlocMember).ID },
			func(e *env, id int64) {
				u, _ := e.org.FindUnit(e.ctx, e.spec, id)
				_, err := e.org.UpdateUnit(e.ctx, e.spec, id, org.UnitPatch{Name: ptr("Sở Y tế sau"), Version: u.Version})
				check(e, err)
			}, "y te truoc", "y te sau", false},
		{search.KindUser, func(e *env) int64 {
			return e.user("syt.baocao", "Đặng Văn Trước", e.sa, org.RoleUnitReporter).UserID
		},
			func(e *env, id int64) {
				u, _ := e.org.FindUser(e.ctx, org.SystemActor("test"), id)
				_, err := e.org.UpdateUser(e.ctx, org.SystemActor("test"), id, org.UserPatch{FullName: ptr("Đặng Văn Sau"), Version: u.Version})
				check(e, err)
			}, "dang van truoc", "dang van sau", false},
		{search.KindReport, func(e *env) int64 { return e.draft(e.repA, reg, e.sa, "Kết quả trước hạn").ID },
			func(e *env, id int64) { e.draft(e.repA, reg, e.sa, "Kết quả sau kỳ") }, "ket qua truoc", "ket qua sau", false},
		{search.KindConference, func(e *env) int64 { return e.conference("Giao ban trước", nil, e.sa).ID },
			func(e *env, id int64) {
				m, _ := e.meet.Find(e.ctx, e.spec, id)
				m.Title = "Giao ban sau"
				_, err := e.meet.Update(e.ctx, e.spec, id, m)
				check(e, err)
			}, "giao ban truoc", "giao ban sau", false},
		{search.KindMinutes, func(e *env) int64 {
			m := e.conference("Hội nghị có biên bản", nil, e.sa)
			_, err := e.meet.SaveMinutes(e.ctx, e.spec, m.ID, 0, "Biên bản ghi trước")
			check(e, err)
			return m.ID
		}, func(e *env, id int64) {
			_, err := e.meet.SaveMinutes(e.ctx, e.spec, id, 1, "Biên bản ghi sau")
			check(e, err)
		}, "bien ban ghi truoc", "bien ban ghi sau", false},
		{search.KindConclusion, func(e *env) int64 {
			m := e.conference("Hội nghị có kết luận", nil, e.sa)
			e.conclusion(m, "Kết luận trước", false)
			return m.ID
		}, func(e *env, id int64) {
			m, _ := e.meet.Find(e.ctx, e.spec, id)
			e.conclusion(m, "Kết luận sau", true)
		}, "ket luan truoc", "ket luan sau", false},
		{search.KindTask, func(e *env) int64 {
			tk, err := e.tasks.Create(e.ctx, e.spec, task.New{Title: "Nhiệm vụ kiểm tra", LeadUnitID: e.sa.ID})
			check(e, err)
			return tk.ID
		}, func(e *env, id int64) {
			tk, _ := e.tasks.Find(e.ctx, e.spec, id)
			_, err := e.tasks.Complete(e.ctx, e.repA, id, tk.Version, civil.D(2020, 6, 15), "Đã nghiệm thu sau khi rà soát")
			check(e, err)
		}, "nhiem vu kiem tra", "nghiem thu", true},
		{search.KindPressCase, func(e *env) int64 {
			c, err := e.press.Create(e.ctx, e.spec, press.Case{Outlet: "Báo Quảng Trị", URL: "https://baoquangtri.vn/ca-truoc",
				Title: "Khói bụi trước cổng trường", Field: "environment"})
			check(e, err)
			return c.ID
		}, func(e *env, id int64) {
			c, _ := e.press.Find(e.ctx, e.spec, id)
			c.Title = "Khói bụi sau cổng trường"
			_, err := e.press.Update(e.ctx, e.spec, id, c)
			check(e, err)
		}, "khoi bui truoc", "khoi bui sau", false},
		{search.KindFeedItem, func(e *env) int64 { return e.feedItem("Bài báo về rác trước chợ") },
			func(e *env, id int64) {
				_, err := e.db.Exec(e.ctx, `UPDATE feed_items SET title = 'Bài báo về rác sau chợ' WHERE id = ?`, id)
				check(e, err)
			}, "rac truoc cho", "rac sau cho", false},
		{search.KindDirective, func(e *env) int64 { return e.directive("Văn bản chỉ đạo trước", "", false, e.sa).ID },
			func(e *env, id int64) {
				d, _ := e.notice.Find(e.ctx, e.spec, id)
				_, err := e.notice.Issue(e.ctx, e.spec, id, d.Version)
				check(e, err)
			}, "chi dao truoc", "cv btgtu", true},
		{search.KindMessage, func(e *env) int64 {
			th, err := e.notice.Send(e.ctx, e.repA, notice.Message{Subject: "Xin ý kiến trước", Body: "Nội dung"})
			check(e, err)
			return th.ID
		}, func(e *env, id int64) {
			_, err := e.db.Exec(e.ctx, `UPDATE messages SET subject = 'Xin ý kiến sau' WHERE id = ?`, id)
			check(e, err)
		}, "xin y kien truoc", "xin y kien sau", false},
		{search.KindCourse, func(e *env) int64 { return e.course("Lớp bồi dưỡng trước") },
			func(e *env, id int64) {
				c, _ := e.train.FindCourse(e.ctx, e.spec, id)
				c.Title = "Lớp bồi dưỡng sau"
				_, err := e.train.UpdateCourse(e.ctx, e.spec, id, c)
				check(e, err)
			}, "boi duong truoc", "boi duong sau", false},
	}
}

func check(e *env, err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

// TestVisibilityFollowsChanges: who may find an item changes with it.
func TestVisibilityFollowsChanges(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		d := e.directive("Văn bản về an toàn thực phẩm", "", false, e.sa)
		if e.has(e.repA, "an toan thuc pham", search.KindDirective, d.ID) {
			t.Error("a draft directive is found by its recipient")
		}
		if _, err := e.notice.Issue(e.ctx, e.spec, d.ID, d.Version); err != nil {
			t.Fatal(err)
		}
		if !e.has(e.repA, "an toan thuc pham", search.KindDirective, d.ID) {
			t.Error("the issued directive is not found by its recipient")
		}
		m := e.conference("Hội nghị chuyên đề dinh dưỡng", nil, e.sa, e.sb)
		if !e.has(e.repA, "dinh duong", search.KindConference, m.ID) {
			t.Fatal("the invited unit does not find the conference")
		}
		m, _ = e.meet.Find(e.ctx, e.spec, m.ID)
		m.UnitIDs = []int64{e.sb.ID}
		if _, err := e.meet.Update(e.ctx, e.spec, m.ID, m); err != nil {
			t.Fatal(err)
		}
		if e.has(e.repA, "dinh duong", search.KindConference, m.ID) || !e.has(e.repB, "dinh duong", search.KindConference, m.ID) {
			t.Error("after the invitation changed, the index still follows the old one")
		}
	})
}

// TestReindexRebuilds: the index rebuilt from nothing answers as before.
func TestReindexRebuilds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		d := e.directive("Tăng cường phòng, chống dịch", "", true, e.sa)
		m := e.conference("Hội nghị giao ban", nil, e.sa)
		if _, err := e.meet.SaveMinutes(e.ctx, e.spec, m.ID, 0, "Biên bản có ghi chép về sốt xuất huyết"); err != nil {
			t.Fatal(err)
		}
		e.conclusion(m, "Kết luận về sốt xuất huyết", false)
		before := e.find(e.repA, search.Query{Q: "phong chong dich"})
		if _, err := db.Exec(e.ctx, `DELETE FROM search_docs`); err != nil {
			t.Fatal(err)
		}
		n, err := e.svc.Reindex(e.ctx, nil)
		if err != nil || n < 6 { // 3 units, 3 users, 1 directive at least
			t.Fatalf("reindex: %d items, %v", n, err)
		}
		after := e.find(e.repA, search.Query{Q: "phong chong dich"})
		if len(after.Items) != 1 || after.Items[0].ID != d.ID || len(before.Items) != 1 {
			t.Errorf("before %+v, after %+v", before.Items, after.Items)
		}
		if got := e.find(e.spec, search.Query{Q: "sot xuat huyet"}); len(got.Facets) != 2 || got.Total != 2 {
			t.Errorf("minutes and notice after the reindex: %+v", got.Facets) // every kind's list query must scan
		}
		var queued int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM search_queue`).Scan(&queued); err != nil || queued != 0 {
			t.Errorf("queue after reindex and a search: %d, %v", queued, err)
		}
	})
}
