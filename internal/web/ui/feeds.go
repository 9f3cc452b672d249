package ui

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Press monitoring pages: the feeds (/press/feeds), the watch rules
// (/press/rules) and the triage queue (/press/triage).

type feedsPage struct {
	Feeds  []press.Feed
	Form   press.Feed
	Alerts int
	Done   string
}

func (u *ui) feedsList(w http.ResponseWriter, r *http.Request) error {
	return u.renderFeeds(w, r, nil, press.Feed{})
}

func (u *ui) renderFeeds(w http.ResponseWriter, r *http.Request, formErr error, form press.Feed) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	feeds, err := u.Press.Feeds(ctx, a)
	if err != nil {
		return err
	}
	p := u.page(r, "Nguồn tin báo chí", "press")
	d := &feedsPage{Feeds: feeds, Form: form}
	for _, f := range feeds {
		if f.Alert {
			d.Alerts++
		}
	}
	p.Data = d
	if formErr != nil {
		return u.formErr(w, r, formErr, "press_feeds.html", p)
	}
	switch r.URL.Query().Get("done") {
	case "added":
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã thêm nguồn tin.")}
	case "polled":
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lấy tin.")}
	case "saved":
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã lưu nguồn tin.")}
	case "paused":
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã tạm dừng lấy tin từ nguồn này.")}
	case "resumed":
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã theo dõi lại nguồn tin; lấy tin ở lượt kế tiếp.")}
	}
	return u.render(w, r, "press_feeds.html", p)
}

func (u *ui) feedsCreate(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	_ = r.ParseForm()
	f := press.Feed{URL: r.PostForm.Get("url"), Outlet: r.PostForm.Get("outlet"), Charset: r.PostForm.Get("charset")}
	if _, err := u.Press.CreateFeed(r.Context(), httpx.Actor(r.Context()), f); err != nil {
		return u.renderFeeds(w, r, err, f)
	}
	http.Redirect(w, r, "/press/feeds?done=added", http.StatusSeeOther)
	return nil
}

func (u *ui) feedsPoll(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := u.Press.Feeds(r.Context(), httpx.Actor(r.Context())); err != nil {
		return err // not allowed
	}
	if _, err := u.Press.Poll(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/press/feeds?done=polled", http.StatusSeeOther)
	return nil
}

type rulesPage struct {
	Rules  []press.WatchRule
	Form   press.WatchRule
	Fields []pressOption
}

func (u *ui) rulesList(w http.ResponseWriter, r *http.Request) error {
	return u.renderRules(w, r, nil, press.WatchRule{})
}

func (u *ui) renderRules(w http.ResponseWriter, r *http.Request, formErr error, form press.WatchRule) error {
	rules, err := u.Press.WatchRules(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	p := u.page(r, "Quy tắc theo dõi", "press")
	d := &rulesPage{Rules: rules, Form: form}
	_, d.Fields = pressOptions(p)
	p.Data = d
	if formErr != nil {
		return u.formErr(w, r, formErr, "press_rules.html", p)
	}
	if r.URL.Query().Get("done") == "added" {
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã thêm quy tắc theo dõi.")}
	}
	return u.render(w, r, "press_rules.html", p)
}

func (u *ui) rulesCreate(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxJSONBody)
	_ = r.ParseForm()
	f := r.PostForm
	rule := press.WatchRule{Name: f.Get("name"), Phrases: f.Get("phrases"), Fields: f.Get("field"), UsePlaceNames: f.Get("use_place_names") == "1"}
	if _, err := u.Press.CreateWatchRule(r.Context(), httpx.Actor(r.Context()), rule); err != nil {
		return u.renderRules(w, r, err, rule)
	}
	http.Redirect(w, r, "/press/rules?done=added", http.StatusSeeOther)
	return nil
}

type triagePage struct {
	Items     []press.FeedItem
	CanManage bool
}

func (u *ui) triageList(w http.ResponseWriter, r *http.Request) error {
	return u.renderTriage(w, r, nil)
}

func (u *ui) renderTriage(w http.ResponseWriter, r *http.Request, formErr error) error {
	ctx, a := r.Context(), httpx.Actor(r.Context())
	items, err := u.Press.Triage(ctx, a, "", 200)
	if err != nil {
		return err
	}
	p := u.page(r, "Bài báo cần xem xét", "press")
	p.Data = &triagePage{Items: items, CanManage: press.CanManageFeeds(a)}
	if formErr != nil {
		return u.formErr(w, r, formErr, "press_triage.html", p)
	}
	if r.URL.Query().Get("done") == "dismissed" {
		p.Flash = &Flash{Kind: "ok", Text: p.T("Đã bỏ qua bài báo.")}
	}
	return u.render(w, r, "press_triage.html", p)
}

func (u *ui) triageCase(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := u.Press.ItemToCase(r.Context(), httpx.Actor(r.Context()), id)
	if err != nil {
		return u.renderTriage(w, r, err)
	}
	http.Redirect(w, r, "/press/"+strconv.FormatInt(c.ID, 10)+"?done=received", http.StatusSeeOther)
	return nil
}

func (u *ui) triageDismiss(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := u.Press.Dismiss(r.Context(), httpx.Actor(r.Context()), id); err != nil {
		return u.renderTriage(w, r, err)
	}
	http.Redirect(w, r, "/press/triage?done=dismissed", http.StatusSeeOther)
	return nil
}
