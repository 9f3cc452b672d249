package reporting

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Consolidated is the Board's consolidated report for a period: assembled
// from the accepted reports, edited by the specialist, numbered when issued
// and downloaded as a Party-format document.
type Consolidated struct {
	RegimeID   int64         `json:"regime_id"`
	PeriodKey  string        `json:"period_key"`
	Title      string        `json:"title"`   // document type, e.g. "BÁO CÁO"
	Subject    string        `json:"subject"` // trích yếu
	Sections   []ConsSection `json:"sections"`
	Tables     []ConsTable   `json:"tables"`
	Signature  ConsSignature `json:"signature"`
	Recipients []string      `json:"recipients"`
	Number     int           `json:"number"`
	IssuedAt   *time.Time    `json:"issued_at,omitempty"`
	Version    int           `json:"version"`
	UpdatedAt  time.Time     `json:"updated_at"`
	UpdatedBy  string        `json:"updated_by"`
	Stored     bool          `json:"stored"`
	Sources    int           `json:"sources"` // accepted reports it was assembled from
}

// ConsSection is a part of the body, with its heading.
type ConsSection struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// ConsTable is a table of figures.
type ConsTable struct {
	Title       string     `json:"title"`
	Header      []string   `json:"header"`
	Rows        [][]string `json:"rows"`
	NumericCols []int      `json:"numeric_cols"`
}

// ConsSignature is the signature block.
type ConsSignature struct {
	Authority string `json:"authority"` // T/M BAN TUYÊN GIÁO
	Position  string `json:"position"`  // TRƯỞNG BAN
	Name      string `json:"name"`
}

// ConsolidatedTypeCode is the document type of a consolidated report.
const ConsolidatedTypeCode = "BC"

func loadConsolidated(ctx context.Context, q querier, regimeID int64, period string) (Consolidated, bool, error) {
	var body string
	var c Consolidated
	var issued sql.NullTime
	err := q.QueryRow(ctx, `SELECT doc_json, number, issued_at, version, updated_at, updated_by FROM consolidated
		WHERE regime_id = ? AND period_key = ?`, regimeID, period).Scan(&body, &c.Number, &issued, &c.Version, &c.UpdatedAt, &c.UpdatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return Consolidated{}, false, nil
	}
	if err != nil {
		return Consolidated{}, false, fmt.Errorf("reporting: load consolidated: %w", err)
	}
	number, version, updatedAt, updatedBy := c.Number, c.Version, c.UpdatedAt, c.UpdatedBy
	if err := json.Unmarshal([]byte(body), &c); err != nil {
		return Consolidated{}, false, fmt.Errorf("reporting: decode consolidated: %w", err)
	}
	c.Number, c.Version, c.UpdatedAt, c.UpdatedBy, c.IssuedAt, c.Stored = number, version, updatedAt, updatedBy, timePtr(issued), true
	return c, true, nil
}

// Consolidated returns the stored draft, or a fresh one assembled from the
// accepted reports when none is stored yet.
func (s *Service) Consolidated(ctx context.Context, a org.Actor, regimeID int64, period string) (Consolidated, error) {
	if !canOversee(a) {
		return Consolidated{}, apperr.Forbidden()
	}
	r, err := s.findRegime(ctx, s.db, regimeID)
	if err != nil {
		return Consolidated{}, err
	}
	p, err := r.Period(period)
	if err != nil {
		return Consolidated{}, err
	}
	c, ok, err := loadConsolidated(ctx, s.db, regimeID, p.Key)
	if err != nil || ok {
		return c, err
	}
	return s.assemble(ctx, a, r, p.Key)
}

// SaveConsolidated stores the specialist's edits if the version is current.
// With reassemble, the text is rebuilt from the accepted reports first.
func (s *Service) SaveConsolidated(ctx context.Context, a org.Actor, regimeID int64, period string, c Consolidated) (Consolidated, error) {
	if !canDesign(a) {
		return Consolidated{}, apperr.Forbidden()
	}
	normalizeConsolidated(&c)
	if strings.TrimSpace(c.Subject) == "" {
		return Consolidated{}, apperr.InvalidField("subject", "Trích yếu là bắt buộc.", "The subject is required.")
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		r, err := s.findRegime(ctx, tx, regimeID)
		if err != nil {
			return err
		}
		p, err := r.Period(period)
		if err != nil {
			return err
		}
		cur, ok, err := loadConsolidated(ctx, tx, regimeID, p.Key)
		if err != nil {
			return err
		}
		if ok && cur.Version != c.Version || !ok && c.Version != 0 {
			return conflict("báo cáo tổng hợp", cur)
		}
		if ok && cur.IssuedAt != nil {
			return apperr.Conflict("Báo cáo tổng hợp đã ban hành, không sửa được.", "The consolidated report is issued and cannot be edited.")
		}
		now := s.clock()
		c.RegimeID, c.PeriodKey, c.UpdatedAt, c.UpdatedBy = regimeID, p.Key, now, a.Username
		c.Number, c.IssuedAt = 0, nil // only issuing numbers a document
		if err := storeConsolidated(ctx, tx, &c, ok); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionUpdate, "consolidated", fmt.Sprintf("%d/%s", regimeID, p.Key), nil, c))
	})
	if err != nil {
		return Consolidated{}, fmt.Errorf("reporting: save consolidated: %w", err)
	}
	c.Stored = true
	return c, nil
}

func storeConsolidated(ctx context.Context, tx *sqldb.Tx, c *Consolidated, exists bool) error {
	body, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if !exists {
		c.Version = 1
		_, err = tx.Exec(ctx, `INSERT INTO consolidated (regime_id, period_key, doc_json, number, issued_at, version, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, c.RegimeID, c.PeriodKey, string(body), c.Number, c.IssuedAt, c.UpdatedAt, c.UpdatedBy)
	} else {
		var res sql.Result
		res, err = tx.Exec(ctx, `UPDATE consolidated SET doc_json = ?, number = ?, issued_at = ?, version = version + 1, updated_at = ?, updated_by = ?
			WHERE regime_id = ? AND period_key = ? AND version = ?`, string(body), c.Number, c.IssuedAt, c.UpdatedAt, c.UpdatedBy,
			c.RegimeID, c.PeriodKey, c.Version)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return errStale
			}
			c.Version++
		}
	}
	if err != nil {
		return fmt.Errorf("reporting: store consolidated: %w", err)
	}
	return nil
}

// IssueConsolidated gives the report its number for the year and freezes it.
func (s *Service) IssueConsolidated(ctx context.Context, a org.Actor, regimeID int64, period string, version int) (Consolidated, error) {
	if !a.Has(org.RoleBoardSpecialist, org.RoleBoardLeader, org.RoleAdmin) {
		return Consolidated{}, apperr.Forbidden()
	}
	r, err := s.findRegime(ctx, s.db, regimeID)
	if err != nil {
		return Consolidated{}, err
	}
	p, err := r.Period(period)
	if err != nil {
		return Consolidated{}, err
	}
	period = p.Key
	var out Consolidated
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		c, ok, err := loadConsolidated(ctx, tx, regimeID, period)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Conflict("Hãy lưu dự thảo báo cáo tổng hợp trước khi ban hành.", "Save the draft before issuing it.")
		}
		if c.Version != version {
			return conflict("báo cáo tổng hợp", c)
		}
		if c.IssuedAt != nil {
			return apperr.Conflict("Báo cáo tổng hợp đã ban hành.", "Already issued.")
		}
		now := s.clock()
		if c.Number, err = org.NextDocNumber(ctx, tx, now.In(vntext.Location).Year(), ConsolidatedTypeCode); err != nil {
			return err
		}
		c.IssuedAt, c.UpdatedAt, c.UpdatedBy = &now, now, a.Username
		if err := storeConsolidated(ctx, tx, &c, true); err != nil {
			return err
		}
		out = c
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "issue", "consolidated", fmt.Sprintf("%d/%s", regimeID, period), nil,
			map[string]any{"number": c.Number}))
	})
	if err != nil {
		return Consolidated{}, fmt.Errorf("reporting: issue consolidated: %w", err)
	}
	return out, nil
}

func normalizeConsolidated(c *Consolidated) {
	c.Title, c.Subject = vntext.Normalize(c.Title), vntext.Normalize(c.Subject)
	for i := range c.Sections {
		c.Sections[i].Title, c.Sections[i].Body = vntext.Normalize(c.Sections[i].Title), vntext.Normalize(c.Sections[i].Body)
	}
	for i := range c.Recipients {
		c.Recipients[i] = vntext.Normalize(c.Recipients[i])
	}
	c.Signature.Authority, c.Signature.Position, c.Signature.Name =
		vntext.Normalize(c.Signature.Authority), vntext.Normalize(c.Signature.Position), vntext.Normalize(c.Signature.Name)
}
