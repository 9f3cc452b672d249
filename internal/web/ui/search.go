package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// searchRoutes is the page of the one search (the header's box lands here).
func (u *ui) searchRoutes() []route {
	return []route{{pattern: "GET /search", h: u.searchPage}}
}

// searchView is the /search page: the form, the type facets and a page of
// results whose matched words are marked.
type searchView struct {
	Q, Type, From, To string
	Searched          bool
	Result            search.Result
	Items             []searchItem
	All               searchLink
	Facets            []searchLink
	Prev, Next        string
}

type searchItem struct {
	search.Hit
	DateText string
	Draft    bool // a report, directive or notice not yet sent
	External bool // a monitored article opens on the outlet's site
}

// searchLink is a facet: the type's results (Kind "" for every type).
type searchLink struct {
	Label   string
	Count   int
	Href    string
	Current bool
}

func (u *ui) searchPage(w http.ResponseWriter, r *http.Request) error {
	qs := r.URL.Query()
	d := &searchView{Q: qs.Get("q"), Type: qs.Get("type"), From: qs.Get("from"), To: qs.Get("to")}
	p := u.page(r, "Tìm kiếm", "search")
	p.Data = d
	if strings.TrimSpace(d.Q) == "" {
		return u.render(w, r, "search.html", p)
	}
	q := search.Query{Q: d.Q, Kind: search.Kind(d.Type), Limit: 20}
	q.Offset, _ = strconv.Atoi(qs.Get("offset"))
	var v invalidDates
	q.From, q.To = v.parse("from", d.From), v.parse("to", d.To)
	res, err := v.err()
	if err == nil {
		res, err = u.Search.Search(r.Context(), httpx.Actor(r.Context()), q)
	}
	if err != nil {
		return u.formErr(w, r, err, "search.html", p)
	}
	d.Searched, d.Result = true, res
	for _, h := range res.Items {
		it := searchItem{Hit: h, External: strings.HasPrefix(h.URL, "http"),
			Draft: h.Status == "draft" && (h.Kind == search.KindReport || h.Kind == search.KindDirective || h.Kind == search.KindConclusion)}
		if h.Date != nil {
			it.DateText = vntext.FormatDate(h.Date.In(vntext.Location))
		}
		d.Items = append(d.Items, it)
	}
	d.links(p, res)
	return u.render(w, r, "search.html", p)
}

// href is this search with some parameters changed.
func (d *searchView) href(set map[string]string) string {
	v := url.Values{}
	for k, x := range map[string]string{"q": d.Q, "type": d.Type, "from": d.From, "to": d.To} {
		if x != "" {
			v.Set(k, x)
		}
	}
	for k, x := range set {
		if x == "" {
			v.Del(k)
		} else {
			v.Set(k, x)
		}
	}
	return "/search?" + v.Encode()
}

// links fills the facets and the previous and next pages.
func (d *searchView) links(p *Page, res search.Result) {
	total := 0
	for _, f := range res.Facets {
		total += f.Count
		d.Facets = append(d.Facets, searchLink{Label: p.T(f.Label), Count: f.Count,
			Href: d.href(map[string]string{"type": string(f.Kind)}), Current: d.Type == string(f.Kind)})
	}
	d.All = searchLink{Label: p.T("Tất cả"), Count: total, Href: d.href(map[string]string{"type": ""}), Current: d.Type == ""}
	if res.Offset > 0 {
		d.Prev = d.href(map[string]string{"offset": strconv.Itoa(max(0, res.Offset-res.Limit))})
	}
	if next := res.Offset + res.Limit; next < res.Total {
		d.Next = d.href(map[string]string{"offset": strconv.Itoa(next)})
	}
}

// invalidDates collects bad from/to dates as field errors.
type invalidDates struct{ fields []string }

func (v *invalidDates) parse(field, s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	d, err := civil.Parse(s)
	if err != nil {
		v.fields = append(v.fields, field)
	}
	return d
}

func (v *invalidDates) err() (search.Result, error) {
	if len(v.fields) == 0 {
		return search.Result{}, nil
	}
	var e apperr.Invalid
	for _, f := range v.fields {
		e.Add(f, "Ngày không hợp lệ (ngày/tháng/năm).", "Invalid date.")
	}
	return search.Result{}, e.Err()
}
