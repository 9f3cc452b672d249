package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Tx is a write transaction whose statements are rebound for its dialect.
type Tx struct {
	tx      *sql.Tx
	Dialect Dialect
}

// Exec runs a statement in the transaction.
func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, rebind(t.Dialect, q), args...)
}

// Query runs a query in the transaction.
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, rebind(t.Dialect, q), args...)
}

// QueryRow runs a single-row query in the transaction.
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, rebind(t.Dialect, q), args...)
}

// Prepare prepares a statement for repeated use inside the transaction (bulk imports).
func (t *Tx) Prepare(ctx context.Context, q string) (*sql.Stmt, error) {
	return t.tx.PrepareContext(ctx, rebind(t.Dialect, q))
}

// Transact runs fn in one write transaction: committed when fn returns nil,
// rolled back otherwise (and on panic). Every public store method that writes
// goes through here, so a multi-row change is all or nothing.
func (db *DB) Transact(ctx context.Context, fn func(*Tx) error) (err error) {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return db.diagnose(fmt.Errorf("sqldb: begin: %w", err))
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
			err = db.diagnose(err) // disk full, read-only, server down: said so
		}
	}()
	t := &Tx{tx: tx, Dialect: db.Dialect}
	idem := idempotencyOf(ctx)
	if idem != nil {
		if err = idem.claim(ctx, t); err != nil {
			return err
		}
	}
	if err = fn(t); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("sqldb: commit: %w", err)
	}
	if idem != nil {
		idem.claimed.Store(true)
	}
	return nil
}

var errNoRows = sql.ErrNoRows

// IsUniqueViolation reports whether err is a unique-constraint failure on
// either engine; constraint, when non-empty, must appear in the message
// (a column name on SQLite, the constraint name on PostgreSQL).
func IsUniqueViolation(err error, constraint string) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505" && (constraint == "" || strings.Contains(pg.ConstraintName+pg.Message, constraint))
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return (c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY) &&
			(constraint == "" || strings.Contains(se.Error(), constraint))
	}
	return false
}

// IsForeignKeyViolation reports whether err is a foreign-key failure on either engine.
func IsForeignKeyViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23503"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	return false
}
