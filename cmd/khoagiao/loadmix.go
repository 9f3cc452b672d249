package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// mixOp is one kind of request of the realistic mix, with its share.
type mixOp struct {
	name   string
	weight int
}

// The mix: what a day near a reporting deadline looks like. Dashboards and
// lists dominate; units save drafts and submit; people search; the Board
// exports now and then; every open tab polls the bell.
var mixOps = []mixOp{
	{"dashboard", 22}, {"list", 12}, {"search", 16}, {"draft", 20}, {"submit", 6}, {"bell", 20}, {"export", 1}, {"report_page", 3},
}

// cmdLoadMix drives the mix with N virtual users against a running server:
// a sign-in burst (every user signs in at once through the form), then each
// user loops over the mix until --duration; it reports throughput and
// latency percentiles per kind of request and overall, and stops by itself.
func cmdLoadMix(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("load mix", flag.ExitOnError)
	base := fs.String("url", "http://localhost:8080", "server address")
	users := fs.Int("users", 50, "concurrent virtual users")
	dur := fs.Duration("duration", 30*time.Second, "how long the mix runs after the sign-in burst")
	pass := fs.String("password", envOr("KHOAGIAO_DEMO_PASSWORD", ""), "password of the demo users (KHOAGIAO_DEMO_PASSWORD)")
	people := fs.String("people", "chuyenvien,lanhdao,admin,sgddt.baocao,syt.baocao,stnmt.baocao,skhcn.baocao,sldtbxh.baocao", "demo users the virtual users sign in as, in turn")
	board := fs.String("board", "chuyenvien,lanhdao,admin", "which of them are the Board's (only they export)")
	tokens := fs.String("tokens", "", "unit_id<TAB>token lines (khoagiao gen --tokens) for drafts and submissions")
	regime := fs.Int64("regime", 0, "regime of the drafts, submissions and exports")
	period := fs.String("period", "", "period being reported (the deadline)")
	nvals := fs.Int("indicators", 100, "values per draft")
	exportPeriod := fs.String("export-period", "", "period exported by the Board (default --period)")
	static := fs.Bool("static", false, "the server runs with serve --static-ceiling: request the same paths, nothing is checked")
	fs.Parse(args)
	if *exportPeriod == "" {
		*exportPeriod = *period
	}
	units, err := readTokenLines(*tokens)
	if *tokens != "" && err != nil {
		return err
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *users * 2, MaxIdleConns: *users * 4},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	names := strings.Split(*people, ",")
	m := &mix{c: client, base: *base, regime: *regime, period: *period, exportPeriod: *exportPeriod, n: *nvals, static: *static,
		lat: map[string][]time.Duration{}, errs: map[string]int{}}

	// The sign-in burst: everyone at once.
	cookies := make([]string, *users)
	var wg sync.WaitGroup
	burst := time.Now()
	for i := range cookies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			ck, err := m.signIn(ctx, names[i%len(names)], *pass)
			m.record("signin", time.Since(t0), err)
			cookies[i] = ck
		}()
	}
	wg.Wait()
	burstTook := time.Since(burst)

	runCtx, cancel := context.WithTimeout(ctx, *dur)
	defer cancel()
	start := time.Now()
	for i := 0; i < *users; i++ {
		var mine [][2]string // the units this user reports for
		for j := i; j < len(units); j += *users {
			mine = append(mine, units[j])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			isBoard := slices.Contains(strings.Split(*board, ","), names[i%len(names)])
			m.user(runCtx, cookies[i], isBoard, mine, rand.New(rand.NewPCG(uint64(i), 7)))
		}()
	}
	wg.Wait()
	m.report(os.Stdout, *users, time.Since(start), burstTook)
	return nil
}

type mix struct {
	c                          *http.Client
	base, period, exportPeriod string
	regime                     int64
	n                          int
	static                     bool
	mu                         sync.Mutex
	lat                        map[string][]time.Duration
	errs                       map[string]int
	firstErr                   []string
}

func (m *mix) record(op string, d time.Duration, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err != nil {
		m.errs[op]++
		if len(m.firstErr) < 5 {
			m.firstErr = append(m.firstErr, op+": "+err.Error())
		}
		return
	}
	m.lat[op] = append(m.lat[op], d)
}

var searchWords = []string{"phong chong dich", "môi trường", "bao cao 6 thang", "tap huan", "giao duc", "nghi quyet 42", "y te", "ô nhiễm", "đại hội"}

// user loops over the mix; each unit's draft is saved a few times and then
// submitted once.
func (m *mix) user(ctx context.Context, cookie string, board bool, units [][2]string, r *rand.Rand) {
	total := 0
	for _, o := range mixOps {
		total += o.weight
	}
	versions := map[string]int{}
	next := 0
	for ctx.Err() == nil {
		pick := r.IntN(total)
		var op string
		for _, o := range mixOps {
			if pick < o.weight {
				op = o.name
				break
			}
			pick -= o.weight
		}
		if (op == "draft" || op == "submit") && (len(units) == 0 || next >= len(units)) {
			op = "dashboard"
		}
		if op == "export" && !board {
			op = "list"
		}
		t0 := time.Now()
		var err error
		switch op {
		case "dashboard":
			err = m.get(ctx, "/", cookie, "")
		case "list":
			err = m.get(ctx, []string{"/tasks?status=overdue", "/press?status=assigned", "/directives", "/tasks"}[r.IntN(4)], cookie, "")
		case "search":
			err = m.get(ctx, "/api/v1/search?q="+strings.ReplaceAll(searchWords[r.IntN(len(searchWords))], " ", "+"), cookie, "")
		case "bell":
			err = m.get(ctx, "/notifications/badge", cookie, "")
		case "export":
			err = m.get(ctx, fmt.Sprintf("/api/v1/regimes/%d/export.xlsx?period=%s", m.regime, m.exportPeriod), cookie, "")
		case "report_page":
			if len(units) > 0 {
				u := units[r.IntN(len(units))]
				err = m.get(ctx, fmt.Sprintf("/api/v1/reports/%d/%s/%s", m.regime, m.period, u[0]), "", u[1])
			} else {
				err = m.get(ctx, "/reports", cookie, "")
			}
		case "draft":
			u := units[next]
			versions[u[0]], err = m.draft(ctx, u, versions[u[0]], r)
		case "submit":
			u := units[next]
			if versions[u[0]] == 0 {
				versions[u[0]], err = m.draft(ctx, u, 0, r)
			}
			if err == nil {
				err = m.send(ctx, "POST", fmt.Sprintf("/api/v1/reports/%d/%s/%s/submit", m.regime, m.period, u[0]), u[1], nil, nil)
			}
			next++
		}
		if ctx.Err() != nil {
			return
		}
		m.record(op, time.Since(t0), err)
	}
}

func (m *mix) draft(ctx context.Context, u [2]string, version int, r *rand.Rand) (int, error) {
	values := make(map[string]int, m.n)
	for i := 1; i <= m.n; i++ {
		values[fmt.Sprintf("i%03d", i)] = r.IntN(1000)
	}
	body, _ := json.Marshal(map[string]any{"version": version, "values": values})
	var out struct{ Version int }
	err := m.send(ctx, "PUT", fmt.Sprintf("/api/v1/reports/%d/%s/%s", m.regime, m.period, u[0]), u[1], body, &out)
	return out.Version, err
}

func (m *mix) signIn(ctx context.Context, user, pass string) (string, error) {
	req, _ := http.NewRequestWithContext(ctx, "POST", m.base+"/login", strings.NewReader("username="+user+"&password="+pass+"&next=/"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := m.c.Do(req)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if m.static {
		return "", nil
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == "khoagiao_session" && resp.StatusCode == http.StatusSeeOther {
			return ck.Name + "=" + ck.Value, nil
		}
	}
	return "", fmt.Errorf("sign-in of %s: %s", user, resp.Status)
}

func (m *mix) get(ctx context.Context, path, cookie, token string) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", m.base+path, nil)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := m.c.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 300 && !m.static {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return nil
}

func (m *mix) send(ctx context.Context, method, path, token string, body []byte, out any) error {
	req, _ := http.NewRequestWithContext(ctx, method, m.base+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := m.c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if m.static {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return fmt.Errorf("%s %s: %s %s", method, path, resp.Status, b)
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return nil
}

func (m *mix) report(w io.Writer, users int, took, burst time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var all []time.Duration
	ops := make([]string, 0, len(m.lat))
	for op := range m.lat {
		ops = append(ops, op)
	}
	for op := range m.errs {
		if _, ok := m.lat[op]; !ok {
			ops = append(ops, op)
		}
	}
	sort.Strings(ops)
	fmt.Fprintf(w, "%d users, sign-in burst %s, then %s of mixed traffic\n", users, burst.Round(time.Millisecond), took.Round(time.Millisecond))
	fmt.Fprintf(w, "%-12s %8s %6s %9s %9s %9s %9s\n", "request", "count", "errors", "p50", "p95", "p99", "max")
	for _, op := range ops {
		l := m.lat[op]
		slices.Sort(l)
		if op != "signin" {
			all = append(all, l...)
		}
		fmt.Fprintf(w, "%-12s %8d %6d %9s %9s %9s %9s\n", op, len(l), m.errs[op], pctl(l, .5), pctl(l, .95), pctl(l, .99), pctl(l, 1))
	}
	slices.Sort(all)
	errs := 0
	for op, n := range m.errs {
		if op != "signin" {
			errs += n
		}
	}
	fmt.Fprintf(w, "%-12s %8d %6d %9s %9s %9s %9s\n", "mix", len(all), errs, pctl(all, .5), pctl(all, .95), pctl(all, .99), pctl(all, 1))
	fmt.Fprintf(w, "throughput %.1f requests/s\n", float64(len(all))/took.Seconds())
	for _, e := range m.firstErr {
		fmt.Fprintln(w, "first errors:", e)
	}
}

func pctl(l []time.Duration, q float64) string {
	if len(l) == 0 {
		return "-"
	}
	return l[min(len(l)-1, int(float64(len(l))*q))].Round(100 * time.Microsecond).String()
}
