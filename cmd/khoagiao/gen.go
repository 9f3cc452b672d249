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
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web"
)

// cmdGen builds the nationwide dataset used in docs/performance.md: the
// demo organisation, the 3,355 real units, a monthly regime of N indicators
// over all of them, a year of reports, and (for the dashboards) 100,000
// tasks and 20,000 press cases.
func cmdGen(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	dsn := dbFlag(fs)
	unitsFile := fs.String("units", "../shared/data/vn-admin-units-2026.json", "administrative-unit JSON")
	year := fs.Int("year", 2025, "year of the 12 monthly periods")
	indicators := fs.Int("indicators", 100, "indicators in the template")
	tokens := fs.String("tokens", "", "write a reporter API token per unit to this file (unit_id<TAB>token)")
	nTasks := fs.Int("tasks", 100_000, "tasks over the units, due within a year either side of today")
	nPress := fs.Int("press", 20_000, "press cases registered over the last year")
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
	if err := genWork(ctx, orgSvc, svc, *nTasks, *nPress); err != nil {
		return err
	}
	if *tokens == "" {
		return nil
	}
	return writeTokens(*tokens, res.Tokens)
}

// genWork adds the tasks and press cases of the dashboards' measurements,
// spread over every active unit, around today.
func genWork(ctx context.Context, orgSvc *org.Service, svc web.Services, nTasks, nPress int) error {
	start := time.Now()
	active := true
	var units []int64
	for {
		l, err := orgSvc.ListUnits(ctx, org.SystemActor("gen"), org.UnitFilter{Active: &active, Limit: 1000, Offset: len(units)})
		if err != nil {
			return err
		}
		for _, u := range l.Items {
			units = append(units, u.ID)
		}
		if len(l.Items) == 0 || len(units) >= l.Total {
			break
		}
	}
	today := civil.Of(time.Now(), vntext.Location)
	n, err := svc.Task.Generate(ctx, task.GenOptions{N: nTasks, Units: units, Around: today, Seed: 2020})
	if err != nil {
		return err
	}
	m, err := svc.Press.Generate(ctx, press.GenOptions{N: nPress, Units: units, Until: time.Now(), Seed: 2020})
	if err != nil {
		return err
	}
	fmt.Printf("%d tasks and %d press cases over %d units in %s\n", n, m, len(units), time.Since(start).Round(time.Millisecond))
	return nil
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
