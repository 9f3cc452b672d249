package web

import "github.com/khoagiao/khoagiao/internal/dashboard"

// dashboard builds the role dashboards over the server's services.
func (s *Server) dashboard() *dashboard.Service {
	return dashboard.New(dashboard.Deps{Org: s.org, Calendar: s.svc.Calendar, Reporting: s.svc.Reporting, Task: s.svc.Task,
		Press: s.svc.Press, Notice: s.svc.Notice, Training: s.svc.Training, Now: s.cfg.Now})
}
