package sqldb_test

import (
	"context"
	"errors"
	"io/fs"
	"reflect"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestMigrationFoldersMatch(t *testing.T) {
	names := func(d sqldb.Dialect) []string {
		fsys, err := sqldb.MigrationsFS(d)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		entries, err := fs.ReadDir(fsys, ".")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	lite, pg := names(sqldb.SQLite), names(sqldb.Postgres)
	if len(lite) == 0 {
		t.Fatal("no migrations found")
	}
	if !reflect.DeepEqual(lite, pg) {
		t.Fatalf("migration folders differ:\nsqlite:   %v\npostgres: %v", lite, pg)
	}
}

func TestRebind(t *testing.T) {
	db := &sqldb.DB{Dialect: sqldb.Postgres}
	got := db.Rebind("SELECT a FROM t WHERE b = ? AND c = '?' AND d IN (?, ?)")
	want := "SELECT a FROM t WHERE b = $1 AND c = '?' AND d IN ($2, $3)"
	if got != want {
		t.Fatalf("Rebind = %q, want %q", got, want)
	}
	lite := &sqldb.DB{Dialect: sqldb.SQLite}
	if q := "SELECT ?"; lite.Rebind(q) != q {
		t.Fatalf("sqlite rebind changed the query")
	}
}

func TestTransactRollsBackAndTimesRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		at := time.Date(2020, 6, 30, 8, 0, 0, 123456000, time.UTC)
		boom := errors.New("boom")
		err := db.Transact(ctx, func(tx *sqldb.Tx) error {
			if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)", "a", "1", at); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Transact err = %v, want boom", err)
		}
		var n int
		if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM settings").Scan(&n); err != nil || n != 0 {
			t.Fatalf("after rollback count = %d, %v; want 0", n, err)
		}
		err = db.Transact(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)", "a", "1", at)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var got time.Time
		if err := db.QueryRow(ctx, "SELECT updated_at FROM settings WHERE key = ?", "a").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(at) {
			t.Fatalf("time round trip = %v, want %v", got, at)
		}
		err = db.Transact(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)", "a", "2", at)
			return err
		})
		if !sqldb.IsUniqueViolation(err, "") {
			t.Fatalf("duplicate key err = %v, want unique violation", err)
		}
	})
}
