package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// TestXSSCorpus puts the corpus (webtest.XSSCorpus) through every text
// field the Board and a unit reporter can fill through the API, then reads
// every page that shows them and every document exported from them. The
// pages are parsed as a browser would: no element, attribute or script of
// the corpus may exist, only its text. Workbooks hold the formula payloads
// as text cells, never as formulas; DOCX parts are well-formed XML with the
// payloads escaped. The browser test (internal/web/browser/xss_test.go)
// visits the same pages in Chromium with alert() hooked.
func TestXSSCorpus(t *testing.T) {
	for _, d := range dbtest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			env := webtest.NewAt(t, d, webtest.XSSDay)
			seed := webtest.SeedXSS(t, env)
			t.Logf("refused %d javascript:/data: addresses: %v", len(seed.Refused), seed.Refused)
			for user, pages := range seed.Pages {
				c := uiClient(t, env, user)
				for _, p := range pages {
					t.Run(user+" "+p, func(t *testing.T) {
						r := c.do(t, "GET", p, nil).want(t, http.StatusOK)
						checkInertPage(t, r.Body)
					})
				}
			}
			formulas := map[string]bool{}
			for _, x := range seed.Exports {
				t.Run(x.User+" "+x.Path, func(t *testing.T) {
					r := apiClient(t, env, x.User).do(t, "GET", x.Path, nil).want(t, http.StatusOK)
					if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
						t.Errorf("Content-Disposition %q: an export must be an attachment", cd)
					}
					switch x.Kind {
					case "xlsx":
						for _, f := range checkWorkbookText(t, r.Body) {
							formulas[f] = true
						}
					case "docx":
						checkDOCXEscaped(t, r.Body)
					case "pdf":
						if !bytes.HasPrefix(r.Body, []byte("%PDF-")) {
							t.Errorf("not a PDF: %.20q", r.Body)
						}
					}
				})
			}
			for _, f := range webtest.FormulaPayloads() {
				if !formulas[f] {
					t.Errorf("no exported workbook holds %q: the check of formula cells proves nothing for it", f)
				}
			}
		})
	}
}

// checkInertPage fails on every problem inertProblems finds.
func checkInertPage(t *testing.T, body []byte) {
	t.Helper()
	for _, p := range inertProblems(body) {
		t.Error(p)
	}
}

// inertProblems parses a page and lists every trace of the corpus as
// markup: a script element without src, an on* attribute, a javascript:
// link, an element only the corpus would bring (img src=x, iframe),
// htmx attributes that point at /logout. The corpus must show as text (or
// as the value of a form field), else the page proves nothing.
func inertProblems(body []byte) []string {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return []string{"parse: " + err.Error()}
	}
	var text strings.Builder
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		if n.Type == html.ElementNode {
			out = append(out, elementProblems(n)...)
			for _, a := range n.Attr {
				if a.Key == "value" { // a form shows what it edits
					text.WriteString(a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	shown := text.String()
	for _, p := range webtest.XSSCorpus {
		if strings.Contains(shown, p) {
			return out
		}
	}
	return append(out, "the page shows none of the corpus as text: the check proves nothing here")
}

func elementProblems(n *html.Node) []string {
	var out []string
	attr := map[string]string{}
	for _, a := range n.Attr {
		key, v := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
		attr[key] = a.Val
		switch {
		case strings.HasPrefix(key, "on"):
			out = append(out, fmt.Sprintf("<%s %s=%q>: an event handler attribute", n.Data, a.Key, a.Val))
		case (key == "href" || key == "src" || key == "action" || key == "formaction") &&
			(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:text/html") || strings.HasPrefix(v, "vbscript:")):
			out = append(out, fmt.Sprintf("<%s %s=%q>: a script address", n.Data, a.Key, a.Val))
		case strings.HasPrefix(key, "hx-") && strings.Contains(a.Val, "/logout"):
			out = append(out, fmt.Sprintf("<%s %s=%q>: htmx attribute of the corpus", n.Data, a.Key, a.Val))
		}
	}
	switch n.Data {
	case "script":
		if attr["src"] == "" || strings.TrimSpace(textOf(n)) != "" {
			out = append(out, fmt.Sprintf("inline <script>: %q", textOf(n)))
		}
	case "iframe", "object", "embed", "frame", "base": // (the layout draws its icons in svg)
		out = append(out, fmt.Sprintf("<%s> element on the page", n.Data))
	case "img":
		if attr["src"] == "x" {
			out = append(out, "<img src=x> of the corpus")
		}
	}
	return out
}

// TestInertProblems: the page check finds each kind of hole.
func TestInertProblems(t *testing.T) {
	shown := "<p>" + html.EscapeString(webtest.XSSCorpus[0]) + "</p>"
	for _, tc := range []struct {
		name, page string
		want       int
	}{
		{"escaped corpus", shown, 0},
		{"nothing of the corpus", "<p>Xin chào</p>", 1},
		{"a form field's value", `<input value="` + html.EscapeString(webtest.XSSCorpus[1]) + `">`, 0},
		{"inline script", shown + webtest.XSSCorpus[0], 1},
		{"event handler", shown + webtest.XSSCorpus[1], 2}, // onerror, img src=x
		{"svg onload", shown + webtest.XSSCorpus[2], 1},
		{"javascript link", shown + webtest.XSSCorpus[6], 1},
		{"iframe", shown + webtest.XSSCorpus[7], 1},
		{"htmx and handler", shown + webtest.XSSCorpus[8], 2},
		{"external script", shown + `<script src="/static/app.js"></script>`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := inertProblems([]byte(tc.page)); len(got) != tc.want {
				t.Errorf("%d problems, want %d: %q", len(got), tc.want, got)
			}
		})
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// checkWorkbookText fails on any formula cell and returns the formula
// payloads found as text cells.
func checkWorkbookText(t *testing.T, data []byte) []string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	payload := map[string]bool{}
	for _, p := range webtest.FormulaPayloads() {
		payload[p] = true
	}
	var found []string
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("rows of %s: %v", sheet, err)
		}
		for i, row := range rows {
			for j, v := range row {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, ref, fm)
				}
				if !payload[v] {
					continue
				}
				if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s = %q is stored as cell type %v, not as text", sheet, ref, v, typ)
				}
				found = append(found, v)
			}
		}
	}
	return found
}

// checkDOCXEscaped parses every XML part of a DOCX to the end and checks
// that the corpus is in the text, escaped, never markup.
func checkDOCXEscaped(t *testing.T, data []byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var text strings.Builder
	for _, zf := range z.File {
		if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(raw, []byte("<script")) || bytes.Contains(raw, []byte("<img")) || bytes.Contains(raw, []byte("<svg")) {
			t.Errorf("%s carries corpus markup unescaped", zf.Name)
		}
		dec := xml.NewDecoder(bytes.NewReader(raw))
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed XML: %v", zf.Name, err)
				break
			}
			if cd, ok := tok.(xml.CharData); ok {
				text.Write(cd)
			}
		}
	}
	if !strings.Contains(text.String(), `alert(`) {
		t.Error("the document holds none of the corpus: the check proves nothing")
	}
}
