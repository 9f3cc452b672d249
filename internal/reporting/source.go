package reporting

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// Provider computes figures from another module's records (press cases,
// training…) for the indicators whose Source names one of its keys. It is
// declared here and implemented by the sibling module, wired in cmd; its
// methods use only builtin and platform types, so the sibling satisfies it
// without importing reporting.
type Provider interface {
	// FigureKeys lists the keys the provider computes, e.g. "press.received".
	FigureKeys() []string
	// FigureName names a key in "vi" or "en".
	FigureName(key, lang string) string
	// FigureOptions lists the category option codes a key breaks down by
	// (e.g. the press fields); none: the key gives a total only.
	FigureOptions(key string) []string
	// Figures computes keys for one unit over a period's window (inclusive
	// dates in Asia/Ho_Chi_Minh): key → option code → value, "" the total.
	// One call per report, so a provider reads its records once for all keys.
	Figures(ctx context.Context, unitID int64, from, to civil.Date, keys []string) (map[string]map[string]float64, error)
}

// Source is a figure the system offers to templates, as the template
// editor lists it.
type Source struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	English string   `json:"name_en"`
	Options []string `json:"options,omitempty"`
}

// Label is the source's name in lang.
func (s Source) Label(lang string) string {
	if lang == "en" && s.English != "" {
		return s.English
	}
	return s.Name
}

// sourceSet is the registry of figure sources, in registration order.
type sourceSet struct {
	list      []Source
	providers []Provider
	slot      map[string]int // key → index in providers
}

// sourceKeyRe: "module.figure", lowercase ASCII.
var sourceKeyRe = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)

// WithSources lets indicators take their figures from other modules: a
// report shows each sourced figure beside its input and fills it in while
// nothing is saved. Once sources are registered, templates naming an
// unknown key are refused. A key registered twice keeps its first provider.
func (s *Service) WithSources(ps ...Provider) *Service {
	if s.sources == nil {
		s.sources = &sourceSet{slot: map[string]int{}}
	}
	for _, p := range ps {
		s.sources.providers = append(s.sources.providers, p)
		for _, k := range p.FigureKeys() {
			if _, dup := s.sources.slot[k]; dup {
				continue
			}
			s.sources.slot[k] = len(s.sources.providers) - 1
			s.sources.list = append(s.sources.list, Source{Key: k, Name: p.FigureName(k, "vi"), English: p.FigureName(k, "en"),
				Options: slices.Clone(p.FigureOptions(k))})
		}
	}
	return s
}

// Sources lists the figures templates may take from the system.
func (s *Service) Sources() []Source {
	if s.sources == nil {
		return nil
	}
	return slices.Clone(s.sources.list)
}

// known maps the registered keys to their sources; nil when none are
// registered (then only a key's form is checked).
func (s *Service) known() map[string]Source {
	if s.sources == nil {
		return nil
	}
	m := make(map[string]Source, len(s.sources.list))
	for _, src := range s.sources.list {
		m[src.Key] = src
	}
	return m
}

// validateSource checks an indicator's source: a number, a key of the
// registry, and a category whose every option the source understands.
func (t *Template) validateSource(v *apperr.Invalid, f string, in Indicator, known map[string]Source) {
	if in.Source == "" {
		return
	}
	f += ".source"
	switch {
	case in.Type == TypeText || in.Type == TypeBool:
		v.Add(f, "Chỉ tiêu "+in.Code+" lấy số liệu hệ thống nên phải có kiểu số.", "Indicator "+in.Code+" takes a system figure, so it must be numeric.")
		return
	case !sourceKeyRe.MatchString(in.Source):
		v.Add(f, "Nguồn số liệu của chỉ tiêu "+in.Code+" không hợp lệ: "+in.Source+".", "Invalid figure source of "+in.Code+": "+in.Source+".")
		return
	case known == nil:
		return
	}
	src, ok := known[in.Source]
	if !ok {
		v.Add(f, "Chỉ tiêu "+in.Code+": hệ thống không có nguồn số liệu "+in.Source+".", "Indicator "+in.Code+": unknown figure source "+in.Source+".")
		return
	}
	c, ok := t.Category(in.Category)
	if in.Category == "" || !ok {
		return // an unknown category is reported on .category
	}
	if len(src.Options) == 0 {
		v.Add(f, "Nguồn \""+src.Name+"\" chỉ cho một số tổng, không tách theo phân tổ "+c.Code+".",
			"Source \""+src.English+"\" gives a total only, not a breakdown by "+c.Code+".")
		return
	}
	for _, o := range c.Options {
		if !slices.Contains(src.Options, o.Code) {
			list := strings.Join(src.Options, ", ")
			v.Add(f, "Nguồn \""+src.Name+"\" không tách được theo lựa chọn "+o.Code+" của phân tổ "+c.Code+" (dùng các mã: "+list+").",
				"Source \""+src.English+"\" has no figure for option "+o.Code+" of "+c.Code+" (codes: "+list+").")
			return
		}
	}
}

// figures computes a report's system figures by cell, one provider call
// for all the keys it serves.
func (s *Service) figures(ctx context.Context, rc reportCtx) (map[string]float64, error) {
	if s.sources == nil {
		return nil, nil
	}
	keys := map[int][]string{}
	for _, in := range rc.tmpl.Indicators {
		if i, ok := s.sources.slot[in.Source]; ok && in.Source != "" && !slices.Contains(keys[i], in.Source) {
			keys[i] = append(keys[i], in.Source)
		}
	}
	got := map[string]map[string]float64{}
	for i, ks := range keys {
		m, err := s.sources.providers[i].Figures(ctx, rc.unit.ID, rc.period.From, rc.period.To, ks)
		if err != nil {
			return nil, fmt.Errorf("reporting: figures %v: %w", ks, err)
		}
		for _, k := range ks {
			got[k] = m[k]
		}
	}
	if len(got) == 0 {
		return nil, nil
	}
	out := map[string]float64{}
	for _, in := range rc.tmpl.Indicators {
		m := got[in.Source]
		if m == nil {
			continue
		}
		if c, ok := rc.tmpl.Category(in.Category); ok && in.Category != "" {
			for _, o := range c.Options {
				if v, ok := m[o.Code]; ok {
					out[CellKey(in.Code, o.Code)] = v
				}
			}
		} else if v, ok := m[""]; ok {
			out[in.Code] = v
		}
	}
	return out, nil
}

// withFigures attaches the system figures to the report and, on a form
// never saved that the actor fills, puts them in the empty cells: the
// reporter starts from the system's count and may still correct it.
func (s *Service) withFigures(ctx context.Context, a org.Actor, rc *reportCtx) error {
	fig, err := s.figures(ctx, *rc)
	if err != nil || len(fig) == 0 {
		return err
	}
	r := &rc.report
	r.Figures = fig
	if r.Exists || !canFill(a, r.UnitID) || editable(*r) != nil {
		return nil
	}
	for cell, v := range fig {
		if cur, ok := r.Values[cell]; !ok || cur.IsEmpty() {
			r.Values[cell] = Number(v)
		}
	}
	s.derive(rc)
	return nil
}
