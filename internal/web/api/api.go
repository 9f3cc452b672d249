// Package api is the JSON API under /api/v1: one file per resource, every
// handler checking the caller's scope through the services.
package api

import (
	"net/http"
	"time"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/dashboard"
	"github.com/khoagiao/khoagiao/internal/meeting"
	"github.com/khoagiao/khoagiao/internal/notice"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/press"
	"github.com/khoagiao/khoagiao/internal/reporting"
	"github.com/khoagiao/khoagiao/internal/search"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/training"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Deps are the services the API calls.
type Deps struct {
	Org        *org.Service
	Reporting  *reporting.Service
	Task       *task.Service
	Meeting    *meeting.Service
	Notice     *notice.Service
	Press      *press.Service
	Calendar   *calendar.Service
	Dashboard  *dashboard.Service
	Training   *training.Service
	Search     *search.Service
	TrustProxy bool
	Now        func() time.Time // the server's clock (document dates, default year)
}

// Route is one API endpoint. Public routes need no signed-in caller.
type Route struct {
	Method  string
	Path    string // below /api/v1
	Public  bool
	Handler httpx.HandlerFunc
}

// Pattern is the ServeMux pattern of the route.
func (rt Route) Pattern() string { return rt.Method + " /api/v1" + rt.Path }

type api struct{ Deps }

func (a *api) now() time.Time {
	if a.Now == nil {
		return time.Now()
	}
	return a.Now()
}

// Routes lists every endpoint; the server registers them and the OpenAPI
// test checks each one is documented.
func Routes(d Deps) []Route {
	a := &api{d}
	return append([]Route{
		{Method: "POST", Path: "/auth/tokens", Public: true, Handler: a.createToken},
		{Method: "GET", Path: "/auth/tokens", Handler: a.listTokens},
		{Method: "DELETE", Path: "/auth/tokens/{id}", Handler: a.revokeToken},
		{Method: "GET", Path: "/me", Handler: a.me},
		{Method: "POST", Path: "/me/password", Handler: a.changePassword},
		{Method: "GET", Path: "/units", Handler: a.listUnits},
		{Method: "POST", Path: "/units", Handler: a.createUnit},
		{Method: "GET", Path: "/units/{id}", Handler: a.getUnit},
		{Method: "PATCH", Path: "/units/{id}", Handler: a.patchUnit},
		{Method: "POST", Path: "/units/import", Handler: a.importUnits},
		{Method: "GET", Path: "/users", Handler: a.listUsers},
		{Method: "POST", Path: "/users", Handler: a.createUser},
		{Method: "GET", Path: "/users/{id}", Handler: a.getUser},
		{Method: "PATCH", Path: "/users/{id}", Handler: a.patchUser},
		{Method: "GET", Path: "/audit", Handler: a.listAudit},
		{Method: "GET", Path: "/audit/verify", Handler: a.verifyAudit},
		{Method: "GET", Path: "/settings", Handler: a.getSettings},
		{Method: "PUT", Path: "/settings", Handler: a.putSettings},
		{Method: "GET", Path: "/regimes", Handler: a.listRegimes},
		{Method: "POST", Path: "/regimes", Handler: a.createRegime},
		{Method: "GET", Path: "/regimes/{id}", Handler: a.getRegime},
		{Method: "PATCH", Path: "/regimes/{id}", Handler: a.patchRegime},
		{Method: "GET", Path: "/regimes/{id}/periods", Handler: a.regimePeriods},
		{Method: "GET", Path: "/regimes/{id}/completeness", Handler: a.completeness},
		{Method: "GET", Path: "/regimes/{id}/aggregate", Handler: a.aggregate},
		{Method: "GET", Path: "/regimes/{id}/export.xlsx", Handler: a.exportXLSX},
		{Method: "GET", Path: "/regimes/{id}/consolidated", Handler: a.getConsolidated},
		{Method: "PUT", Path: "/regimes/{id}/consolidated", Handler: a.putConsolidated},
		{Method: "POST", Path: "/regimes/{id}/consolidated/issue", Handler: a.issueConsolidated},
		{Method: "GET", Path: "/regimes/{id}/consolidated.docx", Handler: a.consolidatedDOCX},
		{Method: "GET", Path: "/reports/{regime_id}/{period_key}/{unit_id}", Handler: a.getReport},
		{Method: "PUT", Path: "/reports/{regime_id}/{period_key}/{unit_id}", Handler: a.putReport},
		{Method: "POST", Path: "/reports/{regime_id}/{period_key}/{unit_id}/submit", Handler: a.transition(reporting.ActSubmit)},
		{Method: "POST", Path: "/reports/{regime_id}/{period_key}/{unit_id}/approve", Handler: a.transition(reporting.ActApprove)},
		{Method: "POST", Path: "/reports/{regime_id}/{period_key}/{unit_id}/return", Handler: a.transition(reporting.ActReturn)},
		{Method: "POST", Path: "/reports/{regime_id}/{period_key}/{unit_id}/accept", Handler: a.transition(reporting.ActAccept)},
		{Method: "POST", Path: "/reports/{regime_id}/{period_key}/{unit_id}/reopen", Handler: a.transition(reporting.ActReopen)},
		{Method: "GET", Path: "/reports/{regime_id}/{period_key}/{unit_id}/workbook.xlsx", Handler: a.entryWorkbook},
		{Method: "POST", Path: "/reports/{regime_id}/{period_key}/{unit_id}/workbook", Handler: a.importWorkbook},
		{Method: "GET", Path: "/reports/{regime_id}/{period_key}/{unit_id}/attachments", Handler: a.listAttachments},
		{Method: "POST", Path: "/reports/{regime_id}/{period_key}/{unit_id}/attachments", Handler: a.attach},
		{Method: "DELETE", Path: "/reports/{regime_id}/{period_key}/{unit_id}/attachments/{id}", Handler: a.detach},
		{Method: "GET", Path: "/attachments/{id}", Handler: a.downloadAttachment},
		{Method: "GET", Path: "/holidays", Handler: a.listHolidays},
		{Method: "PUT", Path: "/holidays/{date}", Handler: a.putHoliday},
		{Method: "DELETE", Path: "/holidays/{date}", Handler: a.deleteHoliday},
		{Method: "GET", Path: "/calendar/working-days", Handler: a.addWorkingDays},
		{Method: "GET", Path: "/calendar/working-days-between", Handler: a.workingDaysBetween},
		{Method: "GET", Path: "/tasks", Handler: a.listTasks},
		{Method: "POST", Path: "/tasks", Handler: a.createTask},
		{Method: "GET", Path: "/tasks/scorecard", Handler: a.taskScorecard},
		{Method: "GET", Path: "/tasks/{id}", Handler: a.getTask},
		{Method: "POST", Path: "/tasks/{id}/progress", Handler: a.taskProgress},
		{Method: "POST", Path: "/tasks/{id}/complete", Handler: a.taskComplete},
		{Method: "POST", Path: "/tasks/{id}/confirm", Handler: a.taskConfirm},
		{Method: "POST", Path: "/tasks/{id}/reject", Handler: a.taskReject},
		{Method: "POST", Path: "/tasks/{id}/extension", Handler: a.taskExtension},
		{Method: "POST", Path: "/tasks/{id}/extension/{ext_id}", Handler: a.taskDecideExtension},
		{Method: "GET", Path: "/meetings", Handler: a.listMeetings},
		{Method: "POST", Path: "/meetings", Handler: a.createMeeting},
		{Method: "GET", Path: "/meetings/{id}", Handler: a.getMeeting},
		{Method: "PATCH", Path: "/meetings/{id}", Handler: a.patchMeeting},
		{Method: "PUT", Path: "/meetings/{id}/agenda", Handler: a.putAgenda},
		{Method: "PUT", Path: "/meetings/{id}/attendance", Handler: a.putAttendance},
		{Method: "PUT", Path: "/meetings/{id}/minutes", Handler: a.putMinutes},
		{Method: "POST", Path: "/meetings/{id}/conclusion", Handler: a.postConclusion},
		{Method: "POST", Path: "/meetings/{id}/conclusion/issue", Handler: a.issueConclusion},
		{Method: "GET", Path: "/meetings/{id}/conclusion.docx", Handler: a.conclusionDOCX},
		{Method: "GET", Path: "/meetings/{id}/prepare", Handler: a.prepareMeeting},
		{Method: "POST", Path: "/me/calendar-token", Handler: a.rotateCalendarToken},
		{Method: "GET", Path: "/openapi.json", Public: true, Handler: a.openAPI},
	}, append(append(append(append(append(a.pressRoutes(), a.pressTopicRoutes()...), a.feedRoutes()...), a.noticeRoutes()...), a.fileRoutes()...), append(append(append(a.prefRoutes(), a.trainingRoutes()...), a.dashboardRoutes()...), a.searchRoutes()...)...)...)
}

func created(w http.ResponseWriter, v any) error {
	httpx.WriteJSON(w, http.StatusCreated, v)
	return nil
}

func ok(w http.ResponseWriter, v any) error {
	httpx.WriteJSON(w, http.StatusOK, v)
	return nil
}
