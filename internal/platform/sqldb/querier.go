package sqldb

import (
	"context"
	"database/sql"
	"strings"
)

// Querier is what a store helper needs to read: the reader pool (*DB) or a
// write transaction (*Tx); both rebind ? for their dialect.
type Querier interface {
	Query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, q string, args ...any) *sql.Row
}

var (
	_ Querier = (*DB)(nil)
	_ Querier = (*Tx)(nil)
)

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// LikeWords turns an already folded search into one LIKE pattern per word
// (every word must appear), for `col LIKE ? ESCAPE '\'`. % and _ typed by
// users are matched literally.
func LikeWords(folded string) []string {
	var out []string
	for _, w := range strings.Fields(folded) {
		out = append(out, "%"+likeEscaper.Replace(w)+"%")
	}
	return out
}
