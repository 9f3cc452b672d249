// Package httpx holds what the JSON API and the HTML pages share: the
// handler signature that returns an error, the signed-in actor in the request
// context, language choice, and request decoding with limits.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// Limits on request bodies.
const (
	MaxJSONBody   = 1 << 20  // 1 MiB
	MaxUploadBody = 20 << 20 // 20 MiB
)

type ctxKey int

const (
	keyUser ctxKey = iota
	keyLang
)

// WithUser stores the signed-in user and their actor in ctx.
func WithUser(ctx context.Context, u *org.User, ip string) context.Context {
	return context.WithValue(ctx, keyUser, &signedIn{user: u, actor: org.ActorFor(u, ip)})
}

type signedIn struct {
	user  *org.User
	actor org.Actor
}

// User returns the signed-in user, or nil.
func User(ctx context.Context) *org.User {
	if s, ok := ctx.Value(keyUser).(*signedIn); ok {
		return s.user
	}
	return nil
}

// Actor returns the signed-in actor (zero Actor when anonymous).
func Actor(ctx context.Context) org.Actor {
	if s, ok := ctx.Value(keyUser).(*signedIn); ok {
		return s.actor
	}
	return org.Actor{}
}

// WithLang stores the chosen language ("vi" or "en").
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, keyLang, lang)
}

// Lang returns "en" or "vi" (the default).
func Lang(ctx context.Context) string {
	if l, ok := ctx.Value(keyLang).(string); ok && l == "en" {
		return "en"
	}
	return "vi"
}

// ChooseLang picks the language: ?lang=, the "lang" cookie, the user's
// preference, then — for the API only — Accept-Language. Pages stay
// Vietnamese unless the user chose English: many office PCs run an English
// Windows whose browser asks for English without the user meaning it.
func ChooseLang(r *http.Request, userPref string) string {
	if l := r.URL.Query().Get("lang"); l == "en" || l == "vi" {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && (c.Value == "en" || c.Value == "vi") {
		return c.Value
	}
	if userPref == "en" {
		return "en"
	}
	if !strings.HasPrefix(r.URL.Path, "/api/") {
		return "vi"
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "vi"):
			return "vi"
		case strings.HasPrefix(tag, "en"):
			return "en"
		}
	}
	return "vi"
}

// ClientIP returns the caller's address. X-Forwarded-For is trusted only
// when the direct peer is a configured proxy (TrustProxy), and then only
// its last entry: the one that proxy wrote. A proxy that appends instead of
// replacing keeps what the client sent in front, and the client must not
// choose the address its sign-in throttle and rate limits count against.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			parts := strings.Split(xff[len(xff)-1], ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); ip != "" {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// DecodeJSON reads a JSON body into v, mapping malformed JSON to 400 and an
// oversized body to 413. Unknown fields are refused, so typos do not pass silently.
func DecodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		var ute *json.UnmarshalTypeError
		switch {
		case errors.As(err, &mbe):
			return apperr.TooLarge("Dữ liệu gửi lên vượt quá giới hạn 1 MB.", "The request body is over the 1 MB limit.")
		case errors.As(err, &ute) && ute.Field != "":
			return apperr.InvalidField(ute.Field, "Kiểu dữ liệu không đúng.", "Wrong value type.")
		}
		return apperr.BadRequest("Dữ liệu JSON không hợp lệ: "+err.Error(), "Malformed JSON: "+err.Error())
	}
	return nil
}

// QueryInt reads an integer query parameter (def when absent); a malformed
// value is a 400 naming the parameter.
func QueryInt(r *http.Request, name string, def int64) (int64, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, apperr.InvalidField(name, "Tham số "+name+" phải là số nguyên.", "Parameter "+name+" must be an integer.")
	}
	return n, nil
}

// PathID reads an integer path value such as {id}.
func PathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, apperr.NotFound(name)
	}
	return n, nil
}
