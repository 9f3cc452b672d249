// Package dbtest gives each test a fresh, migrated database of its own —
// SQLite always, PostgreSQL too when KHOAGIAO_TEST_POSTGRES holds a DSN — and
// drops it afterwards, so suites never see each other's rows.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// EnvPostgres names the variable holding the PostgreSQL admin DSN for tests.
const EnvPostgres = "KHOAGIAO_TEST_POSTGRES"

// Dialects lists the engines tests must run on in this environment.
func Dialects() []sqldb.Dialect {
	if os.Getenv(EnvPostgres) != "" {
		return []sqldb.Dialect{sqldb.SQLite, sqldb.Postgres}
	}
	return []sqldb.Dialect{sqldb.SQLite}
}

// Run runs fn once per engine as subtests named after the dialect, each with
// a fresh migrated database.
func Run(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(string(d), func(t *testing.T) {
			fn(t, Open(t, d))
		})
	}
}

// Open returns a fresh migrated database of dialect d, closed and dropped
// when the test ends.
func Open(t testing.TB, d sqldb.Dialect) *sqldb.DB {
	t.Helper()
	dsn := NewDSN(t, d)
	ctx := context.Background()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("dbtest: open %s: %v", d, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("dbtest: migrate %s: %v", d, err)
	}
	return db
}

// NewDSN creates an empty database of dialect d and returns its DSN; it is
// dropped when the test ends. Tests that start the real binary use it.
func NewDSN(t testing.TB, d sqldb.Dialect) string {
	t.Helper()
	if d == sqldb.SQLite {
		return filepath.Join(t.TempDir(), "khoagiao.db")
	}
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		t.Skip("dbtest: " + EnvPostgres + " is not set")
	}
	name := "kgtest_" + randomHex(6)
	adm, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("dbtest: open postgres admin: %v", err)
	}
	defer adm.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := adm.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() { dropDatabase(t, admin, name) })
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("dbtest: parse %s: %v", EnvPostgres, err)
	}
	u.Path = "/" + name
	return u.String()
}

func dropDatabase(t testing.TB, admin, name string) {
	adm, err := sql.Open("pgx", admin)
	if err != nil {
		t.Errorf("dbtest: drop %s: %v", name, err)
		return
	}
	defer adm.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := adm.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		t.Errorf("dbtest: drop %s: %v", name, err)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("dbtest: random: %v", err))
	}
	return hex.EncodeToString(b)
}
