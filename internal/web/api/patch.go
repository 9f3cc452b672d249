package api

import (
	"context"
	"net/http"

	"github.com/khoagiao/khoagiao/internal/org"
	"github.com/khoagiao/khoagiao/internal/platform/apperr"
	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// patchOver answers a PATCH of the record at {id}: it reads the stored
// record, decodes the body over it (fields not sent keep their values),
// takes the version the client read from the body or If-Match (none reads
// as stale in the service, so nothing is overwritten blindly) and saves.
// allowed, when set, refuses callers before anything is read.
func patchOver[T any](w http.ResponseWriter, r *http.Request, allowed func(org.Actor) bool,
	find func(context.Context, org.Actor, int64) (T, error), version func(*T) *int,
	update func(context.Context, org.Actor, int64, T) (T, error)) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), httpx.Actor(r.Context())
	if allowed != nil && !allowed(actor) {
		return apperr.Forbidden()
	}
	in, err := find(ctx, actor, id)
	if err != nil {
		return err
	}
	*version(&in) = 0
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	ifMatch(r, version(&in))
	out, err := update(ctx, actor, id, in)
	if err != nil {
		return err
	}
	return ok(w, out)
}
