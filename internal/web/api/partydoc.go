package api

import (
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/document"
	"github.com/khoagiao/khoagiao/internal/meeting"
)

// TextBlocks lays text typed in a form out as the body of a Party
// document: a paragraph per line, a dash item per line starting "- ";
// empty lines are dropped. The consolidated report and the conclusion
// notice share it, so a text reads the same in both.
func TextBlocks(text string) []document.Block {
	var out []document.Block
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "- "):
			out = append(out, document.Block{Kind: document.BlockBullet, Text: strings.TrimPrefix(line, "- ")})
		default:
			out = append(out, document.Block{Kind: document.BlockParagraph, Text: line})
		}
	}
	return out
}

// ConclusionDoc lays a conclusion notice out as a Party document (Hướng
// dẫn 36-HD/VPTW): "THÔNG BÁO", the subject, the opening, the items
// numbered 1., 2., … each followed by a dash line naming its lead unit,
// supporting units and deadline, the closing, the signature and the recipients. An issued notice
// carries its number, date and the header it was issued with; a draft
// leaves the number blank and is dated now.
func ConclusionDoc(c meeting.Conclusion, now time.Time) document.PartyDoc {
	date := now
	if c.IssuedAt != nil {
		date = *c.IssuedAt
	}
	d := document.PartyDoc{SuperiorBody: c.SuperiorBody, IssuingBody: c.IssuingBody, Number: c.Number,
		TypeCode: meeting.TypeCode, Symbol: c.Symbol, Place: c.Place, Date: date, TypeName: "THÔNG BÁO", Subject: c.Subject,
		Signature:  document.Signature{Authority: c.Signer.Authority, Position: c.Signer.Position, Name: c.Signer.Name},
		Recipients: c.Recipients}
	d.Body = TextBlocks(c.Intro)
	for _, it := range c.Items {
		d.Body = append(d.Body, document.Block{Kind: document.BlockItem, Text: it.Text})
		// The assignment is a dash line of its own, not a line break in the
		// item: a justified line ending in a break is stretched word by word.
		if a := it.Assignment(); a != "" {
			d.Body = append(d.Body, document.Block{Kind: document.BlockBullet, Text: a})
		}
	}
	d.Body = append(d.Body, TextBlocks(c.Closing)...)
	return d
}
