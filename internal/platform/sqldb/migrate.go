package sqldb

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Migrations holds the per-dialect migration folders; both hold the same
// file names (a test checks), so each schema change is written twice, once
// per engine, side by side.
//
//go:embed migrations
var Migrations embed.FS

// MigrationsFS returns the migration folder for a dialect.
func MigrationsFS(d Dialect) (fs.FS, error) {
	return fs.Sub(Migrations, "migrations/"+string(d))
}

func (db *DB) provider() (*goose.Provider, error) {
	fsys, err := MigrationsFS(db.Dialect)
	if err != nil {
		return nil, err
	}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if db.Dialect == Postgres {
		dialect = goose.DialectPostgres
		// Several instances may start at once: only one migrates.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, db.W, fsys, opts...)
}

// Migrate brings the schema up to the newest version.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := db.provider()
	if err != nil {
		return fmt.Errorf("sqldb: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqldb: migrate: %w", err)
	}
	return nil
}

// SchemaVersion reports the applied schema version.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	p, err := db.provider()
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}

// LatestVersion is the newest migration this binary carries for d.
func LatestVersion(d Dialect) (int64, error) {
	fsys, err := MigrationsFS(d)
	if err != nil {
		return 0, err
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return 0, fmt.Errorf("sqldb: list migrations: %w", err)
	}
	var latest int64
	for _, e := range entries {
		name, _, ok := strings.Cut(e.Name(), "_")
		if !ok {
			continue
		}
		if v, err := strconv.ParseInt(name, 10, 64); err == nil && v > latest {
			latest = v
		}
	}
	return latest, nil
}
