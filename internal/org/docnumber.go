package org

import (
	"context"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// NextDocNumber assigns the next number of an outgoing document of a type
// ("BC", "TB", …) in a year, inside the caller's transaction. Numbering
// restarts every 1 January (Hướng dẫn 36-HD/VPTW). The row lock taken by the
// upsert serialises concurrent issuers on PostgreSQL.
func NextDocNumber(ctx context.Context, tx *sqldb.Tx, year int, typeCode string) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `INSERT INTO doc_numbers (year, type_code, last) VALUES (?, ?, 1)
		ON CONFLICT (year, type_code) DO UPDATE SET last = doc_numbers.last + 1 RETURNING last`, year, typeCode).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("org: next number %d/%s: %w", year, typeCode, err)
	}
	return n, nil
}
