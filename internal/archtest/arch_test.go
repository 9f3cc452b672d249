package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/khoagiao/khoagiao/"

// level places each package in the layering of docs/architecture.md;
// arrows point down only: a package imports only lower levels.
func level(pkg string) (int, bool) {
	p := strings.TrimPrefix(pkg, module)
	switch {
	case strings.HasPrefix(p, "internal/platform/"):
		return 0, true
	case p == "internal/org":
		return 1, true
	case p == "internal/calendar": // holidays are edited by administrators and audited: it needs org
		return 2, true
	case p == "internal/task":
		return 3, true
	case p == "internal/reporting", p == "internal/meeting", p == "internal/press", p == "internal/notice", p == "internal/training":
		return 4, true
	case p == "internal/search", p == "internal/document", p == "internal/reminder", p == "internal/dashboard":
		return 5, true
	case p == "internal/demo":
		return 6, true
	case p == "internal/web/httpx":
		return 7, true
	case p == "internal/web/api", p == "internal/web/ui":
		return 8, true
	case p == "internal/web":
		return 9, true
	case strings.HasPrefix(p, "internal/web/webtest"), strings.HasPrefix(p, "internal/web/browser"), p == "internal/archtest":
		return 10, true
	case strings.HasPrefix(p, "cmd/"):
		return 11, true
	}
	return 0, false
}

// domain packages hold rules only: no HTTP.
var domain = map[string]bool{"internal/org": true, "internal/calendar": true, "internal/task": true,
	"internal/reporting": true, "internal/meeting": true, "internal/press": true, "internal/notice": true,
	"internal/training": true, "internal/search": true, "internal/document": true, "internal/dashboard": true}

func TestImportsPointDown(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 5 {
		t.Fatalf("go list found too few packages: %d", len(lines))
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		pkg, imports := fields[0], fields[1:]
		from, ok := level(pkg)
		if !ok {
			t.Errorf("package %s has no place in the layering; add it to archtest.level", pkg)
			continue
		}
		short := strings.TrimPrefix(pkg, module)
		for _, imp := range imports {
			if domain[short] && (imp == "net/http" || strings.HasPrefix(imp, "net/http/")) {
				t.Errorf("%s imports %s: domain modules never see net/http", short, imp)
			}
			if !strings.HasPrefix(imp, module) {
				continue
			}
			to, _ := level(imp)
			sameLeaf := from == 0 && to == 0
			if to >= from && !sameLeaf {
				t.Errorf("%s (level %d) imports %s (level %d): imports must point down", short, from, strings.TrimPrefix(imp, module), to)
			}
		}
	}
}
