package pagefetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestBlocked(t *testing.T) {
	for _, tc := range []struct {
		ip   string
		want bool
	}{
		{"127.0.0.1", true}, {"127.8.9.10", true}, {"::1", true}, {"10.1.2.3", true}, {"172.16.0.1", true},
		{"192.168.1.1", true}, {"169.254.169.254", true}, {"100.64.0.1", true}, {"0.0.0.0", true}, {"::", true},
		{"fe80::1", true}, {"fd00::1", true}, {"::ffff:127.0.0.1", true}, {"::ffff:10.0.0.1", true}, {"224.0.0.1", true},
		{"255.255.255.255", true}, {"198.18.0.1", true}, {"64:ff9b::7f00:1", true}, {"2002:a00:1::", true},
		{"64:ff9b::808:808", false}, {"2002:808:808::1", false},
		{"203.162.4.190", false}, {"8.8.8.8", false}, {"2001:4860:4860::8888", false}, {"::ffff:8.8.8.8", false},
	} {
		if got := Blocked(netip.MustParseAddr(tc.ip)); got != tc.want {
			t.Errorf("Blocked(%s) = %v, want %v", tc.ip, got, tc.want)
		}
	}
}

func server(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/bai-bao", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!DOCTYPE html><html><body><h1>Ô nhiễm</h1></body></html>"))
	})
	mux.HandleFunc("/lon", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 2048)))
	})
	mux.HandleFunc("/mat", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/sang-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/vong", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/vong", http.StatusFound) })
	mux.HandleFunc("/cham", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetch(t *testing.T) {
	srv := server(t)
	ctx := context.Background()
	local := Fetcher{AllowPrivate: true, MaxBytes: 1024, Timeout: 500 * time.Millisecond}
	p, err := local.Fetch(ctx, srv.URL+"/bai-bao")
	if err != nil || p.Status != 200 || !strings.Contains(string(p.Body), "Ô nhiễm") || !strings.HasPrefix(p.ContentType, "text/html") {
		t.Fatalf("fetch = %+v, %v", p, err)
	}
	port := srv.URL[strings.LastIndexByte(srv.URL, ':'):]
	for _, tc := range []struct {
		name string
		f    Fetcher
		url  string
		want error
	}{
		{"loopback refused by default", Fetcher{}, srv.URL + "/bai-bao", ErrBlocked},
		{"a name resolving to loopback", Fetcher{}, "http://localhost" + port + "/bai-bao", ErrBlocked},
		{"IPv6 loopback literal", Fetcher{}, "http://[::1]" + port + "/", ErrBlocked},
		{"metadata address", Fetcher{}, "http://169.254.169.254/latest/meta-data/", ErrBlocked},
		{"file scheme", local, "file:///etc/passwd", ErrScheme},
		{"gopher scheme", local, "gopher://example.vn/", ErrScheme},
		{"no host", local, "http:///bai-bao", ErrScheme},
		{"redirect to file", local, srv.URL + "/sang-file", ErrScheme},
		{"redirect loop", local, srv.URL + "/vong", ErrTooManyHops},
		{"over the size cap", local, srv.URL + "/lon", ErrTooLarge},
		{"not found", local, srv.URL + "/mat", ErrStatus},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.f.Fetch(ctx, tc.url)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Fetch(%s) error %v, want %v", tc.url, err, tc.want)
			}
		})
	}
	t.Run("timeout", func(t *testing.T) {
		start := time.Now()
		_, err := local.Fetch(ctx, srv.URL+"/cham")
		var ue *url.Error
		if err == nil || time.Since(start) > 1500*time.Millisecond || (!errors.As(err, &ue) && !errors.Is(err, context.DeadlineExceeded)) {
			t.Fatalf("slow page: %v after %v", err, time.Since(start))
		}
	})
}
