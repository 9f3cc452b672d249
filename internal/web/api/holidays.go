package api

import (
	"net/http"
	"slices"

	"github.com/khoagiao/khoagiao/internal/calendar"
	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/platform/civil"
	"github.com/khoagiao/khoagiao/internal/platform/vntext"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// Bounds of the working-day endpoints, so a request cannot spin the server:
// 10 000 working days is some forty years, 36 600 calendar days a century.
const (
	maxWorkingDays = 10000
	maxSpanDays    = 36600
)

// holidayInput is the body of PUT /holidays/{date}; the date is the path's.
type holidayInput struct {
	Name string           `json:"name"`
	Kind calendar.DayKind `json:"kind"`
}

// listHolidays answers GET /holidays?year= (default: this year). Everyone
// signed in may read it: deadlines in working days depend on it.
func (a *api) listHolidays(w http.ResponseWriter, r *http.Request) error {
	year, err := httpx.QueryInt(r, "year", int64(a.now().In(vntext.Location).Year()))
	if err != nil {
		return err
	}
	if year < 1900 || year > 2999 {
		return apperr.InvalidField("year", "Năm phải trong khoảng 1900–2999.", "The year must be between 1900 and 2999.")
	}
	list, err := a.Calendar.ListHolidays(r.Context(), int(year))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": list, "total": len(list)})
}

// putHoliday creates or replaces the row of the path's date (administrators).
func (a *api) putHoliday(w http.ResponseWriter, r *http.Request) error {
	actor := httpx.Actor(r.Context())
	if !actor.Has(org.RoleAdmin) {
		return apperr.Forbidden()
	}
	var in holidayInput
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	h := calendar.Holiday{Name: in.Name, Kind: in.Kind}
	d, dateErr := pathDate(r)
	h.Date = d
	if dateErr != nil {
		// Report the body's problems together with the path's.
		h.Normalize()
		return mergeInvalid(dateErr, h.Validate())
	}
	if err := a.Calendar.SetHoliday(r.Context(), actor, h); err != nil {
		return err
	}
	list, err := a.Calendar.ListHolidays(r.Context(), d.Year)
	if err != nil {
		return err
	}
	for _, row := range list {
		if row.Date == d {
			return ok(w, row)
		}
	}
	return apperr.NotFound("ngày nghỉ " + d.String()) // deleted meanwhile
}

// deleteHoliday removes the row of the path's date (administrators): 404
// when there is none.
func (a *api) deleteHoliday(w http.ResponseWriter, r *http.Request) error {
	actor := httpx.Actor(r.Context())
	if !actor.Has(org.RoleAdmin) {
		return apperr.Forbidden()
	}
	d, err := pathDate(r)
	if err != nil {
		return err
	}
	if err := a.Calendar.DeleteHoliday(r.Context(), actor, d); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// addWorkingDays answers GET /calendar/working-days?from=&n=: the n-th
// working day after from (before it when n < 0; from itself or the next
// working day when n = 0).
func (a *api) addWorkingDays(w http.ResponseWriter, r *http.Request) error {
	from, err := queryDate(r, "from")
	if err != nil {
		return err
	}
	n, err := httpx.QueryInt(r, "n", 0)
	if err != nil {
		return err
	}
	if n < -maxWorkingDays || n > maxWorkingDays {
		return apperr.InvalidField("n", "Số ngày làm việc từ -10000 đến 10000.", "n must be between -10000 and 10000.")
	}
	cal, err := a.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"date": cal.AddWorkingDays(from, int(n))})
}

// workingDaysBetween answers GET /calendar/working-days-between?from=&to=:
// the working days after from up to and including to (negative when to is
// before from).
func (a *api) workingDaysBetween(w http.ResponseWriter, r *http.Request) error {
	from, errFrom := queryDate(r, "from")
	to, errTo := queryDate(r, "to")
	if err := mergeInvalid(errFrom, errTo); err != nil {
		return err
	}
	if span := from.DaysUntil(to); span > maxSpanDays || span < -maxSpanDays {
		return apperr.InvalidField("to", "Khoảng cách giữa hai ngày tối đa 100 năm.", "The dates must be at most 100 years apart.")
	}
	cal, err := a.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"days": cal.WorkingDaysBetween(from, to)})
}

// pathDate reads {date} as yyyy-mm-dd; a malformed or impossible date is a
// 422 on "date".
func pathDate(r *http.Request) (civil.Date, error) {
	return parseDateField("date", r.PathValue("date"))
}

// queryDate reads a required date query parameter (yyyy-mm-dd or dd/mm/yyyy).
func queryDate(r *http.Request, name string) (civil.Date, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return civil.Date{}, apperr.InvalidField(name, "Tham số "+name+" là bắt buộc (yyyy-mm-dd).", "Parameter "+name+" is required (yyyy-mm-dd).")
	}
	return parseDateField(name, s)
}

func parseDateField(field, s string) (civil.Date, error) {
	t, err := vntext.ParseDate(s)
	if err != nil {
		return civil.Date{}, apperr.InvalidField(field, "Ngày không hợp lệ (yyyy-mm-dd hoặc dd/mm/yyyy).", "Invalid date (yyyy-mm-dd).")
	}
	d := civil.Of(t, vntext.Location)
	if d.Year < 1900 || d.Year > 2999 {
		return civil.Date{}, apperr.InvalidField(field, "Năm phải trong khoảng 1900–2999.", "The year must be between 1900 and 2999.")
	}
	return d, nil
}

// mergeInvalid joins the field messages of validation errors (the first
// message per field wins); a non-validation error is returned as it is.
func mergeInvalid(errs ...error) error {
	var v apperr.Invalid
	for _, err := range errs {
		if err == nil {
			continue
		}
		e, ok := apperr.As(err)
		if !ok || e.Kind != apperr.KindInvalid {
			return err
		}
		for _, f := range sortedKeys(e.Fields) {
			v.Add(f, e.Fields[f], e.FieldsEn[f])
		}
	}
	return v.Err()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
