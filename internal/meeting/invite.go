package meeting

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

// Inviter tells the users of invited units and invited people, inside the
// caller's transaction, that a conference concerns them: once per user and
// subject, skipping except (the notice module implements it; wired in cmd).
type Inviter interface {
	Invite(ctx context.Context, tx *sqldb.Tx, unitIDs, userIDs []int64, except int64, subject, title, link string) error
}

// WithInviter makes scheduling a conference send its invitations: a
// planned conference still ahead invites its units and people when it is
// created, whoever is added later when it is saved, and everyone again
// when it moves to another time.
func (s *Service) WithInviter(i Inviter) *Service { s.invite = i; return s }

// Link is the page of a conference.
func Link(id int64) string { return "/meetings/" + strconv.FormatInt(id, 10) }

// InviteSubject keys the invitations of a conference at one start time:
// a user is told once per key.
func InviteSubject(id int64, startsAt time.Time) string {
	return "meeting:" + strconv.FormatInt(id, 10) + ":invite:" + startsAt.UTC().Format("20060102T1504")
}

// When is the start of a conference as a line says it: "08:00 ngày 30/06/2020".
func When(t time.Time) string {
	l := t.In(vntext.Location)
	return l.Format("15:04") + " ngày " + vntext.FormatDate(l)
}

// sendInvites invites, in the saving transaction, the units and people of
// m that before (the stored conference, zero when new) had not invited at
// this time; when the time changed, everyone is told of the new time.
func (s *Service) sendInvites(ctx context.Context, tx *sqldb.Tx, a org.Actor, before, m Meeting, now time.Time) error {
	if s.invite == nil || m.Status != Draft || !m.StartsAt.After(now) {
		return nil
	}
	place := ""
	if m.Place != "" {
		place = ", " + m.Place
	}
	what := m.Title + " — " + When(m.StartsAt) + place
	subject, link := InviteSubject(m.ID, m.StartsAt), Link(m.ID)
	moved := before.ID != 0 && !before.StartsAt.Equal(m.StartsAt)
	var newUnits, newUsers []int64
	for _, u := range m.UnitIDs {
		if moved || !slices.Contains(before.UnitIDs, u) {
			newUnits = append(newUnits, u)
		}
	}
	for _, p := range m.People {
		if p.UserID != 0 && (moved || !slices.ContainsFunc(before.People, func(b Person) bool { return b.UserID == p.UserID })) {
			newUsers = append(newUsers, p.UserID)
		}
	}
	if moved {
		// Told of the change first: those invited before get the new time.
		var oldUnits, oldUsers []int64
		for _, u := range before.UnitIDs {
			if slices.Contains(m.UnitIDs, u) {
				oldUnits = append(oldUnits, u)
			}
		}
		for _, u := range personIDs(before.People) {
			if slices.Contains(personIDs(m.People), u) {
				oldUsers = append(oldUsers, u)
			}
		}
		if err := s.invite.Invite(ctx, tx, oldUnits, oldUsers, a.UserID, subject, "Hội nghị đổi thời gian: "+what, link); err != nil {
			return err
		}
	}
	return s.invite.Invite(ctx, tx, newUnits, newUsers, a.UserID, subject, "Giấy mời dự hội nghị: "+what, link)
}

func personIDs(people []Person) []int64 {
	var out []int64
	for _, p := range people {
		if p.UserID != 0 {
			out = append(out, p.UserID)
		}
	}
	return out
}
