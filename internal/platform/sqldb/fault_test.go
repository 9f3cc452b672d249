package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// TestFaultOf: real failures of each engine are told apart from ordinary
// errors, so the web layer can say "disk full" or "database unreachable".
func TestFaultOf(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, sqldb.SQLite)
	if _, err := db.Exec(ctx, "CREATE TABLE junk (k TEXT PRIMARY KEY, b BLOB)"); err != nil {
		t.Fatal(err)
	}
	insert := func(k string, size int) error {
		return db.Transact(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO junk VALUES (?, randomblob(?))", k, size)
			return err
		})
	}
	if err := insert("a", 10); err != nil {
		t.Fatal(err)
	}
	dup := insert("a", 10)
	_, readOnly := db.R.ExecContext(ctx, "INSERT INTO junk VALUES ('b', NULL)") // the reader pool is query_only
	_, unreachable := sqldb.Open(ctx, "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")

	var pages int
	if err := db.QueryRow(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages+2)); err != nil {
		t.Fatal(err)
	}
	full := insert("big", 1<<20)
	for _, tc := range []struct {
		name string
		err  error
		want sqldb.Fault
	}{
		{"nil", nil, sqldb.FaultNone},
		{"unique violation", dup, sqldb.FaultNone},
		{"apperr", apperr.NotFound("x"), sqldb.FaultNone},
		{"plain", errors.New("boom"), sqldb.FaultNone},
		{"request timed out", fmt.Errorf("query: %w", context.DeadlineExceeded), sqldb.FaultNone},
		{"sqlite full", full, sqldb.FaultFull},
		{"sqlite read-only", readOnly, sqldb.FaultReadOnly},
		{"postgres unreachable", unreachable, sqldb.FaultUnavailable},
		{"wrapped", fmt.Errorf("reporting: save: %w", full), sqldb.FaultFull},
		{"diagnosed", &sqldb.FaultError{Fault: sqldb.FaultReadOnly, Err: errors.New("disk I/O error")}, sqldb.FaultReadOnly},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sqldb.FaultOf(tc.err); got != tc.want {
				t.Errorf("FaultOf(%v) = %d, want %d", tc.err, got, tc.want)
			}
		})
	}
	if !sqldb.IsUniqueViolation(dup, "") {
		t.Error("a diagnosed error no longer unwraps to its cause")
	}
}
