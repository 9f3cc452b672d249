package org

import (
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Role is a set of permissions a user holds.
type Role string

// The roles seen in practice (domain.md).
const (
	RoleAdmin           Role = "admin"
	RoleBoardLeader     Role = "board_leader"
	RoleBoardSpecialist Role = "board_specialist"
	RoleUnitLeader      Role = "unit_leader"
	RoleUnitReporter    Role = "unit_reporter"
	RoleViewer          Role = "viewer"
)

// Roles lists every role in the order forms show them.
var Roles = []Role{RoleAdmin, RoleBoardLeader, RoleBoardSpecialist, RoleUnitLeader, RoleUnitReporter, RoleViewer}

var roleLabels = map[Role][2]string{
	RoleAdmin:           {"Quản trị hệ thống", "System administrator"},
	RoleBoardLeader:     {"Lãnh đạo Ban", "Board leader"},
	RoleBoardSpecialist: {"Chuyên viên Ban", "Board specialist"},
	RoleUnitLeader:      {"Lãnh đạo đơn vị", "Unit leader"},
	RoleUnitReporter:    {"Cán bộ đầu mối", "Unit focal point"},
	RoleViewer:          {"Chỉ xem", "Viewer"},
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }

// Label returns the role's name in Vietnamese ("vi") or English ("en").
func (r Role) Label(lang string) string {
	l, ok := roleLabels[r]
	if !ok {
		return string(r)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// IsBoardRole reports whether the role sees every unit (the Board's work).
func (r Role) IsBoardRole() bool {
	return r == RoleAdmin || r == RoleBoardLeader || r == RoleBoardSpecialist
}

// User is a person who signs in. A user acts for their own unit; board roles
// see every unit.
type User struct {
	ID        int64     `json:"id"`
	Username  string    `json:"username"`
	FullName  string    `json:"full_name"`
	Email     string    `json:"email"`
	Phone     string    `json:"phone"`
	UnitID    int64     `json:"unit_id"`
	Roles     []Role    `json:"roles"`
	Active    bool      `json:"active"`
	Lang      string    `json:"lang"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	passwordHash      string
	passwordChangedAt time.Time
}

// HasRole reports whether the user holds r.
func (u *User) HasRole(r Role) bool { return slices.Contains(u.Roles, r) }

var (
	usernameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)
	phoneRe    = regexp.MustCompile(`^\+?[0-9][0-9 .-]{6,18}[0-9]$`)
)

// Normalize cleans the fields as typed.
func (u *User) Normalize() {
	u.Username = strings.ToLower(vntext.Normalize(u.Username))
	u.FullName = vntext.Normalize(u.FullName)
	u.Email = strings.TrimSpace(vntext.Normalize(u.Email))
	u.Phone = vntext.Normalize(u.Phone)
	if u.Lang != "en" {
		u.Lang = "vi"
	}
	slices.Sort(u.Roles)
	u.Roles = slices.Compact(u.Roles)
}

// Validate checks the user's own fields.
func (u *User) Validate() error {
	var v apperr.Invalid
	if !usernameRe.MatchString(u.Username) {
		v.Add("username", "Tên đăng nhập gồm 3–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang.", "Username: 3–32 lowercase letters, digits, '.', '-', '_'.")
	}
	switch n := utf8.RuneCountInString(u.FullName); {
	case n == 0:
		v.Add("full_name", "Họ và tên là bắt buộc.", "Full name is required.")
	case n > 128:
		v.Add("full_name", "Họ và tên tối đa 128 ký tự.", "Full name is at most 128 characters.")
	}
	if u.Email != "" {
		if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
			v.Add("email", "Địa chỉ thư điện tử không hợp lệ.", "Invalid e-mail address.")
		}
	}
	if u.Phone != "" && !phoneRe.MatchString(u.Phone) {
		v.Add("phone", "Số điện thoại không hợp lệ.", "Invalid phone number.")
	}
	if u.UnitID == 0 {
		v.Add("unit_id", "Đơn vị là bắt buộc.", "Unit is required.")
	}
	if len(u.Roles) == 0 {
		v.Add("roles", "Chọn ít nhất một vai trò.", "Choose at least one role.")
	}
	for _, r := range u.Roles {
		if !r.Valid() {
			v.Add("roles", "Vai trò không hợp lệ: "+string(r)+".", "Unknown role: "+string(r)+".")
		}
	}
	return v.Err()
}

// ValidatePassword checks a new password's strength.
func ValidatePassword(username, pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < 10:
		return apperr.InvalidField("password", "Mật khẩu phải có ít nhất 10 ký tự.", "Password must have at least 10 characters.")
	case n > 128:
		return apperr.InvalidField("password", "Mật khẩu tối đa 128 ký tự.", "Password is at most 128 characters.")
	case strings.EqualFold(pw, username):
		return apperr.InvalidField("password", "Mật khẩu không được trùng tên đăng nhập.", "Password must differ from the username.")
	}
	return nil
}

func (u *User) searchKey() string {
	return vntext.Fold(u.Username + " " + u.FullName + " " + u.Email)
}

// UserFilter selects users for a list.
type UserFilter struct {
	Q      string
	Role   Role
	UnitID int64
	Limit  int
	Offset int
}

// UserList is one page of users and the total matching.
type UserList struct {
	Items []User `json:"items"`
	Total int    `json:"total"`
}
