package main

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

// faultEnv is a running server on the demo data with the Board
// specialist's token, for the PostgreSQL and disk fault tests.
type faultEnv struct {
	t     *testing.T
	srv   *server
	c     *apiClient
	board string
	unit  int64 // SGDDT
}

func faultSetup(t *testing.T, dsn string, env ...string) *faultEnv {
	t.Helper()
	srv := newServer(t, dsn, env...)
	t.Setenv("KHOAGIAO_DEMO_PASSWORD", testPassword)
	t.Setenv("KHOAGIAO_BASE_URL", "http://"+srv.addr)
	if err := cmdDemo(context.Background(), []string{"--db", dsn}); err != nil {
		t.Fatal(err)
	}
	srv.start()
	f := &faultEnv{t: t, srv: srv, c: newAPIClient(srv)}
	f.board = f.c.token(t, "chuyenvien", testPassword)
	var units struct {
		Items []struct {
			ID   int64
			Code string
		}
	}
	f.c.must(t, "GET", "/api/v1/units?limit=100", f.board, nil, http.StatusOK, &units)
	for _, u := range units.Items {
		if u.Code == "SGDDT" {
			f.unit = u.ID
		}
	}
	if f.unit == 0 {
		t.Fatal("no unit SGDDT in the demo")
	}
	return f
}

func (f *faultEnv) taskBody(title string) map[string]any {
	return map[string]any{"title": title, "lead_unit_id": f.unit, "due": "2031-12-31"}
}

// countTasks counts the tasks of a title through the API.
func (f *faultEnv) countTasks(title string) int {
	var list struct{ Items []struct{ Title string } }
	f.c.must(f.t, "GET", "/api/v1/tasks?limit=100&q="+url.QueryEscape(title), f.board, nil, http.StatusOK, &list)
	n := 0
	for _, it := range list.Items {
		if it.Title == title {
			n++
		}
	}
	return n
}
