package search

import (
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
)

func TestTerms(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"Phòng, chống DỊCH", "phong chong dich"},
		{"đảng  Đảng dang", "dang"},
		{"COVID-19", "covid 19"},
		{"  ,;  ", ""},
		{"hoà hòa thuỷ thủy", "hoa thuy"},
		{"a b c d e f g h i j", "a b c d e f g h"},
		{strings.Repeat("x", 65) + " ok", "ok"},
	} {
		if got := strings.Join(Terms(tc.q), " "); got != tc.want {
			t.Errorf("Terms(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

// The marks land on the original bytes whatever the input's form: NFD,
// zero-width characters inside words, the old tone placement.
func TestHighlightKeepsTheOriginal(t *testing.T) {
	for _, tc := range []struct{ text, q, want string }{
		{"Bảo vệ môi trường", "moi truong", "Bảo vệ <mark>môi</mark> <mark>trường</mark>"},
		{"Mo\u0302i tru\u031bo\u0302\u0300ng xanh", "môi trường", "<mark>Mo\u0302i</mark> <mark>tru\u031bo\u0302\u0300ng</mark> xanh"},
		{"Ho\u200bà giải cơ sở", "hoa giai", "<mark>Ho\u200bà</mark> <mark>giải</mark> cơ sở"},
		{"Đảng bộ <script>", "dang", "<mark>Đảng</mark> bộ &lt;script&gt;"},
		{"COVID-19 & cúm", "covid 19", "<mark>COVID</mark>-<mark>19</mark> &amp; cúm"},
		{"không khớp", "xyz", "không khớp"},
	} {
		if got := HTML(Highlight(tc.text, Terms(tc.q))); got != tc.want {
			t.Errorf("Highlight(%q, %q) = %q, want %q", tc.text, tc.q, got, tc.want)
		}
	}
}

func TestSnippetWindow(t *testing.T) {
	filler := strings.Repeat("một hai ba bốn năm sáu bảy tám chín mười ", 10)
	long := filler + "đoạn có phòng, chống dịch bệnh ở đây\n\n" + filler
	sn := HTML(Snippet(long, Terms("phong chong dich")))
	if !strings.HasPrefix(sn, "… ") || !strings.HasSuffix(sn, " …") || !strings.Contains(sn, "<mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark> bệnh ở đây một") {
		t.Errorf("snippet %q", sn)
	}
	if n := len(strings.Fields(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(sn))); n > snippetWords+3 {
		t.Errorf("snippet of %d words: %q", n, sn)
	}
	// The window with the most distinct words wins over an earlier lone match.
	two := "dịch " + filler + "phòng chống dịch " + filler
	if sn := HTML(Snippet(two, Terms("phong chong dich"))); !strings.Contains(sn, "<mark>phòng</mark> <mark>chống</mark> <mark>dịch</mark>") {
		t.Errorf("best window not chosen: %q", sn)
	}
	if sn := HTML(Snippet("Ngắn gọn.", Terms("xyz"))); sn != "Ngắn gọn." {
		t.Errorf("short text without a match: %q", sn)
	}
	if sn := Snippet("", Terms("x")); sn != nil {
		t.Errorf("empty text: %v", sn)
	}
}

func TestReaders(t *testing.T) {
	board := org.Actor{UserID: 1, UnitID: 1, Roles: []org.Role{org.RoleBoardLeader}}
	rep := org.Actor{UserID: 7, UnitID: 3, Roles: []org.Role{org.RoleUnitReporter}}
	viewer := org.Actor{UserID: 8, UnitID: 3, Roles: []org.Role{org.RoleViewer}}
	for _, tc := range []struct {
		a       org.Actor
		readers string
		want    bool
	}{
		{board, "", true}, {board, "u9", true},
		{rep, "u3", true}, {rep, "u4 p7", true}, {rep, "all", true}, {rep, "", false}, {rep, "u33 p70", false},
		{viewer, "u3", true}, {viewer, "p7", false},
	} {
		if got := mayRead(tc.a, tc.readers); got != tc.want {
			t.Errorf("mayRead(%v, %q) = %v", tc.a.Roles, tc.readers, got)
		}
	}
	if readersOf(board) != nil {
		t.Error("the Board is limited")
	}
}

func TestMetaWords(t *testing.T) {
	d := Doc{Kind: KindPressCase, Units: []int64{4, 5}, Readers: []string{"u4", "p9"}}
	if got := meta(d); got != "kpresscase n4 n5 ru4 rp9" {
		t.Errorf("meta = %q", got)
	}
	f := filter{readers: []string{"all", "u4"}, kind: KindTask, unitID: 5}
	if got := metaQuery(f, " AND ", " OR ", `"#`, `"`); got != `("#rall" OR "#ru4") AND "#ktask" AND "#n5"` {
		t.Errorf("metaQuery = %s", got)
	}
}

func TestFTSWords(t *testing.T) {
	got := ftsWords("phong chong", "phong chong dich", []string{"u4"}, "ktask n4 ru4")
	want := "phong phong_chong chong chong_dich dich phong@u4 phong_chong@u4 chong@u4 chong_dich@u4 dich@u4 #ktask #n4"
	if got != want {
		t.Errorf("ftsWords = %q\nwant      %q", got, want)
	}
}
