package api

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEveryRouteIsDocumented fails when a route is added without its
// OpenAPI entry, or an entry stays behind after its route is removed.
func TestEveryRouteIsDocumented(t *testing.T) {
	routes := Routes(Deps{})
	seen := map[string]bool{}
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		seen[key] = true
		if _, ok := operations[key]; !ok {
			t.Errorf("route %s is missing from the OpenAPI document", key)
		}
	}
	for key := range operations {
		if !seen[key] {
			t.Errorf("OpenAPI documents %s, which is not a route", key)
		}
	}
	doc := OpenAPI(routes)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	paths := doc["paths"].(map[string]any)
	for _, rt := range routes {
		item, ok := paths["/api/v1"+rt.Path].(map[string]any)
		if !ok || item[strings.ToLower(rt.Method)] == nil {
			t.Errorf("document has no %s /api/v1%s", rt.Method, rt.Path)
		}
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil || back["openapi"] != "3.1.0" {
		t.Fatalf("document does not round-trip as OpenAPI 3.1: %v", err)
	}
	// Every $ref must point at a defined schema.
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, part := range strings.Split(string(b), `"$ref":"#/components/schemas/`)[1:] {
		name := part[:strings.IndexByte(part, '"')]
		if _, ok := schemas[name]; !ok {
			t.Errorf("$ref to undefined schema %s", name)
		}
	}
}
