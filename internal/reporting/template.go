package reporting

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/expr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// ValueType is what an indicator holds.
type ValueType string

// The indicator types.
const (
	TypeInteger ValueType = "integer"
	TypeDecimal ValueType = "decimal"
	TypePercent ValueType = "percent"
	TypeMoney   ValueType = "money" // integer VND
	TypeBool    ValueType = "bool"
	TypeText    ValueType = "text" // short text, not aggregated
)

// AggKind is how an indicator's values combine across units.
type AggKind string

// The aggregation rules.
const (
	AggSum  AggKind = "sum"
	AggAvg  AggKind = "avg"
	AggMin  AggKind = "min"
	AggMax  AggKind = "max"
	AggNone AggKind = "none"
)

// Section is a narrative part of a report (e.g. "Kết quả đạt được").
type Section struct {
	Key      string `json:"key"`
	Title    string `json:"title"`
	Guidance string `json:"guidance,omitempty"`
	Required bool   `json:"required"`
}

// Indicator is a figure a unit reports. With a Category it is reported once
// per category option (e.g. per Resolution 42 target group).
type Indicator struct {
	Code     string    `json:"code"`
	Name     string    `json:"name"`
	Unit     string    `json:"unit,omitempty"` // unit of measure: người, hộ, đồng, %
	Type     ValueType `json:"type"`
	Agg      AggKind   `json:"agg"`
	Category string    `json:"category,omitempty"`
	Min      *float64  `json:"min,omitempty"`
	Max      *float64  `json:"max,omitempty"`
	Required bool      `json:"required,omitempty"`
	// Source names a figure the system computes ("press.received"): the
	// form shows it beside the input and fills it in until the unit saves.
	Source string `json:"source,omitempty"`
}

// Category is a breakdown whose options are data.
type Category struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Options []Option `json:"options"`
}

// Option is one value of a category.
type Option struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Severity of a rule: hard blocks submission, soft needs an explanation.
type Severity string

// The rule severities.
const (
	Hard Severity = "hard"
	Soft Severity = "soft"
)

// Rule is a validation rule across indicators, e.g. "paid <= eligible".
type Rule struct {
	Code     string   `json:"code"`
	Expr     string   `json:"expr"`
	Message  string   `json:"message"`
	Severity Severity `json:"severity"`
}

// Template is one version of a regime's outline (đề cương) and data table
// (biểu mẫu). Versions are immutable: a change makes a new version, and
// stored reports keep the version they were made with.
type Template struct {
	Version    int         `json:"version"`
	Sections   []Section   `json:"sections"`
	Indicators []Indicator `json:"indicators"`
	Categories []Category  `json:"categories"`
	Rules      []Rule      `json:"rules"`
}

var codeRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,47}$`)

// Indicator returns the indicator with code.
func (t *Template) Indicator(code string) (Indicator, bool) {
	for _, in := range t.Indicators {
		if in.Code == code {
			return in, true
		}
	}
	return Indicator{}, false
}

// Category returns the category with code.
func (t *Template) Category(code string) (Category, bool) {
	for _, c := range t.Categories {
		if c.Code == code {
			return c, true
		}
	}
	return Category{}, false
}

// Cells lists every value key of the template: "code" for a plain
// indicator, "code|option" for each option of a broken-down one.
func (t *Template) Cells() []string {
	var out []string
	for _, in := range t.Indicators {
		if c, ok := t.Category(in.Category); ok && in.Category != "" {
			for _, o := range c.Options {
				out = append(out, CellKey(in.Code, o.Code))
			}
			continue
		}
		out = append(out, in.Code)
	}
	return out
}

// CellKey joins an indicator code and a category option.
func CellKey(code, option string) string {
	if option == "" {
		return code
	}
	return code + "|" + option
}

// SplitCell is the inverse of CellKey.
func SplitCell(key string) (code, option string) {
	code, option, _ = strings.Cut(key, "|")
	return code, option
}

// Normalize cleans the template's texts as typed.
func (t *Template) Normalize() {
	for i := range t.Sections {
		s := &t.Sections[i]
		s.Key, s.Title, s.Guidance = strings.TrimSpace(s.Key), vntext.Normalize(s.Title), vntext.Normalize(s.Guidance)
	}
	for i := range t.Indicators {
		in := &t.Indicators[i]
		in.Code, in.Name, in.Unit = strings.TrimSpace(in.Code), vntext.Normalize(in.Name), vntext.Normalize(in.Unit)
		in.Source = strings.TrimSpace(in.Source)
		if in.Agg == "" {
			in.Agg = AggSum
			if in.Type == TypeText {
				in.Agg = AggNone
			}
		}
	}
	for i := range t.Categories {
		c := &t.Categories[i]
		c.Code, c.Name = strings.TrimSpace(c.Code), vntext.Normalize(c.Name)
		for j := range c.Options {
			c.Options[j].Code, c.Options[j].Name = strings.TrimSpace(c.Options[j].Code), vntext.Normalize(c.Options[j].Name)
		}
	}
	for i := range t.Rules {
		r := &t.Rules[i]
		r.Code, r.Message = strings.TrimSpace(r.Code), vntext.Normalize(r.Message)
		if r.Severity == "" {
			r.Severity = Hard
		}
	}
}

// Validate checks the template's structure; field names point into it
// (e.g. "indicators[3].code"). Figure sources are checked for their form
// only: the service checks them against its registry.
func (t *Template) Validate() error { return t.validate(nil) }

func (t *Template) validate(known map[string]Source) error {
	var v apperr.Invalid
	seen := map[string]bool{}
	for i, s := range t.Sections {
		f := fmt.Sprintf("sections[%d]", i)
		switch {
		case !codeRe.MatchString(s.Key):
			v.Add(f+".key", "Mã phần phải gồm chữ không dấu, số, gạch dưới.", "Section key: letters, digits, underscore.")
		case seen["s:"+s.Key]:
			v.Add(f+".key", "Mã phần bị trùng: "+s.Key+".", "Duplicate section key: "+s.Key+".")
		}
		seen["s:"+s.Key] = true
		if s.Title == "" || utf8.RuneCountInString(s.Title) > 255 {
			v.Add(f+".title", "Tên phần là bắt buộc (tối đa 255 ký tự).", "Section title is required (at most 255).")
		}
	}
	cats := map[string]bool{}
	for i, c := range t.Categories {
		f := fmt.Sprintf("categories[%d]", i)
		if !codeRe.MatchString(c.Code) || cats[c.Code] {
			v.Add(f+".code", "Mã phân tổ không hợp lệ hoặc bị trùng.", "Invalid or duplicate category code.")
		}
		cats[c.Code] = true
		if len(c.Options) == 0 {
			v.Add(f+".options", "Phân tổ cần ít nhất một lựa chọn.", "A category needs at least one option.")
		}
		opts := map[string]bool{}
		for j, o := range c.Options {
			if !codeRe.MatchString(o.Code) || opts[o.Code] || o.Name == "" {
				v.Add(fmt.Sprintf("%s.options[%d]", f, j), "Lựa chọn cần mã (không dấu, không trùng) và tên.", "An option needs a unique code and a name.")
			}
			opts[o.Code] = true
		}
	}
	for i, in := range t.Indicators {
		t.validateIndicator(&v, fmt.Sprintf("indicators[%d]", i), in, seen, cats)
		t.validateSource(&v, fmt.Sprintf("indicators[%d]", i), in, known)
	}
	for i, r := range t.Rules {
		t.validateRule(&v, fmt.Sprintf("rules[%d]", i), r)
	}
	if len(t.Sections) == 0 && len(t.Indicators) == 0 {
		v.Add("sections", "Mẫu báo cáo cần ít nhất một phần nội dung hoặc một chỉ tiêu.", "A template needs a section or an indicator.")
	}
	return v.Err()
}

func (t *Template) validateIndicator(v *apperr.Invalid, f string, in Indicator, seen, cats map[string]bool) {
	switch {
	case !codeRe.MatchString(in.Code):
		v.Add(f+".code", "Mã chỉ tiêu phải gồm chữ không dấu, số, gạch dưới (bắt đầu bằng chữ).", "Indicator code: letters, digits, underscore.")
	case seen["i:"+in.Code]:
		v.Add(f+".code", "Mã chỉ tiêu bị trùng: "+in.Code+".", "Duplicate indicator code: "+in.Code+".")
	}
	seen["i:"+in.Code] = true
	if in.Name == "" {
		v.Add(f+".name", "Tên chỉ tiêu là bắt buộc.", "Indicator name is required.")
	}
	switch in.Type {
	case TypeInteger, TypeDecimal, TypePercent, TypeMoney, TypeBool, TypeText:
	default:
		v.Add(f+".type", "Kiểu chỉ tiêu không hợp lệ.", "Unknown indicator type.")
	}
	switch in.Agg {
	case AggSum, AggAvg, AggMin, AggMax, AggNone:
	default:
		v.Add(f+".agg", "Cách tổng hợp không hợp lệ.", "Unknown aggregation.")
	}
	if in.Type == TypeText && in.Agg != AggNone {
		v.Add(f+".agg", "Chỉ tiêu dạng chữ không tổng hợp được.", "Text indicators are not aggregated.")
	}
	if in.Category != "" && !cats[in.Category] {
		v.Add(f+".category", "Phân tổ không tồn tại: "+in.Category+".", "Unknown category: "+in.Category+".")
	}
	if in.Min != nil && in.Max != nil && *in.Min > *in.Max {
		v.Add(f+".max", "Giá trị tối đa phải lớn hơn hoặc bằng tối thiểu.", "Max must be at least min.")
	}
}

func (t *Template) validateRule(v *apperr.Invalid, f string, r Rule) {
	if !codeRe.MatchString(r.Code) {
		v.Add(f+".code", "Mã quy tắc không hợp lệ.", "Invalid rule code.")
	}
	if r.Severity != Hard && r.Severity != Soft {
		v.Add(f+".severity", "Mức độ phải là hard hoặc soft.", "Severity must be hard or soft.")
	}
	if r.Message == "" {
		v.Add(f+".message", "Quy tắc cần thông báo lỗi.", "A rule needs a message.")
	}
	e, err := expr.ParseRule(r.Expr)
	if err != nil {
		msg, en := err.Error(), err.Error()
		if se, ok := err.(*expr.SyntaxError); ok {
			msg, en = se.Message, se.English
		}
		v.Add(f+".expr", "Biểu thức không hợp lệ: "+msg, "Invalid expression: "+en)
		return
	}
	for _, id := range e.Idents() {
		in, ok := t.Indicator(id)
		if !ok {
			v.Add(f+".expr", "Biểu thức dùng chỉ tiêu không có: "+id+".", "Unknown indicator in expression: "+id+".")
			return
		}
		if in.Type == TypeText {
			v.Add(f+".expr", "Không dùng chỉ tiêu dạng chữ trong biểu thức: "+id+".", "Text indicator in expression: "+id+".")
			return
		}
	}
}

// isWhole reports whether f has no fractional part.
func isWhole(f float64) bool { return f == math.Trunc(f) && !math.IsInf(f, 0) }
