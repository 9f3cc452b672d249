package sqldb

import (
	"errors"
	"os"
	"syscall"
)

// folderFault says why writes to dir fail by trying one: its file system
// is read-only (EROFS — also when the kernel turned it read-only after a
// disk error, which the mount flags do not always show), or full (ENOSPC);
// FaultIO when the probe goes through or fails otherwise.
func folderFault(dir string) Fault {
	f, err := os.CreateTemp(dir, ".khoagiao-probe-*")
	if err == nil {
		_, err = f.Write(make([]byte, 4096))
		if err == nil {
			err = f.Sync()
		}
		f.Close()
		os.Remove(f.Name())
	}
	switch {
	case errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		return FaultReadOnly
	case errors.Is(err, syscall.ENOSPC):
		return FaultFull
	}
	return FaultIO
}
