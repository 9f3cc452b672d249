package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// apiClient speaks to the child's JSON API as an outside client would.
type apiClient struct {
	base string
	hc   *http.Client
}

func newAPIClient(s *server) *apiClient {
	return &apiClient{base: "http://" + s.addr, hc: &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 32}}}
}

// answer is what the server answered.
type answer struct {
	status   int
	replayed bool // Idempotent-Replayed: true
	header   http.Header
	body     []byte
}

// send makes one request; an error means no answer arrived (the server
// was killed, or is not listening).
func (c *apiClient) send(method, path, token, key, ctype string, body []byte) (answer, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	return answer{status: resp.StatusCode, replayed: resp.Header.Get("Idempotent-Replayed") == "true",
		header: resp.Header, body: b}, nil
}

// must sends a JSON request (in nil: no body) and fails the test unless
// the answer has status want; the answer is decoded into out when non-nil.
func (c *apiClient) must(t testing.TB, method, path, token string, in any, want int, out any) answer {
	t.Helper()
	var body []byte
	ctype := ""
	if in != nil {
		body, _ = json.Marshal(in)
		ctype = "application/json"
	}
	a, err := c.send(method, path, token, newKey("setup"), ctype, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if a.status != want {
		t.Fatalf("%s %s: %d %s, want %d", method, path, a.status, a.body, want)
	}
	if out != nil {
		if err := json.Unmarshal(a.body, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, path, a.body, err)
		}
	}
	return a
}

// token signs in through POST /auth/tokens.
func (c *apiClient) token(t testing.TB, username, password string) string {
	t.Helper()
	var out struct{ Token string }
	a, err := c.send("POST", "/api/v1/auth/tokens", "", "", "application/json",
		mustMarshal(map[string]string{"username": username, "password": password}))
	if err != nil || a.status != http.StatusCreated {
		t.Fatalf("token for %s: %v %d %s", username, err, a.status, a.body)
	}
	if err := json.Unmarshal(a.body, &out); err != nil || out.Token == "" {
		t.Fatalf("token for %s: %s", username, a.body)
	}
	return out.Token
}

// errorBody is the API's JSON error.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func decodeError(t testing.TB, a answer) errorBody {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(a.body, &e); err != nil || e.Error.Code == "" {
		t.Fatalf("not a JSON error (%d): %s", a.status, a.body)
	}
	return e
}

func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

var keySeq atomic.Int64

// newKey is a fresh Idempotency-Key.
func newKey(prefix string) string {
	return fmt.Sprintf("%s-%d-%d", prefix, time.Now().UnixNano(), keySeq.Add(1))
}
