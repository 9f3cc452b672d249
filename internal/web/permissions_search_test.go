package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/search"
)

// Search: everyone signed in searches; what comes back is what each one's
// pages show. "own" filters on the caller's unit, "other" on SKHCN's.
func init() {
	expected["GET /search"] = map[string]statuses{"-": everyone(200), "own": everyone(200), "other": everyone(200)}
}

// searchRequest builds the search cells: a directive issued to the callers'
// units and one issued to SKHCN alone, then a search for both. The Board
// finds both (with unit_id: the unit's); a unit never finds SKHCN's.
func searchRequest(t *testing.T, f *fixture, key string, cl *caller, scope string) (string, any, []string, afterFn, bool) {
	t.Helper()
	if key != "GET /search" {
		return "", nil, nil, nil, false
	}
	own, other := matrixDirective(t, f, "own", true), matrixDirective(t, f, "other", true)
	q := url.Values{"q": {"văn bản thử quyền"}, "type": {"directive"}, "limit": {"100"}}
	switch scope {
	case "own":
		q.Set("unit_id", fmt.Sprint(cl.unit.ID))
	case "other":
		q.Set("unit_id", fmt.Sprint(f.otherUnit.ID))
	}
	board := org.ActorFor(&cl.user, "").AllUnits()
	return "/search?" + q.Encode(), nil, nil, func(t *testing.T, r resp) {
		var res search.Result
		r.want(t, http.StatusOK).decode(t, &res)
		found := map[int64]bool{}
		for _, h := range res.Items {
			found[h.ID] = true
		}
		wantOwn := scope != "other" // issued to the Board's, SGDDT's and SYT's units: every caller's
		wantOther := board && scope != "own"
		if found[own.ID] != wantOwn || found[other.ID] != wantOther {
			t.Errorf("%s (%s): found own %v (want %v), SKHCN's %v (want %v)", cl.name, scope, found[own.ID], wantOwn, found[other.ID], wantOther)
		}
	}, true
}
