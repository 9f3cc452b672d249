package api

import (
	"net/http"
	"strconv"

	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/task"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Bodies of the task actions. A version read from GET (or If-Match) guards
// the lead unit's reports against overwriting a change made meanwhile.
type (
	progressBody struct {
		Version int    `json:"version"`
		Percent *int   `json:"percent"`
		Note    string `json:"note"`
	}
	completeBody struct {
		Version  int    `json:"version"`
		DoneOn   string `json:"done_on"`
		Evidence string `json:"evidence"`
	}
	decisionBody struct {
		Version int    `json:"version"` // optional for confirm and reject
		Reason  string `json:"reason"`
	}
	extensionBody struct {
		RequestedDue string `json:"requested_due"`
		Reason       string `json:"reason"`
	}
	extensionDecisionBody struct {
		Approve *bool  `json:"approve"`
		Note    string `json:"note"`
	}
)

func versionRequired(v int) error {
	if v > 0 {
		return nil
	}
	return apperr.InvalidField("version", "Cần version của nhiệm vụ đã đọc (GET hoặc If-Match).", "The version read (GET or If-Match) is required.")
}

// decodeOptional reads a JSON body when there is one.
func decodeOptional(w http.ResponseWriter, r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return httpx.DecodeJSON(w, r, v)
}

// taskProgress answers POST /tasks/{id}/progress (the lead unit).
func (a *api) taskProgress(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in progressBody
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, &in.Version)
	var errs []error
	if in.Percent == nil {
		errs = append(errs, apperr.InvalidField("percent", "Nhập tiến độ (0–100 %).", "Enter the progress (0–100 %)."))
	}
	if err := mergeInvalid(append(errs, versionRequired(in.Version))...); err != nil {
		return err
	}
	t, err := a.Task.Progress(r.Context(), httpx.Actor(r.Context()), id, in.Version, *in.Percent, in.Note)
	if err != nil {
		return err
	}
	return ok(w, t)
}

// taskComplete answers POST /tasks/{id}/complete (the lead unit): the task
// then awaits the Board's confirmation.
func (a *api) taskComplete(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in completeBody
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, &in.Version)
	doneOn, dateErr := optionalDate("done_on", in.DoneOn)
	if err := mergeInvalid(dateErr, versionRequired(in.Version)); err != nil {
		if doneOn.IsZero() {
			// Without a date the service refuses before writing anything:
			// its messages on the other fields go with these.
			_, svcErr := a.Task.Complete(r.Context(), httpx.Actor(r.Context()), id, in.Version, doneOn, in.Evidence)
			if apperr.Is(svcErr, apperr.KindInvalid) {
				return mergeInvalid(err, svcErr)
			}
		}
		return err
	}
	t, err := a.Task.Complete(r.Context(), httpx.Actor(r.Context()), id, in.Version, doneOn, in.Evidence)
	if err != nil {
		return err
	}
	return ok(w, t)
}

// taskConfirm answers POST /tasks/{id}/confirm (the Board).
func (a *api) taskConfirm(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in decisionBody
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, &in.Version)
	t, err := a.Task.Confirm(r.Context(), httpx.Actor(r.Context()), id, in.Version)
	if err != nil {
		return err
	}
	return ok(w, t)
}

// taskReject answers POST /tasks/{id}/reject (the Board): sent back with a
// reason, the task is open again.
func (a *api) taskReject(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in decisionBody
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, &in.Version)
	t, err := a.Task.Reject(r.Context(), httpx.Actor(r.Context()), id, in.Version, in.Reason)
	if err != nil {
		return err
	}
	return ok(w, t)
}

// taskExtension answers POST /tasks/{id}/extension (the lead unit): a
// request for a later deadline, pending until the Board decides.
func (a *api) taskExtension(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var in extensionBody
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	due, dateErr := optionalDate("requested_due", in.RequestedDue)
	x, err := a.Task.RequestExtension(r.Context(), httpx.Actor(r.Context()), id, due, in.Reason)
	if dateErr != nil {
		// Nothing was written (no date); report the date with the rest.
		return mergeInvalid(dateErr, err)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/tasks/"+strconv.FormatInt(id, 10)+"/extension/"+strconv.FormatInt(x.ID, 10))
	return created(w, x)
}

// taskDecideExtension answers POST /tasks/{id}/extension/{ext_id} (the
// Board): {"approve": true} moves the deadline, false keeps it.
func (a *api) taskDecideExtension(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	extID, err := httpx.PathID(r, "ext_id")
	if err != nil {
		return err
	}
	var in extensionDecisionBody
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Approve == nil {
		return apperr.InvalidField("approve", "Chọn đồng ý (true) hoặc không đồng ý (false).", "approve must be true or false.")
	}
	var t task.Task
	if t, err = a.Task.DecideExtension(r.Context(), httpx.Actor(r.Context()), id, extID, *in.Approve, in.Note); err != nil {
		return err
	}
	return ok(w, t)
}
