package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// cmdSubmit is the deadline surge: every unit of a token file saves a
// report of N values and submits it through the HTTP API, c at a time.
func cmdSubmit(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("load submit", flag.ExitOnError)
	base := fs.String("url", "http://localhost:8080", "server address")
	tokens := fs.String("tokens", "tokens.tsv", "unit_id<TAB>token lines (khoagiao gen --tokens)")
	regime := fs.Int64("regime", 0, "regime id")
	period := fs.String("period", "2026-01", "period key")
	n := fs.Int("indicators", 100, "values per report (i001…)")
	conc := fs.Int("c", 16, "concurrent units")
	fs.Parse(args)
	lines, err := readTokenLines(*tokens)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *conc * 2}}
	work := make(chan [2]string)
	var ok, failed atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for l := range work {
				t0 := time.Now()
				if err := submitOne(ctx, client, *base, *regime, *period, l[0], l[1], *n); err != nil {
					failed.Add(1)
					fmt.Fprintln(os.Stderr, "unit", l[0], err)
					continue
				}
				ok.Add(1)
				mu.Lock()
				lat = append(lat, time.Since(t0))
				mu.Unlock()
			}
		}()
	}
	for _, l := range lines {
		work <- l
	}
	close(work)
	wg.Wait()
	el := time.Since(start)
	slices.Sort(lat)
	p := func(q float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(float64(len(lat))*q))].Round(100 * time.Microsecond)
	}
	fmt.Printf("%d reports of %d values submitted, %d failed, in %s: %.1f reports/s (save + submit, %d at a time)\n",
		ok.Load(), *n, failed.Load(), el.Round(time.Millisecond), float64(ok.Load())/el.Seconds(), *conc)
	fmt.Printf("per report (PUT + POST submit): p50 %s  p95 %s  p99 %s\n", p(.5), p(.95), p(.99))
	return nil
}

func readTokenLines(path string) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		unit, tok, found := strings.Cut(sc.Text(), "\t")
		if found {
			out = append(out, [2]string{unit, tok})
		}
	}
	return out, sc.Err()
}

func submitOne(ctx context.Context, c *http.Client, base string, regime int64, period, unit, token string, n int) error {
	values := make(map[string]int, n)
	for i := 1; i <= n; i++ {
		values[fmt.Sprintf("i%03d", i)] = i * 7
	}
	body, _ := json.Marshal(map[string]any{"version": 0, "values": values})
	path := fmt.Sprintf("%s/api/v1/reports/%d/%s/%s", base, regime, period, unit)
	if err := call(ctx, c, "PUT", path, token, body); err != nil {
		return err
	}
	return call(ctx, c, "POST", path+"/submit", token, nil)
}

func call(ctx context.Context, c *http.Client, method, url, token string, body []byte) error {
	req, _ := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return fmt.Errorf("%s %s: %s %s", method, url, resp.Status, b)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return nil
}
