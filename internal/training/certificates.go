package training

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/blob"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// participantOf returns the place of a staff member on a course.
func participantOf(ctx context.Context, q querier, courseID, staffID int64) (Participant, error) {
	var p Participant
	err := q.QueryRow(ctx, `SELECT p.id, p.course_id, p.staff_id, s.full_name, s.unit_id, p.attendance, p.result, p.certificate_no
		FROM training_participants p JOIN training_staff s ON s.id = p.staff_id WHERE p.course_id = ? AND p.staff_id = ?`,
		courseID, staffID).Scan(&p.ID, &p.CourseID, &p.StaffID, &p.StaffName, &p.UnitID, &p.Attendance, &p.Result, &p.CertificateNo)
	if errors.Is(err, sql.ErrNoRows) {
		return Participant{}, apperr.NotFound("học viên của lớp")
	}
	if err != nil {
		return Participant{}, fmt.Errorf("training: participant: %w", err)
	}
	return p, nil
}

// AttachCertificate stores a certificate (PDF or image; blob checks size
// and content) with a participant who attended. The Board's managers attach
// for anyone; a unit for its own staff.
func (s *Service) AttachCertificate(ctx context.Context, a org.Actor, courseID, staffID int64, name string, data []byte) (blob.File, error) {
	var out blob.File
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		p, err := participantOf(ctx, tx, courseID, staffID)
		if err != nil {
			return err
		}
		if !CanManageUnit(a, p.UnitID) {
			return apperr.Forbidden()
		}
		if p.Attendance != Attended {
			return apperr.InvalidField("file", "Chỉ đính kèm chứng chỉ cho học viên có tham dự.", "Only a participant who attended has a certificate.")
		}
		now := s.clock()
		f, err := blob.Save(ctx, tx, ownerParticipant, p.ID, name, data, a.Username, now)
		if err != nil {
			return err
		}
		out = f
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, ActionAttach, "attachment", f.ID, nil, certificateView(f, p)))
	})
	if err != nil {
		return blob.File{}, fmt.Errorf("training: attach certificate: %w", err)
	}
	return out, nil
}

// certificateOwner returns the participant a certificate belongs to.
func certificateOwner(ctx context.Context, q querier, f blob.File) (Participant, error) {
	if f.OwnerKind != ownerParticipant {
		return Participant{}, apperr.NotFound("chứng chỉ")
	}
	var p Participant
	err := q.QueryRow(ctx, `SELECT p.id, p.course_id, p.staff_id, s.unit_id FROM training_participants p
		JOIN training_staff s ON s.id = p.staff_id WHERE p.id = ?`, f.OwnerID).Scan(&p.ID, &p.CourseID, &p.StaffID, &p.UnitID)
	if errors.Is(err, sql.ErrNoRows) {
		return Participant{}, apperr.NotFound("chứng chỉ")
	}
	if err != nil {
		return Participant{}, fmt.Errorf("training: certificate owner: %w", err)
	}
	return p, nil
}

// CertificateFile returns a certificate and its content to whoever may see
// the staff member's unit; the scope is checked before the content loads.
func (s *Service) CertificateFile(ctx context.Context, a org.Actor, fileID int64) (blob.File, []byte, error) {
	f, err := blob.Find(ctx, s.db, fileID)
	if err != nil {
		return blob.File{}, nil, err
	}
	p, err := certificateOwner(ctx, s.db, f)
	if err != nil {
		return blob.File{}, nil, err
	}
	if !a.CanSeeUnit(p.UnitID) {
		return blob.File{}, nil, apperr.Forbidden()
	}
	return blob.Open(ctx, s.db, fileID)
}

// DetachCertificate removes a certificate, under the rule of AttachCertificate.
func (s *Service) DetachCertificate(ctx context.Context, a org.Actor, fileID int64) error {
	f, err := blob.Find(ctx, s.db, fileID)
	if err != nil {
		return err
	}
	err = s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		p, err := certificateOwner(ctx, tx, f)
		if err != nil {
			return err
		}
		if !CanManageUnit(a, p.UnitID) {
			return apperr.Forbidden()
		}
		if err := blob.Delete(ctx, tx, f.ID); err != nil {
			return err
		}
		return org.AppendAudit(ctx, tx, s.clock(), org.NewAudit(a, ActionDetach, "attachment", f.ID, certificateView(f, p), nil))
	})
	if err != nil {
		return fmt.Errorf("training: detach certificate %d: %w", fileID, err)
	}
	return nil
}

// certificateView is what the audit trail keeps of a certificate: its
// metadata and its participant, never the bytes.
func certificateView(f blob.File, p Participant) map[string]any {
	return map[string]any{"id": f.ID, "course_id": p.CourseID, "staff_id": p.StaffID, "participant_id": p.ID,
		"name": f.Name, "content_type": f.ContentType, "size": f.Size, "sha256": f.SHA256}
}
