package sqldb

import "syscall"

// stRdonly is ST_RDONLY of statfs(2) f_flags.
const stRdonly = 0x1

// folderFault says why writes to dir fail: its file system is read-only,
// or it has no space left; FaultIO when neither.
func folderFault(dir string) Fault {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return FaultIO
	}
	switch {
	case st.Flags&stRdonly != 0:
		return FaultReadOnly
	case st.Bavail == 0:
		return FaultFull
	}
	return FaultIO
}
