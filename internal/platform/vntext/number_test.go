package vntext

import (
	"errors"
	"math"
	"testing"
)

func TestFormatInt(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1.000"},
		{1234567, "1.234.567"},
		{-1234, "-1.234"},
		{-999, "-999"},
		{100000, "100.000"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatInt(tt.in); got != tt.want {
				t.Errorf("FormatInt(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormatDecimal(t *testing.T) {
	tests := []struct {
		f    float64
		prec int
		want string
	}{
		{12.5, 1, "12,5"},
		{1234.567, 2, "1.234,57"},
		{12.5, 0, "13"},     // half away from zero
		{-12.5, 0, "-13"},   // half away from zero
		{0.125, 2, "0,13"},  // exact binary tie rounds away from zero
		{1.005, 2, "1,01"},  // rounds the decimal the user typed
		{2.675, 2, "2,68"},  // likewise
		{9.999, 2, "10,00"}, // carry into the integer part
		{999999.95, 1, "1.000.000,0"},
		{1234567, 0, "1.234.567"},
		{12, 2, "12,00"},
		{0, 1, "0,0"},
		{-0.001, 2, "0,00"}, // no "-0,00"
		{-1234.5, 1, "-1.234,5"},
		{0.1, -1, "0,1"},
		{1e21, 0, "1.000.000.000.000.000.000.000"},
		{math.NaN(), 2, "NaN"},
		{math.Inf(1), 2, "∞"},
		{math.Inf(-1), 2, "-∞"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatDecimal(tt.f, tt.prec); got != tt.want {
				t.Errorf("FormatDecimal(%v, %d) = %q, want %q", tt.f, tt.prec, got, tt.want)
			}
		})
	}
}

func TestFormatPercentAndMoney(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"percent 12,5", FormatPercent(12.5, 1), "12,5 %"},
		{"percent 100", FormatPercent(100, 0), "100 %"},
		{"percent rounding", FormatPercent(33.3333, 2), "33,33 %"},
		{"money 1.800.000", FormatMoney(1800000), "1.800.000 đ"},
		{"money 250.000", FormatMoney(250000), "250.000 đ"},
		{"money 0", FormatMoney(0), "0 đ"},
		{"money negative", FormatMoney(-500000), "-500.000 đ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"1.234.567", 1234567, false},
		{"1234567", 1234567, false},
		{" 1 234 567 ", 1234567, false},
		{"1\u00A0234\u00A0567", 1234567, false},
		{"-12", -12, false},
		{"- 12", -12, false},
		{"+12", 12, false},
		{"−1.234", -1234, false},
		{"0", 0, false},
		{"1.000", 1000, false},
		{"9.223.372.036.854.775.807", math.MaxInt64, false},
		{"-9.223.372.036.854.775.808", math.MinInt64, false},
		{"9.223.372.036.854.775.808", 0, true}, // overflow
		{"12,5", 0, true},
		{"abc", 0, true},
		{"", 0, true},
		{"-", 0, true},
		{"1.23", 0, true},
		{"1.2345", 0, true},
		{"1234.567", 0, true},
		{"1.234 567", 0, true}, // mixed separators
		{"1..234", 0, true},
		{".234", 0, true},
		{"0.123", 0, true},
		{"12a", 0, true},
		{"١٢", 0, true}, // non-ASCII digits
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseInt(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Errorf("ParseInt(%q) = %d, want error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseInt(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
	if _, err := ParseInt("12,5"); !errors.Is(err, ErrSyntax) {
		t.Errorf("ParseInt(12,5) error %v does not wrap ErrSyntax", err)
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		wantErr bool
	}{
		{"12,5", 12.5, false},
		{"1.234,57", 1234.57, false},
		{"1 234,57", 1234.57, false},
		{"1234.57", 1234.57, false},
		{"12.5", 12.5, false},
		{"1.234", 1234, false}, // a dot before exactly 3 digits groups thousands
		{"1.234.567", 1234567, false},
		{"0.125", 0.125, false}, // "0" is no thousands group
		{"1234.567", 1234.567, false},
		{"-0,75", -0.75, false},
		{" 42 ", 42, false},
		{"1.234.567,891", 1234567.891, false},
		{"1,234.5", 0, true},
		{"1,2,3", 0, true},
		{"12,", 0, true},
		{"12.", 0, true},
		{",5", 0, true},
		{"1.23.4", 0, true},
		{"abc", 0, true},
		{"", 0, true},
		{"1e5", 0, true},
		{"NaN", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDecimal(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Errorf("ParseDecimal(%q) = %v, want error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseDecimal(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestFormatParseRoundTrip(t *testing.T) {
	for _, n := range []int64{0, 5, -5, 1000, 1234567, -987654321, math.MaxInt64} {
		t.Run(FormatInt(n), func(t *testing.T) {
			got, err := ParseInt(FormatInt(n))
			if err != nil || got != n {
				t.Errorf("ParseInt(FormatInt(%d)) = %d, %v", n, got, err)
			}
			f, err := ParseDecimal(FormatDecimal(float64(n)/100, 2))
			if err != nil || math.Abs(f-float64(n)/100) > 1e-9*math.Max(1, math.Abs(float64(n))) {
				t.Errorf("ParseDecimal(FormatDecimal(%v, 2)) = %v, %v", float64(n)/100, f, err)
			}
		})
	}
}
