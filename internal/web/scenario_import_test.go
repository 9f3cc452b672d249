package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

const importHeader = "code,name,kind,parent_code\nIMP-A,Đơn vị nhập A,other,\nIMP-B,Đơn vị nhập B,other,IMP-A\n"

func auditTotal(t *testing.T, env *webtest.Env) int {
	t.Helper()
	l, err := env.Org.ListAudit(context.Background(), system, org.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return l.Total
}

// multipartFile builds a multipart body with one file field.
func multipartFile(t *testing.T, field, filename string, data []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// TestUnitImport: an import is all or nothing, names the bad line, and
// refuses files that are not what they claim.
func TestUnitImport(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		c := apiClient(t, env, "chuyenvien")
		csvHdr := []string{"Content-Type", "text/csv"}
		for _, tc := range []struct{ name, row, want string }{
			{"unknown kind", "IMP-C,Đơn vị nhập C,khong-ro,", "loại đơn vị"},
			{"province code not 2 digits", "XYZ,Tỉnh sai mã,province,", "Mã tỉnh"},
			{"unknown parent", "IMP-C,Đơn vị nhập C,other,KHONG-CO", "KHONG-CO"},
			{"code repeats line 2", "IMP-A,Đơn vị nhập lặp,other,", "dòng 2"},
		} {
			t.Run("bad 3rd row: "+tc.name, func(t *testing.T) {
				before := auditTotal(t, env)
				r := c.do(t, "POST", "/api/v1/units/import?format=csv", importHeader+tc.row+"\n", csvHdr...).want(t, http.StatusUnprocessableEntity)
				msg := r.errorBody(t).Error.Fields["file"]
				if !strings.Contains(msg, "Dòng 4") || !strings.Contains(msg, tc.want) {
					t.Errorf("fields.file %q should name line 4 and mention %q", msg, tc.want)
				}
				for _, code := range []string{"IMP-A", "IMP-B", "IMP-C", "XYZ"} {
					if unitExists(t, env, code) {
						t.Errorf("refused import wrote unit %s", code)
					}
				}
				if after := auditTotal(t, env); after != before {
					t.Errorf("refused import wrote %d audit entries", after-before)
				}
			})
		}
		good := importHeader + "IMP-C,Đơn vị nhập C,other,IMP-B\n"
		t.Run("good file, then again unchanged", func(t *testing.T) {
			var res struct{ Rows, Created, Updated, Unchanged int }
			c.do(t, "POST", "/api/v1/units/import?format=csv", good, csvHdr...).want(t, http.StatusOK).decode(t, &res)
			if res.Rows != 3 || res.Created != 3 {
				t.Errorf("result %+v, want 3 rows created", res)
			}
			b, cc := env.Unit(t, "IMP-B"), env.Unit(t, "IMP-C")
			if cc.ParentID == nil || *cc.ParentID != b.ID {
				t.Errorf("IMP-C parent %v, want IMP-B (%d)", cc.ParentID, b.ID)
			}
			c.do(t, "POST", "/api/v1/units/import?format=csv", good, csvHdr...).want(t, http.StatusOK).decode(t, &res)
			if res.Unchanged != 3 || res.Created+res.Updated != 0 {
				t.Errorf("second import %+v, want 3 unchanged", res)
			}
		})
		t.Run("Excel CSV with BOM and semicolons, as multipart", func(t *testing.T) {
			data := "\uFEFFma;ten;loai;ma_cap_tren\nIMP-D;Đơn vị nhập D;other;IMP-A\n"
			ct, body := multipartFile(t, "file", "don-vi.csv", []byte(data))
			c.do(t, "POST", "/api/v1/units/import", body, "Content-Type", ct).want(t, http.StatusOK)
			if d := env.Unit(t, "IMP-D"); d.Name != "Đơn vị nhập D" {
				t.Errorf("IMP-D name %q", d.Name)
			}
		})
		html := []byte("<!DOCTYPE html>\n<html><body><script>alert(1)</script>code,name,kind\nHTML-1,X,other</body></html>\n")
		for _, tc := range []struct {
			name string
			ct   string
			body []byte
			path string
		}{
			{name: "HTML named .csv, multipart", path: "/api/v1/units/import"},
			{name: "HTML as raw body with format=csv", ct: "text/csv", body: html, path: "/api/v1/units/import?format=csv"},
			{name: "empty file", ct: "text/csv", body: []byte{}, path: "/api/v1/units/import?format=csv"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if tc.ct == "" {
					tc.ct, tc.body = multipartFile(t, "file", "don-vi.csv", html)
				}
				r := c.do(t, "POST", tc.path, tc.body, "Content-Type", tc.ct).want(t, http.StatusUnprocessableEntity)
				if r.errorBody(t).Error.Fields["file"] == "" {
					t.Errorf("want fields.file: %s", r.Body)
				}
				if unitExists(t, env, "HTML-1") {
					t.Error("HTML upload was imported")
				}
			})
		}
	})
}
