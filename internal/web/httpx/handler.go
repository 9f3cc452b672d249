package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// HandlerFunc is a handler that returns its error; Wrap turns it into an
// http.Handler that maps the error once.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Status maps an error kind to its HTTP status.
func Status(err error) int {
	switch apperr.KindOf(err) {
	case apperr.KindNotFound:
		return http.StatusNotFound
	case apperr.KindInvalid:
		return http.StatusUnprocessableEntity
	case apperr.KindForbidden:
		return http.StatusForbidden
	case apperr.KindConflict:
		return http.StatusConflict
	case apperr.KindUnauthenticated:
		return http.StatusUnauthorized
	case apperr.KindTooMany:
		return http.StatusTooManyRequests
	case apperr.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.KindBadRequest:
		return http.StatusBadRequest
	}
	if errors.Is(err, context.DeadlineExceeded) { // the request's time limit (web.limitRequest)
		return http.StatusServiceUnavailable
	}
	return faultStatus(err)
}

// ErrorBody is the JSON error shape everywhere:
// {"error":{"code","message","fields":{"name":"message"}}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the inside of ErrorBody.
type ErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	Detail  any               `json:"detail,omitempty"`
}

// Describe returns the user-facing description of err in lang; internal
// errors say only that something went wrong (the cause goes to the log).
func Describe(err error, lang string) ErrorDetail {
	e, ok := apperr.As(err)
	if !ok || e.Kind == apperr.KindInternal {
		if d, ok := faultDetail(err, lang); ok {
			return d
		}
		if errors.Is(err, context.DeadlineExceeded) {
			if lang == "en" {
				return ErrorDetail{Code: "timeout", Message: "The request took too long and was stopped. Please try again in a moment."}
			}
			return ErrorDetail{Code: "timeout", Message: "Yêu cầu xử lý quá lâu nên đã dừng. Vui lòng thử lại sau ít phút."}
		}
		if lang == "en" {
			return ErrorDetail{Code: "internal", Message: "Something went wrong on the server. Please try again."}
		}
		return ErrorDetail{Code: "internal", Message: "Hệ thống gặp sự cố. Vui lòng thử lại."}
	}
	d := ErrorDetail{Code: e.Code, Message: e.Message, Fields: e.Fields, Detail: e.Detail}
	if lang == "en" {
		d.Message, d.Fields = e.English, e.FieldsEn
	}
	return d
}

// WriteJSON writes v with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// WriteJSONError writes err as the JSON error body, logging internal causes.
func WriteJSONError(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	LogError(r, status, err)
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "10")
	}
	WriteJSON(w, status, ErrorBody{Error: Describe(err, Lang(r.Context()))})
}

// LogError logs server errors with their cause, client errors at debug.
func LogError(r *http.Request, status int, err error) {
	if errors.Is(err, context.Canceled) {
		slog.DebugContext(r.Context(), "request abandoned by the client", "method", r.Method, "path", r.URL.Path)
		return
	}
	if status >= 500 {
		slog.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		return
	}
	slog.DebugContext(r.Context(), "request refused", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
}

// JSON wraps a JSON API handler: errors become the JSON error body.
func JSON(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			WriteJSONError(w, r, err)
		}
	})
}
