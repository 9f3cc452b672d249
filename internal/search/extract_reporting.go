package search

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// Reports: the unit's own people (reporters, leaders, viewers) at every
// stage, drafts included, and the Board (reporting.Service.Report checks
// only CanSeeUnit). Another unit never finds them.
const allReports = `SELECT id, updated_at FROM reports`

func loadReports(ctx context.Context, q sqldb.Querier, ids []int64) ([]Doc, error) {
	var out []Doc
	err := queryRows(ctx, q, `SELECT r.id, r.regime_id, r.period_key, r.unit_id, r.status, r.sections_json, r.updated_at, g.name, n.name
		FROM reports r JOIN regimes g ON g.id = r.regime_id JOIN units n ON n.id = r.unit_id WHERE r.id IN (?)`, ids,
		func(scan func(...any) error) error {
			var d Doc
			var regimeID int64
			var period, sections, regime, unit string
			if err := scan(&d.RefID, &regimeID, &period, &d.UnitID, &d.Status, &sections, &d.Stamp, &regime, &unit); err != nil {
				return err
			}
			d.Kind, d.Units, d.Readers = KindReport, []int64{d.UnitID}, unitReaders(d.UnitID)
			d.Title = regime + " — " + reporting.PeriodLabel(period) + " — " + unit
			d.Body = sectionText(sections)
			d.URL = "/reports/" + id(regimeID) + "/" + period + "/" + id(d.UnitID)
			d.Day = dayOf(d.Stamp)
			out = append(out, d)
			return nil
		})
	return out, err
}

// sectionText is a report's narrative sections, in the order of their keys
// (templates number them), one per paragraph.
func sectionText(js string) string {
	var m map[string]string
	if json.Unmarshal([]byte(js), &m) != nil {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, m[k])
	}
	return strings.TrimSpace(joinText(parts...))
}
