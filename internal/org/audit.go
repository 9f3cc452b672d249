package org

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"
)

// AuditEntry is one line of the audit trail: who did what to which entity,
// from where, with the entity before and after. Each entry's Hash covers its
// fields and the previous entry's hash, so editing or deleting any row breaks
// the chain from there on (`khoagiao audit verify`).
type AuditEntry struct {
	Seq      int64           `json:"seq"`
	At       time.Time       `json:"at"`
	ActorID  *int64          `json:"actor_id"`
	Actor    string          `json:"actor"`
	IP       string          `json:"ip"`
	Action   string          `json:"action"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

// Audit actions used across the product.
const (
	ActionCreate       = "create"
	ActionUpdate       = "update"
	ActionDeactivate   = "deactivate"
	ActionActivate     = "activate"
	ActionImport       = "import"
	ActionSignIn       = "sign_in"
	ActionSignInFailed = "sign_in_failed"
	ActionSignOut      = "sign_out"
	ActionPassword     = "password_change"
	ActionRoles        = "roles_change"
	ActionTokenCreate  = "token_create"
	ActionTokenRevoke  = "token_revoke"
)

// NewAudit starts an entry for actor; before and after are marshalled to
// JSON (nil becomes null).
func NewAudit(a Actor, action, entity string, entityID any, before, after any) AuditEntry {
	e := AuditEntry{Actor: a.Username, IP: a.IP, Action: action, Entity: entity,
		EntityID: idString(entityID), Before: mustJSON(before), After: mustJSON(after)}
	if a.UserID != 0 {
		id := a.UserID
		e.ActorID = &id
	}
	return e
}

func idString(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case string:
		return x
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func mustJSON(v any) json.RawMessage {
	if v == nil {
		return json.RawMessage("null")
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw
	}
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(strconv.Quote("unmarshalable: " + err.Error()))
	}
	return b
}

// ComputeHash returns the chained hash of the entry: SHA-256 over the
// previous hash and a JSON array of the entry's fields (unambiguous framing).
func (e *AuditEntry) ComputeHash() string {
	actorID := ""
	if e.ActorID != nil {
		actorID = strconv.FormatInt(*e.ActorID, 10)
	}
	fields := []string{e.PrevHash, strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339Nano),
		actorID, e.Actor, e.IP, e.Action, e.Entity, e.EntityID, string(e.Before), string(e.After)}
	b, _ := json.Marshal(fields)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Entity   string
	EntityID string
	ActorID  int64
	Actor    string
	From, To time.Time
	Limit    int
	Offset   int
}

// AuditList is a page of entries, newest first.
type AuditList struct {
	Items []AuditEntry `json:"items"`
	Total int          `json:"total"`
}

// VerifyResult is the outcome of checking the chain.
type VerifyResult struct {
	Entries  int64  `json:"entries"`
	OK       bool   `json:"ok"`
	BrokenAt int64  `json:"broken_at,omitempty"`
	Reason   string `json:"reason,omitempty"`
}
