package expr

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src     string
		offset  int
		message string // Vietnamese message or a prefix of it
	}{
		{"", 0, "quy tắc trống"},
		{"  \t", 0, "quy tắc trống"},
		{"a <= b * ", 9, "thiếu toán hạng sau '*'"},
		{"a +", 3, "thiếu toán hạng sau '+'"},
		{"a * * b", 4, "thiếu toán hạng sau '*'"},
		{"a < 1 and", 9, "thiếu toán hạng sau 'and'"},
		{"()", 1, "thiếu toán hạng sau '('"},
		{"* a", 0, "cần một số, mã chỉ tiêu hoặc '(' nhưng gặp '*'"},
		{"a + not b", 4, "cần một số, mã chỉ tiêu hoặc '(' nhưng gặp 'not'"},
		{"(a", 2, "thiếu dấu ')' cho dấu '(' ở vị trí 0, gặp cuối quy tắc"},
		{"(a b", 3, "thiếu dấu ')' cho dấu '(' ở vị trí 0, gặp 'b'"},
		{"a)", 1, "dấu ')' thừa"},
		{"a , b", 2, "dấu ',' chỉ dùng"},
		{"a b", 2, "thiếu toán tử trước 'b'"},
		{"a < b AND c < d", 6, "thiếu toán tử trước 'AND' (từ khoá phải viết thường: 'and')"},
		{"a < b < c", 6, "không thể viết liền hai phép so sánh"},
		{"a <= b = c", 7, "không thể viết liền hai phép so sánh"},
		{"a and b", 0, "toán hạng của 'and' phải là điều kiện"},
		{"a < b && c", 9, "toán hạng của '&&' phải là điều kiện"},
		{"not a", 4, "toán hạng của 'not' phải là điều kiện"},
		{"!(a + 1)", 1, "toán hạng của '!' phải là điều kiện"},
		{"(a < b) + 1", 0, "toán hạng của '+' phải là số"},
		{"a < (b > c)", 4, "toán hạng của '<' phải là số"},
		{"-(a < b)", 1, "toán hạng của '-' phải là số"},
		{"abs(a < b)", 4, "đối số của hàm abs phải là số"},
		{"foo(1)", 0, "hàm không xác định 'foo' (các hàm có sẵn: abs, min, max, round)"},
		{"abs()", 0, "hàm abs cần đúng 1 đối số, có 0"},
		{"abs(1, 2)", 0, "hàm abs cần đúng 1 đối số, có 2"},
		{"min(1)", 0, "hàm min cần ít nhất 2 đối số, có 1"},
		{"x + round(a)", 4, "hàm round cần đúng 2 đối số, có 1"},
		{"round(a, 2.5)", 9, "số chữ số làm tròn phải là số nguyên từ -15 đến 15, không phải 2.5"},
		{"round(a, -16)", 9, "số chữ số làm tròn phải là số nguyên từ -15 đến 15, không phải -16"},
		{"min(a b)", 6, "cần ',' hoặc ')' trong lời gọi hàm min nhưng gặp 'b'"},
		{"min(a,", 6, "thiếu toán hạng sau ','"},
		{"min(a,)", 6, "thiếu toán hạng sau ','"},
		{"1__0", 0, "số không hợp lệ '1__0'"},
		{"1_ + a", 0, "số không hợp lệ '1_'"},
		{"a < 1.", 4, "số không hợp lệ '1.'"},
		{"1.2.3", 0, "số không hợp lệ '1.2.3'"},
		{"x + 12abc", 4, "số không hợp lệ '12abc'"},
		{"1" + strings.Repeat("0", 400), 0, "số '1" + strings.Repeat("0", 23) + "…' quá lớn"},
		{".5", 0, "ký tự không hợp lệ '.'"},
		{"a # b", 2, "ký tự không hợp lệ '#'"},
		{"số > 0", 1, "ký tự không hợp lệ 'ố' (mã chỉ tiêu chỉ gồm chữ không dấu"},
		{"a \x00", 2, "ký tự không hợp lệ 'U+0000'"},
		{"a \xff", 2, `ký tự không hợp lệ '\xff'`},
		{"a & b", 2, "không dùng '&', hãy dùng '&&' hoặc 'and'"},
		{"a | b", 2, "không dùng '|', hãy dùng '||' hoặc 'or'"},
		{"a => b", 2, "không dùng '=>', hãy dùng '>='"},
		{"a =< b", 2, "không dùng '=<', hãy dùng '<='"},
		{"a <> b", 2, "không dùng '<>', hãy dùng '!='"},
		{"a ≤ b", 2, "không dùng '≤', hãy dùng '<='"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			checkSyntaxError(t, tt.src, tt.offset, tt.message)
		})
	}
}

func TestParseLimits(t *testing.T) {
	long := strings.Repeat("x", 99)
	tests := []struct {
		name    string
		src     string
		offset  int    // -1: the source must parse
		message string // prefix of the Vietnamese message
	}{
		{"2000 bytes", strings.Repeat("a", MaxLen), -1, ""},
		{"2001 bytes", strings.Repeat("a", MaxLen+1), MaxLen, "quy tắc quá dài (tối đa 2000 byte)"},
		{"canonical form too long", strings.Repeat(long+"+", 19) + long, 0, "quy tắc quá dài (tối đa 2000 byte sau khi chuẩn hoá)"},
		{"200 tokens", "-" + strings.Repeat("a+", 99) + "a", -1, ""},
		{"200 tokens, trailing no-break space", "-" + strings.Repeat("a+", 99) + "a\u00a0", -1, ""},
		{"201 tokens", strings.Repeat("a+", 100) + "a", 200, "quy tắc có quá nhiều thành phần (tối đa 200)"},
		{"50 parentheses", strings.Repeat("(", 50) + "a" + strings.Repeat(")", 50), -1, ""},
		{"51 parentheses", strings.Repeat("(", 51) + "a" + strings.Repeat(")", 51), 50, "lồng quá sâu (tối đa 50 cấp)"},
		{"51 unclosed", strings.Repeat("(", 150), 50, "lồng quá sâu"},
		{"51 minus signs", strings.Repeat("-", 51) + "a", 50, "lồng quá sâu"},
		{"51 nots", strings.Repeat("!", 51) + "a < b", 50, "lồng quá sâu"},
		{"51 calls", strings.Repeat("abs(", 51) + "a" + strings.Repeat(")", 51), 203, "lồng quá sâu"},
		{"deep but redundant", strings.Repeat("(", 40) + strings.Repeat("-", 10) + "a" + strings.Repeat(")", 40), -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.offset < 0 {
				mustParse(t, tt.src)
				return
			}
			checkSyntaxError(t, tt.src, tt.offset, tt.message)
		})
	}
}

func TestParseRule(t *testing.T) {
	if _, err := ParseRule("paid <= eligible"); err != nil {
		t.Errorf("ParseRule: %v", err)
	}
	for _, src := range []string{"paid + 1", "paid", "abs(a - b)"} {
		t.Run(src, func(t *testing.T) {
			checkRuleErr := func(err error) {
				var se *SyntaxError
				if !errors.As(err, &se) || se.Offset != 0 ||
					se.Message != "quy tắc phải là một phép so sánh, ví dụ: paid <= eligible" ||
					se.English != "a rule must be a comparison, e.g. paid <= eligible" {
					t.Errorf("ParseRule(%q) error = %#v", src, err)
				}
			}
			_, err := ParseRule(src)
			checkRuleErr(err)
			if _, err := Parse(src); err != nil {
				t.Errorf("Parse(%q) = %v, want success", src, err)
			}
		})
	}
	if _, err := ParseRule("a <"); err == nil || !strings.Contains(err.Error(), "thiếu toán hạng") {
		t.Errorf("ParseRule reports the syntax error first, got %v", err)
	}
}

func TestSyntaxErrorFormat(t *testing.T) {
	_, err := Parse("a <= b * ")
	if got, want := err.Error(), "vị trí 9: thiếu toán hạng sau '*'"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := err.(*SyntaxError).EnglishError(), "position 9: missing operand after '*'"; got != want {
		t.Errorf("EnglishError() = %q, want %q", got, want)
	}
}

func checkSyntaxError(t *testing.T, src string, offset int, message string) {
	t.Helper()
	e, err := Parse(src)
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse = %v, %v; want *SyntaxError", e, err)
	}
	if se.Offset != offset || !strings.HasPrefix(se.Message, message) || se.English == "" {
		t.Errorf("error = %d %q (%s), want %d %q", se.Offset, se.Message, se.English, offset, message)
	}
	if want := fmt.Sprintf("vị trí %d: %s", se.Offset, se.Message); err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}
