package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/demo"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// testPassword is the demo users' password in the fault tests.
const testPassword = "Kiem-thu-su-co-2025"

// killRounds is how many times the kill test kills the server.
const killRounds = 20

// killStats are the counts the kill test reports (docs/resilience.md).
type killStats struct {
	sent, acked, unanswered, refused, fresh, replayed, lost, kills atomic.Int64
}

// harness drives the surge: one worker per unit reporter of the demo
// (progress on its unit's tasks, saves, submissions and attachments of its
// unit's six-month reports) and the Board's specialist creating tasks.
type harness struct {
	t       *testing.T
	srv     *server
	c       *apiClient
	nonce   string
	regime  int64
	units   []int64
	workers []*worker
	stats   killStats
}

// TestKillDurability is the kill test of docs/resilience.md: the real
// server under a surge of writes is killed with SIGKILL at random moments
// 20 times and restarted; every write that got no answer is retried with
// its Idempotency-Key. In the end every write is stored exactly once and
// intact, the audit chain verifies and the database is sound.
func TestKillDurability(t *testing.T) {
	if testing.Short() {
		t.Skip("kill test: skipped with -short")
	}
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) { killTest(t, d) })
	}
}

func killTest(t *testing.T, d sqldb.Dialect) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("KHOAGIAO_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (KHOAGIAO_KILL_SEED=%d repeats the kill moments and the writes chosen)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	start := time.Now()
	dsn := dbtest.NewDSN(t, d)
	h := setupHarness(t, dsn, rng)
	for range killRounds {
		h.resolve()
		h.surge(time.Duration(100+rng.IntN(501)) * time.Millisecond)
		h.srv.start()
	}
	h.resolve()
	h.verifyAPI()
	h.srv.stop()
	h.verifyDB(dsn)
	h.report(d, time.Since(start))
}

func setupHarness(t *testing.T, dsn string, rng *rand.Rand) *harness {
	srv := newServer(t, dsn)
	t.Setenv("KHOAGIAO_DEMO_PASSWORD", testPassword)
	t.Setenv("KHOAGIAO_BASE_URL", "http://"+srv.addr)
	if err := cmdDemo(context.Background(), []string{"--db", dsn}); err != nil {
		t.Fatal(err)
	}
	srv.start()
	h := &harness{t: t, srv: srv, c: newAPIClient(srv), nonce: strconv.FormatInt(time.Now().UnixNano(), 36)}
	board := h.c.token(t, "chuyenvien", testPassword)
	var regimes struct {
		Items []struct {
			ID   int64
			Code string
		}
	}
	h.c.must(t, "GET", "/api/v1/regimes", board, nil, http.StatusOK, &regimes)
	for _, r := range regimes.Items {
		if r.Code == "KG-6T" {
			h.regime = r.ID
		}
	}
	if h.regime == 0 {
		t.Fatal("the demo has no regime KG-6T")
	}
	h.workers = append(h.workers, &worker{h: h, token: board, rng: rand.New(rand.NewPCG(rng.Uint64(), 2))})
	for _, p := range demo.People() {
		if !strings.HasSuffix(p.Username, ".baocao") {
			continue
		}
		w := &worker{h: h, id: len(h.workers), token: h.c.token(t, p.Username, testPassword), rng: rand.New(rand.NewPCG(rng.Uint64(), 2))}
		var me struct {
			UnitID int64 `json:"unit_id"`
		}
		h.c.must(t, "GET", "/api/v1/me", w.token, nil, http.StatusOK, &me)
		w.unitID = me.UnitID
		for j := range 2 {
			var task struct{ ID, Version int64 }
			h.c.must(t, "POST", "/api/v1/tasks", board, map[string]any{"title": fmt.Sprintf("Theo dõi tiến độ %d.%d", w.id, j),
				"lead_unit_id": w.unitID, "due": "2031-12-31"}, http.StatusCreated, &task)
			w.tasks = append(w.tasks, &taskRef{id: task.ID, version: int(task.Version), notes: map[string]int{}, last: -1})
		}
		w.nextPeriod()
		h.units = append(h.units, w.unitID)
		h.workers = append(h.workers, w)
	}
	return h
}

// surge lets every worker write for d, then kills the server in the middle
// of whatever it is doing.
func (h *harness) surge(d time.Duration) {
	var stop atomic.Bool
	var wg sync.WaitGroup
	for _, w := range h.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.run(&stop)
		}()
	}
	time.Sleep(d)
	h.srv.kill()
	h.stats.kills.Add(1)
	stop.Store(true)
	wg.Wait()
	h.c.hc.CloseIdleConnections()
}

// resolve retries, with the same key and body, each write that got no
// answer before the kill.
func (h *harness) resolve() {
	for _, w := range h.workers {
		o := w.pending
		if o == nil {
			continue
		}
		w.pending = nil
		var a answer
		var err error
		for range 50 {
			if a, err = h.c.send(o.method, o.path, w.token, o.key, o.ctype, o.body); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if err != nil {
			h.t.Fatalf("retry of %s %s: %v\n%s", o.method, o.path, err, h.srv.tail())
		}
		w.settle(o, a, true)
	}
}

func (h *harness) report(d sqldb.Dialect, took time.Duration) {
	s := &h.stats
	verdict := "; all present and intact, 0 duplicates, audit chain verified, database sound"
	if h.t.Failed() {
		verdict = "; FAILED (see above)"
	}
	kinds := map[string]int{}
	for _, w := range h.workers {
		for _, o := range w.ops {
			kinds[o.kind]++
		}
	}
	h.t.Logf("kill test on %s: %d kills in %s; %d writes, every one with an Idempotency-Key: %d answered 2xx; %d unanswered "+
		"(%d in flight at a kill, %d sent after it) and retried with the same key: %d done on the retry (not stored before), "+
		"%d replayed (Idempotent-Replayed: true), %d 409 already processed (stored, answer lost); by kind: %d task creations, "+
		"%d progress updates, %d report saves, %d submissions, %d attachments%s",
		d, s.kills.Load(), took.Round(time.Second), s.sent.Load(), s.acked.Load(), s.unanswered.Load(),
		s.unanswered.Load()-s.refused.Load(), s.refused.Load(), s.fresh.Load(), s.replayed.Load(), s.lost.Load(),
		kinds["task.create"], kinds["task.progress"], kinds["report.save"], kinds["report.submit"], kinds["report.attach"], verdict)
}
