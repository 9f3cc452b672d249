package meeting

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/ical"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/task"
)

// CalendarTokenPrefix starts every calendar subscription secret, so a
// leaked one is recognisable in logs and secret scanners.
const CalendarTokenPrefix = "kgc_"

func hashCalendarToken(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

// RotateCalendarToken gives the actor a new secret for their calendar
// subscription (GET /calendar/{token}.ics); the old one stops working at
// once. Only its hash is stored, so the secret is shown this one time.
func (s *Service) RotateCalendarToken(ctx context.Context, a org.Actor) (string, error) {
	if a.UserID == 0 {
		return "", apperr.Forbidden()
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("meeting: calendar token: %w", err)
	}
	plain := CalendarTokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	err := s.db.Transact(ctx, func(tx *sqldb.Tx) error {
		now := s.clock()
		if _, err := tx.Exec(ctx, `INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
			a.UserID, hashCalendarToken(plain), now); err != nil {
			return fmt.Errorf("meeting: store calendar token: %w", err)
		}
		return org.AppendAudit(ctx, tx, now, org.NewAudit(a, "calendar_token_rotate", "user", a.UserID, nil, map[string]any{"created_at": now}))
	})
	if err != nil {
		return "", err
	}
	return plain, nil
}

// CalendarTokenCreated says when the actor's current subscription secret
// was made (nil when they have none).
func (s *Service) CalendarTokenCreated(ctx context.Context, a org.Actor) (*time.Time, error) {
	var at time.Time
	err := s.db.QueryRow(ctx, "SELECT created_at FROM calendar_tokens WHERE user_id = ?", a.UserID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("meeting: calendar token of %d: %w", a.UserID, err)
	}
	at = at.UTC()
	return &at, nil
}

// CalendarFeed answers a subscription: the token names an active user, and
// the feed holds what that user may see. An unknown token is "not found",
// like a page that does not exist.
func (s *Service) CalendarFeed(ctx context.Context, token, baseURL string) ([]byte, error) {
	var uid int64
	err := s.db.QueryRow(ctx, "SELECT user_id FROM calendar_tokens WHERE token_hash = ?", hashCalendarToken(token)).Scan(&uid)
	if errors.Is(err, sql.ErrNoRows) || !strings.HasPrefix(token, CalendarTokenPrefix) {
		return nil, apperr.NotFound("lịch")
	}
	if err != nil {
		return nil, fmt.Errorf("meeting: calendar token: %w", err)
	}
	return s.ICS(ctx, uid, baseURL)
}

// ICS is a user's calendar (RFC 5545): the conferences they may see from a
// year back, and the deadlines of their unit's open tasks as all-day
// events. baseURL ("https://khoagiao.example") makes the events' links.
func (s *Service) ICS(ctx context.Context, userID int64, baseURL string) ([]byte, error) {
	u, err := s.org.FindUser(ctx, org.SystemActor("calendar"), userID)
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, apperr.NotFound("lịch")
	}
	a := org.ActorFor(&u, "")
	from := s.clock().AddDate(-1, 0, 0)
	ms, err := s.List(ctx, a, Filter{From: from, Limit: 500}, false)
	if err != nil {
		return nil, err
	}
	baseURL = strings.TrimSuffix(baseURL, "/")
	cal := ical.Calendar{ProdID: "-//khoagiao//Khoa giao//VI", Name: "Khoa giáo — " + u.FullName}
	for _, m := range ms {
		cal.Events = append(cal.Events, meetingEvent(m, baseURL))
	}
	for offset := 0; offset < 2000; offset += 500 {
		l, err := s.tasks.List(ctx, a, task.Filter{UnitID: u.UnitID, DueAfter: s.today().AddDays(-365), Limit: 500, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, t := range l.Items {
			if t.Completion != task.Confirmed {
				cal.Events = append(cal.Events, taskEvent(t, baseURL))
			}
		}
		if offset+len(l.Items) >= l.Total {
			break
		}
	}
	var buf bytes.Buffer
	if err := cal.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func meetingEvent(m Meeting, base string) ical.Event {
	desc := m.Kind.Label("vi")
	if m.ChairName != "" {
		desc += "\nChủ trì: " + m.ChairName
	}
	if m.OnlineLink != "" {
		desc += "\nTrực tuyến: " + m.OnlineLink
	}
	return ical.Event{UID: "meeting-" + strconv.FormatInt(m.ID, 10) + "@khoagiao", Stamp: m.UpdatedAt, Sequence: m.Version,
		Start: m.StartsAt, End: m.EndsAt, Summary: m.Title, Location: m.Place, Description: desc,
		URL: base + "/meetings/" + strconv.FormatInt(m.ID, 10)}
}

func taskEvent(t task.Task, base string) ical.Event {
	e := ical.Event{UID: "task-" + strconv.FormatInt(t.ID, 10) + "@khoagiao", Stamp: t.UpdatedAt, Sequence: t.Version,
		Day: t.Due, Summary: "Hạn: " + shorten(t.Title, 120), Description: t.StatusLabel + "\n" + t.Title}
	if t.MeetingID != 0 {
		e.URL = base + "/meetings/" + strconv.FormatInt(t.MeetingID, 10)
	}
	return e
}

// shorten cuts a text to n characters, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
