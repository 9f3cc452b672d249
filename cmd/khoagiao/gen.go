package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// cmdGen builds the nationwide dataset used in docs/performance.md: the
// demo organisation, the 3,355 real units, a monthly regime of N indicators
// over all of them, and a year of reports.
func cmdGen(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	dsn := dbFlag(fs)
	unitsFile := fs.String("units", "../shared/data/vn-admin-units-2026.json", "administrative-unit JSON")
	year := fs.Int("year", 2025, "year of the 12 monthly periods")
	indicators := fs.Int("indicators", 100, "indicators in the template")
	tokens := fs.String("tokens", "", "write a reporter API token per unit to this file (unit_id<TAB>token)")
	fs.Parse(args)

	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	orgSvc := org.NewService(db, org.Options{})
	svc := services(db, orgSvc)
	start := time.Now()
	if _, err := demo.Load(ctx, demo.Deps{Org: orgSvc, Calendar: svc.Calendar}, demo.Options{Password: envOr("KHOAGIAO_DEMO_PASSWORD", "")}); err != nil {
		return err
	}
	data, err := os.ReadFile(*unitsFile)
	if err != nil {
		return err
	}
	format, err := org.DetectFormat(filepath.Base(*unitsFile), data)
	if err != nil {
		return err
	}
	rows, err := org.ParseImport(format, data)
	if err != nil {
		return err
	}
	if _, err := orgSvc.ImportUnits(ctx, org.SystemActor("gen"), rows); err != nil {
		return err
	}
	res, err := svc.Reporting.Generate(ctx, reporting.GenOptions{Year: *year, Indicators: *indicators, Seed: 2020, Tokens: *tokens != ""})
	if err != nil {
		return err
	}
	fmt.Printf("regime %d: %d units, %d reports, %d values in %s\n", res.RegimeID, res.Units, res.Reports, res.Values, time.Since(start).Round(time.Millisecond))
	if *tokens == "" {
		return nil
	}
	return writeTokens(*tokens, res.Tokens)
}

func writeTokens(path string, tokens map[int64]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	ids := make([]int64, 0, len(tokens))
	for id := range tokens {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	w := bufio.NewWriter(f)
	for _, id := range ids {
		fmt.Fprintf(w, "%d\t%s\n", id, tokens[id])
	}
	return w.Flush()
}
