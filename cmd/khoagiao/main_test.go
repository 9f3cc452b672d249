package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as the real program: started with childEnv=1 it
// runs the arguments after childMarker as khoagiao would and exits, so the
// fault tests start, kill and restart the real server without a separate
// `go build`.
const (
	childEnv    = "KHOAGIAO_TEST_CHILD"
	childMarker = "--khoagiao-child--"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(runChild(os.Args[1:]))
	}
	os.Exit(m.Run())
}

func runChild(args []string) int {
	if i := slices.Index(args, childMarker); i >= 0 {
		args = args[i+1:]
	}
	setupLogging()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, args); err != nil {
		fmt.Fprintln(os.Stderr, "khoagiao:", err)
		return 1
	}
	return 0
}

// server is the real khoagiao serving one database on a loopback port that
// stays the same across restarts.
type server struct {
	t    testing.TB
	dsn  string
	addr string
	env  []string // extra environment of the child
	log  string   // the child's output, all runs appended
	cmd  *exec.Cmd
	done chan struct{}
}

func newServer(t testing.TB, dsn string, env ...string) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s := &server{t: t, dsn: dsn, addr: addr, env: env, log: filepath.Join(t.TempDir(), "khoagiao.log")}
	t.Cleanup(func() {
		if s.running() {
			s.kill()
		}
	})
	return s
}

func (s *server) url(path string) string { return "http://" + s.addr + path }

func (s *server) running() bool {
	if s.cmd == nil {
		return false
	}
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// start runs `khoagiao serve` and waits until /readyz answers 200.
func (s *server) start() {
	s.t.Helper()
	out, err := os.OpenFile(s.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		s.t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], childMarker, "serve", "--db", s.dsn, "--addr", s.addr)
	cmd.Env = append(append(os.Environ(), childEnv+"=1", "KHOAGIAO_LOG_LEVEL=warn",
		"KHOAGIAO_BASE_URL=http://"+s.addr), s.env...)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		out.Close()
		s.t.Fatal(err)
	}
	s.cmd, s.done = cmd, make(chan struct{})
	go func() { cmd.Wait(); out.Close(); close(s.done) }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			s.t.Fatalf("khoagiao exited while starting:\n%s", s.tail())
		default:
		}
		if resp, err := http.Get(s.url("/readyz")); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(15 * time.Millisecond)
	}
	s.t.Fatalf("khoagiao not ready after 60 s:\n%s", s.tail())
}

// kill sends SIGKILL: no shutdown, no flush, as a power switch on the process.
func (s *server) kill() { s.signal(syscall.SIGKILL) }

// stop sends SIGTERM: the graceful shutdown.
func (s *server) stop() { s.signal(syscall.SIGTERM) }

func (s *server) signal(sig syscall.Signal) {
	if !s.running() {
		return
	}
	_ = s.cmd.Process.Signal(sig)
	select {
	case <-s.done:
	case <-time.After(60 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// tail is the end of the child's output, for failure messages.
func (s *server) tail() string {
	b, _ := os.ReadFile(s.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(bytes.TrimSpace(b))
}
