package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// TestFaultErrors: a database fault is answered with its own status and a
// message saying what happened, in the caller's language.
func TestFaultErrors(t *testing.T) {
	fault := func(f sqldb.Fault) error {
		return fmt.Errorf("task: create: %w", &sqldb.FaultError{Fault: f, Err: errors.New("cause for the log")})
	}
	for _, tc := range []struct {
		name       string
		err        error
		status     int
		code, vi   string
		en         string
		retryAfter bool
	}{
		{"unavailable", fault(sqldb.FaultUnavailable), 503, "db_unavailable", "Cơ sở dữ liệu tạm thời không truy cập được", "temporarily unreachable", true},
		{"full", fault(sqldb.FaultFull), 507, "storage_full", "Hết dung lượng lưu trữ", "storage is full", false},
		{"read-only", fault(sqldb.FaultReadOnly), 503, "storage_readonly", "chỉ đọc", "read-only", true},
		{"disk error", fault(sqldb.FaultIO), 503, "storage_error", "Lỗi đọc/ghi ổ đĩa", "disk error", true},
		{"other", errors.New("boom"), 500, "internal", "Hệ thống gặp sự cố", "Something went wrong", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Status(tc.err); got != tc.status {
				t.Errorf("Status = %d, want %d", got, tc.status)
			}
			if d := Describe(tc.err, "en"); d.Code != tc.code || !strings.Contains(d.Message, tc.en) {
				t.Errorf("Describe en = %+v, want %s %q", d, tc.code, tc.en)
			}
			w := httptest.NewRecorder()
			WriteJSONError(w, httptest.NewRequest("POST", "/api/v1/tasks", nil), tc.err)
			var body ErrorBody
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if w.Code != tc.status || body.Error.Code != tc.code || !strings.Contains(body.Error.Message, tc.vi) {
				t.Errorf("answer %d %+v, want %d %s %q", w.Code, body.Error, tc.status, tc.code, tc.vi)
			}
			if strings.Contains(w.Body.String(), "cause for the log") {
				t.Error("the internal cause reached the client")
			}
			if got := w.Header().Get("Retry-After") != ""; got != tc.retryAfter {
				t.Errorf("Retry-After set %v, want %v", got, tc.retryAfter)
			}
		})
	}
}
