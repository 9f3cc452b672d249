package demo

import (
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
)

// UnitSpec is a demo unit; Parent is a code earlier in the list.
type UnitSpec struct {
	Code, Name, Short string
	Kind              org.UnitKind
	Bloc              bool
	Parent            string
}

// Board is the code of the Board in the demo data.
const Board = "BTGTU"

// Units is the organisation of the seed article on 30 June 2020: the Board,
// the Bloc's member agencies of that year, some district propaganda boards
// (the district level still existed) and press agencies.
var Units = []UnitSpec{
	{Code: Board, Name: "Ban Tuyên giáo Tỉnh ủy", Short: "BTGTU", Kind: org.KindBoard},
	{Code: "SGDDT", Name: "Sở Giáo dục và Đào tạo", Short: "Sở GD&ĐT", Kind: org.KindBlocMember, Bloc: true},
	{Code: "SYT", Name: "Sở Y tế", Short: "Sở YT", Kind: org.KindBlocMember, Bloc: true},
	{Code: "SKHCN", Name: "Sở Khoa học và Công nghệ", Short: "Sở KH&CN", Kind: org.KindBlocMember, Bloc: true},
	{Code: "STNMT", Name: "Sở Tài nguyên và Môi trường", Short: "Sở TN&MT", Kind: org.KindBlocMember, Bloc: true},
	{Code: "SLDTBXH", Name: "Sở Lao động - Thương binh và Xã hội", Short: "Sở LĐ-TB&XH", Kind: org.KindBlocMember, Bloc: true},
	{Code: "BAOTINH", Name: "Báo Quảng Trị", Short: "Báo tỉnh", Kind: org.KindPressAgency, Bloc: true},
	{Code: "DPTTH", Name: "Đài Phát thanh - Truyền hình tỉnh", Short: "Đài PT-TH", Kind: org.KindPressAgency, Bloc: true},
	{Code: "LHHKHKT", Name: "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", Short: "Liên hiệp hội", Kind: org.KindBlocMember, Bloc: true},
	{Code: "HKH", Name: "Hội Khuyến học tỉnh", Short: "Hội Khuyến học", Kind: org.KindBlocMember, Bloc: true},
	{Code: "BTG-DONGHA", Name: "Ban Tuyên giáo Thành ủy Đông Hà", Kind: org.KindPartyBoard, Parent: Board},
	{Code: "BTG-CAMLO", Name: "Ban Tuyên giáo Huyện ủy Cam Lộ", Kind: org.KindPartyBoard, Parent: Board},
	{Code: "BTG-HAILANG", Name: "Ban Tuyên giáo Huyện ủy Hải Lăng", Kind: org.KindPartyBoard, Parent: Board},
	{Code: "BTG-VINHLINH", Name: "Ban Tuyên giáo Huyện ủy Vĩnh Linh", Kind: org.KindPartyBoard, Parent: Board},
	{Code: "TTXVN-QT", Name: "Cơ quan thường trú Thông tấn xã Việt Nam tại tỉnh", Short: "TTXVN", Kind: org.KindPressAgency},
	{Code: "VOV-MT", Name: "Cơ quan thường trú Đài Tiếng nói Việt Nam khu vực miền Trung", Short: "VOV", Kind: org.KindPressAgency},
}

// Person is a demo user.
type Person struct {
	Username, FullName, Unit string
	Roles                    []org.Role
}

// Reporter and leader names per member unit (plausible, invented).
var unitPeople = map[string][2]string{
	"SGDDT":   {"Nguyễn Thị Hoa", "Trần Văn Bình"},
	"SYT":     {"Lê Thị Thu Hà", "Phạm Minh Đức"},
	"SKHCN":   {"Hoàng Văn Nam", "Đặng Thị Lan"},
	"STNMT":   {"Võ Thị Mai", "Đỗ Quang Huy"},
	"SLDTBXH": {"Bùi Thị Hằng", "Ngô Văn Thắng"},
	"BAOTINH": {"Phan Thanh Tùng", "Lâm Thị Ngọc"},
	"DPTTH":   {"Huỳnh Văn Sơn", "Dương Thị Yến"},
	"LHHKHKT": {"Trương Công Minh", "Vũ Thị Hương"},
	"HKH":     {"Đinh Văn Lợi", "Mai Thị Xuân"},
}

// People lists the demo users: admin, the Board's leader and specialist,
// and a reporter and a leader for each member unit.
func People() []Person {
	ps := []Person{
		{Username: "admin", FullName: "Quản trị hệ thống", Unit: Board, Roles: []org.Role{org.RoleAdmin}},
		{Username: "lanhdao", FullName: "Lê Văn Tuấn", Unit: Board, Roles: []org.Role{org.RoleBoardLeader}},
		{Username: "chuyenvien", FullName: "Nguyễn Thị Khánh Linh", Unit: Board, Roles: []org.Role{org.RoleBoardSpecialist}},
	}
	for _, u := range Units {
		names, ok := unitPeople[u.Code]
		if !ok {
			continue
		}
		base := strings.ToLower(u.Code)
		ps = append(ps,
			Person{Username: base + ".baocao", FullName: names[0], Unit: u.Code, Roles: []org.Role{org.RoleUnitReporter}},
			Person{Username: base + ".lanhdao", FullName: names[1], Unit: u.Code, Roles: []org.Role{org.RoleUnitLeader}},
		)
	}
	return ps
}
