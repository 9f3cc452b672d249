package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestMaliciousImports: the import routes (units from JSON, CSV or XLSX,
// on the API and the page; the Excel data-entry workbook of a report) refuse
// HTML dressed as a spreadsheet or CSV, a plain zip, an XLSX zip bomb, a
// small XLSX whose rows reach column XFD (gigabytes once padded) — quickly,
// with a clear 422 on the file — and a file over 20 MB with 413.
// Nothing is imported.
func TestMaliciousImports(t *testing.T) {
	withAttachmentsEnv(t, func(t *testing.T, a *attachmentsEnv) {
		spec, specUI := apiClient(t, a.env, "chuyenvien"), uiClient(t, a.env, "chuyenvien")
		send := func(c *client, p string) func(t *testing.T, f maliciousFile) resp {
			return func(t *testing.T, f maliciousFile) resp {
				ctype, body := multipartAs(t, "file", f.file, f.ctype, f.data)
				return c.do(t, "POST", p, body, "Content-Type", ctype)
			}
		}
		page := []byte("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>")
		corpus := []struct {
			f    maliciousFile
			msgs []string // the message, on a route where it differs: units import, workbook
		}{
			{maliciousFile{name: "HTML named .csv", file: "don-vi.csv", ctype: "text/csv", data: page}, []string{"Loại tệp không được chấp nhận"}},
			{maliciousFile{name: "HTML named .xlsx", file: "don-vi.xlsx", ctype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data: page},
				[]string{"Loại tệp không được chấp nhận"}},
			{maliciousFile{name: "plain zip named .xlsx", file: "nen.xlsx", ctype: "application/zip", data: zipOf(t)}, []string{"Loại tệp không được chấp nhận"}},
			{maliciousFile{name: "XLSX zip bomb", file: "bom.xlsx", ctype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data: xlsxBomb(t)},
				[]string{"giải nén ra quá 64 MB"}},
			{maliciousFile{name: "XLSX of cells in column XFD", file: "rong.xlsx", ctype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				data: wideXLSX(t)}, []string{"không phải bảng tính thông thường"}},
		}
		routes := []uploadRoute{
			{name: "API units import", post: send(spec, "/api/v1/units/import")},
			{name: "page units import", ui: true, post: send(specUI, "/units/import")},
			{name: "API report workbook", post: send(a.rep, a.api+"/workbook")},
		}
		units := unitCount(t, a)
		for _, rt := range routes {
			t.Run(rt.name, func(t *testing.T) {
				for _, tc := range corpus {
					t.Run(tc.f.name, func(t *testing.T) {
						start := time.Now()
						r := rt.post(t, tc.f)
						if d := time.Since(start); d > 10*time.Second {
							t.Errorf("refused after %v: was the bomb inflated?", d)
						}
						wantAnyRefusal(t, rt.ui, r, http.StatusUnprocessableEntity, tc.msgs)
					})
				}
				t.Run("a file over 20 MB", func(t *testing.T) {
					big := maliciousFile{file: "lon.csv", ctype: "text/csv", data: make([]byte, 25<<20)}
					wantRefusal(t, rt.ui, rt.post(t, big), http.StatusRequestEntityTooLarge, "Tệp vượt quá giới hạn 20 MB.")
				})
			})
		}
		if n := unitCount(t, a); n != units {
			t.Errorf("%d units after the refused imports, %d before", n, units)
		}
		var rep struct{ Version int }
		a.rep.do(t, "GET", a.api, nil).want(t, http.StatusOK).decode(t, &rep)
		if rep.Version != 0 {
			t.Errorf("the refused workbooks saved the report (version %d)", rep.Version)
		}
	})
}

// wantAnyRefusal is wantRefusal where one of several messages will do.
func wantAnyRefusal(t *testing.T, ui bool, r resp, status int, msgs []string) {
	t.Helper()
	r.want(t, status)
	body := string(r.Body)
	if !ui {
		e := r.errorBody(t)
		if e.Error.Fields["file"] == "" {
			t.Errorf("no message on the file field: %s", r.Body)
		}
		body = e.Error.Message + " " + e.Error.Fields["file"]
	}
	for _, m := range msgs {
		if strings.Contains(body, m) {
			return
		}
	}
	t.Errorf("the refusal says none of %q: %.400s", msgs, body)
}

func unitCount(t *testing.T, a *attachmentsEnv) int {
	t.Helper()
	var l listJSON[unitJSON]
	a.spec.do(t, "GET", "/api/v1/units?limit=1", nil).want(t, http.StatusOK).decode(t, &l)
	return l.Total
}
