// Package org holds the organisation: the Board, the Bloc's member agencies,
// local Party boards, provinces and communes; the people who work in them,
// their roles and unit scope; sign-in sessions and API tokens; and the
// tamper-evident audit trail every other module writes to.
package org

import (
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// UnitKind says what sort of organisation a unit is.
type UnitKind string

// The unit kinds.
const (
	KindBoard       UnitKind = "board"
	KindBlocMember  UnitKind = "bloc_member"
	KindPartyBoard  UnitKind = "party_board"
	KindPressAgency UnitKind = "press_agency"
	KindProvince    UnitKind = "province"
	KindCommune     UnitKind = "commune"
	KindOther       UnitKind = "other"
)

// UnitKinds lists the kinds in the order forms show them.
var UnitKinds = []UnitKind{KindBoard, KindBlocMember, KindPartyBoard, KindPressAgency, KindProvince, KindCommune, KindOther}

var unitKindLabels = map[UnitKind][2]string{
	KindBoard:       {"Ban Tuyên giáo", "Propaganda Board"},
	KindBlocMember:  {"Cơ quan trong Khối", "Bloc member agency"},
	KindPartyBoard:  {"Ban tuyên giáo cấp dưới", "Local Party board"},
	KindPressAgency: {"Cơ quan báo chí", "Press agency"},
	KindProvince:    {"Tỉnh, thành phố", "Province"},
	KindCommune:     {"Xã, phường, đặc khu", "Commune"},
	KindOther:       {"Khác", "Other"},
}

// Valid reports whether k is a known kind.
func (k UnitKind) Valid() bool { _, ok := unitKindLabels[k]; return ok }

// Label returns the kind's name in Vietnamese ("vi") or English ("en").
func (k UnitKind) Label(lang string) string {
	l, ok := unitKindLabels[k]
	if !ok {
		return string(k)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Unit is an organisation known to the system. A unit abolished in a merger
// is kept (inactive, with ValidTo set) so historical records still name it.
type Unit struct {
	ID        int64      `json:"id"`
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	ShortName string     `json:"short_name"`
	Kind      UnitKind   `json:"kind"`
	ParentID  *int64     `json:"parent_id"`
	Bloc      bool       `json:"bloc"`
	ValidFrom civil.Date `json:"valid_from"`
	ValidTo   civil.Date `json:"valid_to"`
	Active    bool       `json:"active"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

var (
	unitCodeRe     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$`)
	provinceCodeRe = regexp.MustCompile(`^\d{2}$`)
	communeCodeRe  = regexp.MustCompile(`^\d{5}$`)
)

// Normalize cleans the text fields as typed (NFC, no zero-width characters).
func (u *Unit) Normalize() {
	u.Code = vntext.Normalize(u.Code)
	u.Name = vntext.Normalize(u.Name)
	u.ShortName = vntext.Normalize(u.ShortName)
}

// Validate checks the unit's own fields; references (parent) are checked by
// the service against the database.
func (u *Unit) Validate() error {
	var v apperr.Invalid
	switch {
	case u.Code == "":
		v.Add("code", "Mã đơn vị là bắt buộc.", "Code is required.")
	case !unitCodeRe.MatchString(u.Code):
		v.Add("code", "Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch ngang, tối đa 32 ký tự.", "Code may hold letters, digits, '.', '-', '_' (at most 32).")
	case u.Kind == KindProvince && !provinceCodeRe.MatchString(u.Code):
		v.Add("code", "Mã tỉnh, thành phố gồm đúng 2 chữ số (QĐ 19/2025/QĐ-TTg).", "A province code has exactly 2 digits.")
	case u.Kind == KindCommune && !communeCodeRe.MatchString(u.Code):
		v.Add("code", "Mã xã, phường, đặc khu gồm đúng 5 chữ số (QĐ 19/2025/QĐ-TTg).", "A commune code has exactly 5 digits.")
	}
	switch n := utf8.RuneCountInString(u.Name); {
	case n == 0:
		v.Add("name", "Tên đơn vị là bắt buộc.", "Name is required.")
	case n > 255:
		v.Add("name", "Tên đơn vị tối đa 255 ký tự.", "Name is at most 255 characters.")
	}
	if utf8.RuneCountInString(u.ShortName) > 64 {
		v.Add("short_name", "Tên viết tắt tối đa 64 ký tự.", "Short name is at most 64 characters.")
	}
	if !u.Kind.Valid() {
		v.Add("kind", "Loại đơn vị không hợp lệ.", "Unknown unit kind.")
	}
	if !u.ValidFrom.IsZero() && !u.ValidTo.IsZero() && u.ValidTo.Before(u.ValidFrom) {
		v.Add("valid_to", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.", "Valid-to must not be before valid-from.")
	}
	if u.ParentID != nil && u.ID != 0 && *u.ParentID == u.ID {
		v.Add("parent_id", "Đơn vị không thể là cấp trên của chính nó.", "A unit cannot be its own parent.")
	}
	return v.Err()
}

func (u *Unit) searchKey() string {
	return vntext.Fold(u.Code + " " + u.Name + " " + u.ShortName)
}

// UnitFilter selects units for a list.
type UnitFilter struct {
	Q        string
	Kind     UnitKind
	ParentID *int64
	Active   *bool
	Bloc     *bool
	IDs      []int64 // restrict to these (unit scope); nil means no restriction
	Limit    int
	Offset   int
}

// UnitList is one page of units and the total matching.
type UnitList struct {
	Items []Unit `json:"items"`
	Total int    `json:"total"`
}
