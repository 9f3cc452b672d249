// Package ical writes iCalendar feeds (RFC 5545) that calendar programs
// subscribe to: timed events in UTC and all-day events, with text escaped
// and lines folded as the RFC requires, so Vietnamese text with commas,
// semicolons and line breaks arrives intact.
package ical

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
)

// Calendar is a feed: its product id, display name and events.
type Calendar struct {
	ProdID string // "-//khoagiao//Khoa giao//VI"
	Name   string // shown by calendar programs (X-WR-CALNAME)
	Events []Event
}

// Event is a VEVENT. A timed event has Start and End; an all-day event
// has Day instead (it then lasts that one day).
type Event struct {
	UID         string    // stable across feeds, so programs update rather than duplicate
	Stamp       time.Time // DTSTAMP: when the event last changed
	Sequence    int       // revision, raised on each change
	Start, End  time.Time
	Day         civil.Date
	Summary     string
	Location    string
	Description string
	URL         string
}

// Write writes the calendar with CRLF line ends.
func (c Calendar) Write(w io.Writer) error {
	b := bufio.NewWriter(w)
	line := func(name, value string) {
		b.WriteString(Fold(name + ":" + value))
		b.WriteString("\r\n")
	}
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", Escape(c.ProdID))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", Escape(c.Name))
	}
	line("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh")
	// The zone of the product (UTC+7, no daylight saving since 1975): it
	// also keeps a feed with no event a valid calendar, which RFC 5545
	// requires to hold at least one component.
	for _, l := range ictZone {
		line(l[0], l[1])
	}
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", Escape(e.UID))
		line("DTSTAMP", utc(e.Stamp))
		if e.Sequence > 0 {
			line("SEQUENCE", strconv.Itoa(e.Sequence))
		}
		if !e.Day.IsZero() {
			line("DTSTART;VALUE=DATE", day(e.Day))
			line("DTEND;VALUE=DATE", day(e.Day.AddDays(1)))
			line("TRANSP", "TRANSPARENT")
		} else {
			line("DTSTART", utc(e.Start))
			line("DTEND", utc(e.End))
		}
		line("SUMMARY", Escape(e.Summary))
		if e.Location != "" {
			line("LOCATION", Escape(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION", Escape(e.Description))
		}
		if e.URL != "" {
			line("URL;VALUE=URI", uri(e.URL))
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Flush()
}

var ictZone = [][2]string{{"BEGIN", "VTIMEZONE"}, {"TZID", "Asia/Ho_Chi_Minh"}, {"BEGIN", "STANDARD"},
	{"DTSTART", "19750613T000000"}, {"TZOFFSETFROM", "+0700"}, {"TZOFFSETTO", "+0700"}, {"TZNAME", "ICT"},
	{"END", "STANDARD"}, {"END", "VTIMEZONE"}}

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

func day(d civil.Date) string { return d.In(time.UTC).Format("20060102") }

// Escape writes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and
// comma are escaped, a line break becomes \n, other control characters go.
func Escape(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 && r != '\t', r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// uri keeps a URI value on one line: it is not TEXT and is not escaped.
func uri(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// Fold splits a content line into lines of at most 75 octets (RFC 5545
// §3.1), each continuation starting with one space, never inside a UTF-8
// sequence: a Vietnamese letter is two or three octets.
func Fold(line string) string {
	if len(line) <= 75 {
		return line
	}
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line)
	return b.String()
}
