// Package reporting runs the reporting regimes (chế độ báo cáo): regimes
// and their versioned templates, the legal periods and deadlines, reports
// with their lifecycle from draft to acceptance, completeness and
// timeliness, live aggregation, Excel in and out, and the consolidated
// report drafted as a Party-format document.
package reporting

import (
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Kind of a regime (Decree 09/2019/NĐ-CP).
type Kind string

// The regime kinds.
const (
	Periodic Kind = "periodic" // định kỳ
	Thematic Kind = "thematic" // chuyên đề
	AdHoc    Kind = "adhoc"    // đột xuất
)

// Regime is a reporting regime: who reports what to whom, how often, with
// which cut-off window and deadline, and the current template.
type Regime struct {
	ID               int64                 `json:"id"`
	Code             string                `json:"code"`
	Name             string                `json:"name"`
	Kind             Kind                  `json:"kind"`
	Frequency        calendar.Frequency    `json:"frequency"`
	Cutoff           calendar.CutoffRule   `json:"cutoff"`
	ExplicitFrom     civil.Date            `json:"explicit_from"`
	ExplicitTo       civil.Date            `json:"explicit_to"`
	Deadline         calendar.DeadlineRule `json:"deadline"`
	ReceiverUnitID   int64                 `json:"receiver_unit_id"`
	ReporterUnitIDs  []int64               `json:"reporter_unit_ids"`
	ReporterKinds    []org.UnitKind        `json:"reporter_kinds"`
	ReporterBloc     bool                  `json:"reporter_bloc"`
	ApprovalRequired bool                  `json:"approval_required"`
	LockDays         int                   `json:"lock_days"`
	Active           bool                  `json:"active"`
	Version          int                   `json:"version"`
	Template         Template              `json:"template"`
	CreatedAt        time.Time             `json:"created_at"`
	UpdatedAt        time.Time             `json:"updated_at"`
}

// Normalize cleans the texts as typed.
func (r *Regime) Normalize() {
	r.Code, r.Name = vntext.Normalize(r.Code), vntext.Normalize(r.Name)
	if r.Cutoff == "" {
		r.Cutoff = calendar.Window15
	}
	if r.Kind == "" {
		r.Kind = Periodic
	}
	r.Template.Normalize()
}

// Validate checks the regime's own fields and its template.
func (r *Regime) Validate() error { return r.validate(nil) }

// validate is Validate with the registered figure sources (nil: none).
func (r *Regime) validate(known map[string]Source) error {
	var v apperr.Invalid
	if !codeRe.MatchString(r.Code) && !unitLikeCode(r.Code) {
		v.Add("code", "Mã chế độ báo cáo gồm chữ không dấu, số, gạch dưới hoặc gạch ngang.", "Code: letters, digits, '_' or '-'.")
	}
	if n := utf8.RuneCountInString(r.Name); n == 0 || n > 255 {
		v.Add("name", "Tên chế độ báo cáo là bắt buộc (tối đa 255 ký tự).", "Name is required (at most 255).")
	}
	switch r.Kind {
	case Periodic, Thematic, AdHoc:
	default:
		v.Add("kind", "Loại báo cáo không hợp lệ.", "Unknown kind.")
	}
	if !r.Frequency.Valid() {
		v.Add("frequency", "Tần suất không hợp lệ.", "Unknown frequency.")
	}
	if r.Frequency == calendar.Explicit && (r.ExplicitFrom.IsZero() || r.ExplicitTo.IsZero() || r.ExplicitTo.Before(r.ExplicitFrom)) {
		v.Add("explicit_to", "Kỳ báo cáo cần ngày bắt đầu và ngày kết thúc hợp lệ.", "An explicit window needs valid from and to dates.")
	}
	if r.Cutoff != calendar.Window15 && r.Cutoff != calendar.CalendarPeriods {
		v.Add("cutoff", "Cách tính kỳ số liệu không hợp lệ.", "Unknown cut-off rule.")
	}
	if err := r.Deadline.Validate(); err != nil {
		v.Add("deadline", "Hạn nộp không hợp lệ.", "Invalid deadline rule.")
	}
	if r.ReceiverUnitID == 0 {
		v.Add("receiver_unit_id", "Chọn đơn vị nhận báo cáo.", "Choose the receiving unit.")
	}
	if len(r.ReporterUnitIDs) == 0 && len(r.ReporterKinds) == 0 && !r.ReporterBloc {
		v.Add("reporter_unit_ids", "Chọn các đơn vị phải báo cáo (từng đơn vị, theo loại, hoặc thành viên Khối).", "Choose the reporting units.")
	}
	for _, k := range r.ReporterKinds {
		if !k.Valid() {
			v.Add("reporter_kinds", "Loại đơn vị không hợp lệ.", "Unknown unit kind.")
		}
	}
	if r.LockDays < 0 || r.LockDays > 366 {
		v.Add("lock_days", "Số ngày khóa sổ từ 0 đến 366.", "Lock days between 0 and 366.")
	}
	if err := r.Template.validate(known); err != nil {
		if e, ok := apperr.As(err); ok {
			for f, m := range e.Fields {
				v.Add("template."+f, m, e.FieldsEn[f])
			}
		}
	}
	return v.Err()
}

func unitLikeCode(s string) bool {
	if s == "" || len(s) > 48 {
		return false
	}
	for _, c := range s {
		if !(c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// Period returns the regime's period for a key, or an invalid-field error.
func (r *Regime) Period(key string) (calendar.Period, error) {
	if r.Frequency == calendar.Explicit {
		p := calendar.Period{Key: r.Code, From: r.ExplicitFrom, To: r.ExplicitTo}
		if key != p.Key {
			return calendar.Period{}, apperr.InvalidField("period", "Kỳ báo cáo không hợp lệ: "+key+".", "Invalid period: "+key+".")
		}
		return p, nil
	}
	p, err := calendar.ParsePeriodKey(key, r.Cutoff)
	if err != nil {
		return calendar.Period{}, err
	}
	if calendar.FrequencyOf(key) != r.Frequency {
		return calendar.Period{}, apperr.InvalidField("period", "Kỳ "+key+" không thuộc tần suất của chế độ báo cáo này.", "Period "+key+" does not match the regime's frequency.")
	}
	return p, nil
}
