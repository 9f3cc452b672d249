package expr

import (
	"fmt"
	"slices"
	"strings"
)

type nodeKind uint8

const (
	nNum nodeKind = iota
	nIdent
	nNeg
	nArith
	nCall
	nCmp
	nNot
	nAnd
	nOr
)

type fn uint8

const (
	fnAbs fn = iota
	fnMin
	fnMax
	fnRound
)

// funcDef describes a built-in function.
type funcDef struct {
	name             string
	minArgs, maxArgs int // maxArgs < 0: unlimited
}

// funcs lists the built-in functions, indexed by fn.
var funcs = [...]funcDef{
	fnAbs: {"abs", 1, 1}, fnMin: {"min", 2, -1}, fnMax: {"max", 2, -1}, fnRound: {"round", 2, 2},
}

// maxRoundDigits bounds the second argument of round.
const maxRoundDigits = 15

type node struct {
	kind  nodeKind
	op    op      // nArith, nCmp
	fn    fn      // nCall
	num   float64 // nNum
	name  string  // nIdent
	slot  int     // nIdent: index into Expr.idents
	args  []*node // operands or call arguments
	pos   int     // offset of the operator, function or token itself
	start int     // offset where the node's text begins (for type errors)
}

func (n *node) isBool() bool { return n.kind >= nCmp }

type parser struct {
	toks  []token
	i     int
	depth int
	names map[string][]*node
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) is(o op) bool { t := p.peek(); return t.kind == tOp && t.op == o }

// enter counts one level of nesting opened by t.
func (p *parser) enter(t token) error {
	if p.depth++; p.depth > MaxDepth {
		return syntaxErr(t.off,
			fmt.Sprintf("lồng quá sâu (tối đa %d cấp)", MaxDepth),
			fmt.Sprintf("nesting is too deep (at most %d levels)", MaxDepth))
	}
	return nil
}

func parse(src string, toks []token) (*Expr, error) {
	if toks[0].kind == tEOF {
		return nil, syntaxErr(0, "quy tắc trống", "empty rule")
	}
	p := &parser{toks: toks, names: map[string][]*node{}}
	root, err := p.parseLogic(opOr)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.trailing(t)
	}
	e := &Expr{root: root}
	for name := range p.names {
		e.idents = append(e.idents, name)
	}
	slices.Sort(e.idents)
	for slot, name := range e.idents {
		for _, n := range p.names[name] {
			n.slot = slot
		}
	}
	return e, nil
}

// parseLogic parses the "or" level (o == opOr) or the "and" level.
func (p *parser) parseLogic(o op) (*node, error) {
	sub, kind := p.parseNot, nAnd
	if o == opOr {
		sub, kind = func() (*node, error) { return p.parseLogic(opAnd) }, nOr
	}
	left, err := sub()
	for err == nil && p.is(o) {
		t := p.next()
		var right *node
		if err = wantBool(left, t); err == nil {
			if right, err = sub(); err == nil {
				err = wantBool(right, t)
			}
		}
		left = &node{kind: kind, op: o, args: []*node{left, right}, pos: t.off, start: left.start}
	}
	return left, err
}

func (p *parser) parseNot() (*node, error) {
	if !p.is(opNot) {
		return p.parseCmp()
	}
	t := p.next()
	if err := p.enter(t); err != nil {
		return nil, err
	}
	x, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	p.depth--
	if err := wantBool(x, t); err != nil {
		return nil, err
	}
	return &node{kind: nNot, op: opNot, args: []*node{x}, pos: t.off, start: t.off}, nil
}

func (p *parser) parseCmp() (*node, error) {
	left, err := p.parseArith(opAdd, opSub)
	if err != nil || p.peek().kind != tOp || !p.peek().op.isCmp() {
		return left, err
	}
	t := p.next()
	if err := wantNum(left, t); err != nil {
		return nil, err
	}
	right, err := p.parseArith(opAdd, opSub)
	if err != nil {
		return nil, err
	}
	if err := wantNum(right, t); err != nil {
		return nil, err
	}
	if t2 := p.peek(); t2.kind == tOp && t2.op.isCmp() {
		return nil, syntaxErr(t2.off,
			"không thể viết liền hai phép so sánh, hãy tách bằng 'and', ví dụ: a <= b and b <= c",
			"comparisons cannot be chained, join them with 'and', e.g. a <= b and b <= c")
	}
	return &node{kind: nCmp, op: t.op, args: []*node{left, right}, pos: t.off, start: left.start}, nil
}

// parseArith parses the "sum" level (opAdd, opSub) or the "term" level.
func (p *parser) parseArith(o1, o2 op) (*node, error) {
	sub := p.parseUnary
	if o1 == opAdd {
		sub = func() (*node, error) { return p.parseArith(opMul, opDiv) }
	}
	left, err := sub()
	for err == nil && (p.is(o1) || p.is(o2) || o1 == opMul && p.is(opMod)) {
		t := p.next()
		var right *node
		if err = wantNum(left, t); err == nil {
			if right, err = sub(); err == nil {
				err = wantNum(right, t)
			}
		}
		left = &node{kind: nArith, op: t.op, args: []*node{left, right}, pos: t.off, start: left.start}
	}
	return left, err
}

func (p *parser) parseUnary() (*node, error) {
	if !p.is(opSub) {
		return p.parsePrimary()
	}
	t := p.next()
	if err := p.enter(t); err != nil {
		return nil, err
	}
	x, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	p.depth--
	if err := wantNum(x, t); err != nil {
		return nil, err
	}
	return &node{kind: nNeg, op: opSub, args: []*node{x}, pos: t.off, start: t.off}, nil
}

func (p *parser) parsePrimary() (*node, error) {
	t := p.next()
	switch t.kind {
	case tNum:
		return &node{kind: nNum, num: t.num, pos: t.off, start: t.off}, nil
	case tIdent:
		if p.peek().kind == tLParen {
			return p.parseCall(t)
		}
		n := &node{kind: nIdent, name: t.text, pos: t.off, start: t.off}
		p.names[t.text] = append(p.names[t.text], n)
		return n, nil
	case tLParen:
		if err := p.enter(t); err != nil {
			return nil, err
		}
		x, err := p.parseLogic(opOr)
		if err != nil {
			return nil, err
		}
		p.depth--
		if p.peek().kind != tRParen {
			return nil, p.unclosed(t, "")
		}
		p.next()
		x.start = t.off
		return x, nil
	}
	return nil, p.missingOperand(t)
}

func (p *parser) parseCall(name token) (*node, error) {
	f := slices.IndexFunc(funcs[:], func(d funcDef) bool { return strings.EqualFold(d.name, name.text) })
	if f < 0 {
		return nil, syntaxErr(name.off,
			fmt.Sprintf("hàm không xác định '%s' (các hàm có sẵn: abs, min, max, round)", quote(name.text)),
			fmt.Sprintf("unknown function '%s' (available: abs, min, max, round)", quote(name.text)))
	}
	d := funcs[f]
	lp := p.next()
	if err := p.enter(lp); err != nil {
		return nil, err
	}
	var args []*node
	for p.peek().kind != tRParen || len(args) > 0 {
		a, err := p.parseLogic(opOr)
		if err != nil {
			return nil, err
		}
		if a.isBool() {
			return nil, syntaxErr(a.start,
				fmt.Sprintf("đối số của hàm %s phải là số, không phải điều kiện", d.name),
				fmt.Sprintf("arguments of %s must be numbers, not conditions", d.name))
		}
		args = append(args, a)
		if p.peek().kind != tComma {
			break
		}
		p.next()
	}
	if p.peek().kind != tRParen {
		return nil, p.unclosed(lp, d.name)
	}
	p.next()
	p.depth--
	n := &node{kind: nCall, fn: fn(f), args: args, pos: name.off, start: name.off}
	return n, checkArgs(n, d.name, d.minArgs, d.maxArgs)
}
