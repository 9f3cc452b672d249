package search

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// GenOptions shapes a generated index for the performance measurement.
type GenOptions struct {
	Docs  int    // documents to add
	Units int    // units they are spread over (ids 1..Units), default 3,355
	Seed  uint64 // the same seed gives the same documents
}

// genRefBase keeps generated ref ids clear of real items' ids.
const genRefBase = int64(1) << 40

// genKinds weighs the kinds as a busy year of a province might: mostly
// reports, monitored articles, messages and tasks.
var genKinds = []struct {
	kind   Kind
	weight int    // per thousand
	words  [2]int // body length range, in phrases
}{
	{KindReport, 330, [2]int{40, 120}}, {KindFeedItem, 200, [2]int{8, 25}}, {KindMessage, 150, [2]int{5, 25}},
	{KindTask, 120, [2]int{3, 12}}, {KindUser, 80, [2]int{1, 2}}, {KindPressCase, 40, [2]int{10, 30}},
	{KindDirective, 30, [2]int{20, 60}}, {KindConference, 10, [2]int{8, 20}}, {KindMinutes, 10, [2]int{60, 150}},
	{KindConclusion, 10, [2]int{30, 80}}, {KindUnit, 4, [2]int{1, 2}}, {KindCourse, 2, [2]int{2, 5}},
}

// Generate adds o.Docs synthetic documents straight into the index — no
// rows in the modules' tables — for `khoagiao search gen`. Reindex removes
// them. progress, when set, hears how many are in.
func Generate(ctx context.Context, db *sqldb.DB, o GenOptions, progress func(done int)) error {
	if o.Units <= 0 {
		o.Units = 3355
	}
	g := &generator{r: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)), units: o.Units}
	g.zipf = zipfTable(len(genPhrases), 1.05)
	var low int64
	if err := db.QueryRow(ctx, `SELECT COALESCE(MIN(id), ?) FROM search_docs`, topID).Scan(&low); err != nil {
		return fmt.Errorf("search: gen: %w", err)
	}
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	const batch = 500
	for done := 0; done < o.Docs; {
		n := min(batch, o.Docs-done)
		docs := make([]Doc, n)
		for i := range docs {
			docs[i] = g.doc(genRefBase+topID-(low-1-int64(i)), start.Add(time.Duration(done+i)*time.Minute))
		}
		err := db.Transact(ctx, func(tx *sqldb.Tx) error { return bulkInsert(ctx, tx, low-1, docs) })
		if err != nil {
			return err
		}
		low -= int64(n)
		done += n
		if progress != nil {
			progress(done)
		}
	}
	if db.Dialect == sqldb.Postgres { // ids were given: move the identity (counting down) past them
		if _, err := db.Exec(ctx, `SELECT setval(pg_get_serial_sequence('search_docs', 'id'), ?)`, low); err != nil {
			return fmt.Errorf("search: gen: %w", err)
		}
	}
	return compact(ctx, db)
}

type generator struct {
	r     *rand.Rand
	units int
	zipf  []float64 // cumulative weights of genPhrases
}

func (g *generator) doc(ref int64, stamp time.Time) Doc {
	total := 0
	for _, k := range genKinds {
		total += k.weight
	}
	pick := g.r.IntN(total)
	k := genKinds[0]
	for _, c := range genKinds {
		if pick < c.weight {
			k = c
			break
		}
		pick -= c.weight
	}
	unit := int64(1 + g.r.IntN(g.units))
	d := Doc{Kind: k.kind, RefID: ref, UnitID: unit, Units: []int64{unit}, Readers: unitReaders(unit), Stamp: stamp,
		Day: civil.Of(stamp, time.UTC), URL: "/gen/" + id(ref)}
	switch k.kind {
	case KindFeedItem:
		d.UnitID, d.Units, d.Readers = 0, nil, nil
	case KindTask, KindDirective, KindConference:
		for range g.r.IntN(map[Kind]int{KindTask: 3, KindDirective: 25, KindConference: 15}[k.kind]) {
			d.Units = append(d.Units, int64(1+g.r.IntN(g.units)))
		}
		d.Readers = unitReaders(d.Units...)
	case KindMinutes, KindConclusion:
		if g.r.IntN(4) == 0 {
			d.Readers = nil // not issued yet
		}
	case KindUser:
		d.Title = g.person()
		d.Readers = append(d.Readers, userReader(ref))
	case KindCourse:
		d.Readers = []string{"all"}
	}
	if d.Title == "" {
		d.Title = g.text(3, 8, false)
	}
	d.Body = g.text(k.words[0], k.words[1], true)
	return d
}

// text strings together n phrases (lo ≤ n ≤ hi) with filler, a place name
// now and then, and sentence breaks when long.
func (g *generator) text(lo, hi int, long bool) string {
	var b strings.Builder
	n := lo + g.r.IntN(hi-lo+1)
	for i := range n {
		if i > 0 {
			b.WriteString(" ")
			if long && i%7 == 0 {
				b.WriteString(". ")
			}
			if g.r.IntN(3) == 0 {
				b.WriteString(genFiller[g.r.IntN(len(genFiller))] + " ")
			}
		}
		switch x := g.r.IntN(20); {
		case x == 0:
			b.WriteString("xã " + g.name())
		case x == 1 && long:
			b.WriteString("đồng chí " + g.person())
		default:
			b.WriteString(genPhrases[g.phrase()])
		}
	}
	return b.String()
}

func (g *generator) phrase() int {
	x := g.r.Float64()
	lo, hi := 0, len(g.zipf)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if g.zipf[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

func (g *generator) name() string {
	return capital(genSyllables[g.r.IntN(len(genSyllables))]) + " " + capital(genSyllables[g.r.IntN(len(genSyllables))])
}

func (g *generator) person() string {
	return genSurnames[g.r.IntN(len(genSurnames))] + " " + []string{"Văn", "Thị", "Hữu", "Minh"}[g.r.IntN(4)] + " " +
		capital(genSyllables[g.r.IntN(len(genSyllables))])
}

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// zipfTable is the cumulative distribution of ranks 1..n with exponent s.
func zipfTable(n int, s float64) []float64 {
	out := make([]float64, n)
	sum := 0.0
	for i := range n {
		sum += 1 / math.Pow(float64(i+1), s)
		out[i] = sum
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}
