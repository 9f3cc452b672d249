package api_test

import (
	"context"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/document"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/api"
)

// BenchmarkExportXLSX writes a period of the nationwide dataset (3,355 rows
// × 100 indicators, KHOAGIAO_BENCH_DB from `khoagiao gen`) as the export
// endpoint does, and reports the peak Go heap in use while it runs.
func BenchmarkExportXLSX(b *testing.B) {
	dsn := os.Getenv("KHOAGIAO_BENCH_DB")
	if dsn == "" {
		b.Skip("KHOAGIAO_BENCH_DB is not set (see khoagiao gen)")
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	orgSvc := org.NewService(db, org.Options{})
	svc := reporting.NewService(db, orgSvc, calendar.NewService(db, calendar.Options{}), nil)
	var id int64
	if err := db.QueryRow(ctx, "SELECT id FROM regimes WHERE code = 'GEN-100'").Scan(&id); err != nil {
		b.Fatalf("no generated regime: %v", err)
	}
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // sample the heap while exporting
		defer wg.Done()
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	for b.Loop() {
		t, err := svc.TableHeader(ctx, org.SystemActor("bench"), id, "2025-06")
		if err != nil {
			b.Fatal(err)
		}
		if err := document.WriteXLSX(io.Discard, api.ExportSheet(ctx, svc, &t)); err != nil {
			b.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(base.HeapInuse)/(1<<20), "base-heap-MB")
}
