package api

import (
	"net/http"

	"github.com/khoagiao/khoagiao/internal/web/httpx"
)

// The signed-in user's notification preferences (internal/notice): which
// kinds of notification are also sent by e-mail. Each user sees and sets
// only their own.

func (a *api) getNotificationPrefs(w http.ResponseWriter, r *http.Request) error {
	prefs, err := a.Notice.Prefs(r.Context(), httpx.Actor(r.Context()))
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": prefs, "total": len(prefs)})
}

func (a *api) putNotificationPrefs(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email map[string]bool `json:"email"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	prefs, err := a.Notice.SetPrefs(r.Context(), httpx.Actor(r.Context()), in.Email)
	if err != nil {
		return err
	}
	return ok(w, map[string]any{"items": prefs, "total": len(prefs)})
}

// prefRoutes are the notification-preference endpoints.
func (a *api) prefRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/me/notification-prefs", Handler: a.getNotificationPrefs},
		{Method: "PUT", Path: "/me/notification-prefs", Handler: a.putNotificationPrefs},
	}
}

func init() {
	operations["GET /me/notification-prefs"] = op{summary: "Tùy chọn thông báo của tôi: với mỗi loại (reminder, directive, message), có gửi kèm thư điện tử không", resp: "NotificationPrefList", status: "200"}
	operations["PUT /me/notification-prefs"] = op{summary: "Đặt tùy chọn thư điện tử theo loại thông báo của tôi ({\"email\":{\"reminder\":true,\"directive\":false}}; loại không nêu giữ nguyên, loại lạ bỏ qua)", body: "NotificationPrefInput", resp: "NotificationPrefList", status: "200"}
}

func prefSchemaSet() map[string]any {
	return map[string]any{
		"NotificationPref":     obj(map[string]any{"kind": str(), "label": str(), "email": boolean()}),
		"NotificationPrefList": list("NotificationPref"),
		"NotificationPrefInput": obj(map[string]any{"email": map[string]any{"type": "object",
			"additionalProperties": boolean()}}, "email"),
	}
}
