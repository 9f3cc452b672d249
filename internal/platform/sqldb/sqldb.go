// Package sqldb opens the product's database — embedded SQLite by default,
// PostgreSQL for multi-instance deployments — and gives the stores one way to
// run SQL written once with ? placeholders on both.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect names the SQL engine behind a DB.
type Dialect string

// The two supported engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the product's database: a writer and a reader pool. On SQLite the
// writer is a single connection (SQLite allows one writer at a time, and a
// queue in Go beats SQLITE_BUSY retries); on PostgreSQL both are one pool.
type DB struct {
	Dialect Dialect
	W       *sql.DB
	R       *sql.DB
	DSN     string
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to dsn: a postgres:// URL, or a SQLite file path
// (optionally prefixed "sqlite:" or "file:"). The SQLite file and its folder
// are created when missing. Open does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if IsPostgres(dsn) {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqldb: open postgres: %w", err)
	}
	pool.SetMaxOpenConns(40)
	pool.SetMaxIdleConns(20)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("sqldb: ping postgres: %w", err)
	}
	return &DB{Dialect: Postgres, W: pool, R: pool, DSN: dsn}, nil
}

// sqlitePragmas: WAL so readers never block the writer; synchronous=FULL,
// so that every acknowledged commit is on the disk before the answer leaves:
// it survives a killed process, a power cut and a disk that the kernel turns
// read-only (the fault tests showed NORMAL losing the last acknowledged
// commits in that case). KHOAGIAO_SQLITE_SYNC=NORMAL trades that for a
// faster deadline surge (one fsync per checkpoint instead of per commit);
// docs/performance.md gives both figures. Foreign keys on; a busy timeout
// for the rare cross-process lock; a 64 MB page cache.
func sqlitePragmas() string {
	sync := "FULL"
	if os.Getenv("KHOAGIAO_SQLITE_SYNC") == "NORMAL" {
		sync = "NORMAL"
	}
	return "_pragma=journal_mode(WAL)&_pragma=synchronous(" + sync + ")&_pragma=foreign_keys(1)" +
		"&_pragma=busy_timeout(10000)&_pragma=cache_size(-65536)&_time_format=sqlite"
}

// SQLitePath is the file a SQLite dsn names (without "sqlite:", "file:"
// or query parameters).
func SQLitePath(dsn string) string {
	path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return path
}

func openSQLite(ctx context.Context, dsn string) (*DB, error) {
	path := SQLitePath(dsn)
	if path == "" {
		return nil, errors.New("sqldb: empty sqlite path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqldb: create data folder: %w", err)
		}
	}
	u := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + sqlitePragmas()
	w, err := sql.Open("sqlite", u+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqldb: open sqlite writer: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqldb: ping sqlite: %w", err)
	}
	r, err := sql.Open("sqlite", u+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqldb: open sqlite readers: %w", err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	return &DB{Dialect: SQLite, W: w, R: r, DSN: path}, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	err := db.W.Close()
	if db.R != db.W {
		err = errors.Join(err, db.R.Close())
	}
	return err
}

// Ping checks the database answers (readiness).
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.R.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Rebind turns ? placeholders into $1, $2… for PostgreSQL. A ? inside a
// single-quoted literal is left alone.
func (db *DB) Rebind(q string) string { return rebind(db.Dialect, q) }

func rebind(d Dialect, q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n, inQuote := 0, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			fmt.Fprintf(&b, "$%d", n)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Query runs a read on the reader pool.
func (db *DB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.R.QueryContext(ctx, db.Rebind(q), args...)
}

// QueryRow runs a single-row read on the reader pool.
func (db *DB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.R.QueryRowContext(ctx, db.Rebind(q), args...)
}

// Exec runs a single write statement outside an explicit transaction.
func (db *DB) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.W.ExecContext(ctx, db.Rebind(q), args...)
}
