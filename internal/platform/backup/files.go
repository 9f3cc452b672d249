package backup

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// dumpVersion reads the schema version recorded in a pg_dump archive
// without restoring it, so a copy from a newer program is refused before
// anything is written.
func dumpVersion(ctx context.Context, src string) (int64, error) {
	out, err := exec.CommandContext(ctx, "pg_restore", "--data-only", "--table=goose_db_version", "--file=-", src).Output()
	if err != nil {
		return 0, fmt.Errorf("backup: %s is not a khoagiao PostgreSQL copy: %w", src, err)
	}
	var latest int64
	inCopy := false
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "COPY ") && strings.Contains(line, "goose_db_version"):
			inCopy = true
		case line == `\.`:
			inCopy = false
		case inCopy:
			f := strings.Split(line, "\t")
			if len(f) < 3 || f[2] != "t" {
				continue
			}
			if v, err := strconv.ParseInt(f[1], 10, 64); err == nil && v > latest {
				latest = v
			}
		}
	}
	return latest, sc.Err()
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return fmt.Errorf("backup: copy: %w", err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(dst)
		return fmt.Errorf("backup: sync: %w", err)
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("backup: sync: %w", err)
	}
	return nil
}

// syncDir makes a rename durable.
func syncDir(dir string) error {
	if dir == "" {
		dir = "."
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	f.Sync() // not every file system syncs directories; the rename stands either way
	return nil
}
