package search

import (
	"context"
	"slices"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
)

// Measure runs every query as the actor (limited to a kind, when given),
// once to warm up and then rounds times, and returns the latencies of the measured runs, sorted (`khoagiao
// search bench`, docs/performance.md). A run is the whole Search: the queue
// check, matching, ranking and the snippets of the first page.
func (s *Service) Measure(ctx context.Context, a org.Actor, kind Kind, queries []string, rounds int) ([]time.Duration, int, error) {
	var out []time.Duration
	hits := 0
	for r := 0; r <= rounds; r++ {
		for _, q := range queries {
			start := time.Now()
			res, err := s.Search(ctx, a, Query{Q: q, Kind: kind, Limit: 20})
			took := time.Since(start)
			if err != nil {
				return nil, 0, err
			}
			if r > 0 {
				out = append(out, took)
				hits += res.Total
			}
		}
	}
	slices.Sort(out)
	return out, hits, nil
}

// Percentile is the p-th percentile (0 < p ≤ 100) of sorted latencies.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
