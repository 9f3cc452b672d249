package httpx

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// faultStatus is the status of an internal error caused by the database's
// surroundings: 503 while PostgreSQL is down or the disk refuses writes
// (the request may be retried as it is once that is fixed), 507 when the
// disk is full; 500 for anything else.
func faultStatus(err error) int {
	switch sqldb.FaultOf(err) {
	case sqldb.FaultUnavailable, sqldb.FaultReadOnly, sqldb.FaultIO:
		return http.StatusServiceUnavailable
	case sqldb.FaultFull:
		return http.StatusInsufficientStorage
	}
	return http.StatusInternalServerError
}

// faultDetail tells the user what failed and that nothing was written.
func faultDetail(err error, lang string) (ErrorDetail, bool) {
	var d ErrorDetail
	switch sqldb.FaultOf(err) {
	case sqldb.FaultUnavailable:
		d = ErrorDetail{Code: "db_unavailable",
			Message: "Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút."}
		if lang == "en" {
			d.Message = "The database is temporarily unreachable. Please try again in a few minutes."
		}
	case sqldb.FaultFull:
		d = ErrorDetail{Code: "storage_full",
			Message: "Hết dung lượng lưu trữ trên máy chủ; dữ liệu chưa được ghi. Vui lòng báo quản trị hệ thống giải phóng dung lượng rồi thử lại."}
		if lang == "en" {
			d.Message = "The server's storage is full; nothing was saved. Ask the administrator to free space, then try again."
		}
	case sqldb.FaultReadOnly:
		d = ErrorDetail{Code: "storage_readonly",
			Message: "Thư mục dữ liệu trên máy chủ đang ở chế độ chỉ đọc; dữ liệu chưa được ghi. Vui lòng báo quản trị hệ thống."}
		if lang == "en" {
			d.Message = "The server's data folder is read-only; nothing was saved. Please tell the administrator."
		}
	case sqldb.FaultIO:
		d = ErrorDetail{Code: "storage_error",
			Message: "Lỗi đọc/ghi ổ đĩa lưu trữ trên máy chủ; dữ liệu chưa được ghi. Vui lòng báo quản trị hệ thống."}
		if lang == "en" {
			d.Message = "A disk error on the server; nothing was saved. Please tell the administrator."
		}
	default:
		return d, false
	}
	return d, true
}
