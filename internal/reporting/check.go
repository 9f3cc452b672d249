package reporting

import (
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/expr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Finding is a validation result on a cell or section: hard ones block
// submission, soft ones need an explanation.
type Finding struct {
	Field    string   `json:"field"` // cell key ("paid|g1"), "sections.<key>" or "explanations.<rule>"
	Rule     string   `json:"rule,omitempty"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	English  string   `json:"-"`
}

// Check runs the template's checks on a report's content: required parts,
// bounds, and the rules across indicators. A rule over missing values is
// not checked (it would only repeat "required").
func (t *Template) Check(sections map[string]string, values map[string]Value) []Finding {
	var out []Finding
	for _, s := range t.Sections {
		if s.Required && strings.TrimSpace(sections[s.Key]) == "" {
			out = append(out, Finding{Field: "sections." + s.Key, Severity: Hard,
				Message: "Phần \"" + s.Title + "\" là bắt buộc.", English: "Section \"" + s.Title + "\" is required."})
		}
	}
	for _, key := range t.Cells() {
		code, _ := SplitCell(key)
		ind, _ := t.Indicator(code)
		val, ok := values[key]
		if !ok || val.IsEmpty() {
			if ind.Required {
				out = append(out, Finding{Field: key, Severity: Hard, Message: "Chưa nhập.", English: "Required."})
			}
			continue
		}
		if val.Num == nil {
			continue
		}
		if ind.Min != nil && *val.Num < *ind.Min {
			out = append(out, Finding{Field: key, Severity: Hard,
				Message: "Không được nhỏ hơn " + vntext.FormatDecimal(*ind.Min, -1) + ".", English: "Must be at least the minimum."})
		}
		if ind.Max != nil && *val.Num > *ind.Max {
			out = append(out, Finding{Field: key, Severity: Hard,
				Message: "Không được lớn hơn " + vntext.FormatDecimal(*ind.Max, -1) + ".", English: "Must be at most the maximum."})
		}
	}
	for _, r := range t.Rules {
		out = append(out, t.checkRule(r, values)...)
	}
	return out
}

// checkRule evaluates r once, or once per option when it uses indicators
// broken down by a category (each option checked on its own).
func (t *Template) checkRule(r Rule, values map[string]Value) []Finding {
	e, err := expr.ParseRule(r.Expr)
	if err != nil {
		return nil // validated when the template was saved
	}
	ids := e.Idents()
	options := []string{""}
	for _, id := range ids {
		ind, _ := t.Indicator(id)
		if c, ok := t.Category(ind.Category); ok && ind.Category != "" {
			options = options[:0]
			for _, o := range c.Options {
				options = append(options, o.Code)
			}
			break
		}
	}
	var out []Finding
	for _, opt := range options {
		lookup := func(id string) (float64, bool) {
			ind, _ := t.Indicator(id)
			key := id
			if ind.Category != "" {
				key = CellKey(id, opt)
			}
			v, ok := values[key]
			if !ok || v.Num == nil {
				return 0, false
			}
			return *v.Num, true
		}
		res, err := e.Eval(lookup)
		if err != nil || res.Skipped || !res.IsBool || res.Bool {
			continue
		}
		lead := firstIdent(r.Expr, ids)
		field := lead
		if ind, _ := t.Indicator(lead); ind.Category != "" {
			field = CellKey(lead, opt)
		}
		msg := r.Message
		if opt != "" {
			msg += " (" + t.optionName(lead, opt) + ")"
		}
		out = append(out, Finding{Field: field, Rule: r.Code, Severity: r.Severity, Message: msg, English: msg})
	}
	return out
}

func (t *Template) optionName(code, opt string) string {
	ind, _ := t.Indicator(code)
	if c, ok := t.Category(ind.Category); ok {
		for _, o := range c.Options {
			if o.Code == opt {
				return o.Name
			}
		}
	}
	return opt
}

// blocking turns findings into the error that refuses a submission: every
// hard finding, and every soft one without an explanation.
func blocking(findings []Finding, explanations map[string]string) error {
	var v apperr.Invalid
	for _, f := range findings {
		switch {
		case f.Severity == Hard:
			v.Add(f.Field, f.Message, f.English)
		case strings.TrimSpace(explanations[f.Rule]) == "":
			v.Add(f.Field, f.Message+" Cần giải trình trước khi gửi.", f.English+" An explanation is needed before submitting.")
			v.Add("explanations."+f.Rule, "Cần giải trình: "+f.Message, "Explanation needed: "+f.English)
		}
	}
	return v.Err()
}

// firstIdent is the identifier written first in the rule — the left side of
// "paid <= eligible" — whose field the message is shown beside.
func firstIdent(src string, ids []string) string {
	best, at := ids[0], len(src)+1
	for _, id := range ids {
		for from := 0; from < len(src); {
			i := strings.Index(src[from:], id)
			if i < 0 {
				break
			}
			i += from
			end := i + len(id)
			if (i == 0 || !identByte(src[i-1])) && (end == len(src) || !identByte(src[end])) {
				if i < at {
					best, at = id, i
				}
				break
			}
			from = i + 1
		}
	}
	return best
}

func identByte(c byte) bool {
	return c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
