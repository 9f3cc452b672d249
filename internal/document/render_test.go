package document

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRenderWithLibreOffice converts the sample DOCX and an XLSX to PDF with
// LibreOffice, proving that a real office suite opens them. It is skipped
// where soffice is not installed (Debian: libreoffice-writer,
// libreoffice-calc, fonts-liberation2). Set KHOAGIAO_RENDER_DIR to keep
// the files and PDFs for a look.
func TestRenderWithLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not on PATH")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion is slow; skipped in -short mode")
	}
	dir := os.Getenv("KHOAGIAO_RENDER_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	docx := filepath.Join(dir, "thong-bao.docx")
	writeFile(t, docx, func(f *os.File) error { return WriteDOCX(f, sampleDoc()) })
	xlsx := filepath.Join(dir, "so-lieu.xlsx")
	writeFile(t, xlsx, func(f *os.File) error { return WriteXLSX(f, sampleSheets()...) })

	profile := t.TempDir() // a private profile, so parallel runs do not collide
	for _, in := range []string{docx, xlsx} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(profile),
			"--headless", "--convert-to", "pdf", "--outdir", dir, in)
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("soffice %s: %v\n%s", filepath.Base(in), err, out)
		}
		pdf := strings.TrimSuffix(in, filepath.Ext(in)) + ".pdf"
		st, err := os.Stat(pdf)
		if err != nil {
			t.Fatalf("no PDF from %s: %v\n%s", filepath.Base(in), err, out)
		}
		if st.Size() == 0 {
			t.Fatalf("%s is empty", pdf)
		}
		b, err := os.ReadFile(pdf)
		if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
			t.Fatalf("%s is not a PDF: %v", pdf, err)
		}
	}
}

// writeFile creates path and fills it with write.
func writeFile(t *testing.T, path string, write func(*os.File) error) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
