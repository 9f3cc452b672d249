package reminder_test

import (
	"context"
	"mime"
	"net/mail"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/mailer"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reminder"
)

// TestDirectiveEmail: issuing a directive notifies both units in-app; the
// next scan e-mails it once to the user whose preferences allow it, and
// never again.
func TestDirectiveEmail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e, ctx := newEnv(t, db), context.Background()
		be, host, port := smtpServer(t)
		m, err := mailer.New(mailer.Config{Host: host, Port: port, From: "khoagiao@example.vn", TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.notice.SetPrefs(ctx, e.repB, map[string]bool{notice.KindDirective: false}); err != nil {
			t.Fatal(err)
		}
		o := org.NewService(db, org.Options{})
		if err := o.SetSettings(ctx, org.SystemActor("test"), map[string]string{org.SettingBoardSymbol: "BTGTU"}); err != nil {
			t.Fatal(err)
		}
		board := org.Actor{Username: "chuyenvien", System: true, Roles: []org.Role{org.RoleAdmin}}
		d, err := e.notice.Create(ctx, board, notice.Directive{TypeCode: "HD", Title: "Hướng dẫn thử thư", Body: "Nội dung",
			UnitIDs: []int64{e.repA.UnitID, e.repB.UnitID}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.notice.Issue(ctx, board, d.ID, d.Version); err != nil {
			t.Fatal(err)
		}
		mj := reminder.Mail{Notice: e.notice, Sender: m, BaseURL: "https://kg.example.vn"}
		directiveMails := func() int {
			ids, err := e.scan.Scan(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if err := mj.SendOne(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			n := 0
			for _, msg := range be.msgs {
				x, err := mail.ReadMessage(strings.NewReader(msg.data))
				if err != nil {
					t.Fatal(err)
				}
				subject, _ := new(mime.WordDecoder).DecodeHeader(x.Header.Get("Subject"))
				if strings.Contains(subject, "Hướng dẫn thử thư") {
					n++
					if !strings.Contains(msg.to, "a.baocao@") {
						t.Errorf("directive mailed to %q", msg.to)
					}
				}
			}
			return n
		}
		if n := directiveMails(); n != 1 {
			t.Fatalf("%d directive e-mails, want 1 (repB turned them off)", n)
		}
		if n := directiveMails(); n != 1 {
			t.Fatalf("after a second scan %d directive e-mails, want still 1", n)
		}
	})
}
