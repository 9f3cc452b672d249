package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"sync/atomic"
	"syscall"
)

// op is one write of the surge, kept with its Idempotency-Key until the
// server has answered it, and with what it stores for the final checks.
type op struct {
	kind         string // task.create, task.progress, report.save, report.submit, report.attach
	method, path string
	ctype, key   string
	body         []byte
	title        string // task.create
	task         *taskRef
	percent      int
	note         string
	report       *reportRef
	values       map[string]int // report.save
	file         string         // report.attach
	sum          [32]byte
	outcome      string // acked, or lost: stored, but its answer died with the process
	unanswered   bool   // a kill took its first answer
}

// taskRef is a task a unit reports progress on.
type taskRef struct {
	id      int64
	version int
	notes   map[string]int // progress notes stored → percent
	last    int            // the last progress stored (-1: none)
}

// reportRef is one unit's report of one period.
type reportRef struct {
	unitID    int64
	period    string
	version   int
	values    map[string]int // as last stored
	submitted bool
	files     map[string][32]byte
}

// worker is one user hammering the API; its state is its own, so workers
// never conflict with each other and every refusal is a real failure.
type worker struct {
	h       *harness
	id      int
	token   string
	unitID  int64 // 0: the Board's specialist, who creates tasks
	rng     *rand.Rand
	seq     int
	tasks   []*taskRef
	reports []*reportRef // the last is the one being filled
	created []string     // task titles created (Board)
	pending *op          // sent when the process was killed: unanswered
	ops     []*op
	broken  bool
}

func (w *worker) current() *reportRef { return w.reports[len(w.reports)-1] }

func (w *worker) nextPeriod() {
	w.reports = append(w.reports, &reportRef{unitID: w.unitID, period: fmt.Sprintf("%d-H1", 2031+len(w.reports)),
		files: map[string][32]byte{}})
}

func (w *worker) reportPath(r *reportRef) string {
	return fmt.Sprintf("/api/v1/reports/%d/%s/%d", w.h.regime, r.period, r.unitID)
}

// next makes the worker's next write.
func (w *worker) next() *op {
	w.seq++
	o := &op{key: fmt.Sprintf("%s-w%d-%d", w.h.nonce, w.id, w.seq), method: "POST"}
	tag := fmt.Sprintf("w%d-%d", w.id, w.seq)
	if w.unitID == 0 {
		o.kind, o.path, o.title = "task.create", "/api/v1/tasks", "Sự cố "+tag
		lead := w.h.units[w.rng.IntN(len(w.h.units))]
		return o.json(map[string]any{"title": o.title, "lead_unit_id": lead, "due": "2031-12-31"})
	}
	r := w.current()
	switch n := w.rng.IntN(100); {
	case n < 35:
		t := w.tasks[w.rng.IntN(len(w.tasks))]
		o.kind, o.task, o.percent, o.note = "task.progress", t, w.rng.IntN(101), "Tiến độ "+tag
		o.path = fmt.Sprintf("/api/v1/tasks/%d/progress", t.id)
		return o.json(map[string]any{"version": t.version, "percent": o.percent, "note": o.note})
	case n < 80 && r.version > 0 && n >= 65:
		return w.attach(o, r, tag)
	case n >= 80 && r.version > 0:
		o.kind, o.report, o.path = "report.submit", r, w.reportPath(r)+"/submit"
		return o
	}
	k := 1 + w.rng.IntN(40)
	o.kind, o.report, o.method, o.path = "report.save", r, "PUT", w.reportPath(r)
	o.values = map[string]int{"propaganda_sessions": k, "participants": k*25 + w.rng.IntN(25), "staff_trained": w.rng.IntN(30)}
	return o.json(map[string]any{"version": r.version, "values": o.values, "sections": map[string]string{
		"results": "Kết quả lưu " + tag, "limitations": "Hạn chế " + tag, "directions": "Phương hướng " + tag}})
}

func (o *op) json(v any) *op {
	o.body, o.ctype = mustMarshal(v), "application/json"
	return o
}

// attach uploads a small PDF-looking file of random bytes.
func (w *worker) attach(o *op, r *reportRef, tag string) *op {
	data := make([]byte, 1024+w.rng.IntN(48<<10))
	for i := range data {
		data[i] = byte(w.rng.Uint32())
	}
	copy(data, "%PDF-1.4\n")
	o.kind, o.report, o.path, o.file, o.sum = "report.attach", r, w.reportPath(r)+"/attachments", "su-co-"+tag+".pdf", sha256.Sum256(data)
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", o.file)
	fw.Write(data)
	mw.Close()
	o.body, o.ctype = b.Bytes(), mw.FormDataContentType()
	return o
}

// run writes until stop is set or a request gets no answer (the kill).
func (w *worker) run(stop *atomic.Bool) {
	for !stop.Load() && !w.broken {
		o := w.next()
		w.ops = append(w.ops, o)
		w.h.stats.sent.Add(1)
		a, err := w.h.c.send(o.method, o.path, w.token, o.key, o.ctype, o.body)
		if err != nil {
			o.unanswered, w.pending = true, o
			w.h.stats.unanswered.Add(1)
			if errors.Is(err, syscall.ECONNREFUSED) { // made after the kill: never reached the server
				w.h.stats.refused.Add(1)
			}
			return
		}
		w.settle(o, a, false)
	}
}

// settle records an answer. A retry of a write that got no answer may find
// it done (the first answer replayed), done without a kept answer (409,
// replayed) or never done (done now); anything else is a failure.
func (w *worker) settle(o *op, a answer, retry bool) {
	st := &w.h.stats
	switch {
	case a.status/100 == 2:
		o.outcome = "acked"
		switch {
		case !retry:
			st.acked.Add(1)
		case a.replayed:
			st.replayed.Add(1)
		default:
			st.fresh.Add(1)
		}
		w.apply(o, a.body)
	case retry && a.status == http.StatusConflict && a.replayed:
		o.outcome = "lost"
		st.lost.Add(1)
		w.apply(o, nil)
	default:
		w.broken = true
		w.h.t.Errorf("worker %d: %s %s (key %s, retry %v): %d %s", w.id, o.method, o.path, o.key, retry, a.status, a.body)
	}
}

// apply takes a stored write into the worker's state; body is nil when
// the answer was lost, and the new version is read back.
func (w *worker) apply(o *op, body []byte) {
	var v struct{ Version int }
	if body != nil {
		_ = json.Unmarshal(body, &v)
	}
	switch o.kind {
	case "task.create":
		w.created = append(w.created, o.title)
	case "task.progress":
		o.task.notes[o.note], o.task.last = o.percent, o.percent
		if body == nil {
			w.h.c.must(w.h.t, "GET", fmt.Sprintf("/api/v1/tasks/%d", o.task.id), w.token, nil, http.StatusOK, &v)
		}
		o.task.version = v.Version
	case "report.save":
		o.report.values = o.values
		if body == nil {
			w.h.c.must(w.h.t, "GET", w.reportPath(o.report), w.token, nil, http.StatusOK, &v)
		}
		o.report.version = v.Version
	case "report.submit":
		o.report.submitted = true
		w.nextPeriod()
	case "report.attach":
		o.report.files[o.file] = o.sum
	}
}
