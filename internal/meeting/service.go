package meeting

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/task"
)

// Service holds the conference rules; handlers call it, it never sees HTTP.
type Service struct {
	db     *sqldb.DB
	org    *org.Service
	tasks  *task.Service
	now    func() time.Time
	invite Inviter // sends the invitations when set (invite.go)
}

// NewService builds the conference service. Issued conclusions become
// tasks in the issuing transaction; tasks is read for their progress.
func NewService(db *sqldb.DB, orgSvc *org.Service, tasks *task.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, org: orgSvc, tasks: tasks, now: now}
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Service) today() civil.Date { return civil.Of(s.now(), vntext.Location) }

// CanManage reports whether the actor organises conferences: board
// specialists and administrators create them, keep the agenda, attendance
// and minutes, and draft the conclusion.
func CanManage(a org.Actor) bool { return a.Has(org.RoleBoardSpecialist, org.RoleAdmin) }

// CanIssue reports whether the actor may issue a conclusion notice: the
// organisers and the Board's leader, who signs it.
func CanIssue(a org.Actor) bool {
	return a.Has(org.RoleBoardSpecialist, org.RoleBoardLeader, org.RoleAdmin)
}

// canSee: the Board sees every conference; a unit those it is invited to;
// a person those they are invited to by name.
func canSee(a org.Actor, m Meeting) bool {
	if a.AllUnits() || (a.UnitID != 0 && slices.Contains(m.UnitIDs, a.UnitID)) {
		return true
	}
	return slices.ContainsFunc(m.People, func(p Person) bool { return a.UserID != 0 && p.UserID == a.UserID })
}

func conflict(what string, current any) error {
	e := apperr.Conflict("Dữ liệu "+what+" đã được người khác thay đổi. Hãy xem bản mới nhất trước khi lưu.",
		"The "+what+" was changed by someone else. Review the latest version before saving.")
	e.Detail = map[string]any{"current": current}
	return e
}

// Create adds a conference with its invited units and people.
func (s *Service) Create(ctx context.Context, a org.Actor, m Meeting) (Meeting, error) {
	if !CanManage(a) {
		return Meeting{}, apperr.Forbidden()
	}
	m.ID, m.Status, m.CreatedBy = 0, Draft, a.Username
	m.Normalize()
	if err := m.Validate(); err != nil {
		return Meeting{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if err := insertMeeting(ctx, tx, &m, now); err != nil {
			return err
		}
		if err := s.sendInvites(ctx, tx, a, Meeting{}, m, now); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionCreate, "meeting", m.ID, nil, auditView(m)))
	})
	if err != nil {
		return Meeting{}, fmt.Errorf("meeting: create: %w", err)
	}
	return s.find(ctx, s.db, m.ID)
}

// Update replaces a conference's details and invitations if m.Version is
// the version stored; otherwise the conflict carries the stored conference.
// A conference is marked concluded only by issuing its notice.
func (s *Service) Update(ctx context.Context, a org.Actor, id int64, m Meeting) (Meeting, error) {
	if !CanManage(a) {
		return Meeting{}, apperr.Forbidden()
	}
	if m.Version <= 0 {
		return Meeting{}, apperr.InvalidField("version", "Thiếu phiên bản dữ liệu (version) đã đọc.", "The version you read is required.")
	}
	m.ID = id
	m.Normalize()
	if err := m.Validate(); err != nil {
		return Meeting{}, err
	}
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		before, err := findMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != m.Version {
			return conflict("hội nghị", before)
		}
		if (m.Status == Concluded) != (before.Status == Concluded) {
			if before.Status == Concluded {
				m.Status = Concluded // the notice is issued: it stays concluded
			} else {
				return apperr.InvalidField("status", "Hội nghị chỉ chuyển sang \"đã kết luận\" khi ban hành thông báo kết luận.",
					"A conference is concluded by issuing its notice.")
			}
		}
		m.CreatedBy, m.CreatedAt = before.CreatedBy, before.CreatedAt
		now := s.clock()
		if err := updateMeeting(ctx, tx, &m, now); errors.Is(err, errStale) {
			return conflict("hội nghị", before)
		} else if err != nil {
			return err
		}
		if err := s.sendInvites(ctx, tx, a, before, m, now); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, org.ActionUpdate, "meeting", id, auditView(before), auditView(m)))
	})
	if err != nil {
		return Meeting{}, fmt.Errorf("meeting: update %d: %w", id, err)
	}
	return s.find(ctx, s.db, id)
}

// Find returns a conference the actor may see.
func (s *Service) Find(ctx context.Context, a org.Actor, id int64) (Meeting, error) {
	m, err := s.find(ctx, s.db, id)
	if err != nil {
		return Meeting{}, err
	}
	if !canSee(a, m) {
		return Meeting{}, apperr.Forbidden()
	}
	redact(a, &m)
	return m, nil
}

// redact hides the minutes being typed from the units until the notice is
// issued: drafts are the Board's.
func redact(a org.Actor, m *Meeting) {
	if !a.AllUnits() && m.Status != Concluded {
		m.Minutes = Minutes{}
	}
}

func (s *Service) find(ctx context.Context, q querier, id int64) (Meeting, error) {
	return findMeeting(ctx, q, id)
}

// List returns the conferences the actor may see, by start time; desc
// lists the latest first.
func (s *Service) List(ctx context.Context, a org.Actor, f Filter, desc bool) ([]Meeting, error) {
	var unitID, userID int64
	if !a.AllUnits() {
		unitID, userID = a.UnitID, a.UserID
		if unitID == 0 && userID == 0 {
			return []Meeting{}, nil
		}
	}
	ms, err := listMeetings(ctx, s.db, f, unitID, userID, desc)
	for i := range ms {
		redact(a, &ms[i])
	}
	return ms, err
}

// Detail is a conference with everything its page shows.
type Detail struct {
	Meeting
	Agenda      []AgendaItem `json:"agenda"`
	Attendance  []Attendance `json:"attendance"`
	Conclusion  Conclusion   `json:"conclusion"`
	Attachments []blob.File  `json:"attachments"`
}

// Detail returns a conference with its agenda (and the files of each
// item), attendance, the conclusion (a default draft when none is saved;
// units see it once issued) and the conference's own files.
func (s *Service) Detail(ctx context.Context, a org.Actor, id int64) (Detail, error) {
	m, err := s.Find(ctx, a, id)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Meeting: m}
	if d.Agenda, err = loadAgenda(ctx, s.db, id); err != nil {
		return Detail{}, err
	}
	if err := agendaFiles(ctx, s.db, d.Agenda); err != nil {
		return Detail{}, err
	}
	if d.Attendance, err = loadAttendance(ctx, s.db, id); err != nil {
		return Detail{}, err
	}
	if d.Conclusion, err = s.conclusion(ctx, m); err != nil {
		return Detail{}, err
	}
	if !a.AllUnits() && !d.Conclusion.Issued() {
		d.Conclusion = Conclusion{MeetingID: id, Items: []Item{}, Recipients: []string{}} // the draft is the Board's
	}
	if d.Attachments, err = s.Attachments(ctx, a, id); err != nil {
		return Detail{}, err
	}
	return d, nil
}

// auditView is what the audit trail keeps of a conference (not the minutes).
func auditView(m Meeting) map[string]any {
	return map[string]any{"id": m.ID, "kind": m.Kind, "title": m.Title, "starts_at": m.StartsAt, "ends_at": m.EndsAt,
		"place": m.Place, "online_link": m.OnlineLink, "chair_user_id": m.ChairUserID, "chair_name": m.ChairName,
		"secretary": m.Secretary, "status": m.Status, "unit_ids": m.UnitIDs, "people": m.People, "version": m.Version}
}
