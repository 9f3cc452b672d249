package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// TestEveryStringHasEnglish fails when a page uses a Vietnamese string (in a
// template's {{.T "…"}}, a handler's p.T("…") or a page title) that has no
// English translation: English readers would meet Vietnamese mid-page.
func TestEveryStringHasEnglish(t *testing.T) {
	patterns := []*regexp.Regexp{regexp.MustCompile(`\.T "([^"]+)"`), regexp.MustCompile(`\bT\("([^"]+)"\)`),
		regexp.MustCompile(`u\.page\(r, "([^"]+)"`)}
	used := map[string]string{}
	scan := func(path string, data []byte) {
		for _, re := range patterns {
			for _, m := range re.FindAllSubmatch(data, -1) {
				used[string(m[1])] = path
			}
		}
	}
	err := fs.WalkDir(assets, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(assets, path)
		scan(path, data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if filepath.Ext(f) == ".go" && len(f) > 8 && f[len(f)-8:] == "_test.go" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		scan(f, data)
	}
	if len(used) < 100 {
		t.Fatalf("found only %d strings: the scan is broken", len(used))
	}
	var missing []string
	for s, where := range used {
		if _, ok := english[s]; !ok {
			missing = append(missing, where+": "+s)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no English for %s", m)
	}
}
