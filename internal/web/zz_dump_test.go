package web_test

import (
	"os"
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

func TestDumpXSS(t *testing.T) {
	env := webtest.NewAt(t, sqldb.SQLite, webtest.XSSDay)
	webtest.SeedXSS(t, env)
	c := uiClient(t, env, os.Getenv("U"))
	r := c.do(t, "GET", os.Getenv("P"), nil)
	os.WriteFile("/tmp/page.html", r.Body, 0o644)
}
