package notice

import (
	"context"
	"fmt"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
)

// ReadCount is one issued directive's recipient units and how many of
// them have opened it.
type ReadCount struct {
	DirectiveID int64     `json:"directive_id"`
	Symbol      string    `json:"symbol"`
	Title       string    `json:"title"`
	IssuedAt    time.Time `json:"issued_at"`
	Units       int       `json:"units"`
	Read        int       `json:"read"`
}

// Unread is how many recipient units have not opened the directive.
func (r ReadCount) Unread() int { return r.Units - r.Read }

// ReadCounts returns, for the Board, every issued directive with its
// recipients and readings, newest first, in one GROUP BY: the dashboard's
// figures. A directive's unread count is the number of its rows in
// Unread(…, 0), the list /directives?unread=1 shows.
func (s *Service) ReadCounts(ctx context.Context, a org.Actor) ([]ReadCount, error) {
	if !a.AllUnits() {
		return nil, apperr.Forbidden()
	}
	rows, err := s.db.Query(ctx, `SELECT d.id, d.symbol, d.title, d.issued_at, COUNT(*), COUNT(r.unit_id)
		FROM directives d JOIN directive_units du ON du.directive_id = d.id
		LEFT JOIN directive_receipts r ON r.directive_id = du.directive_id AND r.unit_id = du.unit_id
		WHERE d.issued_at IS NOT NULL AND d.issued_at < ?
		GROUP BY d.id, d.symbol, d.title, d.issued_at ORDER BY d.issued_at DESC, d.id DESC`, s.clock())
	if err != nil {
		return nil, fmt.Errorf("notice: read counts: %w", err)
	}
	defer rows.Close()
	out := []ReadCount{}
	for rows.Next() {
		var c ReadCount
		if err := rows.Scan(&c.DirectiveID, &c.Symbol, &c.Title, &c.IssuedAt, &c.Units, &c.Read); err != nil {
			return nil, err
		}
		c.IssuedAt = c.IssuedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// UnreadForUnit lists the issued directives sent to the actor's unit that
// nobody of the unit has opened yet, newest first.
func (s *Service) UnreadForUnit(ctx context.Context, a org.Actor) ([]Directive, error) {
	if a.UnitID == 0 {
		return []Directive{}, nil
	}
	rows, err := s.db.Query(ctx, `SELECT `+directiveCols+` FROM directives
		WHERE issued_at IS NOT NULL AND id IN (SELECT directive_id FROM directive_units WHERE unit_id = ?)
		AND NOT EXISTS (SELECT 1 FROM directive_receipts r WHERE r.directive_id = directives.id AND r.unit_id = ?)
		ORDER BY issued_at DESC, id DESC LIMIT 500`, a.UnitID, a.UnitID)
	if err != nil {
		return nil, fmt.Errorf("notice: unread for unit: %w", err)
	}
	defer rows.Close()
	out := []Directive{}
	for rows.Next() {
		d, err := scanDirective(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
