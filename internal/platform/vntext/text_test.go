package vntext

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already clean", "Hà Nội", "Hà Nội"},
		{"NFD to NFC", norm.NFD.String("Đắk Lắk"), "Đắk Lắk"},
		{"trim", " \t Hà Nội \n", "Hà Nội"},
		{"inner spaces kept", "Hà  Nội", "Hà  Nội"},
		{"zero width space", "Hà\u200BNội", "HàNội"},
		{"ZWNJ ZWJ word joiner", "a\u200Cb\u200Dc\u2060d", "abcd"},
		{"BOM at start", "\uFEFFBáo cáo", "Báo cáo"},
		{"soft hyphen", "môi\u00ADtrường", "môitrường"},
		{"zero width between base and mark composes", "a\u200B\u0300", "à"},
		{"zero width inside leading space", "\u200B Hà Nội \u200B", "Hà Nội"},
		{"old tone placement kept", "hoà", "hoà"},
		{"empty", "", ""},
		{"only invisible", "\u200B\uFEFF ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("Normalize(%q) = %q is not NFC", tt.in, got)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"domain example", "Đảng bộ môi trường", "dang bo moi truong"},
		{"Đắk Lắk", "Đắk Lắk", "dak lak"},
		{"ĐẮK LẮK", "ĐẮK LẮK", "dak lak"},
		{"dak lak", "dak lak", "dak lak"},
		{"NFD input", norm.NFD.String("Đắk Lắk"), "dak lak"},
		{"NFD Hồ Chí Minh", norm.NFD.String("Thành phố Hồ Chí Minh"), "thanh pho ho chi minh"},
		{"zero width inside word", "Đắ\u200Bk L\u200Cắ\u00ADk", "dak lak"},
		{"BOM at start", "\uFEFFKhánh Hòa", "khanh hoa"},
		{"old tone placement hoà", "hoà", "hoa"},
		{"new tone placement hòa", "hòa", "hoa"},
		{"old tone placement thuỷ", "thuỷ", "thuy"},
		{"new tone placement thủy", "thủy", "thuy"},
		{"all vowels", "ăâêôơư ĂÂÊÔƠƯ", "aaeoou aaeoou"},
		{"all tones", "à á ả ã ạ ằ ắ ẳ ẵ ặ ầ ấ ẩ ẫ ậ", "a a a a a a a a a a a a a a a"},
		{"ư and ơ with tones", "Trường Lương Sơn", "truong luong son"},
		{"punctuation collapses", "Văn Miếu - Quốc Tử Giám", "van mieu quoc tu giam"},
		{"apostrophe", "Ea H'Leo", "ea h leo"},
		{"whitespace runs", " \t Phường\u00A0\u00A0 1 \n", "phuong 1"},
		{"digits kept", "Số 12-TB/BTGDVTU", "so 12 tb btgdvtu"},
		{"money", "1.800.000 đ", "1 800 000 d"},
		{"only punctuation", " -- ", ""},
		{"empty", "", ""},
		{"combining stroke on d", "d\u0335a", "da"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldEquivalentSpellings(t *testing.T) {
	groups := [][]string{
		{"Đắk Lắk", "ĐẮK LẮK", "dak lak", "Dak Lak", norm.NFD.String("Đắk Lắk"), "Đắk\u200B Lắk"},
		{"Khánh Hoà", "Khánh Hòa", "KHÁNH HÒA", "khanh hoa"},
		{"Thuỷ Nguyên", "Thủy Nguyên", "thuy nguyen"},
		{"môi trường", "moi truong", "Môi  Trường", "MÔI-TRƯỜNG"},
	}
	for _, g := range groups {
		t.Run(g[0], func(t *testing.T) {
			want := Fold(g[0])
			for _, s := range g[1:] {
				if got := Fold(s); got != want {
					t.Errorf("Fold(%q) = %q, want %q like Fold(%q)", s, got, want, g[0])
				}
			}
		})
	}
}

func TestFoldIsIdempotentAndNormalizeInvariant(t *testing.T) {
	inputs := []string{
		"Đảng bộ môi trường", "  Thành phố Hồ Chí Minh ", "Xã Cư M'gar",
		"Báo cáo sơ kết 6 tháng", "NGHỊ QUYẾT 42/NQ-CP", "ăn\u200Buống",
	}
	for _, in := range inputs {
		t.Run(in, func(t *testing.T) {
			f := Fold(in)
			if again := Fold(f); again != f {
				t.Errorf("Fold not idempotent: %q then %q", f, again)
			}
			if n := Fold(Normalize(in)); n != f {
				t.Errorf("Fold(Normalize(%q)) = %q, want %q", in, n, f)
			}
			if strings.TrimSpace(f) != f || strings.Contains(f, "  ") {
				t.Errorf("Fold(%q) = %q has stray spaces", in, f)
			}
		})
	}
}

// foldReference is Fold written step by step as specified, without the fast
// paths of Fold.
func foldReference(s string) string {
	s = strings.NewReplacer("đ", "d", "Đ", "D").Replace(s)
	s = norm.NFD.String(s)
	var words []string
	var w strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			w.WriteRune(unicode.ToLower(r))
		default:
			if w.Len() > 0 {
				words = append(words, w.String())
				w.Reset()
			}
		}
	}
	if w.Len() > 0 {
		words = append(words, w.String())
	}
	return strings.Join(words, " ")
}

func TestFoldMatchesReference(t *testing.T) {
	extra := []rune("  -.,'/\t\u00A0\u200B\u00AD\u0300\u0323ĐđÅ한국Ωǖ١٢")
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 5000 {
		s := randomVietnamese(r)
		if r.IntN(2) == 0 {
			s += string(extra[r.IntN(len(extra))]) + randomVietnamese(r)
		}
		if got, want := Fold(s), foldReference(s); got != want {
			t.Fatalf("case %d: Fold(%q) = %q, reference gives %q", i, s, got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	inputs := []string{
		"Đảng bộ Sở Tài nguyên và Môi trường tỉnh Đắk Lắk",
		norm.NFD.String("Báo cáo sơ kết 6 tháng đầu năm 2020 về công tác khoa giáo"),
		"plain ascii text of moderate length for the fast path",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Fold(inputs[i%len(inputs)])
	}
}
