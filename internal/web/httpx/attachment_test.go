package httpx

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
)

var pdf = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")

// multipartBody writes the parts in order: {field, file name, content}; a
// part without a file name is a plain form field.
func multipartBody(parts ...[3]string) (string, io.Reader) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		if p[1] == "" {
			mw.WriteField(p[0], p[2])
			continue
		}
		w, _ := mw.CreateFormFile(p[0], p[1])
		w.Write([]byte(p[2]))
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

func TestReadAttachment(t *testing.T) {
	over := string(pdf) + strings.Repeat("x", blob.MaxSize)
	cases := []struct {
		name  string
		parts [][3]string
		ctype string // overrides the multipart type
		body  io.Reader
		want  string // the file name on success
		kind  apperr.Kind
	}{
		{name: "PDF after another field", parts: [][3]string{{"note", "", "ghi chú"}, {"file", "ke-hoach.pdf", string(pdf)}}, want: "ke-hoach.pdf"},
		{name: "the file in another field", parts: [][3]string{{"other", "ke-hoach.pdf", string(pdf)}}, kind: apperr.KindInvalid},
		{name: "no file chosen", parts: [][3]string{{"file", "", ""}}, kind: apperr.KindInvalid},
		{name: "an empty file", parts: [][3]string{{"file", "trong.pdf", ""}}, kind: apperr.KindInvalid},
		{name: "HTML named .pdf", parts: [][3]string{{"file", "x.pdf", "<html><script>1</script></html>"}}, kind: apperr.KindInvalid},
		{name: "one byte over 20 MB", parts: [][3]string{{"file", "lon.pdf", over[:blob.MaxSize+1]}}, kind: apperr.KindTooLarge},
		{name: "a body over the limit", parts: [][3]string{{"file", "lon.pdf", over + strings.Repeat("y", 2<<20)}}, kind: apperr.KindTooLarge},
		{name: "not multipart", ctype: "application/pdf", body: bytes.NewReader(pdf), kind: apperr.KindBadRequest},
		{name: "a broken multipart body", ctype: "multipart/form-data; boundary=xyz", body: strings.NewReader("--xyz\r\nnonsense"), kind: apperr.KindBadRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctype, body := tc.ctype, tc.body
			if ctype == "" {
				ctype, body = multipartBody(tc.parts...)
			}
			r := httptest.NewRequest(http.MethodPost, "/", body)
			r.Header.Set("Content-Type", ctype)
			name, data, err := ReadAttachment(httptest.NewRecorder(), r, "file")
			if tc.want != "" {
				if err != nil || name != tc.want || !bytes.Equal(data, pdf) {
					t.Fatalf("got %q (%d bytes), %v", name, len(data), err)
				}
				return
			}
			if e, ok := apperr.As(err); !ok || e.Kind != tc.kind {
				t.Fatalf("error %v, want kind %d", err, tc.kind)
			}
			if tc.kind == apperr.KindTooLarge && Status(err) != http.StatusRequestEntityTooLarge {
				t.Errorf("status %d, want 413", Status(err))
			}
		})
	}
}
