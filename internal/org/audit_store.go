package org

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// AppendAudit writes entries to the trail inside the caller's transaction,
// so the change and its record commit together or not at all. The head row
// is updated first: on PostgreSQL that row lock serialises concurrent
// writers, so the chain never forks; SQLite has one writer anyway.
func AppendAudit(ctx context.Context, tx *sqldb.Tx, now time.Time, entries ...AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	// Both engines must store exactly what is hashed: UTC, microseconds.
	now = now.UTC().Truncate(time.Microsecond)
	var seq int64
	var prev string
	err := tx.QueryRow(ctx, "UPDATE audit_head SET seq = seq + ? WHERE id = 1 RETURNING seq, hash", len(entries)).Scan(&seq, &prev)
	if err != nil {
		return fmt.Errorf("org: audit head: %w", err)
	}
	seq -= int64(len(entries))
	stmt, err := tx.Prepare(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor, ip, action, entity, entity_id,
		before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("org: prepare audit: %w", err)
	}
	defer stmt.Close()
	for i := range entries {
		e := &entries[i]
		seq++
		e.Seq, e.At, e.PrevHash = seq, now, prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
		if _, err := stmt.ExecContext(ctx, e.Seq, e.At, e.ActorID, e.Actor, e.IP, e.Action, e.Entity, e.EntityID,
			string(e.Before), string(e.After), e.PrevHash, e.Hash); err != nil {
			return fmt.Errorf("org: append audit: %w", err)
		}
	}
	if _, err := tx.Exec(ctx, "UPDATE audit_head SET hash = ? WHERE id = 1", prev); err != nil {
		return fmt.Errorf("org: audit head hash: %w", err)
	}
	return nil
}

const auditCols = "seq, at, actor_id, actor, ip, action, entity, entity_id, before_json, after_json, prev_hash, hash"

func scanAudit(sc interface{ Scan(...any) error }) (AuditEntry, error) {
	var e AuditEntry
	var actorID sql.NullInt64
	var before, after string
	err := sc.Scan(&e.Seq, &e.At, &actorID, &e.Actor, &e.IP, &e.Action, &e.Entity, &e.EntityID,
		&before, &after, &e.PrevHash, &e.Hash)
	if actorID.Valid {
		id := actorID.Int64
		e.ActorID = &id
	}
	e.Before, e.After = []byte(before), []byte(after)
	e.At = e.At.UTC()
	return e, err
}

func listAudit(ctx context.Context, q querier, f AuditFilter) (AuditList, error) {
	var w where
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if f.Actor != "" {
		w.add("actor = ?", f.Actor)
	}
	if !f.From.IsZero() {
		w.add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		w.add("at < ?", f.To.UTC())
	}
	list := AuditList{Items: []AuditEntry{}}
	if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log"+w.sql(), w.args...).Scan(&list.Total); err != nil {
		return list, fmt.Errorf("org: count audit: %w", err)
	}
	args := append(w.args, clampLimit(f.Limit, 50, 500), max(f.Offset, 0))
	rows, err := q.Query(ctx, "SELECT "+auditCols+" FROM audit_log"+w.sql()+" ORDER BY seq DESC LIMIT ? OFFSET ?", args...)
	if err != nil {
		return list, fmt.Errorf("org: list audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return list, fmt.Errorf("org: scan audit: %w", err)
		}
		list.Items = append(list.Items, e)
	}
	return list, rows.Err()
}

// verifyAudit walks the whole chain in order, in pages, recomputing each hash.
func verifyAudit(ctx context.Context, q querier) (VerifyResult, error) {
	var res VerifyResult
	prev, next := "", int64(1)
	for {
		rows, err := q.Query(ctx, "SELECT "+auditCols+" FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT 5000", next)
		if err != nil {
			return res, fmt.Errorf("org: read audit: %w", err)
		}
		n := 0
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				rows.Close()
				return res, fmt.Errorf("org: scan audit: %w", err)
			}
			n++
			if reason := checkLink(e, next, prev); reason != "" {
				rows.Close()
				res.BrokenAt, res.Reason = e.Seq, reason
				return res, nil
			}
			prev, next = e.Hash, e.Seq+1
			res.Entries++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, err
		}
		if n == 0 {
			break
		}
	}
	var headSeq int64
	var headHash string
	if err := q.QueryRow(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1").Scan(&headSeq, &headHash); err != nil {
		return res, fmt.Errorf("org: read audit head: %w", err)
	}
	if headSeq != next-1 || headHash != prev {
		res.BrokenAt, res.Reason = next, "the trail ends before its recorded head (entries removed at the end)"
		return res, nil
	}
	res.OK = true
	return res, nil
}

func checkLink(e AuditEntry, wantSeq int64, prev string) string {
	switch {
	case e.Seq != wantSeq:
		return fmt.Sprintf("entry %d is missing", wantSeq)
	case e.PrevHash != prev:
		return "previous-hash link does not match"
	case e.ComputeHash() != e.Hash:
		return "entry content does not match its hash"
	}
	return ""
}
