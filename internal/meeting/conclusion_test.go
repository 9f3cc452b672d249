package meeting_test

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/task"
)

// issue drafts a one-item notice for a new conference and issues it.
func (e *env) issue(title string, start time.Time) meeting.Conclusion {
	e.t.Helper()
	m := e.conference(title, start, e.sa)
	c := e.draft(m, meeting.Item{Text: "Duy trì chế độ báo cáo", LeadUnitID: e.sa.ID})
	out, err := e.svc.IssueConclusion(e.ctx, e.lead, m.ID, c.Version)
	if err != nil {
		e.t.Fatalf("issue %q: %v", title, err)
	}
	return out
}

func TestIssueNumbersRestartEachYear(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		e.clk.Set(ict(2020, time.July, 1, 9, 0))
		a := e.issue("Giao ban 6 tháng đầu năm 2020", ict(2020, time.June, 30, 8, 0))
		b := e.issue("Giao ban quý III năm 2020", ict(2020, time.September, 30, 8, 0))
		e.clk.Set(ict(2021, time.January, 2, 9, 0))
		c := e.issue("Giao ban năm 2020", ict(2020, time.December, 30, 8, 0))
		for _, tc := range []struct {
			got  meeting.Conclusion
			n, y int
			line string
		}{{a, 1, 2020, "Số 1-TB/BTGTU"}, {b, 2, 2020, "Số 2-TB/BTGTU"}, {c, 1, 2021, "Số 1-TB/BTGTU"}} {
			if tc.got.Number != tc.n || tc.got.Year != tc.y || tc.got.NumberLine() != tc.line || !tc.got.Issued() {
				t.Errorf("notice %q: number %d/%d %q issued %v, want %d/%d %q", tc.got.Subject, tc.got.Number, tc.got.Year,
					tc.got.NumberLine(), tc.got.IssuedAt, tc.n, tc.y, tc.line)
			}
		}
		if a.Place != "Quảng Trị" || a.IssuingBody != "BAN TUYÊN GIÁO" || a.IssuedBy != "lanhdao" {
			t.Errorf("frozen header: %+v", a)
		}
		// Settings change later; the issued notice keeps its header.
		if err := e.org.SetSettings(e.ctx, org.SystemActor("test"), map[string]string{org.SettingBoardSymbol: "BTGDVTU"}); err != nil {
			t.Fatal(err)
		}
		again, _ := e.svc.Conclusion(e.ctx, e.spec, a.MeetingID)
		if again.NumberLine() != "Số 1-TB/BTGTU" {
			t.Errorf("issued notice now reads %q", again.NumberLine())
		}
		_, err := e.svc.IssueConclusion(e.ctx, e.lead, a.MeetingID, again.Version)
		wantKind(t, err, apperr.KindConflict, "issue twice")
		again.Subject = "Sửa sau khi ban hành"
		_, err = e.svc.SaveConclusion(e.ctx, e.spec, a.MeetingID, again)
		wantKind(t, err, apperr.KindConflict, "edit after issue")
	})
}

func TestIssueTurnsEveryItemIntoATask(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		m := e.conference("Hội nghị giao ban 6 tháng đầu năm 2020", ict(2020, time.June, 30, 8, 0), e.sa, e.sb, e.sc)
		def, err := e.svc.Conclusion(e.ctx, e.spec, m.ID)
		if err != nil || def.Stored || !strings.HasPrefix(def.Subject, "Kết luận của đồng chí Lê Văn Tuấn tại Hội nghị giao ban") ||
			def.NumberLine() != "Số    -TB/BTGTU" || def.Signer.Authority != "T/M BAN TUYÊN GIÁO" {
			t.Fatalf("default draft: %+v, %v", def, err)
		}
		due := civil.D(2020, time.December, 31)
		c := e.draft(m,
			meeting.Item{Text: "Đào tạo, bồi dưỡng đội ngũ cán bộ làm công tác khoa giáo", LeadUnitID: e.sa.ID, SupportUnitIDs: []int64{e.sb.ID, e.sc.ID}, Due: due, Key: true},
			meeting.Item{Text: "Duy trì chế độ báo cáo, cung cấp thông tin hai chiều", LeadUnitID: e.sb.ID},
			meeting.Item{Text: "Tuyên truyền phòng, chống dịch COVID-19", LeadUnitID: e.sc.ID, Due: civil.D(2020, time.September, 30)})
		if len(c.Items) != 3 || c.Items[0].LeadUnit.Code != "SA" || len(c.Items[0].SupportUnits) != 2 || c.Version != 1 {
			t.Fatalf("draft: %+v", c)
		}
		if _, err := e.svc.IssueConclusion(e.ctx, e.lead, m.ID, 0); err == nil {
			t.Fatal("issued with a stale version")
		}
		out, err := e.svc.IssueConclusion(e.ctx, e.lead, m.ID, c.Version)
		if err != nil {
			t.Fatal(err)
		}
		l, err := e.tasks.List(e.ctx, e.lead, task.Filter{MeetingID: m.ID})
		if err != nil || l.Total != 3 {
			t.Fatalf("tasks of the conference: %d, %v", l.Total, err)
		}
		byOrigin := map[int64]task.Task{}
		for _, tk := range l.Items {
			byOrigin[tk.OriginID] = tk
		}
		for i, it := range out.Items {
			tk, ok := byOrigin[it.ID]
			switch {
			case !ok || it.TaskID != tk.ID:
				t.Errorf("item %d: task %d, linked %d", i, tk.ID, it.TaskID)
			case tk.Origin != task.FromConclusion || tk.MeetingID != m.ID || tk.Title != it.Text || tk.LeadUnitID != it.LeadUnitID ||
				!slices.Equal(tk.SupportUnitIDs, it.SupportUnitIDs) || tk.Due != it.Due || tk.Key != it.Key:
				t.Errorf("item %d became %+v", i, tk)
			case !strings.Contains(tk.Description, "Số 1-TB/BTGTU"):
				t.Errorf("task description %q does not cite the notice", tk.Description)
			}
		}
		got, _ := e.svc.Find(e.ctx, e.spec, m.ID)
		if got.Status != meeting.Concluded {
			t.Errorf("conference status %s, want concluded", got.Status)
		}
		if seen, err := e.svc.Conclusion(e.ctx, e.repB, m.ID); err != nil || seen.Number != 1 {
			t.Errorf("an invited unit reads the issued notice: %d, %v", seen.Number, err)
		}
		mine, err := e.svc.ConclusionTasks(e.ctx, e.repB, m.ID)
		if err != nil || len(mine) != 2 { // Sở B leads one item and supports another
			t.Errorf("tasks Sở B sees: %d, %v", len(mine), err)
		}
	})
}

func TestIssueIsAtomic(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		m := e.conference("Giao ban", ict(2020, time.June, 30, 8, 0), e.sa, e.sb)
		c, _ := e.svc.Conclusion(e.ctx, e.spec, m.ID)
		c.Items = []meeting.Item{{Text: "Việc của đơn vị không tồn tại", LeadUnitID: 987654}}
		_, err := e.svc.SaveConclusion(e.ctx, e.spec, m.ID, c)
		if f := wantKind(t, err, apperr.KindInvalid, "unknown lead unit").Fields; f["items[0].lead_unit_id"] == "" {
			t.Errorf("fields %v", f)
		}
		c = e.draft(m, meeting.Item{Text: "Việc thứ nhất", LeadUnitID: e.sa.ID}, meeting.Item{Text: "Việc thứ hai", LeadUnitID: e.sb.ID})
		// Sở B is merged away after the draft: its item cannot become a task,
		// and the first item's task, already written, is rolled back.
		inactive := false
		if _, err := e.org.UpdateUnit(e.ctx, org.SystemActor("test"), e.sb.ID, org.UnitPatch{Active: &inactive, Version: e.sb.Version}); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.IssueConclusion(e.ctx, e.lead, m.ID, c.Version)
		if f := wantKind(t, err, apperr.KindInvalid, "inactive lead unit").Fields; f["items[1].lead_unit_id"] == "" {
			t.Errorf("fields %v", f)
		}
		if l, _ := e.tasks.List(e.ctx, e.lead, task.Filter{MeetingID: m.ID}); l.Total != 0 {
			t.Errorf("%d tasks left behind by a failed issue", l.Total)
		}
		after, _ := e.svc.Conclusion(e.ctx, e.spec, m.ID)
		if after.Issued() || after.Number != 0 || after.Items[0].TaskID != 0 || after.Version != c.Version {
			t.Errorf("notice after the failed issue: %+v", after)
		}
		after.Items[1].LeadUnitID = e.sc.ID
		after, err = e.svc.SaveConclusion(e.ctx, e.spec, m.ID, after)
		if err != nil {
			t.Fatal(err)
		}
		out, err := e.svc.IssueConclusion(e.ctx, e.lead, m.ID, after.Version)
		if err != nil || out.Number != 1 {
			t.Fatalf("issue after the fix: number %d, %v (the failed issue must not use a number)", out.Number, err)
		}
		if l, _ := e.tasks.List(e.ctx, e.lead, task.Filter{MeetingID: m.ID}); l.Total != 2 {
			t.Errorf("%d tasks, want 2", l.Total)
		}
	})
}

func TestPrepareShowsWhereThePreviousTasksStand(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		e.clk.Set(ict(2020, time.July, 1, 9, 0))
		prev := e.conference("Giao ban 6 tháng đầu năm", ict(2020, time.June, 30, 8, 0), e.sa, e.sb)
		c := e.draft(prev, meeting.Item{Text: "Hoàn thành sớm", LeadUnitID: e.sa.ID, Due: civil.D(2020, time.August, 31)},
			meeting.Item{Text: "Chưa xong", LeadUnitID: e.sb.ID, Due: civil.D(2020, time.August, 31)},
			meeting.Item{Text: "Không thời hạn", LeadUnitID: e.sb.ID})
		c, err := e.svc.IssueConclusion(e.ctx, e.lead, prev.ID, c.Version)
		if err != nil {
			t.Fatal(err)
		}
		e.clk.Set(ict(2020, time.August, 20, 9, 0))
		done, err := e.tasks.Complete(e.ctx, e.repA, c.Items[0].TaskID, 1, civil.D(2020, time.August, 20), "Đã tổ chức 2 lớp")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.tasks.Confirm(e.ctx, e.lead, done.ID, done.Version); err != nil {
			t.Fatal(err)
		}
		e.clk.Set(ict(2020, time.September, 20, 9, 0))
		next := e.conference("Giao ban quý III", ict(2020, time.September, 30, 8, 0), e.sa, e.sb)
		if _, _, err := e.svc.SetAgenda(e.ctx, e.spec, next.ID, next.Version, []meeting.AgendaItem{
			{Title: "Báo cáo 9 tháng", RegimeID: 0}, {Title: "Kết quả quý III", Notes: "không gắn báo cáo"}}); err != nil {
			t.Fatal(err)
		}
		p, err := e.svc.Prepare(e.ctx, e.lead, next.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Previous == nil || p.Previous.ID != prev.ID || len(p.Items) != 3 {
			t.Fatalf("preparation: %+v", p)
		}
		want := []task.Status{task.DoneOnTime, task.Overdue, task.NoDeadline}
		for i, it := range p.Items {
			if it.Task == nil || it.Task.Status != want[i] {
				t.Errorf("item %d %q: task %+v, want %s", i, it.Item.Text, it.Task, want[i])
			}
		}
		if p.Counts[task.Overdue] != 1 || p.Counts[task.DoneOnTime] != 1 || len(p.Reports) != 0 {
			t.Errorf("counts %v, reports %v", p.Counts, p.Reports)
		}
		if first, _ := e.svc.Prepare(e.ctx, e.lead, prev.ID); first.Previous != nil {
			t.Errorf("the first conference has a previous one: %+v", first.Previous)
		}
	})
}

// TestConcurrentIssuesGetDistinctNumbers: notices issued at the same time
// take consecutive numbers, never the same one.
func TestConcurrentIssuesGetDistinctNumbers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		const n = 6
		var ids, versions [n]int64
		for i := range n {
			m := e.conference("Giao ban "+strconv.Itoa(i), ict(2020, time.June, 1+i, 8, 0), e.sa)
			c := e.draft(m, meeting.Item{Text: "Việc", LeadUnitID: e.sa.ID})
			ids[i], versions[i] = m.ID, int64(c.Version)
		}
		var wg sync.WaitGroup
		numbers := make([]int, n)
		for i := range n {
			wg.Go(func() {
				c, err := e.svc.IssueConclusion(e.ctx, e.lead, ids[i], int(versions[i]))
				if err != nil {
					t.Errorf("issue %d: %v", i, err)
				}
				numbers[i] = c.Number
			})
		}
		wg.Wait()
		slices.Sort(numbers)
		if !slices.Equal(numbers, []int{1, 2, 3, 4, 5, 6}) {
			t.Errorf("numbers %v, want 1…6", numbers)
		}
	})
}
