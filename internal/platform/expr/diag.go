package expr

import (
	"fmt"
	"math"
	"strings"
)

// This file builds the parser's error messages. Each message is written for
// office staff: it names the token at fault as it was typed and, where a
// common mistake is likely, says what to write instead.

// wantNum reports an error unless n is numeric; t is the operator using n.
func wantNum(n *node, t token) error {
	if !n.isBool() {
		return nil
	}
	return syntaxErr(n.start,
		fmt.Sprintf("toán hạng của '%s' phải là số, không phải điều kiện", t.text),
		fmt.Sprintf("operand of '%s' must be a number, not a condition", t.text))
}

// wantBool reports an error unless n is a condition; t is the and/or/not
// operator using n.
func wantBool(n *node, t token) error {
	if n.isBool() {
		return nil
	}
	return syntaxErr(n.start,
		fmt.Sprintf("toán hạng của '%s' phải là điều kiện (phép so sánh như a <= b), không phải số", t.text),
		fmt.Sprintf("operand of '%s' must be a condition (a comparison such as a <= b), not a number", t.text))
}

// missingOperand reports that t cannot start an operand.
func (p *parser) missingOperand(t token) error {
	idx := p.i - 1 // t has been consumed by next ...
	if t.kind == tEOF {
		idx = p.i // ... unless it is the end, which next never consumes
	}
	if idx > 0 && !(t.kind == tOp && t.op == opNot) {
		prev := p.toks[idx-1]
		return syntaxErr(t.off,
			fmt.Sprintf("thiếu toán hạng sau '%s'", prev.text),
			fmt.Sprintf("missing operand after '%s'", prev.text))
	}
	vi, en := describe(t)
	return syntaxErr(t.off,
		fmt.Sprintf("cần một số, mã chỉ tiêu hoặc '(' nhưng gặp %s", vi),
		fmt.Sprintf("expected a number, an indicator code or '(' but found %s", en))
}

// unclosed reports a '(' whose ')' was not found; fname is the function
// being called, if any.
func (p *parser) unclosed(lp token, fname string) error {
	t := p.peek()
	vi, en := describe(t)
	if fname != "" && t.kind != tEOF {
		return syntaxErr(t.off,
			fmt.Sprintf("cần ',' hoặc ')' trong lời gọi hàm %s nhưng gặp %s", fname, vi),
			fmt.Sprintf("expected ',' or ')' in the call of %s but found %s", fname, en))
	}
	return syntaxErr(t.off,
		fmt.Sprintf("thiếu dấu ')' cho dấu '(' ở vị trí %d, gặp %s", lp.off, vi),
		fmt.Sprintf("missing ')' for the '(' at position %d, found %s", lp.off, en))
}

// trailing reports a token left over after a complete expression.
func (p *parser) trailing(t token) error {
	switch {
	case t.kind == tRParen:
		return syntaxErr(t.off, "dấu ')' thừa, không có '(' tương ứng", "unmatched ')'")
	case t.kind == tComma:
		return syntaxErr(t.off, "dấu ',' chỉ dùng để ngăn cách các đối số của hàm",
			"',' may only separate function arguments")
	}
	vi := fmt.Sprintf("thiếu toán tử trước '%s'", quote(t.text))
	en := fmt.Sprintf("missing operator before '%s'", quote(t.text))
	for _, kw := range []string{"and", "or", "not"} {
		if t.kind == tIdent && strings.EqualFold(t.text, kw) {
			vi += fmt.Sprintf(" (từ khoá phải viết thường: '%s')", kw)
			en += fmt.Sprintf(" (keywords are lower case: '%s')", kw)
		}
	}
	return syntaxErr(t.off, vi, en)
}

// checkArgs validates the number of arguments of a call and, for round, a
// literal digits argument.
func checkArgs(n *node, name string, minArgs, maxArgs int) error {
	switch {
	case minArgs == maxArgs && len(n.args) != minArgs:
		noun := "arguments"
		if minArgs == 1 {
			noun = "argument"
		}
		return syntaxErr(n.pos,
			fmt.Sprintf("hàm %s cần đúng %d đối số, có %d", name, minArgs, len(n.args)),
			fmt.Sprintf("%s takes exactly %d %s, got %d", name, minArgs, noun, len(n.args)))
	case len(n.args) < minArgs:
		return syntaxErr(n.pos,
			fmt.Sprintf("hàm %s cần ít nhất %d đối số, có %d", name, minArgs, len(n.args)),
			fmt.Sprintf("%s takes at least %d arguments, got %d", name, minArgs, len(n.args)))
	}
	if n.fn != fnRound {
		return nil
	}
	d := n.args[1]
	v, neg := d.num, false
	if d.kind == nNeg && d.args[0].kind == nNum {
		v, neg = d.args[0].num, true
	} else if d.kind != nNum {
		return nil // checked by Eval
	}
	if !validDigits(v) {
		if neg {
			v = -v
		}
		vi, en := digitsMsg(v)
		return syntaxErr(d.start, vi, en)
	}
	return nil
}

// validDigits reports whether v is an acceptable digits argument of round.
func validDigits(v float64) bool {
	return v == math.Trunc(v) && math.Abs(v) <= maxRoundDigits
}

// digitsMsg returns the Vietnamese and English messages for a bad digits
// argument v of round.
func digitsMsg(v float64) (vi, en string) {
	return fmt.Sprintf("số chữ số làm tròn phải là số nguyên từ -%d đến %d, không phải %v", maxRoundDigits, maxRoundDigits, v),
		fmt.Sprintf("round digits must be an integer from -%d to %d, not %v", maxRoundDigits, maxRoundDigits, v)
}

// describe names a token for a message: quoted text, or the end of the rule.
func describe(t token) (vi, en string) {
	if t.kind == tEOF {
		return "cuối quy tắc", "the end of the rule"
	}
	return "'" + quote(t.text) + "'", "'" + quote(t.text) + "'"
}
