package search

// The vocabulary of generated documents (gen.go): the phrases of the
// Bloc's paperwork, most common first, so that word frequencies fall off
// as in real text; syllables for filler and for place and person names.

var genPhrases = []string{
	"công tác", "tuyên truyền", "báo cáo", "thực hiện", "kết quả", "triển khai", "đơn vị", "nhiệm vụ", "các cơ quan",
	"trên địa bàn tỉnh", "cán bộ", "nhân dân", "kế hoạch", "tăng cường", "năm 2025", "chỉ đạo", "phối hợp", "tổ chức",
	"giáo dục và đào tạo", "y tế", "khoa học và công nghệ", "tài nguyên và môi trường", "lao động", "thông tin",
	"bảo vệ môi trường", "phòng, chống dịch bệnh", "chuyển đổi số", "an toàn thực phẩm", "học sinh", "giáo viên",
	"trường học", "bệnh viện", "trạm y tế xã", "bảo hiểm y tế", "khuyến học, khuyến tài", "dân số", "người cao tuổi",
	"nghiên cứu khoa học", "sáng kiến", "đổi mới sáng tạo", "báo chí", "định hướng dư luận", "thông tin sai sự thật",
	"không gian mạng", "ô nhiễm", "rác thải", "nước thải", "khai thác cát", "sạt lở", "bão lũ", "hạn hán",
	"tiêm chủng", "COVID-19", "sốt xuất huyết", "tay chân miệng", "vệ sinh môi trường", "nước sạch", "nông thôn mới",
	"an sinh xã hội", "giảm nghèo", "việc làm", "đào tạo nghề", "hộ nghèo", "trẻ em", "bình đẳng giới", "phụ nữ",
	"thanh niên", "đoàn viên", "hội nghị giao ban", "sơ kết 6 tháng", "tổng kết năm", "kiểm tra, giám sát",
	"hạn chế, khó khăn", "nguyên nhân", "phương hướng", "đề xuất, kiến nghị", "cách làm sáng tạo", "điển hình tiên tiến",
	"thi đua khen thưởng", "di sản văn hóa", "thư viện", "xuất bản", "phát thanh truyền hình", "cổng thông tin điện tử",
	"dịch vụ công trực tuyến", "hồ sơ bệnh án điện tử", "học bạ số", "thi tốt nghiệp trung học phổ thông",
	"tuyển sinh lớp 10", "bạo lực học đường", "an toàn giao thông", "đuối nước", "ngộ độc thực phẩm", "giá thuốc",
	"đấu thầu thiết bị y tế", "biến đổi khí hậu", "đa dạng sinh học", "rừng phòng hộ", "đất đai", "quy hoạch",
	"sở hữu trí tuệ", "chuyển giao công nghệ", "doanh nghiệp khoa học", "phòng thí nghiệm", "đề tài cấp tỉnh",
}

var genSyllables = []string{
	"an", "bình", "cam", "đông", "gio", "hải", "hướng", "khê", "lăng", "lộ", "minh", "nam", "phong", "quảng", "sơn",
	"tân", "thạch", "thành", "triệu", "trung", "vĩnh", "xuân", "yên", "hòa", "lợi", "mỹ", "phú", "thủy", "tiến",
	"hưng", "long", "cửa", "việt", "linh", "hiếu", "giang", "bắc", "tây", "đức", "hậu", "lâm", "nghĩa", "phước",
}

var genSurnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"}

var genFiller = []string{
	"và", "của", "các", "trong", "được", "đã", "cho", "với", "theo", "về", "để", "có", "những", "năm", "tháng",
	"đến", "từ", "tại", "đồng thời", "tiếp tục", "bước đầu", "cơ bản", "kịp thời", "hiệu quả", "đầy đủ",
}

// GenQueries are typical searches of the measurement (docs/performance.md):
// one to three folded words, from the most common to the rare.
var GenQueries = []string{
	"bao cao", "tuyen truyen", "cong tac", "moi truong", "phong chong dich", "chuyen doi so", "an toan thuc pham",
	"o nhiem", "giao duc", "y te", "khuyen hoc", "rac thai", "bao hiem y te", "covid 19", "hoc sinh", "dan so",
	"bao lu", "sat lo", "tiem chung", "nong thon moi", "giam ngheo", "bao chi", "khong gian mang", "dao tao nghe",
	"hai lang", "cam lo", "vinh linh", "nguyen van", "tran thi hoa", "thu vien", "so huu tri tue", "ngo doc thuc pham",
	"rac thai cam lo", "duoi nuoc", "hoc ba so", "de tai cap tinh", "bien doi khi hau", "hoi nghi giao ban",
	"phong thi nghiem", "thi tot nghiep",
}
