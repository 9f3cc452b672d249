package httpx

import (
	"net/http"
	"strings"
)

// BaseURL is the address the caller reached the server at
// ("https://khoagiao.example"), for links that leave the browser — a
// calendar subscription, events' links. Behind a trusted proxy the scheme
// and host it forwarded are used.
func BaseURL(r *http.Request, trustProxy bool) string {
	scheme, host := "http", r.Host
	if r.TLS != nil {
		scheme = "https"
	}
	if trustProxy {
		if p := strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-Proto"), ",")[0]); p == "https" || p == "http" {
			scheme = p
		}
		if h := strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-Host"), ",")[0]); h != "" {
			host = h
		}
	}
	return scheme + "://" + host
}
