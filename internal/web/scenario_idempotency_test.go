package web_test

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestIdempotencyKeys: a write retried with the same Idempotency-Key is
// done once and answered with the first answer; racing retries write once;
// a key whose writes committed without a stored answer is refused with 409.
func TestIdempotencyKeys(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		board, other := apiClient(t, env, "chuyenvien"), apiClient(t, env, "lanhdao")
		sgddt := env.Unit(t, "SGDDT")
		count := func(title string) int {
			var n int
			if err := env.DB.QueryRow(context.Background(), "SELECT count(*) FROM tasks WHERE title = ?", title).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		body := func(title string) map[string]any {
			return map[string]any{"title": title, "lead_unit_id": sgddt.ID, "due": "2020-09-30"}
		}

		first := board.do(t, "POST", "/api/v1/tasks", body("Nhiệm vụ một lần"), "Idempotency-Key", "k-1").want(t, http.StatusCreated)
		again := board.do(t, "POST", "/api/v1/tasks", body("Nhiệm vụ một lần"), "Idempotency-Key", "k-1").want(t, http.StatusCreated)
		if again.Header.Get("Idempotent-Replayed") != "true" || string(again.Body) != string(first.Body) {
			t.Errorf("retry: replayed=%q body %s, want the first answer %s", again.Header.Get("Idempotent-Replayed"), again.Body, first.Body)
		}
		if first.Header.Get("Idempotent-Replayed") != "" {
			t.Error("the first answer is marked replayed")
		}
		if n := count("Nhiệm vụ một lần"); n != 1 {
			t.Errorf("%d tasks after a retried create, want 1", n)
		}
		// Another caller's key space is its own; a new key is a new write.
		other.do(t, "POST", "/api/v1/tasks", body("Nhiệm vụ một lần"), "Idempotency-Key", "k-1").want(t, http.StatusCreated)
		board.do(t, "POST", "/api/v1/tasks", body("Nhiệm vụ một lần"), "Idempotency-Key", "k-2").want(t, http.StatusCreated)
		if n := count("Nhiệm vụ một lần"); n != 3 {
			t.Errorf("%d tasks, want 3", n)
		}
		// A refused request (422) uses no key: the corrected retry goes through.
		board.do(t, "POST", "/api/v1/tasks", map[string]any{"title": ""}, "Idempotency-Key", "k-3").want(t, http.StatusUnprocessableEntity)
		board.do(t, "POST", "/api/v1/tasks", body("Sửa rồi gửi lại"), "Idempotency-Key", "k-3").want(t, http.StatusCreated)

		// Eight racing attempts with one key: one task.
		var wg sync.WaitGroup
		statuses := make([]int, 8)
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := board.send("POST", "/api/v1/tasks", body("Nhiệm vụ đua"), "Idempotency-Key", "k-race")
				if err != nil {
					t.Error(err)
					return
				}
				statuses[i] = r.Status
			}()
		}
		wg.Wait()
		if n := count("Nhiệm vụ đua"); n != 1 {
			t.Errorf("%d tasks after 8 racing attempts with one key, want 1 (statuses %v)", n, statuses)
		}
		for _, s := range statuses {
			if s != http.StatusCreated && s != http.StatusConflict {
				t.Errorf("racing attempt answered %d", s)
			}
		}

		// The writes committed but the process died before the answer was stored.
		u := env.User(t, "chuyenvien")
		if _, err := env.DB.Exec(context.Background(), "INSERT INTO idempotency_keys (scope, key, created_at) VALUES (?, ?, ?)",
			formatScope(u.ID, "POST", "/api/v1/tasks"), "k-lost", time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		r := board.do(t, "POST", "/api/v1/tasks", body("Sau sự cố"), "Idempotency-Key", "k-lost").want(t, http.StatusConflict)
		r.errorBody(t)
		if n := count("Sau sự cố"); n != 0 {
			t.Errorf("the lost-answer retry wrote %d tasks", n)
		}
		long := make([]byte, 201)
		for i := range long {
			long[i] = 'x'
		}
		board.do(t, "POST", "/api/v1/tasks", body("Khóa dài"), "Idempotency-Key", string(long)).want(t, http.StatusUnprocessableEntity)
	})
}

func formatScope(userID int64, method, path string) string {
	return strconv.FormatInt(userID, 10) + " " + method + " " + path
}
