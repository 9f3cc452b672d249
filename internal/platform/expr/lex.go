package expr

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tNum
	tIdent
	tOp
	tLParen
	tRParen
	tComma
)

type op uint8

const (
	opNone op = iota
	opAdd
	opSub
	opMul
	opDiv
	opMod
	opLt
	opLe
	opGt
	opGe
	opEq
	opNe
	opAnd
	opOr
	opNot
)

// opText is the canonical spelling of each operator.
var opText = [...]string{
	opAdd: "+", opSub: "-", opMul: "*", opDiv: "/", opMod: "%",
	opLt: "<", opLe: "<=", opGt: ">", opGe: ">=", opEq: "==", opNe: "!=",
	opAnd: "and", opOr: "or", opNot: "not",
}

func (o op) String() string { return opText[o] }

func (o op) isCmp() bool { return o >= opLt && o <= opNe }

type token struct {
	kind tokKind
	op   op
	off  int
	text string // as written in the source
	num  float64
}

// symbols lists the punctuation tokens; the first six are two bytes long.
var symbols = []struct {
	text string
	kind tokKind
	op   op
}{
	{"&&", tOp, opAnd}, {"||", tOp, opOr}, {"<=", tOp, opLe}, {">=", tOp, opGe},
	{"==", tOp, opEq}, {"!=", tOp, opNe}, {"<", tOp, opLt}, {">", tOp, opGt},
	{"=", tOp, opEq}, {"!", tOp, opNot}, {"+", tOp, opAdd}, {"-", tOp, opSub},
	{"*", tOp, opMul}, {"/", tOp, opDiv}, {"%", tOp, opMod},
	{"(", tLParen, opNone}, {")", tRParen, opNone}, {",", tComma, opNone},
}

// misspelt maps common mistakes (Excel habits, maths symbols) to the
// operator that should be used instead. They are checked before symbols.
var misspelt = []struct{ bad, good string }{
	{"=>", ">="}, {"=<", "<="}, {"<>", "!="}, {"≤", "<="}, {"≥", ">="},
	{"≠", "!="}, {"&", "&&' hoặc 'and"}, {"|", "||' hoặc 'or"},
}

// lex splits src into tokens, ending with a tEOF token.
func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		if r, size := utf8.DecodeRuneInString(src[i:]); c >= utf8.RuneSelf && unicode.IsSpace(r) {
			i += size // e.g. a no-break space pasted from a word processor
			continue
		}
		if len(toks) == MaxTokens {
			return nil, syntaxErr(i,
				fmt.Sprintf("quy tắc có quá nhiều thành phần (tối đa %d)", MaxTokens),
				fmt.Sprintf("rule has too many tokens (at most %d)", MaxTokens))
		}
		switch {
		case isDigit(c):
			word := src[i : i+wordLen(src[i:])]
			v, err := parseNumber(word, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tNum, off: i, text: word, num: v})
			i += len(word)
		case isIdentStart(c):
			word := src[i : i+wordLen(src[i:])]
			t := token{kind: tIdent, off: i, text: word}
			switch word {
			case "and":
				t.kind, t.op = tOp, opAnd
			case "or":
				t.kind, t.op = tOp, opOr
			case "not":
				t.kind, t.op = tOp, opNot
			}
			toks = append(toks, t)
			i += len(word)
		default:
			t, err := lexSymbol(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.text)
		}
	}
	return append(toks, token{kind: tEOF, off: len(src)}), nil
}

// lexSymbol reads the operator or punctuation at src[i:].
func lexSymbol(src string, i int) (token, error) {
	rest := src[i:]
	for _, s := range symbols[:6] { // "&&" must win over the misspelt "&"
		if strings.HasPrefix(rest, s.text) {
			return token{kind: s.kind, op: s.op, off: i, text: s.text}, nil
		}
	}
	for _, m := range misspelt {
		if strings.HasPrefix(rest, m.bad) {
			return token{}, syntaxErr(i,
				fmt.Sprintf("không dùng '%s', hãy dùng '%s'", m.bad, m.good),
				fmt.Sprintf("'%s' is not supported, use '%s'", m.bad,
					strings.NewReplacer("hoặc", "or").Replace(m.good)))
		}
	}
	for _, s := range symbols[6:] {
		if strings.HasPrefix(rest, s.text) {
			return token{kind: s.kind, op: s.op, off: i, text: s.text}, nil
		}
	}
	r, size := utf8.DecodeRuneInString(rest)
	shown := string(r)
	if r == utf8.RuneError && size <= 1 || !unicode.IsPrint(r) {
		shown = fmt.Sprintf("\\x%02x", rest[0])
		if r != utf8.RuneError {
			shown = fmt.Sprintf("%U", r)
		}
	}
	if unicode.IsLetter(r) {
		return token{}, syntaxErr(i,
			fmt.Sprintf("ký tự không hợp lệ '%s' (mã chỉ tiêu chỉ gồm chữ không dấu, chữ số, '_' và '.')", shown),
			fmt.Sprintf("invalid character '%s' (indicator codes use only ASCII letters, digits, '_' and '.')", shown))
	}
	return token{}, syntaxErr(i,
		fmt.Sprintf("ký tự không hợp lệ '%s'", shown),
		fmt.Sprintf("invalid character '%s'", shown))
}

// parseNumber validates digits ('_' digits)* ('.' digits ('_' digits)*)?
// and converts it. word is the whole run of identifier characters, so that
// "12abc" or "1.2.3" are reported as one bad number.
func parseNumber(word string, off int) (float64, error) {
	bad := func(vi, en string) (float64, error) {
		q := quote(word)
		return 0, syntaxErr(off, fmt.Sprintf(vi, q), fmt.Sprintf(en, q))
	}
	intPart, frac, hasDot := strings.Cut(word, ".")
	if !digitGroups(intPart) || hasDot && !digitGroups(frac) {
		return bad("số không hợp lệ '%s'", "invalid number '%s'")
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(word, "_", ""), 64)
	if err != nil {
		// Syntax was checked above, so this is an overflow; underflow
		// rounds to 0 without an error.
		return bad("số '%s' quá lớn", "number '%s' is too large")
	}
	return v, nil
}

// digitGroups reports whether s is digits separated by single underscores.
func digitGroups(s string) bool {
	if s == "" {
		return false
	}
	for g := range strings.SplitSeq(s, "_") {
		if g == "" || strings.TrimLeft(g, "0123456789") != "" {
			return false
		}
	}
	return true
}

// wordLen returns the length of the run of identifier characters at s.
func wordLen(s string) int {
	n := 0
	for n < len(s) && (isIdentStart(s[n]) || isDigit(s[n]) || s[n] == '.') {
		n++
	}
	return n
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdentStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// quote shortens a token for an error message.
func quote(s string) string {
	const max = 24
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
