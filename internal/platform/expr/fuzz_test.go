package expr

import (
	"fmt"
	"slices"
	"testing"
)

func TestStringRoundTrip(t *testing.T) {
	tests := []struct{ src, want string }{
		{"paid<=eligible", "paid <= eligible"},
		{"a+b*c", "a + b * c"},
		{"(a+b)*c", "(a + b) * c"},
		{"a-(b-c)", "a - (b - c)"},
		{"(a-b)-c", "a - b - c"},
		{"a+(b+c)", "a + (b + c)"},
		{"a/(b*c)", "a / (b * c)"},
		{"a*(b%c)", "a * (b % c)"},
		{"-(a)", "-a"},
		{"-(-a)", "--a"},
		{"a - -b", "a - -b"},
		{"-(a*b)", "-(a * b)"},
		{"(-a)*b", "-a * b"},
		{"((x))>((1))", "x > 1"},
		{"x>1 && y>1 || !(z=1)", "x > 1 and y > 1 or not z == 1"},
		{"x>1 and (y>1 or z>1)", "x > 1 and (y > 1 or z > 1)"},
		{"(x>1 and y>1) and z>1", "x > 1 and y > 1 and z > 1"},
		{"x>1 and (y>1 and z>1)", "x > 1 and (y > 1 and z > 1)"},
		{"x>1 or (y>1 or z>1)", "x > 1 or (y > 1 or z > 1)"},
		{"not (x>1 and y>1)", "not (x > 1 and y > 1)"},
		{"!!(x>1)", "not not x > 1"},
		{"1_800_000.50 + 007", "1800000.5 + 7"},
		{"MIN(a,b,c)+Round(x,-2)", "min(a, b, c) + round(x, -2)"},
		{"0.000000000000000000001", "0.000000000000000000001"},
		{"100000000000000000000000", "100000000000000000000000"},
		{"a\u00a0<\tb", "a < b"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got := mustParse(t, tt.src).String()
			if got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if again := mustParse(t, got).String(); again != got {
				t.Errorf("Parse(%q).String() = %q", got, again)
			}
		})
	}
}

// FuzzParse checks that Parse never panics, that the canonical form of an
// accepted expression re-parses to itself with the same identifiers, and
// that evaluating it never panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"paid <= eligible",
		"amount <= paid * 1800000 * 3",
		"graduated <= candidates && candidates > 0",
		"pass_rate >= 0 and pass_rate <= 100",
		"not (a = 1 or b != 2) || round(c / 3, 2) >= -max(d, 1_000, 2.5) % 7",
		"abs(-(x.y - 1)) < min(a, b)",
	} {
		f.Add(s)
	}
	one := func(string) (float64, bool) { return 1, true }
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Parse(%q) error %T, want *SyntaxError", src, err)
			}
			return
		}
		s := e.String()
		e2, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String %q fails: %v", src, s, err)
		}
		if s2 := e2.String(); s2 != s {
			t.Fatalf("String not stable: %q → %q → %q", src, s, s2)
		}
		if !slices.Equal(e.Idents(), e2.Idents()) {
			t.Fatalf("Idents changed: %q %v → %q %v", src, e.Idents(), s, e2.Idents())
		}
		r1, err1 := e.Eval(one)
		r2, err2 := e2.Eval(one)
		if r1 != r2 || errMessage(err1) != errMessage(err2) { // offsets differ
			t.Fatalf("Eval differs: %q → %v %v, %q → %v %v", src, r1, err1, s, r2, err2)
		}
		if _, err := ParseRule(src); (err == nil) != e.IsBool() {
			t.Fatalf("ParseRule(%q) = %v, IsBool %v", src, err, e.IsBool())
		}
	})
}

func errMessage(err error) string {
	if ee, ok := err.(*EvalError); ok {
		return ee.Message
	}
	return fmt.Sprint(err)
}

func BenchmarkEval(b *testing.B) {
	e, err := ParseRule("graduated <= candidates && candidates > 0 and " +
		"round(amount / max(paid, 1), 2) <= 1_800_000 * 3 or not pass_rate > 100")
	if err != nil {
		b.Fatal(err)
	}
	values := map[string]float64{"graduated": 40, "candidates": 42, "amount": 5_400_000,
		"paid": 1, "pass_rate": 95.2}
	lookup := func(name string) (float64, bool) { v, ok := values[name]; return v, ok }
	b.ReportAllocs()
	for b.Loop() {
		if r, err := e.Eval(lookup); err != nil || !r.Bool {
			b.Fatalf("Eval = %+v, %v", r, err)
		}
	}
}

func ExampleParseRule() {
	rule, err := ParseRule("paid <= eligible and amount <= paid * 1_800_000")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rule, rule.Idents())
	values := map[string]float64{"paid": 3, "eligible": 5, "amount": 6_000_000}
	r, err := rule.Eval(func(code string) (float64, bool) { v, ok := values[code]; return v, ok })
	fmt.Println(r.Bool, err)

	_, err = ParseRule("paid * ")
	fmt.Println(err)
	// Output:
	// paid <= eligible and amount <= paid * 1800000 [amount eligible paid]
	// false <nil>
	// vị trí 7: thiếu toán hạng sau '*'
}

func ExampleExpr_Eval_skipped() {
	rule, _ := ParseRule("graduated <= candidates")
	r, err := rule.Eval(func(code string) (float64, bool) { return 10, code == "graduated" })
	fmt.Printf("%+v %v\n", r, err)
	// Output: {Value:0 Bool:false IsBool:false Skipped:true} <nil>
}
