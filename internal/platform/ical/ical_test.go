package ical_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/ical"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"Hội nghị, giao ban; quý III":   `Hội nghị\, giao ban\; quý III`,
		"dòng 1\r\ndòng 2\ndòng 3\r":    `dòng 1\ndòng 2\ndòng 3\n`,
		`C:\thư mục`:                    `C:\\thư mục`,
		"ký tự\x00điều\x1bkhiển\ttab":   "ký tựđiềukhiển\ttab",
		"không đổi: Sở GD&ĐT (b/c) 7.0": "không đổi: Sở GD&ĐT (b/c) 7.0",
	} {
		if got := ical.Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldKeepsOctetLimitAndLetters(t *testing.T) {
	line := "SUMMARY:" + strings.Repeat("Đẩy mạnh tuyên truyền phòng, chống dịch bệnh; ", 9)
	folded := ical.Fold(line)
	parts := strings.Split(folded, "\r\n")
	if len(parts) < 5 {
		t.Fatalf("a %d-octet line folded into %d lines", len(line), len(parts))
	}
	var back strings.Builder
	for i, p := range parts {
		if len(p) > 75 {
			t.Errorf("line %d has %d octets", i, len(p))
		}
		if !utf8.ValidString(p) {
			t.Errorf("line %d cuts a letter: %q", i, p)
		}
		if i > 0 {
			if p[0] != ' ' {
				t.Fatalf("continuation %d does not start with a space: %q", i, p)
			}
			p = p[1:]
		}
		back.WriteString(p)
	}
	if back.String() != line {
		t.Error("unfolding does not give the line back")
	}
	if short := "UID:a@b"; ical.Fold(short) != short {
		t.Error("a short line was folded")
	}
}

func TestWriteParses(t *testing.T) {
	stamp := time.Date(2020, 6, 20, 2, 0, 0, 0, time.UTC)
	title := "Hội nghị giao ban công tác khoa giáo 6 tháng đầu năm 2020, triển khai nhiệm vụ; 6 tháng cuối năm"
	c := ical.Calendar{ProdID: "-//khoagiao//test//VI", Name: "Lịch thử", Events: []ical.Event{
		{UID: "meeting-1@khoagiao", Stamp: stamp, Sequence: 2, Start: time.Date(2020, 6, 30, 1, 0, 0, 0, time.UTC),
			End: time.Date(2020, 6, 30, 4, 0, 0, 0, time.UTC), Summary: title, Location: "Hội trường, Tỉnh ủy",
			Description: "Chủ trì: Lê Văn Tuấn\nTrực tuyến: có", URL: "https://kg.example/meetings/1"},
		{UID: "task-7@khoagiao", Stamp: stamp, Day: civil.D(2020, 12, 31), Summary: "Hạn: báo cáo"},
	}}
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(buf.Bytes())).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the feed: %v\n%s", err, buf.String())
	}
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events", len(evs))
	}
	if s, _ := evs[0].Props.Text(goical.PropSummary); s != title {
		t.Errorf("summary %q, want %q", s, title)
	}
	if start, _ := evs[0].DateTimeStart(nil); !start.Equal(time.Date(2020, 6, 30, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("start %v", start)
	}
	p := evs[1].Props.Get(goical.PropDateTimeStart)
	if p.ValueType() != goical.ValueDate || p.Value != "20201231" {
		t.Errorf("all-day start %+v", p)
	}
	if end, _ := evs[1].DateTimeEnd(nil); !end.Equal(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("all-day end %v, want the next day", end)
	}
	var again bytes.Buffer
	if err := goical.NewEncoder(&again).Encode(cal); err != nil {
		t.Errorf("go-ical refuses to write the feed back (a required property is missing?): %v", err)
	}
	empty := ical.Calendar{ProdID: "-//khoagiao//test//VI"}
	buf.Reset()
	_ = empty.Write(&buf)
	if cal, err := goical.NewDecoder(&buf).Decode(); err != nil || len(cal.Children) == 0 {
		t.Errorf("an empty feed must still hold a component: %v", err)
	}
}
