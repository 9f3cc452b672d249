package main

import (
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGracefulShutdown: SIGTERM arrives while a request is in flight (its
// body still arriving). The server stops taking connections, lets that
// request finish and answer — the task it creates is stored — and then
// exits by itself, cleanly.
func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the real server")
	}
	f := faultSetup(t, filepath.Join(t.TempDir(), "khoagiao.db"))
	body := `{"title":"Nhiệm vụ gửi dở khi máy chủ dừng","lead_unit_id":` + strconv.FormatInt(f.unit, 10) + `,"due":"2031-12-31"}`
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", f.srv.url("/api/v1/tasks"), pr)
	req.Header.Set("Authorization", "Bearer "+f.board)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = int64(len(body))
	type result struct {
		status int
		err    error
	}
	done := make(chan result, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- result{err: err}
			return
		}
		res.Body.Close()
		done <- result{status: res.StatusCode}
	}()
	half := len(body) / 2
	if _, err := pw.Write([]byte(body[:half])); err != nil { // the handler is now reading the body
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if err := f.srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if resp, err := http.Get(f.srv.url("/healthz")); err == nil {
		resp.Body.Close()
		t.Error("a new connection was served after SIGTERM")
	}
	select {
	case <-f.srv.done:
		t.Fatal("the server exited with a request in flight")
	default:
	}
	pw.Write([]byte(body[half:]))
	pw.Close()
	r := <-done
	if r.err != nil || r.status != http.StatusCreated {
		t.Fatalf("the in-flight request: status %d, error %v\n%s", r.status, r.err, f.srv.tail())
	}
	select {
	case <-f.srv.done:
	case <-time.After(25 * time.Second):
		t.Fatalf("the server did not exit after its last request\n%s", f.srv.tail())
	}
	if code := f.srv.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit code %d\n%s", code, f.srv.tail())
	}
	f.srv.start()
	if n := f.countTasks("Nhiệm vụ gửi dở khi máy chủ dừng"); n != 1 {
		t.Errorf("the in-flight task is stored %d times, want once", n)
	}
	if strings.Contains(f.srv.tail(), "panic") {
		t.Errorf("the log shows a panic:\n%s", f.srv.tail())
	}
}
