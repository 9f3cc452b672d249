package meeting_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// feed parses a user's feed with a real iCalendar parser, checking the
// octet limit of every line, and returns the events by UID.
func feed(t *testing.T, e *env, token string) map[string]goical.Event {
	t.Helper()
	b, err := e.svc.CalendarFeed(e.ctx, token, "https://kg.example/")
	if err != nil {
		t.Fatalf("feed: %v", err)
	}
	if !bytes.HasSuffix(b, []byte("END:VCALENDAR\r\n")) {
		t.Errorf("feed does not end with END:VCALENDAR CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
		if len(l) > 75 || strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has %d octets or a bare line break: %q", i, len(l), l)
		}
	}
	cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, b)
	}
	if err := goical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Errorf("the parser's encoder refuses the calendar: %v", err)
	}
	out := map[string]goical.Event{}
	for _, ev := range cal.Events() {
		uid, _ := ev.Props.Text(goical.PropUID)
		out[uid] = ev
	}
	return out
}

func TestCalendarFeed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		start := ict(2020, time.June, 30, 8, 0)
		m := e.conference("Hội nghị giao ban công tác khoa giáo 6 tháng đầu năm, triển khai nhiệm vụ; 6 tháng cuối năm 2020",
			start, e.sa, e.sb)
		m.Place, m.OnlineLink = "Hội trường Tỉnh ủy, số 1 Hùng Vương", "https://hop.example/khoagiao"
		m, err := e.svc.Update(e.ctx, e.spec, m.ID, m)
		if err != nil {
			t.Fatal(err)
		}
		other := e.conference("Chuyên đề, chỉ Sở C", start.Add(48*time.Hour), e.sc)
		c := e.draft(m, meeting.Item{Text: "Báo cáo kết quả, đề xuất; kiến nghị", LeadUnitID: e.sa.ID, Due: civil.D(2020, time.December, 31)},
			meeting.Item{Text: "Việc của Sở B", LeadUnitID: e.sb.ID, Due: civil.D(2020, time.October, 15)})
		if _, err := e.svc.IssueConclusion(e.ctx, e.lead, m.ID, c.Version); err != nil {
			t.Fatal(err)
		}
		c, _ = e.svc.Conclusion(e.ctx, e.spec, m.ID)

		if at, _ := e.svc.CalendarTokenCreated(e.ctx, e.repA); at != nil {
			t.Fatalf("a token before any was made: %v", at)
		}
		token, err := e.svc.RotateCalendarToken(e.ctx, e.repA)
		if err != nil || !strings.HasPrefix(token, meeting.CalendarTokenPrefix) || len(token) < 40 {
			t.Fatalf("token %q, %v", token, err)
		}
		evs := feed(t, e, token)
		mu, tu := "meeting-"+itoa(m.ID)+"@khoagiao", "task-"+itoa(c.Items[0].TaskID)+"@khoagiao"
		if len(evs) != 2 || evs[mu].Component == nil || evs[tu].Component == nil {
			t.Fatalf("Sở A's feed has %d events, want its conference and its task: %v", len(evs), keys(evs))
		}
		if _, ok := evs["meeting-"+itoa(other.ID)+"@khoagiao"]; ok {
			t.Error("the feed shows a conference Sở A is not invited to")
		}
		ev := evs[mu]
		if s, _ := ev.Props.Text(goical.PropSummary); s != m.Title {
			t.Errorf("summary %q, want %q", s, m.Title)
		}
		if l, _ := ev.Props.Text(goical.PropLocation); l != m.Place {
			t.Errorf("location %q", l)
		}
		if d, _ := ev.Props.Text(goical.PropDescription); !strings.Contains(d, "\nTrực tuyến: https://hop.example/khoagiao") {
			t.Errorf("description %q", d)
		}
		if p := ev.Props.Get(goical.PropDateTimeStart); p.Value != "20200630T010000Z" {
			t.Errorf("DTSTART %q, want 20200630T010000Z (08:00 in Hà Nội, in UTC)", p.Value)
		}
		if end, _ := ev.DateTimeEnd(nil); !end.Equal(start.Add(3 * time.Hour)) {
			t.Errorf("end %v", end)
		}
		if u, _ := ev.Props.URI(goical.PropURL); u == nil || u.String() != "https://kg.example/meetings/"+itoa(m.ID) {
			t.Errorf("URL %v", u)
		}
		task := evs[tu]
		if p := task.Props.Get(goical.PropDateTimeStart); p.ValueType() != goical.ValueDate || p.Value != "20201231" {
			t.Errorf("task start %+v, want the all-day date 20201231", p)
		}
		if s, _ := task.Props.Text(goical.PropSummary); s != "Hạn: Báo cáo kết quả, đề xuất; kiến nghị" {
			t.Errorf("task summary %q", s)
		}

		// UIDs are stable; a change raises the sequence.
		m, _ = e.svc.Find(e.ctx, e.spec, m.ID) // the issue moved it to "concluded"
		m.Place = "Hội trường Ban Tuyên giáo"
		if _, err := e.svc.Update(e.ctx, e.spec, m.ID, m); err != nil {
			t.Fatal(err)
		}
		again := feed(t, e, token)
		seq := func(ev goical.Event) int { n, _ := ev.Props.Get(goical.PropSequence).Int(); return n }
		if again[mu].Component == nil || seq(again[mu]) <= seq(ev) {
			t.Errorf("after a change: event %v, sequence %d → %d", again[mu].Component != nil, seq(ev), seq(again[mu]))
		}

		// The Board sees every conference and its own unit's tasks (none here).
		lt, _ := e.svc.RotateCalendarToken(e.ctx, e.lead)
		if board := feed(t, e, lt); len(board) != 2 {
			t.Errorf("board feed has %d events, want both conferences", len(board))
		}

		// Rotation: the old secret stops working at once.
		newer, _ := e.svc.RotateCalendarToken(e.ctx, e.repA)
		_, err = e.svc.CalendarFeed(e.ctx, token, "https://kg.example")
		wantKind(t, err, apperr.KindNotFound, "old token after rotation")
		feed(t, e, newer)
		_, err = e.svc.CalendarFeed(e.ctx, "kgc_khong-phai", "https://kg.example")
		wantKind(t, err, apperr.KindNotFound, "made-up token")
		// A deactivated user's subscription stops too.
		off := false
		if _, err := e.org.UpdateUser(e.ctx, org.SystemActor("test"), e.repA.UserID, org.UserPatch{Active: &off, Version: 1}); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.CalendarFeed(e.ctx, newer, "https://kg.example")
		wantKind(t, err, apperr.KindNotFound, "inactive user")
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func keys(m map[string]goical.Event) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
