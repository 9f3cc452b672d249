//go:build !linux

package sqldb

// folderFault cannot look at the file system here: a plain I/O error.
func folderFault(string) Fault { return FaultIO }
