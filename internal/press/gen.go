package press

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// GenOptions shapes generated press cases for measurements (khoagiao gen).
type GenOptions struct {
	N     int       // how many cases
	Units []int64   // lead units
	Until time.Time // cases were registered over the year before it
	Seed  uint64
}

// Generate writes N press cases registered over a year, over every field:
// most closed, some reviewed or answered (on time or late), some waiting
// for the unit's answer (a part of them past the due date), a few not
// routed yet. Multi-row INSERTs, a thousand per transaction; no events,
// tasks or audit entries: this is test data.
func (s *Service) Generate(ctx context.Context, o GenOptions) (int, error) {
	if len(o.Units) == 0 || o.N <= 0 {
		return 0, nil
	}
	rng := rand.New(rand.NewPCG(o.Seed, 11))
	const batch, cols = 1000, 15
	done := 0
	for done < o.N {
		n := min(batch, o.N-done)
		vals := make([]any, 0, n*cols)
		for i := 0; i < n; i++ {
			vals = append(vals, genCase(rng, done+i+1, o)...)
		}
		err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO press_cases (outlet, url, canonical_url, title, published_at, field, status,
				lead_unit_id, due, answer, answered_at, search_key, created_by, created_at, updated_at) VALUES `+valueRows(n, cols), vals...)
			return err
		})
		if err != nil {
			return done, fmt.Errorf("press: generate: %w", err)
		}
		done += n
	}
	return done, nil
}

var genOutlets = []string{"Báo Nhân Dân", "Báo Tuổi Trẻ", "Báo Thanh Niên", "Báo tỉnh", "Đài Phát thanh và Truyền hình tỉnh", "VnExpress"}

// genCase is one generated case's column values.
func genCase(rng *rand.Rand, i int, o GenOptions) []any {
	created := o.Until.Add(-time.Duration(rng.IntN(365*24)) * time.Hour).UTC().Truncate(time.Second)
	field := Fields[rng.IntN(len(Fields))]
	outlet := genOutlets[rng.IntN(len(genOutlets))]
	url := "https://gen.example/bai-" + strconv.Itoa(i)
	title := fmt.Sprintf("Bài báo số %d phản ánh về %s ở địa phương", i, strings.ToLower(field.Label("vi")))
	var unit, due, answeredAt any
	answer := ""
	status := Closed
	switch x := rng.IntN(100); {
	case x < 5:
		status = Received
	case x < 20:
		status = Assigned
	case x < 25:
		status = Answered
	case x < 30:
		status = Reviewed
	}
	if status != Received {
		lead := o.Units[rng.IntN(len(o.Units))]
		d := civil.Of(created, vntext.Location).AddDays(7)
		unit, due = lead, d
		if status != Assigned {
			answeredAt, answer = created.Add(time.Duration(rng.IntN(10*24))*time.Hour), "Đơn vị đã kiểm tra và trả lời."
		}
	}
	return []any{outlet, url, url, title, civil.Of(created, vntext.Location), string(field), string(status), unit, due, answer, answeredAt,
		vntext.Fold(title + " " + outlet), "gen", created, created}
}

// valueRows is "(?, ?), (?, ?)" for rows × cols.
func valueRows(rows, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}
