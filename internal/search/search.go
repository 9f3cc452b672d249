// Package search is one Vietnamese search over everything the modules keep:
// units, users, reports, conferences, minutes, conclusion notices, tasks,
// press cases, monitored articles, directives, messages and courses.
//
// Each kind has an extractor (its own SQL over the module's tables, see
// kinds.go) that turns a row into a Doc: the original title and text, the
// page it lives on, the units it concerns and who besides the Board may
// read it, worked out from the same rules the module's pages apply. Text is
// folded in Go (vntext.Fold: "Đảng", "dang" and "ĐẢNG" alike, "hoà" as
// "hòa") before it reaches either engine, so SQLite (FTS5) and PostgreSQL
// (tsvector with the 'simple' configuration, GIN) match exactly the same
// words, and rank them alike (rank.go).
//
// The index stays current without the modules knowing: triggers on their
// tables put (kind, id) in search_queue, and Sync — run before every search
// and by a background loop — re-extracts those items. Reindex rebuilds all.
package search

import (
	"sync"
	"time"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/sqldb"
)

// Kind is the kind of an indexed item; it is the API's type filter.
type Kind string

// The kinds of items searched.
const (
	KindUnit       Kind = "unit"
	KindUser       Kind = "user"
	KindReport     Kind = "report"
	KindConference Kind = "conference"
	KindMinutes    Kind = "minutes"
	KindConclusion Kind = "conclusion"
	KindTask       Kind = "task"
	KindPressCase  Kind = "press_case"
	KindFeedItem   Kind = "feed_item"
	KindDirective  Kind = "directive"
	KindMessage    Kind = "message"
	KindCourse     Kind = "course"
)

// Doc is one item as indexed.
type Doc struct {
	Kind  Kind
	RefID int64 // the item's id in its own table (a meeting's for minutes and conclusions)
	// UnitID is the unit the item belongs to (0: none); Units every unit it
	// concerns (the unit_id filter): a task's lead and supporting units, a
	// directive's recipients, a conference's invited units.
	UnitID int64
	Units  []int64
	// Readers are who may find it besides the Board, which sees every kind:
	// "u12" unit 12's people, "p5" user 5, "all" everyone signed in. Empty:
	// the Board only (drafts, minutes before the notice is issued).
	Readers []string
	Title   string
	Body    string
	URL     string
	Day     civil.Date // the item's own date (from/to filter); zero: none
	Status  string     // the item's state in its module (draft, submitted…)
	Stamp   time.Time  // last change: recent items are ranked first among many matches
}

// Service searches the index and keeps it current.
type Service struct {
	db *sqldb.DB
	mu sync.Mutex // one drain at a time in this process (a lock serialises instances on PostgreSQL)
	// Candidates is how many of the most recently changed matches are
	// ranked (DefaultCandidates); a query matching more says so.
	Candidates int
}

// DefaultCandidates bounds the work of one search whatever the number of
// matches: the best-ranked among the newest this many matches are shown.
const DefaultCandidates = 500

// NewService builds the search service over the database.
func NewService(db *sqldb.DB) *Service {
	return &Service{db: db, Candidates: DefaultCandidates}
}
