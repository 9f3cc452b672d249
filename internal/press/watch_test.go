package press

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestMatch(t *testing.T) {
	rules := []WatchRule{
		{ID: 1, Name: "Môi trường", Phrases: "ô nhiễm\nxả thải\n  \nchất thải rắn", Active: true},
		{ID: 2, Name: "Y tế", Phrases: "ngộ độc thực phẩm\nbệnh viện", Active: true},
		{ID: 3, Name: "Địa bàn", UsePlaceNames: true, Active: true},
		{ID: 4, Name: "Tắt", Phrases: "học sinh", Active: false},
		{ID: 5, Name: "Hòa", Phrases: "Hoà Bình", Active: true},
	}
	places := []string{PlaceName("Tỉnh Đắk Lắk"), PlaceName("Xã Ea Kar"), PlaceName("Phường 1")}
	if places[0] != "dak lak" || places[1] != "ea kar" || places[2] != "" {
		t.Fatalf("place names %q", places)
	}
	type hit struct {
		rule int64
		text string
	}
	for _, tc := range []struct {
		title, summary string
		want           []hit
	}{
		{"Ô nhiễm sông Sài Gòn", "", []hit{{1, "Ô nhiễm"}}},
		{"O NHIEM song", "Nha may XA THAI", []hit{{1, "O NHIEM"}, {1, "XA THAI"}}},
		{norm.NFD.String("Người dân phản ánh ô nhiễm"), "", []hit{{1, norm.NFD.String("ô nhiễm")}}},
		{"Trường học Hòa Bình", "", []hit{{5, "Hòa Bình"}}},
		{"Trường học Hoà Bình", "", []hit{{5, "Hoà Bình"}}},
		{"hoa binh", "", []hit{{5, "hoa binh"}}},
		{"Ônhiễm không phải", "nhiễm ô", nil}, // whole words only
		{"Bệnh viện tỉnh Đắk Lắk", "", []hit{{2, "Bệnh viện"}, {3, "Đắk Lắk"}}},
		{"Học sinh nghỉ học", "", nil}, // inactive rule
		{"Vụ ngộ độc thực phẩm ở Ea Kar", "", []hit{{2, "ngộ độc thực phẩm"}, {3, "Ea Kar"}}},
		{"Chất thải", "chất thải rắn,", []hit{{1, "chất thải rắn"}}}, // the phrase must be complete
		{"Phường 1 họp dân", "", nil},
		{"\u200bô\u200b nhiễm\u00ad", "", []hit{{1, "ô\u200b nhiễm\u00ad"}}}, // invisible characters stay in their word
	} {
		got := Match(ItemText{tc.title, tc.summary}, rules, places)
		if len(got) != len(tc.want) {
			t.Errorf("%q %q: %d matches %+v, want %d", tc.title, tc.summary, len(got), got, len(tc.want))
			continue
		}
		for i, m := range got {
			text := tc.title
			if m.In == "summary" {
				text = tc.summary
			}
			if m.RuleID != tc.want[i].rule || text[m.Start:m.End] != tc.want[i].text {
				t.Errorf("%q: match %d = rule %d %q, want %+v", tc.title, i, m.RuleID, text[m.Start:m.End], tc.want[i])
			}
		}
	}
}

func TestSegments(t *testing.T) {
	it := FeedItem{Title: "Ô nhiễm <sông> ô nhiễm"}
	it.Matches = Match(ItemText{Title: it.Title}, []WatchRule{{ID: 1, Phrases: "ô nhiễm\nnhiễm sông", Active: true}}, nil)
	var b strings.Builder
	for _, s := range it.Segments("title") {
		if s.Mark {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	if b.String() != "[Ô nhiễm][ <sông]> [ô nhiễm]" {
		t.Errorf("segments %q", b.String())
	}
}

var benchWords = strings.Fields("ô nhiễm môi trường xả thải chất thải rắn bệnh viện ngộ độc thực phẩm học sinh giáo viên trường học khoa học công nghệ " +
	"lao động việc làm người dân phản ánh chính quyền địa phương xã phường tỉnh huyện nhà máy sông suối rừng đất đai khoáng sản giá điện nước sạch")

func benchData(nItems, nRules int) ([]ItemText, []WatchRule, []string) {
	r := rand.New(rand.NewPCG(1, 2))
	phrase := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = benchWords[r.IntN(len(benchWords))]
		}
		return strings.Join(w, " ")
	}
	rules := make([]WatchRule, nRules)
	for i := range rules {
		var ps []string
		for j := 0; j < 5; j++ {
			ps = append(ps, phrase(2+r.IntN(2))+fmt.Sprint(" x", i, j%2))
		}
		ps = append(ps, phrase(2))
		rules[i] = WatchRule{ID: int64(i + 1), Name: fmt.Sprint("R", i), Phrases: strings.Join(ps, "\n"), UsePlaceNames: i%50 == 0, Active: true}
	}
	var places []string
	for i := 0; i < 3000; i++ {
		places = append(places, PlaceName(fmt.Sprintf("Xã %s %c%c%d", phrase(1), 'a'+rune(r.IntN(26)), 'a'+rune(r.IntN(26)), i)))
	}
	items := make([]ItemText, nItems)
	for i := range items {
		items[i] = ItemText{Title: phrase(12), Summary: phrase(40)}
	}
	return items, rules, places
}

// TestMatchSpeed: 10,000 items against 200 rules well within a second.
func TestMatchSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	items, rules, places := benchData(10000, 200)
	start := time.Now()
	m := NewMatcher(rules, places)
	hits := 0
	for _, it := range items {
		hits += len(m.Match(it))
	}
	if d := time.Since(start); d > time.Second || hits == 0 {
		t.Errorf("10,000 items × 200 rules: %v, %d hits", d, hits)
	}
}

// BenchmarkMatch matches 10,000 items against 200 rules per iteration.
func BenchmarkMatch(b *testing.B) {
	items, rules, places := benchData(10000, 200)
	b.ResetTimer()
	for b.Loop() {
		m := NewMatcher(rules, places)
		for _, it := range items {
			m.Match(it)
		}
	}
}
