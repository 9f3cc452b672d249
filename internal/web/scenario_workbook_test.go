package web_test

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
	"github.com/khoagiao/khoagiao/internal/web/webtest"
)

// setValue types v into the value column of the workbook's row for key.
func setValue(t *testing.T, data []byte, key string, v any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Số liệu")
	for i, r := range rows {
		if len(r) > 0 && r[0] == key {
			cell, _ := excelize.CoordinatesToCellName(5, i+1)
			f.SetCellValue("Số liệu", cell, v)
			var buf bytes.Buffer
			if err := f.Write(&buf); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
	}
	t.Fatalf("no row %s", key)
	return nil
}

// TestWorkbookOverHTTP: a unit downloads its entry workbook, fills it in
// and uploads it; bad cells are named by reference and change nothing.
func TestWorkbookOverHTTP(t *testing.T) {
	forEachDialect(t, func(t *testing.T, env *webtest.Env) {
		env.Clock.Set(time.Date(2021, 6, 15, 9, 0, 0, 0, vntext.Location))
		rep := apiClient(t, env, "sgddt.baocao")
		id := regimeID(t, rep, "KG-6T")
		p := path("/api/v1/reports/%d/2021-H1/%d", id, env.Unit(t, "SGDDT").ID)
		rep.do(t, "PUT", p, map[string]any{"version": 0, "sections": map[string]string{"results": "Đạt"},
			"values": map[string]any{"propaganda_sessions": 4, "participants": 100}}).want(t, http.StatusOK)
		dl := rep.do(t, "GET", p+"/workbook.xlsx", nil).want(t, http.StatusOK)
		if ct := dl.Header.Get("Content-Type"); ct != httpx.XLSXType {
			t.Fatalf("workbook Content-Type %q", ct)
		}
		upload := func(c *client, data []byte) resp {
			ctype, body := multipartFile(t, "file", "bieu-nhap-lieu.xlsx", data)
			return c.do(t, "POST", p+"/workbook", body, "Content-Type", ctype)
		}
		stored := func() reportJSON {
			var r reportJSON
			rep.do(t, "GET", p, nil).want(t, http.StatusOK).decode(t, &r)
			return r
		}
		before := stored()
		for _, tc := range []struct {
			name   string
			data   []byte
			status int
			msg    string
		}{
			{"letters in an integer cell", savedByExcel(t, setValue(t, dl.Body, "propaganda_sessions", "abc")), 422, "E5: phải là số"},
			{"decimals in an integer cell", savedByExcel(t, setValue(t, dl.Body, "participants", 10.5)), 422, "E6: phải là số nguyên"},
			{"a spreadsheet that is not the entry workbook", func() []byte {
				f := excelize.NewFile()
				defer f.Close()
				var buf bytes.Buffer
				f.Write(&buf)
				return savedByExcel(t, buf.Bytes())
			}(), 422, "không phải biểu nhập liệu"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := upload(rep, tc.data).want(t, tc.status)
				if e := r.errorBody(t); !strings.Contains(e.Error.Message, tc.msg) || e.Error.Fields["file"] == "" {
					t.Errorf("error %s, want a message with %q on field file", r.Body, tc.msg)
				}
				if now := stored(); now.Version != before.Version || now.Values["propaganda_sessions"] != 4 {
					t.Errorf("a refused upload changed the report: %+v", now)
				}
			})
		}
		t.Run("another unit's workbook", func(t *testing.T) {
			other := apiClient(t, env, "syt.baocao")
			op := path("/api/v1/reports/%d/2021-H1/%d", id, env.Unit(t, "SYT").ID)
			theirs := other.do(t, "GET", op+"/workbook.xlsx", nil).want(t, http.StatusOK)
			r := upload(rep, savedByExcel(t, theirs.Body)).want(t, http.StatusUnprocessableEntity)
			if e := r.errorBody(t); !strings.Contains(e.Error.Message, "khác chế độ, kỳ hoặc đơn vị") {
				t.Errorf("error %s", r.Body)
			}
			upload(other, savedByExcel(t, dl.Body)).want(t, http.StatusForbidden)
		})
		t.Run("edited in Excel", func(t *testing.T) {
			var r reportJSON
			upload(rep, savedByExcel(t, setValue(t, dl.Body, "propaganda_sessions", 9))).want(t, http.StatusOK).decode(t, &r)
			if r.Version != before.Version+1 || r.Values["propaganda_sessions"] != 9 || r.Values["participants"] != 100 {
				t.Errorf("after the upload: %+v", r)
			}
		})
		t.Run("uploaded as downloaded", func(t *testing.T) {
			// The product's own workbook (written by excelize) keeps [Content_Types].xml
			// past the 4 KiB the upload sniffer reads, so it is refused as "not XLSX".
			fresh := rep.do(t, "GET", p+"/workbook.xlsx", nil).want(t, http.StatusOK)
			if r := upload(rep, fresh.Body); r.Status != http.StatusOK {
				t.Errorf("uploading the downloaded workbook: status %d, %.300s", r.Status, r.Body)
			}
		})
	})
}

// filledWorkbook downloads a report's entry workbook through the service,
// types a value into the row of cell key and saves it as Excel would.
func filledWorkbook(t *testing.T, env *webtest.Env, r reporting.Regime, period string, unit org.Unit, key string, v any) []byte {
	t.Helper()
	data, err := env.Reporting.EntryWorkbook(context.Background(), system, r.ID, period, unit.ID)
	if err != nil {
		t.Fatal(err)
	}
	return savedByExcel(t, setValue(t, data, key, v))
}

// savedByExcel re-packs an XLSX the way Excel saves it, [Content_Types].xml
// first. (excelize writes it last, past the 4 KiB the upload sniffer reads:
// see TestWorkbookOverHTTP.)
func savedByExcel(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := slices.Clone(zr.File)
	first := func(f *zip.File) int {
		if f.Name == "[Content_Types].xml" {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(files, func(a, b *zip.File) int { return cmp.Compare(first(a), first(b)) })
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(w, rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
