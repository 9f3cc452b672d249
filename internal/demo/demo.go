// Package demo loads the seed scenario — the Board's six-month review
// conference of 30 June 2020 (../shared/docs/seed-article.txt) — as demo
// data. Loading is idempotent: what exists already is left as it is.
package demo

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// Deps are the services the demo loads through (so every rule and audit
// entry applies to demo data as to real data).
type Deps struct {
	Org      *org.Service
	Calendar *calendar.Service
}

// Options configures a load.
type Options struct {
	// Password for every demo user; generated when empty.
	Password string
	// FeedBaseURL is the running server's address; when set, the
	// bundled press feeds (served there under /demo/feeds/) and their watch
	// rules are registered.
	FeedBaseURL string
}

// Result says what a load did.
type Result struct {
	UnitsCreated   int
	UsersCreated   int
	RegimesCreated int
	Password       string // the password given to newly created users ("" when none were created)
	Usernames      []string
}

// Settings of the demo province. The seed article does not name its
// province; the place is a setting, and this is only its demo value.
var Settings = map[string]string{
	org.SettingProvinceName: "Quảng Trị",
	org.SettingSuperiorName: "TỈNH ỦY QUẢNG TRỊ",
	org.SettingBoardName:    "BAN TUYÊN GIÁO",
	org.SettingBoardSymbol:  "BTGTU",
}

// Load creates the organisation of the seed article as it stood on 30 June 2020.
func Load(ctx context.Context, d Deps, o Options) (Result, error) {
	svc := d.Org
	a := org.SystemActor("demo")
	var res Result
	if err := svc.SetSettings(ctx, a, Settings); err != nil {
		return res, fmt.Errorf("demo: settings: %w", err)
	}
	ids := map[string]int64{}
	for _, u := range Units {
		id, created, err := ensureUnit(ctx, svc, a, u, ids)
		if err != nil {
			return res, fmt.Errorf("demo: unit %s: %w", u.Code, err)
		}
		ids[u.Code] = id
		if created {
			res.UnitsCreated++
		}
	}
	password := o.Password
	if password == "" {
		password = generatePassword()
	}
	for _, p := range People() {
		created, err := ensureUser(ctx, svc, a, p, ids, password)
		if err != nil {
			return res, fmt.Errorf("demo: user %s: %w", p.Username, err)
		}
		if created {
			res.UsersCreated++
			res.Usernames = append(res.Usernames, p.Username)
		}
	}
	if res.UsersCreated > 0 {
		res.Password = password
	}
	n, regimes, err := loadReporting(ctx, d, ids)
	res.RegimesCreated = n
	if err != nil {
		return res, err
	}
	if err := loadConference(ctx, d, ids, regimes); err != nil {
		return res, err
	}
	if err := loadPress(ctx, d, ids, o.FeedBaseURL); err != nil {
		return res, err
	}
	if err := loadTopics(ctx, d, regimes); err != nil {
		return res, err
	}
	if err := loadTraining(ctx, d, ids); err != nil {
		return res, err
	}
	return res, loadNotice(ctx, d, ids)
}

func ensureUnit(ctx context.Context, svc *org.Service, a org.Actor, u UnitSpec, ids map[string]int64) (int64, bool, error) {
	existing, err := svc.UnitByCode(ctx, a, u.Code)
	if err == nil {
		return existing.ID, false, nil
	}
	if !apperr.Is(err, apperr.KindNotFound) {
		return 0, false, err
	}
	unit := org.Unit{Code: u.Code, Name: u.Name, ShortName: u.Short, Kind: u.Kind, Bloc: u.Bloc}
	if u.Parent != "" {
		pid := ids[u.Parent]
		unit.ParentID = &pid
	}
	created, err := svc.CreateUnit(ctx, a, unit)
	return created.ID, err == nil, err
}

func ensureUser(ctx context.Context, svc *org.Service, a org.Actor, p Person, ids map[string]int64, password string) (bool, error) {
	list, err := svc.ListUsers(ctx, a, org.UserFilter{Q: p.Username, Limit: 10})
	if err != nil {
		return false, err
	}
	for _, u := range list.Items {
		if u.Username == p.Username {
			return false, nil
		}
	}
	u := org.User{Username: p.Username, FullName: p.FullName, Email: p.Username + "@khoagiao.example",
		UnitID: ids[p.Unit], Roles: p.Roles}
	_, err = svc.CreateUser(ctx, a, u, password)
	return err == nil, err
}

// generatePassword makes a readable 16-character password.
func generatePassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
	var b strings.Builder
	for i := 0; i < 16; i++ {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			panic(err)
		}
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(alphabet[n.Int64()])
	}
	return b.String()
}
