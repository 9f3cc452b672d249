package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
)

// TestManyInstances is the multi-instance proof of docs/resilience.md:
// three real servers on one PostgreSQL database, started together, behind
// a round-robin proxy. A session made on one instance is valid on the
// others and its sign-out is seen by all; a file uploaded on one is
// downloaded intact from the others; the day's backup and the reminder
// scan run once, not once per instance; a report saved on two instances
// from the same version conflicts visibly instead of overwriting.
func TestManyInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("many instances: skipped with -short")
	}
	if os.Getenv(dbtest.EnvPostgres) == "" {
		t.Skip(dbtest.EnvPostgres + " is not set: several instances need PostgreSQL")
	}
	c := newCluster(t)
	t.Run("sessions", c.sessions)
	t.Run("uploads", c.uploads)
	t.Run("conflict", c.conflict)
	t.Run("jobs", c.jobs)
	t.Logf("requests through the proxy served by instance 1/2/3: %d/%d/%d",
		c.served[0].Load(), c.served[1].Load(), c.served[2].Load())
}

// sessions: sign in on instance 1 through the HTML form; the cookie opens
// a page and the API on instances 2 and 3; sign-out on 3 ends it on 1.
// Then the same through the proxy, each request landing elsewhere.
func (c *cluster) sessions(t *testing.T) {
	nodes := make([]*browser, len(c.nodes))
	for i, s := range c.nodes {
		nodes[i] = newBrowser("http://" + s.addr)
	}
	cookie, _ := nodes[0].signIn(t, "chuyenvien")
	for i, b := range nodes {
		if p := b.do(t, "GET", "/", cookie, nil); p.status != http.StatusOK || !strings.Contains(p.body, "chuyenvien") {
			t.Errorf("instance %d: GET / with the session of instance 1: %d (Location %q), want 200 for chuyenvien", i+1, p.status, p.location)
		}
		if p := b.do(t, "GET", "/api/v1/me", cookie, nil); p.status != http.StatusOK || !strings.Contains(p.body, `"username":"chuyenvien"`) {
			t.Errorf("instance %d: GET /api/v1/me with the session of instance 1: %d %.200s", i+1, p.status, p.body)
		}
	}
	if p := nodes[2].do(t, "POST", "/logout", cookie, url.Values{}); p.status != http.StatusSeeOther || p.location != "/login" {
		t.Fatalf("sign-out on instance 3: %d, Location %q: %.300s", p.status, p.location, p.body)
	}
	for i, b := range nodes {
		if p := b.do(t, "GET", "/api/v1/me", cookie, nil); p.status != http.StatusUnauthorized {
			t.Errorf("instance %d: GET /api/v1/me after sign-out on instance 3: %d, want 401", i+1, p.status)
		}
		if p := b.do(t, "GET", "/", cookie, nil); p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/login") {
			t.Errorf("instance %d: GET / after sign-out on instance 3: %d, Location %q, want a redirect to /login", i+1, p.status, p.location)
		}
	}

	lb := newBrowser(c.proxy.URL)
	cookie, p := lb.signIn(t, "sgddt.baocao")
	seen := map[string]bool{p.instance: true}
	for _, path := range []string{"/", "/api/v1/me", "/reports", "/api/v1/me", "/tasks", "/"} {
		p := lb.do(t, "GET", path, cookie, nil)
		seen[p.instance] = true
		if p.status != http.StatusOK {
			t.Errorf("through the proxy, instance %s: GET %s with the session made on instance %s: %d (Location %q)",
				p.instance, path, p.instance, p.status, p.location)
		}
	}
	if len(seen) != multiInstances {
		t.Errorf("the proxy reached instances %v, want all %d", seen, multiInstances)
	}
	t.Logf("sessions: a cookie made on instance 1 opened / and /api/v1/me on instances 1–3; signed out on 3 → 401 and a redirect to /login on 1–3; " +
		"through the proxy: signed in and 6 requests served by all three instances with one cookie")
}

// reportPath is the SGDDT report of the six-month regime for a period.
func (c *cluster) reportPath(t *testing.T, token, period string) string {
	t.Helper()
	var regimes struct {
		Items []struct {
			ID   int64
			Code string
		}
	}
	c.apis[0].must(t, "GET", "/api/v1/regimes", token, nil, http.StatusOK, &regimes)
	var me struct {
		UnitID int64 `json:"unit_id"`
	}
	c.apis[0].must(t, "GET", "/api/v1/me", token, nil, http.StatusOK, &me)
	for _, r := range regimes.Items {
		if r.Code == "KG-6T" {
			return fmt.Sprintf("/api/v1/reports/%d/%s/%d", r.ID, period, me.UnitID)
		}
	}
	t.Fatal("the demo has no regime KG-6T")
	return ""
}

// uploads: a file attached to a report on instance 2 is downloaded with
// the same bytes from instances 1 and 3 (files live in the database).
func (c *cluster) uploads(t *testing.T) {
	token := c.apis[0].token(t, "sgddt.baocao", testPassword) // a token made on instance 1, used on 2 and 3
	rp := c.reportPath(t, token, "2031-H1")
	c.apis[1].must(t, "PUT", rp, token, map[string]any{"version": 0, "values": map[string]int{"propaganda_sessions": 1}}, http.StatusOK, nil)
	data := bytes.Repeat([]byte("Báo cáo sáu tháng — nhiều máy chủ. "), 3000)
	data = append([]byte("%PDF-1.4\n"), data...)
	sum := sha256.Sum256(data)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "nhieu-may-chu.pdf")
	fw.Write(data)
	mw.Close()
	a, err := c.apis[1].send("POST", rp+"/attachments", token, newKey("multi"), mw.FormDataContentType(), body.Bytes())
	if err != nil || a.status != http.StatusCreated {
		t.Fatalf("upload on instance 2: %v %d %s", err, a.status, a.body)
	}
	var f struct {
		ID     int64
		SHA256 string
	}
	if err := json.Unmarshal(a.body, &f); err != nil || f.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("upload on instance 2: %s (%v), want sha256 %x", a.body, err, sum)
	}
	for _, i := range []int{0, 2} {
		got := c.apis[i].must(t, "GET", fmt.Sprintf("/api/v1/attachments/%d", f.ID), token, nil, http.StatusOK, nil)
		if sha256.Sum256(got.body) != sum {
			t.Errorf("instance %d: the file uploaded on instance 2 downloaded with other bytes (%d bytes, want %d)", i+1, len(got.body), len(data))
		}
		var list struct{ Items []struct{ SHA256 string } }
		c.apis[i].must(t, "GET", rp+"/attachments", token, nil, http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].SHA256 != f.SHA256 {
			t.Errorf("instance %d: the report's attachments %+v, want the one uploaded on instance 2", i+1, list.Items)
		}
	}
	t.Logf("uploads: %d bytes uploaded on instance 2 (a token made on instance 1), downloaded from instances 1 and 3: sha256 %s on all three",
		len(data), f.SHA256[:16])
}

// conflict: the same report draft read on instances 1 and 2 at version v;
// saved on 1 (200), then on 2 from v: 409 with the Vietnamese message and
// the current version; the first save is what remains.
func (c *cluster) conflict(t *testing.T) {
	token := c.apis[0].token(t, "sgddt.baocao", testPassword)
	rp := c.reportPath(t, token, "2032-H1")
	c.apis[2].must(t, "PUT", rp, token, map[string]any{"version": 0, "values": map[string]int{"propaganda_sessions": 1}}, http.StatusOK, nil)
	type report struct {
		Version int
		Values  map[string]float64
	}
	var on1, on2 report
	c.apis[0].must(t, "GET", rp, token, nil, http.StatusOK, &on1)
	c.apis[1].must(t, "GET", rp, token, nil, http.StatusOK, &on2)
	if on1.Version != on2.Version || on1.Version == 0 {
		t.Fatalf("the draft read on instances 1 and 2: versions %d and %d, want the same saved version", on1.Version, on2.Version)
	}
	v := on1.Version
	first := map[string]int{"propaganda_sessions": 12, "participants": 1200, "staff_trained": 5}
	var saved report
	c.apis[0].must(t, "PUT", rp, token, map[string]any{"version": v, "values": first}, http.StatusOK, &saved)
	a, err := c.apis[1].send("PUT", rp, token, newKey("multi"), "application/json",
		mustMarshal(map[string]any{"version": v, "values": map[string]int{"propaganda_sessions": 99, "participants": 9900, "staff_trained": 9}}))
	if err != nil || a.status != http.StatusConflict {
		t.Fatalf("save on instance 2 from version %d after instance 1 saved: %v %d %s, want 409", v, err, a.status, a.body)
	}
	var e struct {
		Error struct {
			Code, Message string
			Detail        struct{ Current report }
		}
	}
	if err := json.Unmarshal(a.body, &e); err != nil {
		t.Fatalf("409 body %s: %v", a.body, err)
	}
	const msg = "Dữ liệu báo cáo đã được người khác thay đổi. Hãy xem bản mới nhất trước khi lưu."
	if e.Error.Message != msg || e.Error.Detail.Current.Version != saved.Version || e.Error.Detail.Current.Values["participants"] != 1200 {
		t.Errorf("409 on instance 2: %s, want %q with the current version %d and the first save's values", a.body, msg, saved.Version)
	}
	var now report
	c.apis[2].must(t, "GET", rp, token, nil, http.StatusOK, &now)
	for k, want := range first {
		if now.Values[k] != float64(want) {
			t.Errorf("after the conflict, on instance 3: %s = %v, want the first save's %d", k, now.Values[k], want)
		}
	}
	if now.Version != saved.Version {
		t.Errorf("after the conflict, on instance 3: version %d, want %d", now.Version, saved.Version)
	}
	t.Logf("conflict: draft read at version %d on instances 1 and 2; saved on 1 → 200 (version %d); saved on 2 from version %d → 409 %q "+
		"with current version %d; instance 3 shows the first save", v, saved.Version, v, e.Error.Message, e.Error.Detail.Current.Version)
}
