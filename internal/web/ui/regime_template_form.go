package ui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// templateFromForm reads the four tables of the template. Row i of a table
// has fields "<prefix>_<field>_<i>"; "<prefix>_count" says how many rows
// the form had. A row with nothing typed in it is skipped.
func templateFromForm(f url.Values, v *apperr.Invalid) reporting.Template {
	var t reporting.Template
	rows := func(prefix string) int { n, _ := strconv.Atoi(f.Get(prefix + "_count")); return min(n, 500) }
	get := func(prefix, field string, i int) string { return strings.TrimSpace(f.Get(rowKey(prefix+"_"+field, i))) }
	for i := 0; i < rows("sec"); i++ {
		s := reporting.Section{Key: get("sec", "key", i), Title: get("sec", "title", i), Guidance: get("sec", "guidance", i),
			Required: get("sec", "required", i) == "on"}
		if s.Key != "" || s.Title != "" {
			t.Sections = append(t.Sections, s)
		}
	}
	for i := 0; i < rows("cat"); i++ {
		c := reporting.Category{Code: get("cat", "code", i), Name: get("cat", "name", i)}
		for _, line := range strings.Split(f.Get(rowKey("cat_options", i)), "\n") {
			code, name, ok := strings.Cut(line, "=")
			if strings.TrimSpace(line) == "" {
				continue
			}
			if !ok {
				code, name = line, line
			}
			c.Options = append(c.Options, reporting.Option{Code: strings.TrimSpace(code), Name: strings.TrimSpace(name)})
		}
		if c.Code != "" || c.Name != "" || len(c.Options) > 0 {
			t.Categories = append(t.Categories, c)
		}
	}
	for i := 0; i < rows("ind"); i++ {
		in := reporting.Indicator{Code: get("ind", "code", i), Name: get("ind", "name", i), Unit: get("ind", "unit", i),
			Type: reporting.ValueType(get("ind", "type", i)), Agg: reporting.AggKind(get("ind", "agg", i)),
			Category: get("ind", "category", i), Required: get("ind", "required", i) == "on", Source: get("ind", "source", i)}
		n := len(t.Indicators)
		in.Min = formFloat(get("ind", "min", i), fmt.Sprintf("template.indicators[%d].min", n), v)
		in.Max = formFloat(get("ind", "max", i), fmt.Sprintf("template.indicators[%d].max", n), v)
		if in.Code != "" || in.Name != "" {
			t.Indicators = append(t.Indicators, in)
		}
	}
	for i := 0; i < rows("rule"); i++ {
		r := reporting.Rule{Code: get("rule", "code", i), Expr: get("rule", "expr", i), Message: get("rule", "message", i),
			Severity: reporting.Severity(get("rule", "severity", i))}
		if r.Code != "" || r.Expr != "" {
			t.Rules = append(t.Rules, r)
		}
	}
	return t
}

// SourceKnown reports whether key is a registered figure source; a key no
// longer offered still shows in its row, so saving does not drop it.
func (d *regimeFormPage) SourceKnown(key string) bool {
	for _, s := range d.Sources {
		if s.Key == key {
			return true
		}
	}
	return false
}
