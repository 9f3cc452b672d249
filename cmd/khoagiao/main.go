// Command khoagiao runs the coordination platform of the Science–Education
// Bloc: the web server and its maintenance tools. Wiring only: the rules
// live in internal/.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

const usage = `khoagiao — hệ thống điều phối công tác khoa giáo

Cách dùng:
  khoagiao serve [--addr :8080] [--db FILE|postgres://…] [--demo]   chạy máy chủ web
  khoagiao migrate [--db …]                                         cập nhật lược đồ cơ sở dữ liệu
  khoagiao demo [--db …]                                            nạp dữ liệu minh họa (hội nghị 30/6/2020)
  khoagiao units import [--db …] FILE                               nhập đơn vị từ JSON, CSV hoặc XLSX
  khoagiao user create [--db …] --username U --full-name N --unit CODE --roles r1,r2
  khoagiao user passwd [--db …] USERNAME                            đặt lại mật khẩu (đọc từ KHOAGIAO_PASSWORD hoặc stdin)
  khoagiao audit verify [--db …]                                    kiểm tra chuỗi băm của nhật ký
  khoagiao backup [--db …] FILE                                     sao lưu trực tuyến (máy chủ vẫn chạy)
  khoagiao restore [--db …] [--force] FILE                          khôi phục vào thư mục/cơ sở dữ liệu trống
  khoagiao gen [--db …] [--year 2025] [--indicators 100] [--tokens FILE]   dữ liệu thử nghiệm quy mô toàn quốc
  khoagiao search reindex [--db …]                                  lập lại toàn bộ chỉ mục tìm kiếm
  khoagiao search gen [--db …] [--docs 1000000]                     thêm tài liệu giả vào chỉ mục (đo hiệu năng)
  khoagiao search bench [--db …] [--rounds 5]                       đo thời gian tìm kiếm (p50, p95, p99)
  khoagiao load submit --tokens FILE --regime ID --period KEY       mọi đơn vị cùng gửi báo cáo (đo tải hạn chót)
  khoagiao load [--url …] [--paths p1,p2] [--c 8] [--duration 10s]  đo tải trên máy chủ đang chạy
  khoagiao load mix --users 50 --tokens FILE --regime ID --period KEY   tải hỗn hợp thực tế (đăng nhập, bảng điều khiển, báo cáo, tìm kiếm, xuất)

Biến môi trường: KHOAGIAO_DB, KHOAGIAO_ADDR, KHOAGIAO_DEMO_PASSWORD, KHOAGIAO_SECURE_COOKIES,
KHOAGIAO_TRUST_PROXY, KHOAGIAO_LOG_LEVEL (debug|info|warn), KHOAGIAO_LOG_FORMAT (text|json),
KHOAGIAO_BACKUP_DIR (sao lưu hằng ngày), KHOAGIAO_BACKUP_HOUR (2), KHOAGIAO_BACKUP_KEEP_DAILY (7),
KHOAGIAO_BACKUP_KEEP_MONTHLY (12).
`

func main() {
	setupLogging()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "khoagiao:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Print(usage)
		return nil
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest)
	case "migrate":
		return cmdMigrate(ctx, rest)
	case "demo":
		return cmdDemo(ctx, rest)
	case "units":
		return sub(ctx, "units", rest, map[string]func(context.Context, []string) error{"import": cmdUnitsImport})
	case "user":
		return sub(ctx, "user", rest, map[string]func(context.Context, []string) error{"create": cmdUserCreate, "passwd": cmdUserPasswd})
	case "audit":
		return sub(ctx, "audit", rest, map[string]func(context.Context, []string) error{"verify": cmdAuditVerify})
	case "load":
		if len(rest) > 0 && rest[0] == "submit" {
			return cmdSubmit(ctx, rest[1:])
		}
		if len(rest) > 0 && rest[0] == "mix" {
			return cmdLoadMix(ctx, rest[1:])
		}
		return cmdLoad(ctx, rest)
	case "search":
		return cmdSearch(ctx, rest)
	case "gen":
		return cmdGen(ctx, rest)
	case "backup":
		return cmdBackup(ctx, rest)
	case "restore":
		return cmdRestore(ctx, rest)
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	return fmt.Errorf("lệnh không rõ %q\n%s", cmd, usage)
}

func sub(ctx context.Context, name string, args []string, cmds map[string]func(context.Context, []string) error) error {
	if len(args) == 0 {
		return fmt.Errorf("%s: thiếu lệnh con\n%s", name, usage)
	}
	f, ok := cmds[args[0]]
	if !ok {
		return fmt.Errorf("%s: lệnh con không rõ %q\n%s", name, args[0], usage)
	}
	return f(ctx, args[1:])
}

func setupLogging() {
	level := slog.LevelInfo
	switch os.Getenv("KHOAGIAO_LOG_LEVEL") {
	case "debug":
		level = slog.LevelDebug
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(os.Stderr, opts)
	if os.Getenv("KHOAGIAO_LOG_FORMAT") == "json" {
		h = slog.NewJSONHandler(os.Stderr, opts)
	}
	slog.SetDefault(slog.New(h))
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
