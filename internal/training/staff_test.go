package training

import (
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

func TestStaffValidate(t *testing.T) {
	today := civil.D(2020, 7, 6)
	ok := Staff{UnitID: 1, FullName: "Nguyễn Văn An", Position: "Phó Trưởng phòng", PoliticalLevel: LevelAdvanced,
		BirthDate: civil.D(1980, 2, 29), Phone: "+84 912.345.678", Email: "an.nv@sgddt.example"}
	for _, tc := range []struct {
		name  string
		edit  func(*Staff)
		field string // "" valid
	}{
		{"valid", func(*Staff) {}, ""},
		{"no name", func(s *Staff) { s.FullName = "  " }, "full_name"},
		{"one word", func(s *Staff) { s.FullName = "An" }, "full_name"},
		{"no unit", func(s *Staff) { s.UnitID = 0 }, "unit_id"},
		{"no position", func(s *Staff) { s.Position = "" }, "position"},
		{"too young", func(s *Staff) { s.BirthDate = civil.D(2002, 7, 7) }, "birth_date"},
		{"just 18", func(s *Staff) { s.BirthDate = civil.D(2002, 7, 6) }, ""},
		{"born 1939", func(s *Staff) { s.BirthDate = civil.D(1939, 12, 31) }, "birth_date"},
		{"unknown level", func(s *Staff) { s.PoliticalLevel = "tien_si" }, "political_level"},
		{"no level", func(s *Staff) { s.PoliticalLevel = LevelNone }, ""},
		{"letters in phone", func(s *Staff) { s.Phone = "0912 abc 678" }, "phone"},
		{"short phone", func(s *Staff) { s.Phone = "0912" }, "phone"},
		{"bad e-mail", func(s *Staff) { s.Email = "an.nv@" }, "email"},
		{"named e-mail", func(s *Staff) { s.Email = "An <an@x.vn>" }, "email"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := ok
			tc.edit(&s)
			s.Normalize()
			err := s.Validate(today)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantField(t, err, tc.field, tc.name)
			if e, _ := apperr.As(err); e.FieldsEn[tc.field] == "" {
				t.Errorf("no English message on %s", tc.field)
			}
		})
	}
}

func TestNameOrder(t *testing.T) {
	for in, want := range map[string]string{"Nguyễn Văn An": "An Nguyễn Văn", "Lê Thị Thu Hà": "Hà Lê Thị Thu", "An": "An"} {
		if got := NameOrder(in); got != want {
			t.Errorf("NameOrder(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStaffRegister: a unit keeps its own register, sees only its unit,
// lists in Vietnamese given-name order, finds names typed without marks,
// and a stale edit is a conflict.
func TestStaffRegister(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		for _, n := range []string{"Trần Văn Đức", "Nguyễn Thị Bình", "Lê Văn An", "Phạm Thị Dung"} {
			if _, err := e.svc.CreateStaff(e.ctx, e.repGD, Staff{UnitID: e.sgd.ID, FullName: n, Position: "Chuyên viên"}); err != nil {
				t.Fatalf("reporter registers %s: %v", n, err)
			}
		}
		other := e.staff("Hoàng Minh Châu", e.syt)
		_, err := e.svc.CreateStaff(e.ctx, e.repGD, Staff{UnitID: e.syt.ID, FullName: "Người Khác Đơn Vị", Position: "Chuyên viên"})
		wantKind(t, err, apperr.KindForbidden, "reporter registers in another unit")
		_, err = e.svc.CreateStaff(e.ctx, e.viewGD, Staff{UnitID: e.sgd.ID, FullName: "Người Xem Thêm", Position: "Chuyên viên"})
		wantKind(t, err, apperr.KindForbidden, "viewer registers")
		_, err = e.svc.CreateStaff(e.ctx, e.leader, Staff{UnitID: e.sgd.ID, FullName: "Lãnh Đạo Thêm", Position: "Chuyên viên"})
		wantKind(t, err, apperr.KindForbidden, "board leader registers")

		l, err := e.svc.ListStaff(e.ctx, e.repGD, StaffFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range l.Items {
			names = append(names, s.FullName)
		}
		// Given names: An < Bình < Dung < Đức (đ after d).
		if want := []string{"Lê Văn An", "Nguyễn Thị Bình", "Phạm Thị Dung", "Trần Văn Đức"}; l.Total != 4 || !equal(names, want) {
			t.Errorf("reporter's register %v (total %d), want %v", names, l.Total, want)
		}
		if l, _ := e.svc.ListStaff(e.ctx, e.viewGD, StaffFilter{Q: "duc"}); l.Total != 1 || l.Items[0].FullName != "Trần Văn Đức" {
			t.Errorf("folded search: %+v", l)
		}
		if l, _ := e.svc.ListStaff(e.ctx, e.leader, StaffFilter{}); l.Total != 5 {
			t.Errorf("the Board sees %d staff, want 5", l.Total)
		}
		_, err = e.svc.ListStaff(e.ctx, e.repGD, StaffFilter{UnitID: e.syt.ID})
		wantKind(t, err, apperr.KindForbidden, "reporter lists another unit")
		_, err = e.svc.FindStaff(e.ctx, e.repGD, other.ID)
		wantKind(t, err, apperr.KindForbidden, "reporter reads another unit's staff")

		s := l.Items[0]
		s.Position = "Trưởng phòng"
		up, err := e.svc.UpdateStaff(e.ctx, e.repGD, s.ID, s)
		if err != nil || up.Position != "Trưởng phòng" || up.Version != s.Version+1 {
			t.Fatalf("update: %+v, %v", up, err)
		}
		s.Position = "Phó phòng"
		_, err = e.svc.UpdateStaff(e.ctx, e.repGD, s.ID, s)
		wantKind(t, err, apperr.KindConflict, "stale update")
		up.UnitID = e.syt.ID
		_, err = e.svc.UpdateStaff(e.ctx, e.repGD, up.ID, up)
		wantField(t, err, "unit_id", "unit changed by an edit")
		other.Position = "Sửa trộm"
		_, err = e.svc.UpdateStaff(e.ctx, e.repGD, other.ID, other)
		wantKind(t, err, apperr.KindForbidden, "reporter edits another unit's staff")

		var n int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'training_staff'`).Scan(&n); err != nil || n != 6 {
			t.Errorf("audit entries: %d, %v; want 6 (5 created, 1 updated)", n, err)
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
