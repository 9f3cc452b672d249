// Package expr implements the small expression language in which office
// staff write the validation rules of report templates, for example
//
//	paid <= eligible
//	amount <= paid * 1800000 * 3
//	graduated <= candidates && candidates > 0
//	pass_rate >= 0 and pass_rate <= 100
//
// Grammar, from lowest to highest precedence:
//
//	or      := and (('||' | 'or') and)*
//	and     := not (('&&' | 'and') not)*
//	not     := ('!' | 'not') not | cmp
//	cmp     := sum (('<' | '<=' | '>' | '>=' | '==' | '=' | '!=') sum)?
//	sum     := term (('+' | '-') term)*
//	term    := unary (('*' | '/' | '%') unary)*
//	unary   := '-' unary | primary
//	primary := number | ident | '(' or ')' | func '(' or (',' or)* ')'
//
// Numbers are decimal with an optional fraction ("1800000", "12.5") and may
// use '_' between digits ("1_800_000"). Identifiers (indicator codes) match
// [A-Za-z_][A-Za-z0-9_.]* and are case-sensitive; "and", "or" and "not" are
// keywords. The functions are abs(x), min(a, b, …), max(a, b, …) and
// round(x, digits); their names are case-insensitive.
//
// Types are checked by Parse: arithmetic and comparison operands are numbers,
// the operands of and/or/not are conditions (booleans). Comparisons cannot be
// chained ("a < b < c" is an error). Every error carries a byte offset and a
// message in Vietnamese with an English counterpart.
//
// The expression is a pure value: an *Expr is safe for concurrent use.
package expr

import (
	"fmt"
	"slices"
)

// Limits that protect the parser against abusive input. Exceeding one of
// them makes Parse return a *SyntaxError.
const (
	// MaxLen is the maximum length of a rule in bytes, both as written and
	// in its canonical form (see Expr.String).
	MaxLen = 2000
	// MaxTokens is the maximum number of tokens (numbers, identifiers,
	// operators, parentheses and commas) in a rule.
	MaxTokens = 200
	// MaxDepth is the maximum nesting depth of parentheses, function calls,
	// unary minus and negation.
	MaxDepth = 50
)

// SyntaxError reports why a rule could not be parsed.
type SyntaxError struct {
	// Offset is the byte offset in the source where the problem was found;
	// it equals len(src) when the rule ends too early.
	Offset int
	// Message is the Vietnamese description, e.g. "thiếu toán hạng sau '*'".
	Message string
	// English is the English description, e.g. "missing operand after '*'".
	English string
}

// Error returns the Vietnamese message prefixed with the offset, e.g.
// "vị trí 9: thiếu toán hạng sau '*'".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("vị trí %d: %s", e.Offset, e.Message)
}

// EnglishError returns the English message prefixed with the offset, e.g.
// "position 9: missing operand after '*'".
func (e *SyntaxError) EnglishError() string {
	return fmt.Sprintf("position %d: %s", e.Offset, e.English)
}

// EvalError reports a failure while evaluating a rule, such as a division
// by zero.
type EvalError struct {
	// Offset is the byte offset of the operator, function or identifier
	// that failed, in the source given to Parse.
	Offset int
	// Message is the Vietnamese description, e.g. "chia cho 0".
	Message string
	// English is the English description, e.g. "division by zero".
	English string
}

// Error returns the Vietnamese message prefixed with the offset, e.g.
// "vị trí 7: chia cho 0".
func (e *EvalError) Error() string {
	return fmt.Sprintf("vị trí %d: %s", e.Offset, e.Message)
}

// EnglishError returns the English message prefixed with the offset.
func (e *EvalError) EnglishError() string {
	return fmt.Sprintf("position %d: %s", e.Offset, e.English)
}

// Expr is a parsed, type-checked expression. Create it with Parse or
// ParseRule; the zero value is not usable.
type Expr struct {
	root   *node
	idents []string // sorted, unique; node.slot indexes into it
}

// Result is the outcome of Eval.
type Result struct {
	// Value is the value of a numeric expression (0 when IsBool).
	Value float64
	// Bool is the value of a boolean expression (false when !IsBool).
	Bool bool
	// IsBool reports whether the expression is a condition.
	IsBool bool
	// Skipped reports that some identifier had no value, so the rule was
	// not checked; the other fields are then zero.
	Skipped bool
}

// Parse compiles an expression, numeric or boolean. Errors are *SyntaxError
// with the byte offset and a Vietnamese message plus an English one, e.g.
// "vị trí 9: thiếu toán hạng sau '*'".
func Parse(src string) (*Expr, error) {
	if len(src) > MaxLen {
		return nil, syntaxErr(MaxLen,
			fmt.Sprintf("quy tắc quá dài (tối đa %d byte)", MaxLen),
			fmt.Sprintf("rule is too long (at most %d bytes)", MaxLen))
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	e, err := parse(src, toks)
	if err != nil {
		return nil, err
	}
	// The canonical form can be longer than the source ("a+b" becomes
	// "a + b"); reject it here so that String always re-parses.
	if len(e.String()) > MaxLen {
		return nil, syntaxErr(0,
			fmt.Sprintf("quy tắc quá dài (tối đa %d byte sau khi chuẩn hoá)", MaxLen),
			fmt.Sprintf("rule is too long (at most %d bytes once normalised)", MaxLen))
	}
	return e, nil
}

// ParseRule compiles a validation rule: like Parse, but the expression must
// be a condition (a comparison, or comparisons joined by and/or/not).
func ParseRule(src string) (*Expr, error) {
	e, err := Parse(src)
	if err != nil {
		return nil, err
	}
	if !e.IsBool() {
		return nil, syntaxErr(e.root.start,
			"quy tắc phải là một phép so sánh, ví dụ: paid <= eligible",
			"a rule must be a comparison, e.g. paid <= eligible")
	}
	return e, nil
}

// IsBool reports whether the expression is a condition rather than a number.
func (e *Expr) IsBool() bool { return e.root.isBool() }

// Idents returns the identifiers (indicator codes) the expression uses,
// sorted and unique. The caller may modify the returned slice.
func (e *Expr) Idents() []string { return slices.Clone(e.idents) }

func syntaxErr(off int, vi, en string) *SyntaxError {
	return &SyntaxError{Offset: off, Message: vi, English: en}
}
