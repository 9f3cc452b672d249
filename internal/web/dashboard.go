package web

import "github.com/khoagiao/khoagiao/internal/dashboard"

// dashboard builds the role dashboards over the server's services.
func (s *Server) dashboard() *dashboard.Service {
	return dashboard.New(dashboard.Deps{Org: s.org, Calendar: s.svc.Calendar, Reporting: s.svc.Reporting, Task: s.svc.Task,
		Press: s.svc.Press, Notice: s.svc.Notice, Now: s.cfg.Now,
		// HOOK (training): set Training to an adapter of the training
		// register's figures (dashboard.TrainingSource) once the server
		// has the training service; the leader's dashboard then shows it.
	})
}
