package main

import (
	"context"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// TestDiskFull runs the server on a 48 MB tmpfs and fills it: uploads are
// refused with 507 and a clear message, reads go on, nothing is corrupted,
// and once space is freed the refused upload, retried with its key, is
// stored — without restarting the server.
func TestDiskFull(t *testing.T) {
	requireFaults(t)
	dir := mountAt(t, "-t", "tmpfs", "-o", "size=48m", "tmpfs")
	dsn := filepath.Join(dir, "khoagiao.db")
	f := faultSetup(t, dsn)
	rep := f.c.token(t, "sgddt.baocao", testPassword)
	path := f.reportPathOf(t, rep, "2031-H1")

	filler := filepath.Join(dir, "filler")
	fill(t, filler, 3<<20)
	var stored []upload
	var refused *upload
	for i := range 40 {
		u := newUpload(i, 512<<10)
		a, err := f.c.send("POST", path+"/attachments", rep, u.key, u.ctype, u.body)
		if err != nil {
			t.Fatalf("upload %d: no answer: %v\n%s", i, err, f.srv.tail())
		}
		if a.status == http.StatusCreated {
			stored = append(stored, u)
			continue
		}
		wantStorageFault(t, "upload on a full disk", a, http.StatusInsufficientStorage, "storage_full", "Hết dung lượng lưu trữ")
		refused = &u
		break
	}
	if refused == nil {
		t.Fatalf("40 uploads of 512 KB fitted in 3 MB of free space")
	}
	task, err := f.c.send("POST", "/api/v1/tasks", f.board, newKey("disk"), "application/json", mustMarshal(f.taskBody("Khi đầy đĩa")))
	if err != nil {
		t.Fatal(err)
	}
	if task.status != http.StatusCreated { // a small write may still fit in the WAL file's free pages
		wantStorageFault(t, "a task on a full disk", task, http.StatusInsufficientStorage, "storage_full", "Hết dung lượng lưu trữ")
	}
	for _, p := range []string{"/readyz", "/api/v1/tasks", path} {
		if a, err := f.c.send("GET", p, f.board, "", "", nil); err != nil || a.status != http.StatusOK {
			t.Errorf("read %s on a full disk: %d %v, want 200", p, a.status, err)
		}
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	a, err := f.c.send("POST", path+"/attachments", rep, refused.key, refused.ctype, refused.body)
	if err != nil || a.status != http.StatusCreated || a.replayed {
		t.Fatalf("the refused upload retried with its key once space is back: %d replayed=%v %s %v", a.status, a.replayed, a.body, err)
	}
	stored = append(stored, *refused)
	f.c.must(t, "POST", "/api/v1/tasks", f.board, f.taskBody("Sau khi giải phóng dung lượng"), http.StatusCreated, nil)
	if !f.srv.running() {
		t.Fatal("khoagiao exited on the full disk")
	}
	f.srv.stop()
	checkUploads(t, dsn, stored)
	t.Logf("disk full: %d uploads of 512 KB stored, the next refused with 507 storage_full (small task write: %d); reads 200; "+
		"after freeing space the refused upload retried with its key: 201, same process; integrity_check ok, audit chain ok, every upload once and intact",
		len(stored)-1, task.status)
}

// checkUploads opens the database of a stopped server: every upload once
// with its bytes, the audit chain whole, SQLite's checks clean.
func checkUploads(t *testing.T, dsn string, want []upload) {
	ctx := context.Background()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkSQLite(t, db)
	for _, u := range want {
		var n int
		var sum string
		err := db.QueryRow(ctx, "SELECT count(*), max(sha256) FROM attachments WHERE name = ?", u.name).Scan(&n, &sum)
		if err != nil || n != 1 || sum != hex.EncodeToString(u.sum[:]) {
			t.Errorf("upload %s: stored %d times, sha256 %s (%v)", u.name, n, sum, err)
		}
	}
	if res, err := org.NewService(db, org.Options{}).VerifyAudit(ctx); err != nil || !res.OK {
		t.Errorf("audit verify: %+v %v", res, err)
	}
}
