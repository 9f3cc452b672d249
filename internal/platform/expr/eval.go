package expr

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// epsilon is the relative tolerance of comparisons. Below magnitude 1 it
// acts as an absolute tolerance, so that "total - a - b == 0" holds despite
// rounding in binary floating point.
const epsilon = 1e-9

// Eval evaluates the expression with identifier values from lookup.
//
// Every identifier is looked up once, before evaluation; if lookup returns
// ok=false for any of them (or lookup is nil), the value is missing and Eval
// returns Result{Skipped: true} with a nil error: a rule over missing data
// is not checked.
//
// "and" and "or" evaluate their right operand only when needed, so a guard
// such as "candidates > 0 and graduated / candidates >= 0.5" is safe.
// Comparisons treat a and b as equal when |a-b| <= 1e-9 × max(1, |a|, |b|),
// so "0.1 + 0.2 == 0.3" is true. Division or remainder by zero, a result
// that overflows, a non-finite identifier value and an invalid digits
// argument of round make Eval return an *EvalError.
func (e *Expr) Eval(lookup func(ident string) (float64, bool)) (Result, error) {
	var buf [16]float64 // rules rarely use more identifiers; avoids allocating
	vals := buf[:0]
	for _, name := range e.idents {
		if lookup == nil {
			return Result{Skipped: true}, nil
		}
		v, ok := lookup(name)
		if !ok {
			return Result{Skipped: true}, nil
		}
		vals = append(vals, v)
	}
	if e.root.isBool() {
		b, err := evalBool(e.root, vals)
		if err != nil {
			return Result{}, err
		}
		return Result{Bool: b, IsBool: true}, nil
	}
	v, err := evalNum(e.root, vals)
	if err != nil {
		return Result{}, err
	}
	return Result{Value: v}, nil
}

func evalBool(n *node, vals []float64) (bool, error) {
	switch n.kind {
	case nNot:
		b, err := evalBool(n.args[0], vals)
		return !b, err
	case nAnd, nOr:
		b, err := evalBool(n.args[0], vals)
		if err != nil || b == (n.kind == nOr) {
			return b, err
		}
		return evalBool(n.args[1], vals)
	}
	a, err := evalNum(n.args[0], vals)
	if err != nil {
		return false, err
	}
	b, err := evalNum(n.args[1], vals)
	if err != nil {
		return false, err
	}
	eq := math.Abs(a-b) <= epsilon*max(1, math.Abs(a), math.Abs(b))
	switch n.op {
	case opEq:
		return eq, nil
	case opNe:
		return !eq, nil
	case opLt:
		return a < b && !eq, nil
	case opLe:
		return a < b || eq, nil
	case opGt:
		return a > b && !eq, nil
	default: // opGe
		return a > b || eq, nil
	}
}

func evalNum(n *node, vals []float64) (float64, error) {
	switch n.kind {
	case nNum:
		return n.num, nil
	case nIdent:
		v := vals[n.slot]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, &EvalError{Offset: n.pos,
				Message: fmt.Sprintf("giá trị của '%s' không phải là số hữu hạn (%v)", n.name, v),
				English: fmt.Sprintf("value of '%s' is not a finite number (%v)", n.name, v)}
		}
		return v, nil
	case nNeg:
		v, err := evalNum(n.args[0], vals)
		return -v, err
	}
	args := make([]float64, 0, 4)
	for _, a := range n.args {
		v, err := evalNum(a, vals)
		if err != nil {
			return 0, err
		}
		args = append(args, v)
	}
	var r float64
	switch {
	case n.kind == nCall:
		var err error
		if r, err = call(n, args); err != nil {
			return 0, err
		}
	case (n.op == opDiv || n.op == opMod) && args[1] == 0:
		return 0, &EvalError{Offset: n.pos, Message: "chia cho 0", English: "division by zero"}
	case n.op == opAdd:
		r = args[0] + args[1]
	case n.op == opSub:
		r = args[0] - args[1]
	case n.op == opMul:
		r = args[0] * args[1]
	case n.op == opDiv:
		r = args[0] / args[1]
	default: // opMod
		r = math.Mod(args[0], args[1])
	}
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return 0, &EvalError{Offset: n.pos,
			Message: "kết quả phép tính vượt quá giới hạn số", English: "result of the calculation is out of range"}
	}
	return r, nil
}

func call(n *node, args []float64) (float64, error) {
	switch n.fn {
	case fnAbs:
		return math.Abs(args[0]), nil
	case fnMin:
		return minOf(args[0], args[1:]...), nil
	case fnMax:
		return maxOf(args[0], args[1:]...), nil
	}
	x, d := args[0], args[1]
	if !validDigits(d) {
		vi, en := digitsMsg(d)
		return 0, &EvalError{Offset: n.args[1].start, Message: vi, English: en}
	}
	return round(x, int(d)), nil
}

func minOf(x float64, ys ...float64) float64 {
	for _, y := range ys {
		x = math.Min(x, y)
	}
	return x
}

func maxOf(x float64, ys ...float64) float64 {
	for _, y := range ys {
		x = math.Max(x, y)
	}
	return x
}

// round rounds x half away from zero to d decimal places (d < 0 rounds to
// tens, hundreds, …). Like a spreadsheet it first reduces the scaled value
// to 15 significant digits, so round(1.005, 2) is 1.01 although 1.005 is
// stored as 1.00499999999999989….
func round(x float64, d int) float64 {
	if d >= 0 {
		p := math.Pow10(d)
		s := x * p
		if math.Abs(s) >= 1<<52 { // no fraction left at this scale
			return x
		}
		return math.Round(tidy(s)) / p
	}
	p := math.Pow10(-d)
	return math.Round(tidy(x/p)) * p
}

func tidy(v float64) float64 {
	t, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	return t
}

// String returns the canonical form of the expression: single spaces
// around binary operators, "and", "or", "not" and "==" for the keywords and
// equality, numbers without '_', and only the parentheses that precedence
// requires. Parse(e.String()) yields the same tree, hence the same String.
func (e *Expr) String() string {
	var b strings.Builder
	write(&b, e.root)
	return b.String()
}

// prec returns the grammar level of a node: 1 or, 2 and, 3 not, 4 cmp,
// 5 sum, 6 term, 7 unary minus, 8 primary.
func prec(n *node) int {
	switch n.kind {
	case nOr:
		return 1
	case nAnd:
		return 2
	case nNot:
		return 3
	case nCmp:
		return 4
	case nArith:
		if n.op == opAdd || n.op == opSub {
			return 5
		}
		return 6
	case nNeg:
		return 7
	}
	return 8
}

func write(b *strings.Builder, n *node) {
	sub := func(c *node, paren bool) {
		if paren {
			b.WriteByte('(')
		}
		write(b, c)
		if paren {
			b.WriteByte(')')
		}
	}
	switch n.kind {
	case nNum:
		b.WriteString(strconv.FormatFloat(n.num, 'f', -1, 64))
	case nIdent:
		b.WriteString(n.name)
	case nCall:
		b.WriteString(funcs[n.fn].name + "(")
		for i, a := range n.args {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, a)
		}
		b.WriteByte(')')
	case nNeg:
		b.WriteByte('-')
		sub(n.args[0], prec(n.args[0]) < 7)
	case nNot:
		b.WriteString("not ")
		sub(n.args[0], prec(n.args[0]) < 3)
	default: // binary; all are left-associative, comparisons never nest
		p := prec(n)
		sub(n.args[0], prec(n.args[0]) < p)
		b.WriteString(" " + n.op.String() + " ")
		sub(n.args[1], prec(n.args[1]) <= p)
	}
}
