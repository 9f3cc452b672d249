package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/web"
)

// searchSyncEvery is how often the server indexes queued changes in the
// background (searches also do before answering).
const searchSyncEvery = 10 * time.Second

// startSearchSync keeps the search index current while the server runs.
func startSearchSync(ctx context.Context, svc web.Services) {
	if svc.Search != nil {
		go svc.Search.Run(ctx, searchSyncEvery)
	}
}

// cmdSearch runs the search subcommands: reindex, gen, bench.
func cmdSearch(ctx context.Context, args []string) error {
	return sub(ctx, "search", args, map[string]func(context.Context, []string) error{
		"reindex": cmdSearchReindex, "gen": cmdSearchGen, "bench": cmdSearchBench})
}

// cmdSearchReindex rebuilds the index from the modules' tables.
func cmdSearchReindex(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("search reindex", flag.ExitOnError)
	dsn := dbFlag(fs)
	fs.Parse(args)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	start, last := time.Now(), time.Now()
	n, err := search.NewService(db).Reindex(ctx, func(done, total int) {
		if time.Since(last) > 2*time.Second {
			fmt.Fprintf(os.Stderr, "khoagiao: đã lập chỉ mục %d/%d\n", done, total)
			last = time.Now()
		}
	})
	if err != nil {
		return err
	}
	fmt.Printf("search reindex: %d items in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

// cmdSearchGen adds synthetic documents to the index for the measurement.
func cmdSearchGen(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("search gen", flag.ExitOnError)
	dsn := dbFlag(fs)
	docs := fs.Int("docs", 1_000_000, "documents to add")
	units := fs.Int("units", 3355, "units the documents belong to")
	seed := fs.Uint64("seed", 2020, "random seed")
	fs.Parse(args)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	start, last := time.Now(), time.Now()
	err = search.Generate(ctx, db, search.GenOptions{Docs: *docs, Units: *units, Seed: *seed}, func(done int) {
		if time.Since(last) > 5*time.Second {
			slog.Info("search gen", "docs", done, "elapsed", time.Since(start).Round(time.Second))
			last = time.Now()
		}
	})
	if err != nil {
		return err
	}
	fmt.Printf("search gen: %d documents in %s\n", *docs, time.Since(start).Round(time.Millisecond))
	return nil
}

// cmdSearchBench measures search latency as the Board and as a unit.
func cmdSearchBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("search bench", flag.ExitOnError)
	dsn := dbFlag(fs)
	rounds := fs.Int("rounds", 5, "measured runs of every query (after one warm-up run)")
	unit := fs.Int64("unit", 42, "the unit whose reporter searches")
	fs.Parse(args)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var docs int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM search_docs`).Scan(&docs); err != nil {
		return err
	}
	svc := search.NewService(db)
	fmt.Printf("%s, %d documents, %d queries × %d rounds\n", db.Dialect, docs, len(search.GenQueries), *rounds)
	board := org.Actor{UserID: 1 << 30, Username: "bench.board", Roles: []org.Role{org.RoleBoardSpecialist}}
	for _, as := range []struct {
		name string
		a    org.Actor
		kind search.Kind
	}{
		{"board", board, ""},
		{"unit", org.Actor{UserID: 1<<30 + 1, Username: "bench.unit", UnitID: *unit, Roles: []org.Role{org.RoleUnitReporter}}, ""},
		{"board, type=report", board, search.KindReport},
	} {
		lat, hits, err := svc.Measure(ctx, as.a, as.kind, search.GenQueries, *rounds)
		if err != nil {
			return err
		}
		fmt.Printf("%-18s p50 %6s  p95 %6s  p99 %6s  max %6s  (%.0f matches ranked per query)\n", as.name,
			ms(search.Percentile(lat, 50)), ms(search.Percentile(lat, 95)), ms(search.Percentile(lat, 99)), ms(lat[len(lat)-1]),
			float64(hits)/float64(len(lat)))
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
