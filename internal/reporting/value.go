package reporting

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Value is one reported figure: a number (integers, decimals, percents,
// money, yes/no as 1/0) or a short text. Raw holds what a form sent before
// it was parsed by the indicator's type.
type Value struct {
	Num  *float64
	Text string
	Raw  string
	Bool bool // the number is a yes/no
}

// Number builds a numeric value.
func Number(f float64) Value { return Value{Num: &f} }

// MarshalJSON writes a number, a boolean, a string or null.
func (v Value) MarshalJSON() ([]byte, error) {
	switch {
	case v.Num != nil && v.Bool:
		return json.Marshal(*v.Num != 0)
	case v.Num != nil:
		return json.Marshal(*v.Num)
	case v.Text != "":
		return json.Marshal(v.Text)
	}
	return []byte("null"), nil
}

// UnmarshalJSON accepts a number, a boolean, a string (parsed later by the
// indicator's type, so "1.234.567" works) or null.
func (v *Value) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*v = Value{}
	case string(b) == "true" || string(b) == "false":
		f := 0.0
		if string(b) == "true" {
			f = 1
		}
		*v = Value{Num: &f, Bool: true}
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*v = Value{Raw: s}
	default:
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return fmt.Errorf("reporting: value %s: %w", b, err)
		}
		*v = Value{Num: &f}
	}
	return nil
}

// IsEmpty reports whether nothing was entered.
func (v Value) IsEmpty() bool { return v.Num == nil && v.Text == "" && strings.TrimSpace(v.Raw) == "" }

// Coerce parses values by their indicators' types: Vietnamese number
// formats are accepted ("1.234.567", "12,5"). Unknown cells and values of
// the wrong type are field errors keyed by the cell ("paid|g1"). Empty
// values are dropped.
func (t *Template) Coerce(in map[string]Value) (map[string]Value, error) {
	cells := map[string]Indicator{}
	for _, key := range t.Cells() {
		code, _ := SplitCell(key)
		ind, _ := t.Indicator(code)
		cells[key] = ind
	}
	out := make(map[string]Value, len(in))
	var v apperr.Invalid
	for key, val := range in {
		ind, ok := cells[key]
		if !ok {
			v.Add(key, "Chỉ tiêu không có trong mẫu báo cáo.", "Not an indicator of this template.")
			continue
		}
		if val.IsEmpty() {
			continue
		}
		c, err := coerceOne(ind, val)
		if err != nil {
			e, _ := apperr.As(err)
			v.Add(key, e.Message, e.English)
			continue
		}
		out[key] = c
	}
	return out, v.Err()
}

func bad(msg, en string) error {
	return &apperr.Error{Kind: apperr.KindInvalid, Message: msg, English: en}
}

func coerceOne(ind Indicator, val Value) (Value, error) {
	raw := vntext.Normalize(val.Raw)
	switch ind.Type {
	case TypeText:
		if val.Num != nil {
			raw = strconv.FormatFloat(*val.Num, 'f', -1, 64)
		}
		if len([]rune(raw)) > 500 {
			return Value{}, bad("tối đa 500 ký tự", "at most 500 characters")
		}
		return Value{Text: raw}, nil
	case TypeBool:
		if val.Num != nil {
			return Value{Num: ptr(b2f(*val.Num != 0)), Bool: true}, nil
		}
		switch strings.ToLower(raw) {
		case "1", "true", "có", "co", "x", "yes":
			return Value{Num: ptr(1), Bool: true}, nil
		case "0", "false", "không", "khong", "no":
			return Value{Num: ptr(0), Bool: true}, nil
		}
		return Value{}, bad("phải là Có hoặc Không", "must be yes or no")
	}
	f := 0.0
	if val.Num != nil {
		f = *val.Num
	} else {
		raw = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(raw), "%"), "đ"))
		p, err := vntext.ParseDecimal(raw)
		if err != nil {
			return Value{}, bad("phải là số (ví dụ 1.234 hoặc 12,5)", "must be a number (e.g. 1,234 or 12.5)")
		}
		f = p
	}
	if (ind.Type == TypeInteger || ind.Type == TypeMoney) && !isWhole(f) {
		if ind.Type == TypeMoney {
			return Value{}, bad("phải là số tiền nguyên (đồng)", "must be a whole amount of đồng")
		}
		return Value{}, bad("phải là số nguyên", "must be a whole number")
	}
	return Value{Num: &f}, nil
}

func ptr(f float64) *float64 { return &f }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
