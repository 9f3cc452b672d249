package vntext

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// adminUnitsPath is the shared list of the 34 provinces and 3,321 communes
// (after the 2025 reform), relative to this package's directory.
const adminUnitsPath = "../../../../shared/data/vn-admin-units-2026.json"

type adminProvince struct {
	Code     string
	FullName string
	Wards    []struct {
		Code         string
		FullName     string
		ProvinceCode string
	}
}

// loadAdminNames returns the names of all provinces and communes, skipping
// the test when the data file is absent.
func loadAdminNames(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(adminUnitsPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found", adminUnitsPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var provinces []adminProvince
	if err := json.Unmarshal(data, &provinces); err != nil {
		t.Fatalf("decode %s: %v", adminUnitsPath, err)
	}
	var names []string
	wards := 0
	for _, p := range provinces {
		names = append(names, p.FullName)
		for _, w := range p.Wards {
			names = append(names, w.FullName)
			wards++
		}
	}
	if len(provinces) != 34 || wards != 3321 {
		t.Errorf("got %d provinces and %d communes, want 34 and 3321", len(provinces), wards)
	}
	return names
}

func isFoldKey(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}

func TestAdminUnitNames(t *testing.T) {
	names := loadAdminNames(t)
	for _, name := range names {
		f := Fold(name)
		if f == "" || !isFoldKey(f) {
			t.Errorf("Fold(%q) = %q, want only [a-z0-9 ]", name, f)
		}
		if got := Fold(norm.NFD.String(name)); got != f {
			t.Errorf("Fold(NFD(%q)) = %q, want %q", name, got, f)
		}
		if got := Fold(strings.ToUpper(name)); got != f {
			t.Errorf("Fold(upper(%q)) = %q, want %q", name, got, f)
		}
		n := Normalize(name)
		if !norm.NFC.IsNormalString(n) {
			t.Errorf("Normalize(%q) = %q is not NFC", name, n)
		}
		if again := Normalize(n); again != n {
			t.Errorf("Normalize(%q) not idempotent: %q then %q", name, n, again)
		}
		if got := Normalize(norm.NFD.String(name)); got != n {
			t.Errorf("Normalize(NFD(%q)) = %q, want %q", name, got, n)
		}
	}
}

func TestAdminUnitNamesSortOrder(t *testing.T) {
	names := loadAdminNames(t)
	sorted := slices.Clone(names)
	SortStrings(sorted)
	prev := SortKey(sorted[0])
	for i := 1; i < len(sorted); i++ {
		k := SortKey(sorted[i])
		if bytes.Compare(prev, k) > 0 {
			t.Errorf("SortStrings put %q before %q but their SortKeys are in the other order", sorted[i-1], sorted[i])
		}
		if Compare(sorted[i-1], sorted[i]) > 0 {
			t.Errorf("SortStrings put %q before %q but Compare disagrees", sorted[i-1], sorted[i])
		}
		prev = k
	}
	if slices.IsSorted(sorted) {
		t.Error("Vietnamese order equals byte order: the check proves nothing")
	}
}

// TestAdminUnitNamesĐBetweenDAndE strips the unit type ("Xã ", "Phường ",
// "Tỉnh "…) from the names, sorts each type's names, and checks that names
// in "Đ" come after all names in "D" and before all names in "E"/"Ê".
func TestAdminUnitNamesĐBetweenDAndE(t *testing.T) {
	names := loadAdminNames(t)
	prefixes := []string{"Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu "}
	groups := map[string][]string{}
	for _, name := range names {
		for _, p := range prefixes {
			// One commune is written "xã Bắc Sơn": match the type loosely.
			if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
				groups[p] = append(groups[p], name[len(p):])
				break
			}
		}
	}
	sawĐ := false
	for _, p := range prefixes {
		t.Run(strings.TrimSpace(p), func(t *testing.T) {
			list := groups[p]
			if len(list) == 0 {
				t.Fatalf("no names of type %q", p)
			}
			SortStrings(list)
			// rank: 0 before D, 1 D, 2 Đ, 3 E or Ê, 4 after.
			rank := func(s string) int {
				switch r := []rune(s)[0]; {
				case r == 'Đ':
					return 2
				case r == 'D':
					return 1
				case r == 'E' || r == 'Ê' || Fold(string(r)) == "e":
					return 3
				case Fold(string(r)) < "d":
					return 0
				}
				return 4
			}
			for i := 1; i < len(list); i++ {
				if rank(list[i-1]) > rank(list[i]) {
					t.Errorf("%q sorted before %q", list[i-1], list[i])
				}
			}
			for _, s := range list {
				if rank(s) == 2 {
					sawĐ = true
				}
			}
		})
	}
	if !sawĐ {
		t.Error("no name starting with Đ: the check proves nothing")
	}
}
