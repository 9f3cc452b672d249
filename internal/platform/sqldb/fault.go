package sqldb

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Fault names a failure of the database's surroundings — the server, the
// disk — rather than of the request, so that the web layer can tell users
// what happened (and that nothing was written) instead of "something went
// wrong".
type Fault int

// The faults told apart.
const (
	FaultNone        Fault = iota
	FaultUnavailable       // PostgreSQL stopped, restarting or unreachable
	FaultFull              // no space left on the disk (or quota) for the write
	FaultReadOnly          // the data folder or the database is read-only
	FaultIO                // another disk error reading or writing the database file
)

// FaultError is a database error diagnosed as a Fault.
type FaultError struct {
	Fault Fault
	Err   error
}

func (e *FaultError) Error() string { return e.Err.Error() }
func (e *FaultError) Unwrap() error { return e.Err }

// FaultOf classifies err: the diagnosis made by Transact when there is
// one, else what the error itself says (FaultNone for ordinary errors).
func FaultOf(err error) Fault {
	if err == nil {
		return FaultNone
	}
	var fe *FaultError
	if errors.As(err, &fe) {
		return fe.Fault
	}
	return classify(err)
}

func classify(err error) Fault {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return FaultNone // the request gave up or ran out of time: not the database's fault
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch {
		case pg.Code == "53100": // disk_full
			return FaultFull
		case pg.Code == "25006": // read_only_sql_transaction (a standby)
			return FaultReadOnly
		case len(pg.Code) == 5 && pg.Code[:2] == "08", // connection exception
			pg.Code == "57P01", pg.Code == "57P02", pg.Code == "57P03": // shutting down, crashed, starting up
			return FaultUnavailable
		}
		return FaultNone
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return FaultFull
		case sqlite3.SQLITE_READONLY:
			return FaultReadOnly
		case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
			return FaultIO
		}
		return FaultNone
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.ErrUnexpectedEOF) || (err.Error() == "conn closed") {
		return FaultUnavailable
	}
	return FaultNone
}

// diagnose turns a database failure into a FaultError. SQLite reports a
// write refused by a read-only or full file system as a plain I/O error
// (the errno is not passed on), so the data folder itself is examined.
func (db *DB) diagnose(err error) error {
	f := classify(err)
	if f == FaultNone {
		return err
	}
	if f == FaultIO && db.Dialect == SQLite {
		f = folderFault(filepath.Dir(db.DSN))
	}
	return &FaultError{Fault: f, Err: err}
}
