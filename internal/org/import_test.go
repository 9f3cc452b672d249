package org_test

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/dbtest"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

const adminUnitsPath = "../../../shared/data/vn-admin-units-2026.json"

func TestImportAdminUnitsJSON(t *testing.T) {
	data, err := os.ReadFile(adminUnitsPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found", adminUnitsPath)
	}
	mustOK(t, err)
	rows, err := org.ParseImport(org.FormatJSON, data)
	mustOK(t, err)
	kinds := map[org.UnitKind]int{}
	in66 := 0
	for i, r := range rows {
		kinds[r.Kind]++
		if r.Line != i+1 || (r.Kind == org.KindCommune) != (r.ParentCode != "") {
			t.Fatalf("row %d: %+v", i, r)
		}
		if r.ParentCode == "66" {
			in66++
		}
	}
	if len(rows) != 3355 || kinds[org.KindProvince] != 34 || kinds[org.KindCommune] != 3321 {
		t.Fatalf("parsed %d rows %v, want 3355 = 34 provinces + 3321 communes", len(rows), kinds)
	}
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		res, err := e.svc.ImportUnits(e.ctx, e.sys, rows)
		mustOK(t, err)
		if res != (org.ImportResult{Rows: 3355, Created: 3355}) || e.count("units") != 3356 {
			t.Fatalf("first import %+v, %d units", res, e.count("units"))
		}
		if r := verify(e); !r.OK || r.Entries != 3355+2 {
			t.Errorf("audit after import: %+v", r)
		}
		l, err := e.svc.ListUnits(e.ctx, e.admin, org.UnitFilter{Q: "dak lak", Kind: org.KindProvince})
		mustOK(t, err)
		if l.Total != 1 || l.Items[0].Code != "66" {
			t.Fatalf("province 66: %+v", l)
		}
		p := l.Items[0].ID
		c, err := e.svc.ListUnits(e.ctx, e.admin, org.UnitFilter{ParentID: &p, Limit: 1000})
		mustOK(t, err)
		if c.Total != in66 || c.Total == 0 || c.Items[0].Kind != org.KindCommune || *c.Items[0].ParentID != p {
			t.Errorf("communes of 66: %d, want %d", c.Total, in66)
		}
		audits := e.count("audit_log")
		res, err = e.svc.ImportUnits(e.ctx, e.sys, rows)
		mustOK(t, err)
		if res != (org.ImportResult{Rows: 3355, Unchanged: 3355}) || e.count("audit_log") != audits {
			t.Errorf("second import %+v, audit %d → %d", res, audits, e.count("audit_log"))
		}
	})
}

func xlsx(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		if r == nil {
			continue // leave the row empty
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		mustOK(t, f.SetSheetRow("Sheet1", cell, &r))
	}
	b, err := f.WriteToBuffer()
	mustOK(t, err)
	return b.Bytes()
}

func TestImportTables(t *testing.T) {
	const head = "code,name,kind,parent_code\n"
	xhead := []any{"code", "name", "kind", "parent_code"}
	for _, tc := range []struct {
		name    string
		format  org.ImportFormat
		data    string // for XLSX, built from cells instead
		cells   [][]any
		created int
		errHas  []string // all must appear in the file error; nothing must be written
	}{
		{name: "csv", format: org.FormatCSV, created: 3,
			data: head + "66,Tỉnh Đắk Lắk,province,\n24091,Xã Ea Kao,commune,66\nSGDDT,\"Sở Giáo dục, Đào tạo\",bloc_member,\n"},
		{name: "csv with BOM, semicolons and CRLF", format: org.FormatCSV, created: 2,
			data: "\ufeffcode;name;kind;parent_code\r\n66;Tỉnh Đắk Lắk;province;\r\n24091;Xã Ea Kao, huyện cũ;commune;66\r\n"},
		{name: "csv with Vietnamese headers", format: org.FormatCSV, created: 1, data: "Mã,Tên,Loại\n66,Tỉnh Đắk Lắk,province\n"},
		{name: "xlsx", format: org.FormatXLSX, created: 2,
			cells: [][]any{xhead, {"66", "Tỉnh Đắk Lắk", "province"}, {"24091", "Xã Ea Kao", "commune", "66"}}},
		{name: "parent later in the file", format: org.FormatCSV, created: 3,
			data: head + "24091,Xã Ea Kao,commune,66\nCB,Chi bộ,other,24091\n66,Tỉnh Đắk Lắk,province,\n"},
		{name: "bad kind on the third data row", format: org.FormatCSV, errHas: []string{"Dòng 4", "district"},
			data: head + "66,Tỉnh Đắk Lắk,province,\n24091,Xã Ea Kao,commune,66\n999,Huyện cũ,district,66\n"},
		{name: "bad kind in xlsx", format: org.FormatXLSX, errHas: []string{"Dòng 4"},
			cells: [][]any{xhead, {"66", "Tỉnh Đắk Lắk", "province"}, {"24091", "Xã Ea Kao", "commune", "66"}, {"9", "Huyện", "district"}}},
		{name: "duplicate code", format: org.FormatCSV, errHas: []string{"Dòng 4", "dòng 2", "66"},
			data: head + "66,Tỉnh Đắk Lắk,province,\n24091,Xã Ea Kao,commune,66\n66,Tỉnh trùng,province,\n"},
		{name: "unknown parent code", format: org.FormatCSV, errHas: []string{"Dòng 3", "77"},
			data: head + "66,Tỉnh Đắk Lắk,province,\n24091,Xã Ea Kao,commune,77\n"},
		{name: "bad code for its kind rolls back", format: org.FormatCSV, errHas: []string{"Dòng 3", "code"},
			data: head + "66,Tỉnh Đắk Lắk,province,\n2409,Xã Ea Kao,commune,66\n"},
		{name: "parent cycle", format: org.FormatCSV, errHas: []string{"vòng lặp"},
			data: head + "A,Đơn vị A,other,B\nB,Đơn vị B,other,A\n"},
		{name: "missing column", format: org.FormatCSV, errHas: []string{"Dòng 1", "kind"}, data: "code,name\n66,Tỉnh\n"},
		{name: "header only", format: org.FormatCSV, errHas: []string{"không có đơn vị"}, data: head},
		{name: "unterminated quote", format: org.FormatCSV, errHas: []string{"Dòng 2"}, data: head + "66,\"Tỉnh,province,\n"},
		// Row numbers must be those the user sees in the file, blank rows included.
		{name: "csv line numbers count blank lines", format: org.FormatCSV, errHas: []string{"Dòng 4"},
			data: head + "66,Tỉnh Đắk Lắk,province,\n\n999,Huyện cũ,district,66\n"},
		{name: "xlsx row numbers count empty rows", format: org.FormatXLSX, errHas: []string{"Dòng 4"},
			cells: [][]any{xhead, {"66", "Tỉnh Đắk Lắk", "province"}, nil, {"9", "Huyện", "district"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
				e := newEnv(t, db)
				data := []byte(tc.data)
				if tc.format == org.FormatXLSX {
					data = xlsx(t, tc.cells)
				}
				units, audits := e.count("units"), e.count("audit_log")
				rows, err := org.ParseImport(tc.format, data)
				var res org.ImportResult
				if err == nil {
					res, err = e.svc.ImportUnits(e.ctx, e.admin, rows)
				}
				if tc.errHas == nil {
					mustOK(t, err)
					if res.Created != tc.created || e.count("units") != units+tc.created || !verify(e).OK {
						t.Errorf("result %+v, units %d → %d", res, units, e.count("units"))
					}
					return
				}
				ae := wantField(t, err, "file")
				for _, s := range tc.errHas {
					if !strings.Contains(ae.Fields["file"], s) {
						t.Errorf("error %q does not contain %q", ae.Fields["file"], s)
					}
				}
				if e.count("units") != units || e.count("audit_log") != audits {
					t.Errorf("refused file wrote rows: units %d → %d", units, e.count("units"))
				}
			})
		})
	}
}

func TestImportUpdatesExisting(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		old := e.unit("66", "Tỉnh Đắc Lắc", org.KindProvince, nil)
		e.unit("67", "Tỉnh Đắk Nông", org.KindProvince, nil)
		reporter := e.actor(e.user("dau.moi", old.ID, org.RoleUnitReporter))
		rows, err := org.ParseImport(org.FormatCSV, []byte("code,name,kind\n66,Tỉnh Đắk Lắk,province\n67,Tỉnh Đắk Nông,province\n"))
		mustOK(t, err)
		_, err = e.svc.ImportUnits(e.ctx, reporter, rows)
		wantKind(t, err, apperr.KindForbidden)
		res, err := e.svc.ImportUnits(e.ctx, e.admin, rows)
		mustOK(t, err)
		if res != (org.ImportResult{Rows: 2, Updated: 1, Unchanged: 1}) {
			t.Errorf("result %+v", res)
		}
		got, _ := e.svc.FindUnit(e.ctx, e.admin, old.ID)
		entries := e.audit("unit", old.ID)
		if got.Name != "Tỉnh Đắk Lắk" || got.Version != 2 || entries[0].Action != "update" ||
			entries[0].ActorID == nil || *entries[0].ActorID != e.admin.UserID {
			t.Errorf("unit %+v, last audit %+v", got, entries[0])
		}
	})
}

func TestDetectFormat(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       org.ImportFormat
	}{
		{"don-vi.JSON", "", org.FormatJSON}, {"a.csv", "", org.FormatCSV}, {"Danh sach.xlsx", "", org.FormatXLSX},
		{"upload", "PK\x03\x04rest", org.FormatXLSX}, {"upload", " \n[{\"Code\":\"01\"}]", org.FormatJSON},
		{"upload.txt", "code,name", ""}, {"a.xls", "", ""},
	} {
		t.Run(tc.name+"|"+tc.head, func(t *testing.T) {
			got, err := org.DetectFormat(tc.name, []byte(tc.head))
			if got != tc.want || (err != nil) != (tc.want == "") {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
