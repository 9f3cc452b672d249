package reminder

import (
	"context"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/reporting"
)

// ReportLeadDays is how many working days before a report's due date its
// reminders start.
const ReportLeadDays = 3

// WithReports makes the scan remind the expected units of reports not yet
// submitted: from ReportLeadDays working days before the due date until
// entry locks.
func (s *Scanner) WithReports(r *reporting.Service) *Scanner {
	s.reports = r
	return s
}

// reportReminders finds, for every active regime, the periods due soon,
// today or overdue but not locked, and reminds the reporters and leaders
// of the expected units that have not submitted.
func (s *Scanner) reportReminders(ctx context.Context, cal *calendar.Calendar, today civil.Date) ([]reminder, error) {
	if s.reports == nil {
		return nil, nil
	}
	sys := org.Actor{Username: "system:reminder", System: true, Roles: []org.Role{org.RoleAdmin}}
	regimes, err := s.reports.ListRegimes(ctx, sys)
	if err != nil {
		return nil, err
	}
	var out []reminder
	for _, rg := range regimes {
		if !rg.Active {
			continue
		}
		seen := map[string]bool{}
		for _, year := range []int{today.Year - 1, today.Year} {
			periods, err := s.reports.Periods(ctx, sys, rg.ID, year)
			if err != nil {
				return nil, err
			}
			for _, p := range periods {
				if seen[p.Key] || today.After(p.Locks) {
					continue
				}
				seen[p.Key] = true
				var t string
				due := vntext.FormatDate(p.Due.In(vntext.Location))
				switch {
				case p.Due.Before(today):
					t = "Báo cáo quá hạn nộp (hạn " + due + "): " + rg.Name + " kỳ " + p.Key
				case p.Due == today:
					t = "Báo cáo đến hạn nộp hôm nay: " + rg.Name + " kỳ " + p.Key
				case cal.WorkingDaysBetween(today, p.Due) <= ReportLeadDays:
					t = "Báo cáo sắp đến hạn nộp (" + due + "): " + rg.Name + " kỳ " + p.Key
				default:
					continue
				}
				c, err := s.reports.Completeness(ctx, sys, rg.ID, p.Key)
				if err != nil {
					return nil, err
				}
				for _, u := range c.Units {
					if u.Status == string(reporting.StatusSubmitted) || u.Status == string(reporting.StatusAccepted) {
						continue
					}
					users, err := s.unitReporters(ctx, u.UnitID)
					if err != nil {
						return nil, err
					}
					out = append(out, reminder{unitID: u.UnitID, users: users,
						subject: "report:" + strconv.FormatInt(rg.ID, 10) + ":" + p.Key, title: t,
						link: "/reports/" + strconv.FormatInt(rg.ID, 10) + "/" + p.Key + "/" + strconv.FormatInt(u.UnitID, 10)})
				}
			}
		}
	}
	return out, nil
}

// unitReporters returns the active reporters and leaders of a unit.
func (s *Scanner) unitReporters(ctx context.Context, unitID int64) ([]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE u.active = ? AND u.unit_id = ? AND r.role IN ('unit_reporter', 'unit_leader') ORDER BY u.id`, true, unitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
