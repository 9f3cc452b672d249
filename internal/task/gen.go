package task

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// GenOptions shapes generated tasks for measurements (khoagiao gen).
type GenOptions struct {
	N      int        // how many tasks
	Units  []int64    // lead units, taken in turn
	Around civil.Date // due dates fall within a year either side of it
	Seed   uint64
}

// Generate writes N tasks spread over the units, in every state: a tenth
// without a deadline, about a fifth key tasks, two in seven confirmed, one
// awaiting confirmation, one sent back, the rest open; a supporting unit on
// every third. Rows go in multi-row INSERTs, one transaction per thousand:
// this is test data, so it skips the per-task audit trail and events.
func (s *Service) Generate(ctx context.Context, o GenOptions) (int, error) {
	if len(o.Units) == 0 || o.N <= 0 {
		return 0, nil
	}
	rng := rand.New(rand.NewPCG(o.Seed, 7))
	now := time.Now().UTC().Truncate(time.Microsecond)
	const batch, cols = 1000, 12
	done := 0
	for done < o.N {
		n := min(batch, o.N-done)
		err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
			vals := make([]any, 0, n*cols)
			for i := 0; i < n; i++ {
				vals = append(vals, genTask(rng, done+i+1, o, now)...)
			}
			rows, err := tx.Query(ctx, `INSERT INTO tasks (origin, title, lead_unit_id, assigner, due, key_task, progress, completion,
				done_on, search_key, created_at, updated_at) VALUES `+valueRows(n, cols)+` RETURNING id, lead_unit_id`, vals...)
			if err != nil {
				return err
			}
			var support []any
			for k := 0; rows.Next(); k++ {
				var id, lead int64
				if err := rows.Scan(&id, &lead); err != nil {
					rows.Close()
					return err
				}
				if (done+k+1)%3 == 0 {
					if other := o.Units[rng.IntN(len(o.Units))]; other != lead {
						support = append(support, id, other)
					}
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil || len(support) == 0 {
				return err
			}
			_, err = tx.Exec(ctx, "INSERT INTO task_units (task_id, unit_id) VALUES "+valueRows(len(support)/2, 2), support...)
			return err
		})
		if err != nil {
			return done, fmt.Errorf("task: generate: %w", err)
		}
		done += n
	}
	return done, nil
}

// genTask is one generated task's column values.
func genTask(rng *rand.Rand, i int, o GenOptions, now time.Time) []any {
	lead := o.Units[(i*7919)%len(o.Units)]
	var due, doneOn any
	completion := "none"
	if i%10 != 0 {
		d := o.Around.AddDays(rng.IntN(731) - 365)
		due = d
		switch i % 7 {
		case 0, 1:
			completion, doneOn = "confirmed", d.AddDays(rng.IntN(9)-6)
		case 2:
			completion, doneOn = "awaiting", d.AddDays(-rng.IntN(5))
		case 3:
			completion = "rejected"
		}
	}
	title := fmt.Sprintf("Nhiệm vụ thử nghiệm số %d: triển khai công tác khoa giáo", i)
	return []any{"manual", title, lead, "gen", due, rng.IntN(5) == 0, rng.IntN(101), completion, doneOn,
		vntext.Fold(title), now, now}
}

// valueRows is "(?, ?), (?, ?)" for rows × cols.
func valueRows(rows, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}
