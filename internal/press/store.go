package press

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
)

type querier = sqldb.Querier

var errStale = errors.New("press: stale version")

const caseCols = `id, outlet, url, canonical_url, title, published_at, summary, field, locality_code, public_interest, status, round,
	COALESCE(lead_unit_id, 0), due, answer, answered_at, review_note, feedback, COALESCE(task_id, 0), version, created_by, created_at, updated_at`

func scanCase(sc interface{ Scan(...any) error }) (Case, error) {
	var c Case
	var answered sql.NullTime
	err := sc.Scan(&c.ID, &c.Outlet, &c.URL, &c.CanonicalURL, &c.Title, &c.PublishedAt, &c.Summary, &c.Field, &c.LocalityCode,
		&c.PublicInterest, &c.Status, &c.Round, &c.LeadUnitID, &c.Due, &c.Answer, &answered, &c.ReviewNote, &c.Feedback,
		&c.TaskID, &c.Version, &c.CreatedBy, &c.CreatedAt, &c.UpdatedAt)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	if answered.Valid {
		t := answered.Time.UTC()
		c.AnsweredAt = &t
	}
	c.fill()
	return c, err
}

// fill derives the label and lateness from the stored fields.
func (c *Case) fill() {
	c.StatusLabel = c.Status.Label("vi")
	c.Late = nil
	if c.AnsweredAt != nil && !c.Due.IsZero() {
		late := civil.Of(*c.AnsweredAt, vntext.Location).After(c.Due)
		c.Late = &late
	}
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func findCase(ctx context.Context, q querier, id int64) (Case, error) {
	c, err := scanCase(q.QueryRow(ctx, `SELECT `+caseCols+` FROM press_cases WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Case{}, apperr.NotFound("vụ việc báo chí")
	}
	if err != nil {
		return Case{}, fmt.Errorf("press: find %d: %w", id, err)
	}
	return c, nil
}

// findByCanonical returns the case of an article, if registered.
func findByCanonical(ctx context.Context, q querier, canon string) (Case, bool, error) {
	c, err := scanCase(q.QueryRow(ctx, `SELECT `+caseCols+` FROM press_cases WHERE canonical_url = ?`, canon))
	if errors.Is(err, sql.ErrNoRows) {
		return Case{}, false, nil
	}
	if err != nil {
		return Case{}, false, fmt.Errorf("press: find by url: %w", err)
	}
	return c, true, nil
}

func insertCase(ctx context.Context, tx *sqldb.Tx, c *Case, now time.Time) error {
	c.Version, c.Round, c.Status, c.CreatedAt, c.UpdatedAt = 1, 1, Received, now, now
	err := tx.QueryRow(ctx, `INSERT INTO press_cases (outlet, url, canonical_url, title, published_at, summary, field, locality_code,
		public_interest, status, round, search_key, version, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', 1, ?, 1, ?, ?, ?) RETURNING id`,
		c.Outlet, c.URL, c.CanonicalURL, c.Title, c.PublishedAt, c.Summary, string(c.Field), c.LocalityCode,
		c.PublicInterest, c.searchKey(), c.CreatedBy, now, now).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("press: insert: %w", err)
	}
	c.fill()
	return nil
}

// saveCase writes every mutable field if the version is current.
func saveCase(ctx context.Context, tx *sqldb.Tx, c *Case, now time.Time) error {
	var answered any
	if c.AnsweredAt != nil {
		answered = *c.AnsweredAt
	}
	res, err := tx.Exec(ctx, `UPDATE press_cases SET outlet = ?, url = ?, canonical_url = ?, title = ?, published_at = ?, summary = ?,
		field = ?, locality_code = ?, public_interest = ?, status = ?, round = ?, lead_unit_id = ?, due = ?, answer = ?, answered_at = ?,
		review_note = ?, feedback = ?, task_id = ?, search_key = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		c.Outlet, c.URL, c.CanonicalURL, c.Title, c.PublishedAt, c.Summary, string(c.Field), c.LocalityCode, c.PublicInterest,
		string(c.Status), c.Round, nullID(c.LeadUnitID), c.Due, c.Answer, answered, c.ReviewNote, c.Feedback, nullID(c.TaskID),
		c.searchKey(), now, c.ID, c.Version)
	if sqldb.IsForeignKeyViolation(err) {
		return apperr.InvalidField("lead_unit_id", "Đơn vị chủ trì không tồn tại.", "The lead unit does not exist.")
	}
	if err != nil {
		return fmt.Errorf("press: update %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errStale
	}
	c.Version++
	c.UpdatedAt = now
	c.fill()
	return nil
}

func insertEvent(ctx context.Context, tx *sqldb.Tx, caseID int64, e Event, actorID int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO press_case_events (case_id, round, kind, note, unit_id, due, actor_id, actor, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, caseID, e.Round, e.Kind, e.Note, nullID(e.UnitID), e.Due, nullID(actorID), e.Actor, e.At)
	if err != nil {
		return fmt.Errorf("press: event: %w", err)
	}
	return nil
}

func caseEvents(ctx context.Context, q querier, caseID int64) ([]Event, error) {
	rows, err := q.Query(ctx, `SELECT id, round, kind, note, COALESCE(unit_id, 0), due, actor, at FROM press_case_events
		WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("press: events: %w", err)
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.Round, &e.Kind, &e.Note, &e.UnitID, &e.Due, &e.Actor, &e.At); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// Filter narrows the case list.
type Filter struct {
	Status  Status
	Field   Field
	Q       string
	UnitID  int64
	From    civil.Date // published or registered on or after
	To      civil.Date
	Open    bool       // not closed yet
	Late    bool       // waiting for the unit's answer past the due date (today: the service's)
	DueFrom civil.Date // due on or after
	DueTo   civil.Date // due on or before
	Limit   int
	Offset  int
	today   civil.Date
}

func listCases(ctx context.Context, q querier, f Filter, scope []int64) ([]Case, int, error) {
	var where []string
	var args []any
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(f.Status))
	}
	if f.Field != "" {
		where, args = append(where, "field = ?"), append(args, string(f.Field))
	}
	if f.UnitID != 0 {
		where, args = append(where, "lead_unit_id = ?"), append(args, f.UnitID)
	}
	if scope != nil {
		where, args = append(where, "lead_unit_id = ?"), append(args, scope[0])
	}
	for _, w := range sqldb.LikeWords(vntext.Fold(f.Q)) {
		where, args = append(where, `search_key LIKE ? ESCAPE '\'`), append(args, w)
	}
	where, args = f.dashboardConds(where, args)
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM press_cases`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("press: count: %w", err)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	rows, err := q.Query(ctx, `SELECT `+caseCols+` FROM press_cases`+cond+` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("press: list: %w", err)
	}
	defer rows.Close()
	out := []Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

func loadRouting(ctx context.Context, q querier) (Routing, error) {
	r := Routing{Rules: []Rule{}, Days: map[Field]int{}}
	rows, err := q.Query(ctx, `SELECT field, locality_code, unit_id FROM press_routes ORDER BY field, locality_code`)
	if err != nil {
		return r, fmt.Errorf("press: routes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x Rule
		if err := rows.Scan(&x.Field, &x.LocalityCode, &x.UnitID); err != nil {
			return r, err
		}
		r.Rules = append(r.Rules, x)
	}
	if err := rows.Err(); err != nil {
		return r, err
	}
	drows, err := q.Query(ctx, `SELECT field, days FROM press_field_days`)
	if err != nil {
		return r, fmt.Errorf("press: field days: %w", err)
	}
	defer drows.Close()
	for drows.Next() {
		var f Field
		var d int
		if err := drows.Scan(&f, &d); err != nil {
			return r, err
		}
		r.Days[f] = d
	}
	return r, drows.Err()
}

func saveRouting(ctx context.Context, tx *sqldb.Tx, r Routing) error {
	if _, err := tx.Exec(ctx, `DELETE FROM press_routes`); err != nil {
		return fmt.Errorf("press: clear routes: %w", err)
	}
	for _, x := range r.Rules {
		_, err := tx.Exec(ctx, `INSERT INTO press_routes (field, locality_code, unit_id) VALUES (?, ?, ?)`, string(x.Field), x.LocalityCode, x.UnitID)
		if sqldb.IsForeignKeyViolation(err) {
			return apperr.InvalidField("rules", "Đơn vị trong quy tắc không tồn tại.", "A rule names an unknown unit.")
		}
		if err != nil {
			return fmt.Errorf("press: insert route: %w", err)
		}
	}
	for f, d := range r.Days {
		_, err := tx.Exec(ctx, `INSERT INTO press_field_days (field, days) VALUES (?, ?)
			ON CONFLICT (field) DO UPDATE SET days = excluded.days`, string(f), d)
		if err != nil {
			return fmt.Errorf("press: field days: %w", err)
		}
	}
	return nil
}
