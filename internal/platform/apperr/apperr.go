// Package apperr defines the error kinds every layer speaks, so that a
// service can say "not found" or "invalid field" once and the web layer maps
// it to a status code in one place.
package apperr

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error for the caller (HTTP status, message shown).
type Kind int

// The kinds of error a service may return.
const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindForbidden
	KindConflict
	KindUnauthenticated
	KindTooMany
	KindTooLarge
	KindBadRequest
)

// Error is an error with a kind, a user-facing message (Vietnamese first;
// English kept beside it) and, for invalid input, per-field messages.
type Error struct {
	Kind    Kind
	Code    string            // stable machine code, e.g. "invalid", "not_found"
	Message string            // Vietnamese message for users
	English string            // English message for users who ask for it
	Fields  map[string]string // field name → Vietnamese message
	// FieldsEn holds English field messages, keyed like Fields.
	FieldsEn map[string]string
	// Detail carries extra structured data for the client (e.g. both versions on a conflict).
	Detail any
	Err    error // cause, for logs only
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, " [%s: %s]", k, e.Fields[k])
		}
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// KindOf reports the kind of err; plain errors are internal.
func KindOf(err error) Kind {
	if e, ok := As(err); ok {
		return e.Kind
	}
	return KindInternal
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// NotFound says the named thing does not exist (or is hidden from the caller).
func NotFound(what string) *Error {
	return &Error{Kind: KindNotFound, Code: "not_found",
		Message: "Không tìm thấy " + what + ".", English: "Not found: " + what + "."}
}

// Forbidden says the caller may not do this.
func Forbidden() *Error {
	return &Error{Kind: KindForbidden, Code: "forbidden",
		Message: "Bạn không có quyền thực hiện thao tác này.",
		English: "You are not allowed to do this."}
}

// Unauthenticated says the caller must sign in.
func Unauthenticated() *Error {
	return &Error{Kind: KindUnauthenticated, Code: "unauthenticated",
		Message: "Vui lòng đăng nhập.", English: "Please sign in."}
}

// Conflict says the thing changed since the caller read it (or a unique value is taken).
func Conflict(msg, en string) *Error {
	return &Error{Kind: KindConflict, Code: "conflict", Message: msg, English: en}
}

// BadRequest says the request itself is malformed (unparseable body, bad query).
func BadRequest(msg, en string) *Error {
	return &Error{Kind: KindBadRequest, Code: "bad_request", Message: msg, English: en}
}

// TooMany says the caller must wait (throttling).
func TooMany(msg, en string) *Error {
	return &Error{Kind: KindTooMany, Code: "too_many_requests", Message: msg, English: en}
}

// TooLarge says the body or upload is over the limit.
func TooLarge(msg, en string) *Error {
	return &Error{Kind: KindTooLarge, Code: "too_large", Message: msg, English: en}
}

// Invalid collects field errors; use Add and then Err.
type Invalid struct {
	fields   map[string]string
	fieldsEn map[string]string
	order    []string
}

// Add records a field message in Vietnamese and English; the first message per field wins.
func (v *Invalid) Add(field, msg, en string) {
	if v.fields == nil {
		v.fields = map[string]string{}
		v.fieldsEn = map[string]string{}
	}
	if _, ok := v.fields[field]; ok {
		return
	}
	v.fields[field] = msg
	v.fieldsEn[field] = en
	v.order = append(v.order, field)
}

// Has reports whether the field already has a message.
func (v *Invalid) Has(field string) bool { _, ok := v.fields[field]; return ok }

// Err returns nil when no field failed, or an *Error of kind Invalid.
func (v *Invalid) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	first := v.order[0]
	return &Error{Kind: KindInvalid, Code: "invalid",
		Message: "Dữ liệu chưa hợp lệ: " + v.fields[first],
		English: "Invalid input: " + v.fieldsEn[first],
		Fields:  v.fields, FieldsEn: v.fieldsEn}
}

// InvalidField is a shortcut for a single-field validation error.
func InvalidField(field, msg, en string) error {
	var v Invalid
	v.Add(field, msg, en)
	return v.Err()
}
