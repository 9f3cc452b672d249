package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
)

func cmdMigrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ExitOnError)
	dsn := dbFlag(fs)
	fs.Parse(args)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	fmt.Printf("schema version %d (%s)\n", v, db.Dialect)
	return err
}

func cmdDemo(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ExitOnError)
	dsn := dbFlag(fs)
	fs.Parse(args)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	orgSvc := org.NewService(db, org.Options{})
	return loadDemo(ctx, services(db, orgSvc))
}

func cmdUnitsImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("units import", flag.ExitOnError)
	dsn := dbFlag(fs)
	fs.Parse(args)
	if fs.NArg() != 1 {
		return fmt.Errorf("units import: cần đúng một tệp")
	}
	path := fs.Arg(0)
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	format, err := org.DetectFormat(filepath.Base(path), data)
	if err != nil {
		return err
	}
	rows, err := org.ParseImport(format, data)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := org.NewService(db, org.Options{}).ImportUnits(ctx, org.SystemActor("cli"), rows)
	if err != nil {
		return err
	}
	fmt.Printf("%d dòng: %d thêm mới, %d cập nhật, %d không đổi\n", res.Rows, res.Created, res.Updated, res.Unchanged)
	return nil
}

func readPassword() (string, error) {
	if pw := os.Getenv("KHOAGIAO_PASSWORD"); pw != "" {
		return pw, nil
	}
	fmt.Fprint(os.Stderr, "Mật khẩu: ")
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("đọc mật khẩu: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func cmdUserCreate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("user create", flag.ExitOnError)
	dsn := dbFlag(fs)
	username := fs.String("username", "", "tên đăng nhập")
	fullName := fs.String("full-name", "", "họ và tên")
	unitCode := fs.String("unit", "", "mã đơn vị")
	roles := fs.String("roles", "", "vai trò, phân cách bằng dấu phẩy")
	email := fs.String("email", "", "thư điện tử")
	fs.Parse(args)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := org.NewService(db, org.Options{})
	a := org.SystemActor("cli")
	unit, err := svc.UnitByCode(ctx, a, *unitCode)
	if err != nil {
		return err
	}
	u := org.User{Username: *username, FullName: *fullName, Email: *email, UnitID: unit.ID}
	for _, r := range strings.Split(*roles, ",") {
		if r = strings.TrimSpace(r); r != "" {
			u.Roles = append(u.Roles, org.Role(r))
		}
	}
	pw, err := readPassword()
	if err != nil {
		return err
	}
	created, err := svc.CreateUser(ctx, a, u, pw)
	if err != nil {
		return err
	}
	fmt.Printf("đã tạo người dùng %s (id %d)\n", created.Username, created.ID)
	return nil
}

func cmdUserPasswd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("user passwd", flag.ExitOnError)
	dsn := dbFlag(fs)
	fs.Parse(args)
	if fs.NArg() != 1 {
		return fmt.Errorf("user passwd: cần tên đăng nhập")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := org.NewService(db, org.Options{})
	a := org.SystemActor("cli")
	list, err := svc.ListUsers(ctx, a, org.UserFilter{Q: fs.Arg(0), Limit: 50})
	if err != nil {
		return err
	}
	for _, u := range list.Items {
		if u.Username != fs.Arg(0) {
			continue
		}
		pw, err := readPassword()
		if err != nil {
			return err
		}
		if _, err := svc.UpdateUser(ctx, a, u.ID, org.UserPatch{Password: &pw, Version: u.Version}); err != nil {
			return err
		}
		fmt.Println("đã đặt lại mật khẩu")
		return nil
	}
	return fmt.Errorf("không có người dùng %s", fs.Arg(0))
}

func cmdAuditVerify(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("audit verify", flag.ExitOnError)
	dsn := dbFlag(fs)
	fs.Parse(args)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := org.NewService(db, org.Options{}).VerifyAudit(ctx)
	if err != nil {
		return err
	}
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
	if !res.OK {
		return fmt.Errorf("nhật ký bị phá vỡ tại bản ghi %d: %s", res.BrokenAt, res.Reason)
	}
	return nil
}
