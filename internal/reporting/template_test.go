package reporting_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

func TestTemplateValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		mod   func(t *reporting.Template)
		field string // "" for a valid template
		want  string // part of the field's message
	}{
		{"valid", func(*reporting.Template) {}, "", ""},
		{"indicator code with a digit first", func(t *reporting.Template) { t.Indicators[0].Code = "1buoi" }, "indicators[0].code", ""},
		{"indicator code with diacritics", func(t *reporting.Template) { t.Indicators[0].Code = "số_buổi" }, "indicators[0].code", ""},
		{"duplicate indicator code", func(t *reporting.Template) { t.Indicators[1].Code = "sessions" }, "indicators[1].code", "sessions"},
		{"duplicate section key", func(t *reporting.Template) { t.Sections[1].Key = "results" }, "sections[1].key", "results"},
		{"section without title", func(t *reporting.Template) { t.Sections[0].Title = " " }, "sections[0].title", ""},
		{"unknown category", func(t *reporting.Template) { t.Indicators[2].Category = "region" }, "indicators[2].category", "region"},
		{"category without options", func(t *reporting.Template) { t.Categories[0].Options = nil }, "categories[0].options", ""},
		{"duplicate option", func(t *reporting.Template) { t.Categories[0].Options[1].Code = "g1" }, "categories[0].options[1]", ""},
		{"unknown type", func(t *reporting.Template) { t.Indicators[0].Type = "date" }, "indicators[0].type", ""},
		{"text indicator summed", func(t *reporting.Template) { t.Indicators[6].Agg = reporting.AggSum }, "indicators[6].agg", ""},
		{"min above max", func(t *reporting.Template) { t.Indicators[1].Min = fp(101) }, "indicators[1].max", ""},
		{"rule that does not parse", func(t *reporting.Template) { t.Rules[0].Expr = "paid <=" }, "rules[0].expr", "Biểu thức không hợp lệ"},
		{"rule that is not a comparison", func(t *reporting.Template) { t.Rules[0].Expr = "paid + eligible" }, "rules[0].expr", "so sánh"},
		{"rule on an unknown indicator", func(t *reporting.Template) { t.Rules[1].Expr = "amount <= budget" }, "rules[1].expr", "budget"},
		{"rule on a text indicator", func(t *reporting.Template) { t.Rules[0].Expr = "note <= paid" }, "rules[0].expr", "note"},
		{"rule with unknown severity", func(t *reporting.Template) { t.Rules[0].Severity = "warning" }, "rules[0].severity", ""},
		{"rule without message", func(t *reporting.Template) { t.Rules[0].Message = "" }, "rules[0].message", ""},
		{"nothing to report", func(t *reporting.Template) { *t = reporting.Template{} }, "sections", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := aidTemplate()
			tc.mod(&tmpl)
			tmpl.Normalize()
			err := tmpl.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("valid template refused: %v", err)
				}
				return
			}
			e := wantField(t, err, tc.field)
			if !strings.Contains(e.Fields[tc.field], tc.want) {
				t.Errorf("fields[%s] = %q, want it to mention %q", tc.field, e.Fields[tc.field], tc.want)
			}
		})
	}
}

func TestCoerce(t *testing.T) {
	tmpl := aidTemplate()
	for _, tc := range []struct {
		name string
		in   string             // JSON values as a form or the API sends them
		want map[string]float64 // coerced numbers
		text map[string]string  // coerced texts
		bad  []string           // cells refused
	}{
		{name: "Vietnamese thousands", in: `{"sessions":"1.234.567"}`, want: map[string]float64{"sessions": 1234567}},
		{name: "single thousands dot", in: `{"sessions":"1.234"}`, want: map[string]float64{"sessions": 1234}},
		{name: "decimal comma", in: `{"rate":"12,5"}`, want: map[string]float64{"rate": 12.5}},
		{name: "percent sign", in: `{"rate":"97,23%"}`, want: map[string]float64{"rate": 97.23}},
		{name: "JSON number", in: `{"rate":12.5,"sessions":42}`, want: map[string]float64{"rate": 12.5, "sessions": 42}},
		{name: "integer with decimals", in: `{"sessions":"12,5"}`, bad: []string{"sessions"}},
		{name: "integer with decimals as number", in: `{"sessions":12.5}`, bad: []string{"sessions"}},
		{name: "money with dots and đ", in: `{"amount|g1":"1.800.000 đ"}`, want: map[string]float64{"amount|g1": 1800000}},
		{name: "money with decimals", in: `{"amount|g2":"1.800.000,5"}`, bad: []string{"amount|g2"}},
		{name: "bool có", in: `{"has_plan":"có"}`, want: map[string]float64{"has_plan": 1}},
		{name: "bool Không", in: `{"has_plan":"Không"}`, want: map[string]float64{"has_plan": 0}},
		{name: "bool true", in: `{"has_plan":true}`, want: map[string]float64{"has_plan": 1}},
		{name: "bool nonsense", in: `{"has_plan":"có lẽ"}`, bad: []string{"has_plan"}},
		{name: "text trimmed and NFC", in: `{"note":"  Đa\u0303 xong "}`, text: map[string]string{"note": "Đã xong"}},
		{name: "number in a text indicator", in: `{"note":12}`, text: map[string]string{"note": "12"}},
		{name: "letters in a number", in: `{"sessions":"abc"}`, bad: []string{"sessions"}},
		{name: "empty and null dropped", in: `{"sessions":"","rate":null}`},
		{name: "unknown cell", in: `{"budget":5}`, bad: []string{"budget"}},
		{name: "unknown option", in: `{"paid|g9":5}`, bad: []string{"paid|g9"}},
		{name: "broken-down indicator without option", in: `{"paid":5}`, bad: []string{"paid"}},
		{name: "option on a plain indicator", in: `{"sessions|g1":5}`, bad: []string{"sessions|g1"}},
		{name: "every bad cell named", in: `{"sessions":"abc","budget":1,"paid|g1":"3"}`, bad: []string{"budget", "sessions"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in map[string]reporting.Value
			if err := json.Unmarshal([]byte(tc.in), &in); err != nil {
				t.Fatal(err)
			}
			out, err := tmpl.Coerce(in)
			if len(tc.bad) > 0 {
				e := wantErr(t, err, apperr.KindInvalid)
				var got []string
				for f := range e.Fields {
					got = append(got, f)
				}
				if slices.Sort(got); !slices.Equal(got, tc.bad) {
					t.Fatalf("refused cells %v, want %v", got, tc.bad)
				}
				return
			}
			if err != nil {
				t.Fatalf("coerce: %v", err)
			}
			if len(out) != len(tc.want)+len(tc.text) {
				t.Errorf("coerced %d cells, want %d: %v", len(out), len(tc.want)+len(tc.text), out)
			}
			for k, w := range tc.want {
				if v := out[k]; v.Num == nil || *v.Num != w {
					t.Errorf("%s = %+v, want %v", k, v, w)
				}
			}
			for k, w := range tc.text {
				if out[k].Text != w || out[k].Num != nil {
					t.Errorf("%s = %+v, want text %q", k, out[k], w)
				}
			}
		})
	}
}

func TestCheck(t *testing.T) {
	tmpl := aidTemplate()
	okSections := map[string]string{"results": "Đạt"}
	vals := func(kv ...any) map[string]reporting.Value {
		m := map[string]reporting.Value{"sessions": num(5)}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = num(float64(kv[i+1].(int)))
		}
		return m
	}
	for _, tc := range []struct {
		name     string
		sections map[string]string
		values   map[string]reporting.Value
		want     []string // field/rule/severity
	}{
		{"all good", okSections, vals("eligible|g1", 10, "paid|g1", 10, "amount|g1", 18000000), nil},
		{"required section missing", map[string]string{"notes": "x"}, vals(), []string{"sections.results//hard"}},
		{"required section blank", map[string]string{"results": " \n "}, vals(), []string{"sections.results//hard"}},
		{"required indicator missing", okSections, map[string]reporting.Value{}, []string{"sessions//hard"}},
		{"below minimum", okSections, vals("sessions", -1), []string{"sessions//hard"}},
		{"above maximum", okSections, vals("rate", 101), []string{"rate//hard"}},
		{"hard rule per option names the paid cell", okSections, vals("eligible|g1", 10, "paid|g1", 12, "eligible|g2", 5, "paid|g2", 5),
			[]string{"paid|g1/paid_le_eligible/hard"}},
		{"soft rule", okSections, vals("eligible|g2", 5, "paid|g2", 1, "amount|g2", 2000000), []string{"amount|g2/amount_cap/soft"}},
		{"missing values skip the rule", okSections, vals("paid|g1", 12, "amount|g2", 99999999), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range tmpl.Check(tc.sections, tc.values) {
				got = append(got, f.Field+"/"+f.Rule+"/"+string(f.Severity))
				if f.Message == "" {
					t.Errorf("finding %s has no message", f.Field)
				}
				if f.Rule == "paid_le_eligible" && !strings.Contains(f.Message, "(Người lao động)") {
					t.Errorf("per-option finding does not name the option: %q", f.Message)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
		})
	}
}
