package org

import (
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// querier is what a store helper needs: the reader pool (*sqldb.DB) or a
// write transaction (*sqldb.Tx) — both rebind ? for their dialect.
type querier = sqldb.Querier

// likeWords turns a search box into LIKE patterns on a folded key.
func likeWords(folded string) []string { return sqldb.LikeWords(folded) }

// where accumulates AND-ed conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) in(col string, ids []int64) {
	if len(ids) == 0 {
		w.add("1 = 0")
		return
	}
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	w.add(col+" IN ("+ph+")", args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func clampLimit(limit, def, max int) int {
	if limit <= 0 {
		return def
	}
	if limit > max {
		return max
	}
	return limit
}

var _ querier = (*sqldb.DB)(nil)
var _ querier = (*sqldb.Tx)(nil)
