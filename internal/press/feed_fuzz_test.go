package press

import (
	"testing"
	"unicode/utf8"
)

// FuzzParseFeed: arbitrary bytes through the decode and parse path never
// panic, and what parses is valid UTF-8.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(rss(rssItem("Ô nhiễm", "https://a.example/x", "mô tả"))), "application/rss+xml", "")
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"windows-1258\"?><rss><channel><item><title>Ho\xcca</title></item></channel></rss>"), "", "")
	f.Add([]byte("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>x</title></entry></feed>"), "text/xml; charset=iso-8859-1", "")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"url":"https://a.example"}]}`), "application/json", "")
	f.Add([]byte("\xff\xfe<\x00r\x00s\x00s\x00"), "", "")
	f.Add([]byte("<rss><channel><item><title>gãy"), "", "windows-1258")
	f.Fuzz(func(t *testing.T, body []byte, contentType, declared string) {
		feed, err := ParseFeed(body, contentType, declared)
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			if it != nil && (!utf8.ValidString(it.Title) || !utf8.ValidString(it.Description)) {
				t.Errorf("invalid UTF-8 in %q", it.Title)
			}
			if it != nil {
				_ = itemLink(it)
			}
		}
	})
}

// FuzzMatch: any text and phrase match without panicking, and every range
// lies on rune boundaries of the original text.
func FuzzMatch(f *testing.F) {
	f.Add("Ô nhiễm sông Đồng Nai", "nhà máy xả thải", "ô nhiễm\nxả thải")
	f.Add("Hoà Bình", "hòa bình", "Hòa Bình")
	f.Add("ho\u0300a bi\u0300nh", "", "hoà")
	f.Add("\u200b\u00ad", "\xff\xfe", "\u0301")
	f.Fuzz(func(t *testing.T, title, summary, phrases string) {
		ms := Match(ItemText{title, summary}, []WatchRule{{ID: 1, Phrases: phrases, Active: true, UsePlaceNames: true}}, []string{PlaceName(phrases)})
		for _, m := range ms {
			text := title
			if m.In == "summary" {
				text = summary
			}
			bad := m.Start < 0 || m.End > len(text) || m.Start >= m.End
			// On valid UTF-8 the range lies on rune boundaries (invalid
			// bytes are single-byte separators, so RuneStart says nothing).
			if !bad && utf8.ValidString(text) {
				bad = !utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End]))
			}
			if bad {
				t.Fatalf("bad range %+v in %q", m, text)
			}
		}
		it := FeedItem{Title: title, Summary: summary, Matches: ms}
		n := 0
		for _, s := range it.Segments("title") {
			n += len(s.Text)
		}
		if n != len(title) {
			t.Fatalf("segments cover %d of %d bytes", n, len(title))
		}
	})
}
