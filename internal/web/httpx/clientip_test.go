package httpx_test

import (
	"net/http/httptest"
	"testing"

	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// TestClientIP: the forwarded address counts only behind a trusted proxy,
// and then it is the one the proxy wrote last, not what the client sent.
func TestClientIP(t *testing.T) {
	for _, tc := range []struct {
		name  string
		xff   []string
		trust bool
		want  string
	}{
		{"direct", nil, false, "192.0.2.10"},
		{"forwarded but not trusted", []string{"203.0.113.5"}, false, "192.0.2.10"},
		{"proxy replaces", []string{"203.0.113.5"}, true, "203.0.113.5"},
		{"proxy appends to what the client sent", []string{"10.9.9.9, 203.0.113.5"}, true, "203.0.113.5"},
		{"two headers", []string{"10.9.9.9", "203.0.113.5"}, true, "203.0.113.5"},
		{"empty entry", []string{"10.9.9.9, "}, true, "192.0.2.10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = "192.0.2.10:5123"
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := httpx.ClientIP(r, tc.trust); got != tc.want {
				t.Errorf("ClientIP = %q, want %q", got, tc.want)
			}
		})
	}
}
