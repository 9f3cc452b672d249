package search

import (
	"context"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Directives: once issued, the recipient units; before, the Board's draft
// (notice.canSee).
const allDirectives = `SELECT id, updated_at FROM directives`

func loadDirectives(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	recipients, err := pairs(ctx, q, `SELECT directive_id, unit_id FROM directive_units WHERE directive_id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var out []Doc
	err = queryRows(ctx, q, `SELECT id, symbol, title, body, issued_at, created_at, updated_at FROM directives WHERE id IN (?)`, ids,
		func(scan func(...any) error) error {
			var d Doc
			var symbol string
			var issued *time.Time
			var created time.Time
			if err := scan(&d.RefID, &symbol, &d.Title, &d.Body, &issued, &created, &d.Stamp); err != nil {
				return err
			}
			d.Kind, d.Units, d.URL = KindDirective, recipients[d.RefID], "/directives/"+id(d.RefID)
			d.Status, d.Day = "draft", dayOf(created)
			if issued != nil {
				d.Status, d.Day, d.Readers = "issued", dayOf(*issued), unitReaders(d.Units...)
				d.Body = joinText("Số "+symbol, d.Body)
			}
			out = append(out, d)
			return nil
		})
	return out, err
}

// Messages: the thread's unit and the Board (notice.canSeeThread); a reply
// opens its thread.
const allMessages = `SELECT id, created_at FROM messages`

func loadMessages(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	var out []Doc
	err := queryRows(ctx, q, `SELECT m.id, m.unit_id, m.subject, m.body, m.parent_id, m.author, m.created_at, COALESCE(p.subject, '')
		FROM messages m LEFT JOIN messages p ON p.id = m.parent_id WHERE m.id IN (?)`, ids, func(scan func(...any) error) error {
		var d Doc
		var parent *int64
		var author, parentSubject string
		if err := scan(&d.RefID, &d.UnitID, &d.Title, &d.Body, &parent, &author, &d.Stamp, &parentSubject); err != nil {
			return err
		}
		d.Kind, d.Units, d.Readers, d.Day = KindMessage, []int64{d.UnitID}, unitReaders(d.UnitID), dayOf(d.Stamp)
		d.URL = "/messages/" + id(d.RefID)
		if parent != nil {
			d.Title, d.URL = "Trả lời: "+parentSubject, "/messages/"+id(*parent)
		}
		if d.Title == "" {
			d.Title = "Trao đổi của " + author
		}
		out = append(out, d)
		return nil
	})
	return out, err
}
