package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// cmdLoad drives traffic against a running server and reports throughput
// and latency percentiles; it stops by itself after --duration.
func cmdLoad(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	base := fs.String("url", "http://localhost:8080", "server address")
	user := fs.String("user", "chuyenvien", "username for the API token")
	pass := fs.String("password", envOr("KHOAGIAO_DEMO_PASSWORD", ""), "password (KHOAGIAO_DEMO_PASSWORD)")
	paths := fs.String("paths", "/api/v1/units?q=xa", "comma-separated GET paths, requested in turn")
	conc := fs.Int("c", 8, "concurrent clients")
	dur := fs.Duration("duration", 10*time.Second, "how long to run")
	signin := fs.Bool("signin", false, "measure POST /api/v1/auth/tokens (sign-in) instead of GETs")
	cookie := fs.Bool("cookie", false, "use a signed-in session cookie (for HTML pages) instead of a Bearer token")
	fs.Parse(args)

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *conc * 2}}
	auth, err := loadAuth(ctx, client, *base, *user, *pass, *cookie)
	if err != nil && !*signin {
		return err
	}
	targets := strings.Split(*paths, ",")
	ctx, cancel := context.WithTimeout(ctx, *dur)
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	var errs int
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *conc; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; ctx.Err() == nil; i++ {
				t0 := time.Now()
				var err error
				if *signin {
					_, err = loadAuth(ctx, client, *base, *user, *pass, false)
				} else {
					err = loadGet(ctx, client, *base+targets[i%len(targets)], auth)
				}
				d := time.Since(t0)
				if ctx.Err() != nil {
					return
				}
				mu.Lock()
				if err != nil {
					errs++
				} else {
					lat = append(lat, d)
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(float64(len(lat))*p))]
	}
	fmt.Printf("requests %d, errors %d, %.1f req/s over %s with %d clients\n", len(lat), errs, float64(len(lat))/elapsed.Seconds(), elapsed.Round(time.Millisecond), *conc)
	fmt.Printf("latency p50 %s  p95 %s  p99 %s  max %s\n", pct(0.50).Round(10*time.Microsecond), pct(0.95).Round(10*time.Microsecond),
		pct(0.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond))
	return nil
}

// loadAuth returns an Authorization header value, or a Cookie header when cookie is true.
func loadAuth(ctx context.Context, c *http.Client, base, user, pass string, cookie bool) (http.Header, error) {
	h := http.Header{}
	if cookie {
		form := strings.NewReader("username=" + user + "&password=" + pass)
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"/login", form)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		noRedirect := *c
		noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := noRedirect.Do(req)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		for _, ck := range resp.Cookies() {
			if ck.Name == "khoagiao_session" {
				h.Set("Cookie", ck.Name+"="+ck.Value)
				return h, nil
			}
		}
		return nil, fmt.Errorf("sign-in failed: %s", resp.Status)
	}
	body, _ := json.Marshal(map[string]string{"username": user, "password": pass})
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/auth/tokens", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		b, _ := io.ReadAll(resp.Body)
		return nil, fmt.Errorf("sign-in: %s %s", resp.Status, b)
	}
	var tok struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		return nil, err
	}
	h.Set("Authorization", "Bearer "+tok.Token)
	return h, nil
}

func loadGet(ctx context.Context, c *http.Client, url string, h http.Header) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 400 {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	return nil
}
