package web

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// maxStoredBody caps an answer kept for replays; a larger one is replayed
// as a plain "done" without its body.
const maxStoredBody = 1 << 20

// idempotent honours the Idempotency-Key header on API writes. The key is
// recorded by the request's first write transaction, inside it; a retry
// with the same key and caller gets the first answer again (header
// Idempotent-Replayed: true) instead of a second write. A retry whose first
// attempt committed but never answered (the process was killed in between)
// gets 409 with a message saying the request was already processed.
func (s *Server) idempotent(next httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		key := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
		u := httpx.User(r.Context())
		if key == "" || u == nil {
			return next(w, r)
		}
		if len(key) > 200 {
			return apperr.InvalidField("Idempotency-Key", "Khóa Idempotency-Key dài quá 200 ký tự.", "The Idempotency-Key header is longer than 200 characters.")
		}
		db := s.org.DB()
		scope := strconv.FormatInt(u.ID, 10) + " " + r.Method + " " + r.URL.Path
		prev, err := db.LookupIdempotency(r.Context(), scope, key)
		if err != nil {
			return err
		}
		if prev.Found {
			return replay(w, prev)
		}
		idem := &sqldb.Idempotency{Scope: scope, Key: key}
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		if err := next(rec, r.WithContext(sqldb.WithIdempotency(r.Context(), idem))); err != nil {
			if errors.Is(err, sqldb.ErrReplay) { // two attempts raced with one key
				return replay(w, sqldb.StoredResponse{Found: true})
			}
			return err
		}
		if idem.Claimed() && rec.status < 300 {
			body := rec.body.Bytes()
			if len(body) > maxStoredBody {
				body = nil
			}
			if err := db.StoreIdempotentResponse(r.Context(), scope, key, rec.status, rec.header.Get("Content-Type"), body); err != nil {
				httpx.LogError(r, http.StatusInternalServerError, err)
			}
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		_, err = w.Write(rec.body.Bytes())
		return nil
	}
}

func replay(w http.ResponseWriter, prev sqldb.StoredResponse) error {
	w.Header().Set("Idempotent-Replayed", "true")
	if prev.Status == 0 {
		return apperr.Conflict("Yêu cầu với khóa Idempotency-Key này đã được xử lý (hoặc đang được xử lý); dữ liệu đã được ghi, không ghi lại lần nữa.",
			"A request with this Idempotency-Key was already processed (or is in progress); its data is stored and is not written again.")
	}
	if prev.ContentType != "" {
		w.Header().Set("Content-Type", prev.ContentType)
	}
	w.WriteHeader(prev.Status)
	_, err := w.Write(prev.Body)
	return err
}

// recorder buffers an answer so that it can be stored before it is sent.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
}
func (r *recorder) Write(b []byte) (int, error) { r.wrote = true; return r.body.Write(b) }
