package press

import (
	"context"
	"fmt"
	"strings"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

func noUnit() error {
	return apperr.InvalidField("unit_id", "Đơn vị (cơ quan báo chí) không tồn tại.", "The unit (press agency) does not exist.")
}

// checkFeed cleans and checks a feed's editable fields — outlet, charset and
// the publishing unit — adding to v, and returns v's error.
func (s *Service) checkFeed(ctx context.Context, f *Feed, v *apperr.Invalid) error {
	f.Outlet, f.Charset = vntext.Normalize(f.Outlet), strings.ToLower(strings.TrimSpace(f.Charset))
	if f.Outlet == "" {
		v.Add("outlet", "Tên cơ quan báo chí là bắt buộc.", "The outlet is required.")
	}
	if f.Charset != "" {
		if _, _, ok := lookupEncoding(f.Charset); !ok {
			v.Add("charset", "Bảng mã không được hỗ trợ.", "Unknown charset.")
		}
	}
	if f.UnitID < 0 {
		f.UnitID = 0
	}
	if f.UnitID != 0 {
		var n int
		if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM units WHERE id = ?`, f.UnitID).Scan(&n); err != nil {
			return fmt.Errorf("press: feed unit: %w", err)
		}
		if n == 0 {
			v.Add("unit_id", "Đơn vị (cơ quan báo chí) không tồn tại.", "The unit (press agency) does not exist.")
		}
	}
	return v.Err()
}

// FindFeed returns one feed (admin, Board specialist).
func (s *Service) FindFeed(ctx context.Context, a org.Actor, id int64) (Feed, error) {
	if !CanManageFeeds(a) {
		return Feed{}, apperr.Forbidden()
	}
	return findFeed(ctx, s.db, id)
}

// UpdateFeed changes a feed's outlet, charset, publishing unit and whether
// it is polled (admin, Board specialist); its address and polling state stay.
func (s *Service) UpdateFeed(ctx context.Context, a org.Actor, id int64, in Feed) (Feed, error) {
	if !CanManageFeeds(a) {
		return Feed{}, apperr.Forbidden()
	}
	if err := s.checkFeed(ctx, &in, &apperr.Invalid{}); err != nil {
		return Feed{}, err
	}
	var out Feed
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findFeed(ctx, tx, id)
		if err != nil {
			return err
		}
		f := before
		f.Outlet, f.Charset, f.UnitID, f.Active = in.Outlet, in.Charset, in.UnitID, in.Active
		_, err = tx.Exec(ctx, `UPDATE feeds SET outlet = ?, charset = ?, unit_id = ?, active = ? WHERE id = ?`,
			f.Outlet, f.Charset, nullID(f.UnitID), f.Active, id)
		if sqldb.IsForeignKeyViolation(err) {
			return noUnit()
		}
		if err != nil {
			return fmt.Errorf("press: update feed %d: %w", id, err)
		}
		out = f
		return org.AppendAudit(ctx, tx, s.clock(), org.NewAudit(a, org.ActionUpdate, "press_feed", id, before, f))
	})
	if err != nil {
		return Feed{}, fmt.Errorf("press: update feed: %w", err)
	}
	return out, nil
}
