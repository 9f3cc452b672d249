package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// The disk fault tests mount file systems, so they need root and ask for
// it: KHOAGIAO_TEST_FAULTS=1 (.ci/run sets it; CI runs as root).
func requireFaults(t *testing.T) {
	t.Helper()
	if os.Getenv("KHOAGIAO_TEST_FAULTS") != "1" {
		t.Skip("set KHOAGIAO_TEST_FAULTS=1 (as root) to mount the small and the failing file systems")
	}
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("disk fault tests need root on Linux (mount)")
	}
}

func sh(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// mountAt mounts with args on a new folder, unmounted when the test ends
// (after the server, started later, is stopped).
func mountAt(t *testing.T, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", append(args, dir)...).CombinedOutput(); err != nil {
		t.Skipf("cannot mount here (%v: %s); see docs/resilience.md for the manual steps", err, out)
	}
	t.Cleanup(func() {
		if err := exec.Command("umount", dir).Run(); err != nil {
			exec.Command("umount", "-l", dir).Run()
		}
	})
	return dir
}

// freeBytes is the space left for writes in dir.
func freeBytes(t *testing.T, dir string) int64 {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	return int64(st.Bavail) * int64(st.Bsize)
}

// fill writes a file until only leave bytes are free.
func fill(t *testing.T, path string, leave int64) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for freeBytes(t, filepath.Dir(path)) > leave+int64(len(chunk)) {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
}

// upload is one attachment sent with its key.
type upload struct {
	name, key, ctype string
	body             []byte
	sum              [32]byte
}

func newUpload(i, size int) upload {
	data := make([]byte, size)
	for j := range data {
		data[j] = byte(j*31 + i*7 + j/251)
	}
	copy(data, "%PDF-1.4\n")
	u := upload{name: fmt.Sprintf("het-dung-luong-%02d.pdf", i), key: newKey("disk"), sum: sha256.Sum256(data)}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", u.name)
	fw.Write(data)
	mw.Close()
	u.body, u.ctype = b.Bytes(), mw.FormDataContentType()
	return u
}

// wantStorageFault checks a write refused by the disk: status, code, and a
// Vietnamese message that names the cause.
func wantStorageFault(t *testing.T, what string, a answer, status int, code, message string) {
	t.Helper()
	e := decodeError(t, a)
	if a.status != status || e.Error.Code != code || !strings.Contains(e.Error.Message, message) {
		t.Errorf("%s: %d %s, want %d %s with %q", what, a.status, a.body, status, code, message)
	}
}

// reportPathOf is the SGDDT report of KG-6T for a period, after a first save.
func (f *faultEnv) reportPathOf(t *testing.T, token, period string) string {
	var regimes struct {
		Items []struct {
			ID   int64
			Code string
		}
	}
	f.c.must(t, "GET", "/api/v1/regimes", f.board, nil, http.StatusOK, &regimes)
	for _, r := range regimes.Items {
		if r.Code == "KG-6T" {
			p := fmt.Sprintf("/api/v1/reports/%d/%s/%d", r.ID, period, f.unit)
			f.c.must(t, "PUT", p, token, map[string]any{"version": 0, "values": map[string]int{"propaganda_sessions": 3}}, http.StatusOK, nil)
			return p
		}
	}
	t.Fatal("no regime KG-6T")
	return ""
}
