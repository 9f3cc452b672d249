package vntext

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collator pairs a Vietnamese collate.Collator with its key buffer. Neither
// is safe for concurrent use, so each goroutine borrows one from the pool.
type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

// collators hands out Vietnamese collators. A collate.Collator keeps
// iteration state inside, so it must not be shared between goroutines.
var collators = sync.Pool{
	New: func() any {
		return &collator{c: collate.New(language.Vietnamese)}
	},
}

// getCollator borrows a collator from the pool; give it back with
// putCollator.
func getCollator() *collator {
	return collators.Get().(*collator)
}

// putCollator resets the key buffer of c and returns c to the pool.
func putCollator(c *collator) {
	c.buf.Reset()
	collators.Put(c)
}

// Compare orders a and b in Vietnamese alphabetical order and returns -1, 0
// or +1. It follows golang.org/x/text/collate with language.Vietnamese:
// a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư, and "Đ" comes after every word
// in "D" and before "E" (byte order would put it after "Z"). Letters decide
// first; tone marks break ties between otherwise equal strings, and case
// only breaks the ties left after that, so "hòa" and "Hòa" sit together.
// Canonically equivalent strings (NFC and NFD spellings) compare equal.
//
// Compare is safe for concurrent use.
func Compare(a, b string) int {
	c := getCollator()
	defer putCollator(c)
	return c.c.CompareString(a, b)
}

// SortKey returns the Vietnamese collation key of s: for any a and b,
// bytes.Compare(SortKey(a), SortKey(b)) has the sign of Compare(a, b). Store
// it in a BLOB/bytea column to let the database ORDER BY in Vietnamese order.
// Keys depend on the Unicode and CLDR version of golang.org/x/text, so
// recompute stored keys after upgrading it.
//
// The returned slice is a fresh copy owned by the caller. SortKey is safe for
// concurrent use.
func SortKey(s string) []byte {
	c := getCollator()
	defer putCollator(c)
	return bytes.Clone(c.c.KeyFromString(&c.buf, s))
}

// SortStrings sorts ss in place in Vietnamese alphabetical order, the order
// of Compare. Strings that collate equal (for example the NFC and NFD
// spellings of one word) are ordered by their bytes, so the result does not
// depend on the input order.
func SortStrings(ss []string) {
	if len(ss) < 2 {
		return
	}
	c := getCollator()
	defer putCollator(c)
	type keyed struct {
		s   string
		key []byte
	}
	ks := make([]keyed, len(ss))
	for i, s := range ss {
		// Keys live in c.buf until putCollator resets it, after the sort.
		ks[i] = keyed{s: s, key: c.c.KeyFromString(&c.buf, s)}
	}
	slices.SortFunc(ks, func(x, y keyed) int {
		if r := bytes.Compare(x.key, y.key); r != 0 {
			return r
		}
		return strings.Compare(x.s, y.s)
	})
	for i := range ks {
		ss[i] = ks[i].s
	}
}
