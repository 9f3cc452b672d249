// Package archtest holds the test that keeps the house's layering: imports
// point down only, siblings do not import each other, and domain modules
// never see net/http.
package archtest
