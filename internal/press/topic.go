package press

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Topic is a propaganda orientation topic (định hướng tuyên truyền) given
// to the press for a period — epidemic prevention, flood and storm
// prevention, the Party congresses. Its phrases (one a line, matched like
// a watch rule's: whole words, accents and case ignored) recognise its
// articles in the agencies' feeds. Optionally it names where the agencies
// report their output on it: a reporting regime, an indicator of its
// template and an option of the indicator's category; the web layer reads
// those figures beside the monitored counts.
type Topic struct {
	ID          int64      `json:"id"`
	Code        string     `json:"code"`
	Title       string     `json:"title"`
	Phrases     string     `json:"phrases"`
	PeriodFrom  civil.Date `json:"period_from"`
	PeriodTo    civil.Date `json:"period_to"`
	PeriodLabel string     `json:"period_label"`
	RegimeID    int64      `json:"regime_id,omitempty"`
	Indicator   string     `json:"indicator"`
	Option      string     `json:"option"`
	Active      bool       `json:"active"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

var topicCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$`)

// PhraseList is the topic's non-empty phrases as written.
func (t Topic) PhraseList() []string { return WatchRule{Phrases: t.Phrases}.PhraseList() }

// Normalize cleans the texts as typed: one phrase a line, codes trimmed.
func (t *Topic) Normalize() {
	t.Code, t.Title, t.PeriodLabel = strings.TrimSpace(t.Code), vntext.Normalize(t.Title), vntext.Normalize(t.PeriodLabel)
	t.Phrases = strings.Join(t.PhraseList(), "\n")
	t.Indicator, t.Option = strings.TrimSpace(t.Indicator), strings.TrimSpace(t.Option)
	if t.RegimeID == 0 {
		t.Indicator, t.Option = "", ""
	}
}

// Validate checks a normalized topic.
func (t *Topic) Validate() error {
	var v apperr.Invalid
	if !topicCode.MatchString(t.Code) {
		v.Add("code", "Mã chủ đề là bắt buộc: tối đa 40 ký tự chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.",
			"The code is required: up to 40 letters without accents, digits, dots, hyphens, underscores.")
	}
	switch n := utf8.RuneCountInString(t.Title); {
	case n == 0:
		v.Add("title", "Tên chủ đề là bắt buộc.", "The title is required.")
	case n > 300:
		v.Add("title", "Tên chủ đề tối đa 300 ký tự.", "At most 300 characters.")
	}
	if t.Phrases == "" {
		v.Add("phrases", "Nhập ít nhất một cụm từ nhận diện bài viết (mỗi dòng một cụm).", "Enter at least one phrase (one a line).")
	}
	if !t.PeriodFrom.IsZero() && !t.PeriodTo.IsZero() && t.PeriodTo.Before(t.PeriodFrom) {
		v.Add("period_to", "Ngày kết thúc phải từ ngày bắt đầu trở đi.", "The end date must not be before the start date.")
	}
	if t.PeriodFrom.IsZero() && t.PeriodTo.IsZero() && t.PeriodLabel == "" {
		v.Add("period_from", "Nhập thời gian định hướng (từ ngày, đến ngày) hoặc tên kỳ.", "Enter the period's dates or its label.")
	}
	if utf8.RuneCountInString(t.PeriodLabel) > 100 {
		v.Add("period_label", "Tên kỳ tối đa 100 ký tự.", "At most 100 characters.")
	}
	if t.RegimeID != 0 && !topicCode.MatchString(t.Indicator) {
		v.Add("indicator", "Nhập mã chỉ tiêu của chế độ báo cáo (ví dụ articles).", "Enter the regime's indicator code (e.g. articles).")
	}
	if t.Option != "" && !topicCode.MatchString(t.Option) {
		v.Add("option", "Mã phân loại không hợp lệ.", "Invalid option code.")
	}
	return v.Err()
}

// Window is the topic's dates clipped to from..to (a zero bound is open);
// ok is false when nothing of the topic's period is left.
func (t Topic) Window(from, to civil.Date) (civil.Date, civil.Date, bool) {
	f, e := t.PeriodFrom, t.PeriodTo
	if !from.IsZero() && (f.IsZero() || f.Before(from)) {
		f = from
	}
	if !to.IsZero() && (e.IsZero() || e.After(to)) {
		e = to
	}
	return f, e, f.IsZero() || e.IsZero() || !e.Before(f)
}
