package expr

import (
	"errors"
	"math"
	"slices"
	"testing"
)

// vars returns a lookup over m; identifiers absent from m are missing.
func vars(m map[string]float64) func(string) (float64, bool) {
	return func(name string) (float64, bool) { v, ok := m[name]; return v, ok }
}

func TestEvalNumber(t *testing.T) {
	tests := []struct {
		src  string
		vars map[string]float64
		want float64
	}{
		{"1 + 2 * 3", nil, 7},
		{"(1 + 2) * 3", nil, 9},
		{"10 - 4 - 3", nil, 3},
		{"100 / 10 / 5", nil, 2},
		{"2 * 3 % 4", nil, 2},
		{"7 % 3", nil, 1},
		{"-7 % 3", nil, -1},
		{"7.5 % 2", nil, 1.5},
		{"-2 * 3", nil, -6},
		{"-(2 + 3)", nil, -5},
		{"--4", nil, 4},
		{"- - 4", nil, 4},
		{"2 - -3", nil, 5},
		{"-a * -b", map[string]float64{"a": 2, "b": 3}, 6},
		{"1_800_000 * 3", nil, 5400000},
		{"12.5 * 2", nil, 25},
		{"0.5", nil, 0.5},
		{"abs(-3)", nil, 3},
		{"ABS(-3)", nil, 3},
		{"min(4, 2, 8)", nil, 2},
		{"max(4, 2, 8)", nil, 8},
		{"Max(a, b) - min(a, b)", map[string]float64{"a": 2, "b": 9}, 7},
		{"round(2.345, 2)", nil, 2.35},
		{"round(1.005, 2)", nil, 1.01},
		{"round(-1.005, 2)", nil, -1.01},
		{"round(2.5, 0)", nil, 3},
		{"round(1234.5, -2)", nil, 1200},
		{"round(a / 3, 1 + 1)", map[string]float64{"a": 10}, 3.33},
		{"round(a, 2)", map[string]float64{"a": 1e300}, 1e300},
		{"abs + 1", map[string]float64{"abs": 2}, 3},
		{"hs.nam_2024 + hs.nu_2024", map[string]float64{"hs.nam_2024": 10, "hs.nu_2024": 12}, 22},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := e.Eval(vars(tt.vars))
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			if got.IsBool || got.Skipped || math.Abs(got.Value-tt.want) > 1e-12*max(1, math.Abs(tt.want)) {
				t.Errorf("Eval = %+v, want Value %v", got, tt.want)
			}
		})
	}
}

func TestEvalBool(t *testing.T) {
	v := map[string]float64{"paid": 3, "eligible": 5, "amount": 16_200_000,
		"graduated": 0, "candidates": 0, "pass_rate": 87.5, "a": 3}
	tests := []struct {
		src  string
		want bool
	}{
		{"paid <= eligible", true},
		{"paid > eligible", false},
		{"amount <= paid * 1800000 * 3", true},
		{"amount < paid * 1_800_000 * 3", false},
		{"graduated <= candidates && candidates > 0", false},
		{"pass_rate >= 0 and pass_rate <= 100", true},
		{"1 < 2 or 1 > 2 and 2 < 1", true},                          // and binds tighter than or
		{"1 < 2 || 1 > 2 && 2 < 1", true},                           // same with symbols
		{"not 1 > 2 and 1 > 2", false},                              // not binds tighter than and
		{"!(1 > 2 and 1 > 2)", true},                                // parentheses override
		{"not not 1 < 2", true},                                     // not is right-recursive
		{"not a < 2", true},                                         // not applies to the comparison
		{"a = 3", true},                                             // '=' means '=='
		{"a == 3", true},                                            //
		{"a != 3", false},                                           //
		{"-a < 0", true},                                            //
		{"0.1 + 0.2 == 0.3", true},                                  // epsilon
		{"0.1 + 0.2 <= 0.3", true},                                  //
		{"0.1 + 0.2 > 0.3", false},                                  //
		{"0.1 + 0.2 - 0.3 == 0", true},                              // absolute below magnitude 1
		{"0.3 >= 0.1 + 0.2", true},                                  //
		{"0.3 < 0.1 + 0.2", false},                                  //
		{"1000 == 1000.001", false},                                 // relative 1e-9 is tiny
		{"10000000000 == 10000000001", true},                        // … but relative
		{"candidates > 0 and graduated / candidates >= 0.5", false}, // short-circuit
		{"candidates == 0 or graduated / candidates >= 0.5", true},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e, err := ParseRule(tt.src)
			if err != nil {
				t.Fatalf("ParseRule: %v", err)
			}
			got, err := e.Eval(vars(v))
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			if want := (Result{Bool: tt.want, IsBool: true}); got != want {
				t.Errorf("Eval = %+v, want %+v", got, want)
			}
		})
	}
}

func TestEvalSkipped(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		lookup func(string) (float64, bool)
		want   Result
	}{
		{"all present", "a <= b", vars(map[string]float64{"a": 1, "b": 2}), Result{Bool: true, IsBool: true}},
		{"one missing", "a <= b", vars(map[string]float64{"a": 1}), Result{Skipped: true}},
		{"missing in unused branch", "a > 0 or b > 0", vars(map[string]float64{"a": 1}), Result{Skipped: true}},
		{"numeric", "a * 2", vars(nil), Result{Skipped: true}},
		{"nil lookup", "a < 1", nil, Result{Skipped: true}},
		{"nil lookup, no identifiers", "1 < 2", nil, Result{Bool: true, IsBool: true}},
		{"missing beats division by zero", "a / 0 > b", vars(map[string]float64{"a": 1}), Result{Skipped: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mustParse(t, tt.src).Eval(tt.lookup)
			if err != nil || got != tt.want {
				t.Errorf("Eval = %+v, %v; want %+v, nil", got, err, tt.want)
			}
		})
	}
}

func TestEvalLooksUpEachIdentOnce(t *testing.T) {
	var calls []string
	lookup := func(name string) (float64, bool) { calls = append(calls, name); return 2, true }
	r, err := mustParse(t, "b * b + a > a").Eval(lookup)
	if err != nil || !r.Bool || !slices.Equal(calls, []string{"a", "b"}) {
		t.Errorf("Eval = %+v, %v; lookups %q, want true and [a b]", r, err, calls)
	}
}

func TestEvalErrors(t *testing.T) {
	tests := []struct {
		src     string
		vars    map[string]float64
		offset  int
		message string
	}{
		{"a / b > 1", map[string]float64{"a": 1, "b": 0}, 2, "chia cho 0"},
		{"a % b", map[string]float64{"a": 1, "b": 0}, 2, "chia cho 0"},
		{"1 / (a - a)", map[string]float64{"a": 7}, 2, "chia cho 0"},
		{"0 / 0", nil, 2, "chia cho 0"},
		{"a * a", map[string]float64{"a": 1e200}, 2, "kết quả phép tính vượt quá giới hạn số"},
		{"a + 1", map[string]float64{"a": math.NaN()}, 0, "giá trị của 'a' không phải là số hữu hạn (NaN)"},
		{"round(1, d)", map[string]float64{"d": 0.5}, 9, "số chữ số làm tròn phải là số nguyên từ -15 đến 15, không phải 0.5"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			r, err := mustParse(t, tt.src).Eval(vars(tt.vars))
			var ee *EvalError
			if !errors.As(err, &ee) {
				t.Fatalf("Eval = %+v, %v; want *EvalError", r, err)
			}
			if ee.Offset != tt.offset || ee.Message != tt.message || ee.English == "" {
				t.Errorf("error = %d %q %q, want %d %q", ee.Offset, ee.Message, ee.English, tt.offset, tt.message)
			}
		})
	}
	_, err := mustParse(t, "a / 0").Eval(vars(map[string]float64{"a": 1}))
	if got := err.Error(); got != "vị trí 2: chia cho 0" {
		t.Errorf("Error() = %q", got)
	}
	if got := err.(*EvalError).EnglishError(); got != "position 2: division by zero" {
		t.Errorf("EnglishError() = %q", got)
	}
}

func TestIdents(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"1 < 2", nil},
		{"paid <= eligible", []string{"eligible", "paid"}},
		{"b + a * b - c.d + min(b, a_1)", []string{"a", "a_1", "b", "c.d"}},
		{"Paid + paid", []string{"Paid", "paid"}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e := mustParse(t, tt.src)
			got := e.Idents()
			if !slices.Equal(got, tt.want) {
				t.Errorf("Idents() = %q, want %q", got, tt.want)
			}
			if len(got) > 0 {
				got[0] = "changed"
				if e.Idents()[0] == "changed" {
					t.Error("Idents() returned the internal slice")
				}
			}
		})
	}
}

func mustParse(t testing.TB, src string) *Expr {
	t.Helper()
	e, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return e
}
