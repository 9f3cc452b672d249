package meeting_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestCreateUpdateConflict(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		start := ict(2020, time.June, 30, 8, 0)
		m := e.conference("Hội nghị giao ban công tác khoa giáo 6 tháng đầu năm 2020", start, e.sa, e.sb, e.sa)
		if m.Version != 1 || m.Status != meeting.Draft || len(m.UnitIDs) != 2 || len(m.Units) != 2 || m.CreatedBy != "chuyenvien" {
			t.Fatalf("created: %+v", m)
		}
		if !m.StartsAt.Equal(start) || m.StartsAt.Location() != time.UTC {
			t.Errorf("starts_at %v, want %v in UTC", m.StartsAt, start)
		}
		bad := m
		bad.EndsAt = start.Add(-time.Hour)
		if _, err := e.svc.Update(e.ctx, e.spec, m.ID, bad); wantKind(t, err, apperr.KindInvalid, "end before start").Fields["ends_at"] == "" {
			t.Errorf("no ends_at message: %v", err)
		}

		first := m
		first.Place, first.UnitIDs = "Hội trường Ban Tuyên giáo", []int64{e.sa.ID, e.sb.ID, e.sc.ID}
		got, err := e.svc.Update(e.ctx, e.spec, m.ID, first)
		if err != nil || got.Version != 2 || got.Place != "Hội trường Ban Tuyên giáo" || len(got.UnitIDs) != 3 {
			t.Fatalf("update: %+v, %v", got, err)
		}
		second := m // read at version 1
		second.Title = "Hội nghị giao ban (sửa cùng lúc)"
		_, err = e.svc.Update(e.ctx, e.spec, m.ID, second)
		ce := wantKind(t, err, apperr.KindConflict, "stale update")
		cur, ok := ce.Detail.(map[string]any)["current"].(meeting.Meeting)
		if !ok || cur.Version != 2 || cur.Place != "Hội trường Ban Tuyên giáo" {
			t.Errorf("conflict detail: %#v", ce.Detail)
		}
		concluded := got
		concluded.Status = meeting.Concluded
		if _, err := e.svc.Update(e.ctx, e.spec, m.ID, concluded); err == nil {
			t.Error("a conference was marked concluded without a notice")
		}
		for _, a := range []struct {
			name string
			err  error
		}{
			{"reporter creates", func() error { _, err := e.svc.Create(e.ctx, e.repA, m); return err }()},
			{"leader updates", func() error { _, err := e.svc.Update(e.ctx, e.lead, m.ID, got); return err }()},
		} {
			wantKind(t, a.err, apperr.KindForbidden, a.name)
		}
	})
}

func TestVisibilityForUnits(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		ab := e.conference("Giao ban quý II", ict(2020, time.June, 30, 8, 0), e.sa, e.sb)
		c := e.conference("Chuyên đề môi trường", ict(2020, time.July, 10, 8, 0), e.sc)
		// The reporter of Sở B is also invited in person to the second one.
		c.People = []meeting.Person{{UserID: e.repB.UserID}, {Name: "Đại diện UBND tỉnh", Note: "khách mời"}}
		c, err := e.svc.Update(e.ctx, e.spec, c.ID, c)
		if err != nil || len(c.People) != 2 || c.People[1].Name != "Đại diện UBND tỉnh" {
			t.Fatalf("invite people: %+v, %v", c.People, err)
		}
		ids := func(ms []meeting.Meeting) []int64 {
			var out []int64
			for _, m := range ms {
				out = append(out, m.ID)
			}
			return out
		}
		for _, tc := range []struct {
			name string
			list []int64
			want []int64
		}{
			{"board", ids(must(e.svc.List(e.ctx, e.lead, meeting.Filter{}, false))), []int64{ab.ID, c.ID}},
			{"Sở A", ids(must(e.svc.List(e.ctx, e.repA, meeting.Filter{}, false))), []int64{ab.ID}},
			{"Sở B and in person", ids(must(e.svc.List(e.ctx, e.repB, meeting.Filter{}, false))), []int64{ab.ID, c.ID}},
			{"search", ids(must(e.svc.List(e.ctx, e.lead, meeting.Filter{Q: "moi truong"}, false))), []int64{c.ID}},
		} {
			if !slices.Equal(tc.list, tc.want) {
				t.Errorf("%s lists %v, want %v", tc.name, tc.list, tc.want)
			}
		}
		_, err = e.svc.Find(e.ctx, e.repA, c.ID)
		wantKind(t, err, apperr.KindForbidden, "Sở A reads a conference it is not invited to")
		if _, err := e.svc.Detail(e.ctx, e.repA, ab.ID); err != nil {
			t.Errorf("invited unit reads the detail: %v", err)
		}
	})
}

func TestUnitUsersCannotOrganise(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		m := e.conference("Giao ban", ict(2020, time.June, 30, 8, 0), e.sa)
		a := e.repA
		calls := map[string]func() error{
			"agenda":     func() error { _, _, err := e.svc.SetAgenda(e.ctx, a, m.ID, m.Version, nil); return err },
			"attendance": func() error { _, _, err := e.svc.SetAttendance(e.ctx, a, m.ID, m.Version, nil); return err },
			"minutes":    func() error { _, err := e.svc.SaveMinutes(e.ctx, a, m.ID, 0, "x"); return err },
			"conclusion": func() error {
				_, err := e.svc.SaveConclusion(e.ctx, a, m.ID, meeting.Conclusion{Subject: "x"})
				return err
			},
			"issue":                 func() error { _, err := e.svc.IssueConclusion(e.ctx, a, m.ID, 1); return err },
			"prepare":               func() error { _, err := e.svc.Prepare(e.ctx, a, m.ID); return err },
			"read the draft notice": func() error { _, err := e.svc.Conclusion(e.ctx, a, m.ID); return err },
			"attach":                func() error { _, err := e.svc.Attach(e.ctx, a, m.ID, 0, "a.pdf", []byte("%PDF-1.4\n")); return err },
		}
		for name, call := range calls {
			wantKind(t, call(), apperr.KindForbidden, name)
		}
	})
}

func TestAgendaKeepsItemsAndFiles(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		m := e.conference("Giao ban", ict(2020, time.June, 30, 8, 0), e.sa, e.sb)
		items := []meeting.AgendaItem{
			{Title: "Báo cáo kết quả 6 tháng", PresentingUnitID: e.sa.ID, From: "08:00", To: "08:30"},
			{Title: "Thảo luận", From: "08:30", To: "10:00"},
		}
		m, got, err := e.svc.SetAgenda(e.ctx, e.spec, m.ID, m.Version, items)
		if err != nil || len(got) != 2 || m.Version != 2 || got[0].PresentingUnit == nil || got[0].PresentingUnit.Code != "SA" {
			t.Fatalf("agenda: %+v, %v", got, err)
		}
		if _, err := e.svc.Attach(e.ctx, e.spec, m.ID, got[1].ID, "thao-luan.pdf", []byte("%PDF-1.4\n%…\n")); err != nil {
			t.Fatal(err)
		}
		// Reordered, the first dropped, one added: the kept item keeps its id and file.
		next := []meeting.AgendaItem{{Title: "Khai mạc", From: "07:45", To: "08:00"}, got[1]}
		_, after, err := e.svc.SetAgenda(e.ctx, e.spec, m.ID, m.Version, next)
		if err != nil || len(after) != 2 || after[1].ID != got[1].ID || len(after[1].Attachments) != 1 || after[0].Position != 1 {
			t.Fatalf("replaced agenda: %+v, %v", after, err)
		}
		_, _, err = e.svc.SetAgenda(e.ctx, e.spec, m.ID, m.Version, next)
		wantKind(t, err, apperr.KindConflict, "agenda with a stale version")
		bad := []meeting.AgendaItem{{Title: "Giờ sai", From: "8h", To: "07:00"}}
		err = func() error { _, _, err := e.svc.SetAgenda(e.ctx, e.spec, m.ID, m.Version+1, bad); return err }()
		if f := wantKind(t, err, apperr.KindInvalid, "bad slot").Fields; f["items[0].from"] == "" {
			t.Errorf("fields %v", f)
		}
	})
}

func TestAttendanceIsAllOrNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		m := e.conference("Giao ban", ict(2020, time.June, 30, 8, 0), e.sa, e.sb)
		rows := []meeting.Attendance{{UnitID: e.sa.ID, Status: meeting.Present},
			{UnitID: e.sb.ID, Status: meeting.Represented, RepresentedBy: "Phó Giám đốc"}}
		m, got, err := e.svc.SetAttendance(e.ctx, e.spec, m.ID, m.Version, rows)
		if err != nil || len(got) != 2 || got[1].Status != meeting.Represented || got[0].Unit.Code != "SA" {
			t.Fatalf("attendance: %+v, %v", got, err)
		}
		// Sở C was not invited: nothing of this second list is written.
		next := []meeting.Attendance{{UnitID: e.sa.ID, Status: meeting.Absent, Reason: "Đi công tác"}, {UnitID: e.sc.ID, Status: meeting.Present}}
		_, _, err = e.svc.SetAttendance(e.ctx, e.spec, m.ID, m.Version, next)
		wantKind(t, err, apperr.KindInvalid, "an uninvited unit")
		stored, _ := e.svc.Attendance(e.ctx, e.spec, m.ID)
		if len(stored) != 2 || stored[0].Status != meeting.Present {
			t.Errorf("after the refused list: %+v", stored)
		}
		// Un-inviting a unit drops its row.
		m.UnitIDs = []int64{e.sa.ID}
		if _, err := e.svc.Update(e.ctx, e.spec, m.ID, m); err != nil {
			t.Fatal(err)
		}
		if stored, _ := e.svc.Attendance(e.ctx, e.spec, m.ID); len(stored) != 1 {
			t.Errorf("rows after un-inviting Sở B: %+v", stored)
		}
	})
}

func TestMinutesConflictCarriesBothTexts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		m := e.conference("Giao ban", ict(2020, time.June, 30, 8, 0), e.sa)
		one, err := e.svc.SaveMinutes(e.ctx, e.spec, m.ID, 0, "Khai mạc lúc 8 giờ.")
		if err != nil || one.Version != 1 {
			t.Fatalf("first save: %+v, %v", one, err)
		}
		_, err = e.svc.SaveMinutes(e.ctx, e.spec, m.ID, 0, "Bản của người thứ hai.")
		ce := wantKind(t, err, apperr.KindConflict, "second writer")
		b, _ := json.Marshal(ce.Detail)
		if !strings.Contains(string(b), "Khai mạc lúc 8 giờ.") || !strings.Contains(string(b), "Bản của người thứ hai.") ||
			!strings.Contains(string(b), `"minutes_version":1`) {
			t.Errorf("conflict detail lacks a text: %s", b)
		}
		two, err := e.svc.SaveMinutes(e.ctx, e.spec, m.ID, one.Version, "Khai mạc lúc 8 giờ.\nĐại biểu thảo luận.")
		if err != nil || two.Version != 2 {
			t.Fatalf("second save: %+v, %v", two, err)
		}
		if got, _ := e.svc.Find(e.ctx, e.spec, m.ID); got.Minutes.Text != two.Text || got.Version != m.Version {
			t.Errorf("stored minutes %+v; the conference version moved %d→%d", got.Minutes, m.Version, got.Version)
		}
		if got, _ := e.svc.Find(e.ctx, e.repA, m.ID); got.Minutes.Text != "" {
			t.Errorf("an invited unit reads the minutes before the conclusion: %q", got.Minutes.Text)
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
