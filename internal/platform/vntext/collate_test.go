package vntext

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestSortStringsVietnameseOrder(t *testing.T) {
	tests := []struct {
		name      string
		in, want  []string
		byteOrder bool // whether plain byte order would already be right
	}{
		{
			name: "brief example",
			in:   []string{"Đà Nẵng", "Dương", "An Giang", "Ăn", "Âu", "Bắc Ninh", "Zeta", "Em"},
			want: []string{"An Giang", "Ăn", "Âu", "Bắc Ninh", "Dương", "Đà Nẵng", "Em", "Zeta"},
		},
		{
			name: "a ă â",
			in:   []string{"ân", "ăn", "an", "Ân", "Ăn", "An"},
			want: []string{"an", "An", "ăn", "Ăn", "ân", "Ân"},
		},
		{
			name: "d đ e ê",
			in:   []string{"ê", "đ", "e", "d", "Đz", "Dz", "Ea"},
			want: []string{"d", "Dz", "đ", "Đz", "e", "Ea", "ê"},
		},
		{
			name: "o ô ơ u ư",
			in:   []string{"ưa", "ơn", "ua", "ôn", "on", "Uy"},
			want: []string{"on", "ôn", "ơn", "ua", "Uy", "ưa"},
		},
		{
			name: "letters before tones",
			in:   []string{"bà", "bác", "ba", "bả", "Bá"},
			want: []string{"ba", "bà", "bả", "Bá", "bác"},
		},
		{
			name: "NFD mixed with NFC",
			in:   []string{"Đông", norm.NFD.String("Đà Nẵng"), "Dung", norm.NFD.String("Ê Đê")},
			want: []string{"Dung", norm.NFD.String("Đà Nẵng"), "Đông", norm.NFD.String("Ê Đê")},
		},
		{
			name:      "empty and single",
			in:        []string{"a"},
			want:      []string{"a"},
			byteOrder: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			SortStrings(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SortStrings(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for i := 1; i < len(tt.want); i++ {
				if c := Compare(tt.want[i-1], tt.want[i]); c > 0 {
					t.Errorf("Compare(%q, %q) = %d, want <= 0", tt.want[i-1], tt.want[i], c)
				}
			}
			if !tt.byteOrder && slices.IsSorted(tt.want) {
				t.Errorf("test case %q does not exercise collation: byte order agrees", tt.name)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"Dương", "Đà Nẵng", -1},
		{"Đà Nẵng", "Em", -1},
		{"Zeta", "Đà Nẵng", 1},
		{"hòa", "HÒA", -1}, // case only breaks ties
		{"HÒA", "hoa", 1},  // tones outrank case
		{"Hà Nội", "hà nội", 1},
		{norm.NFD.String("Đắk Lắk"), "Đắk Lắk", 0},
		{"", "a", -1},
		{"a", "a", 0},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			if got := sign(Compare(tt.a, tt.b)); got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := sign(Compare(tt.b, tt.a)); got != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

// randomVietnamese returns a random short string over Vietnamese letters in
// both cases, with tones, spaces, and sometimes in NFD.
func randomVietnamese(r *rand.Rand) string {
	const letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBDĐEÊOÔƠUƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ "
	rs := []rune(letters)
	n := r.IntN(6)
	var b strings.Builder
	for range n {
		b.WriteRune(rs[r.IntN(len(rs))])
	}
	s := b.String()
	if r.IntN(4) == 0 {
		s = norm.NFD.String(s)
	}
	return s
}

func TestSortKeyMatchesCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		a, b := randomVietnamese(r), randomVietnamese(r)
		want := sign(Compare(a, b))
		if got := bytes.Compare(SortKey(a), SortKey(b)); got != want {
			t.Fatalf("pair %d: bytes.Compare(SortKey(%q), SortKey(%q)) = %d, Compare = %d", i, a, b, got, want)
		}
	}
}

func TestSortKeyIsACopy(t *testing.T) {
	k1 := SortKey("Đà Nẵng")
	want := bytes.Clone(k1)
	for range 100 {
		SortKey("Zeta Zeta Zeta Zeta")
	}
	if !bytes.Equal(k1, want) {
		t.Fatalf("SortKey result changed after later calls: %x, want %x", k1, want)
	}
	if bytes.Compare(SortKey("Dương"), k1) >= 0 || bytes.Compare(k1, SortKey("Em")) >= 0 {
		t.Fatalf("SortKey(Đà Nẵng) not between Dương and Em")
	}
}

func TestCollationConcurrent(t *testing.T) {
	words := []string{"Đà Nẵng", "Dương", "An Giang", "Ăn", "Âu", "Bắc Ninh", "Zeta"}
	want := slices.Clone(words)
	SortStrings(want)
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for range 16 {
		wg.Go(func() {
			for range 200 {
				got := slices.Clone(words)
				SortStrings(got)
				if !slices.Equal(got, want) {
					errs <- "SortStrings differs under concurrency"
					return
				}
				if Compare("Dương", "Đà Nẵng") >= 0 || bytes.Compare(SortKey("Đà Nẵng"), SortKey("Em")) >= 0 {
					errs <- "Compare/SortKey wrong under concurrency"
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func BenchmarkSortKey(b *testing.B) {
	inputs := []string{"Đảng bộ Sở Tài nguyên và Môi trường", "Xã Cư M'gar", "Thành phố Hồ Chí Minh"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		SortKey(inputs[i%len(inputs)])
	}
}
