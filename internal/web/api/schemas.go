package api

func obj(props map[string]any, required ...string) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func str() map[string]any            { return map[string]any{"type": "string"} }
func integer() map[string]any        { return map[string]any{"type": "integer"} }
func boolean() map[string]any        { return map[string]any{"type": "boolean"} }
func date() map[string]any           { return map[string]any{"type": []any{"string", "null"}, "format": "date"} }
func datetime() map[string]any       { return map[string]any{"type": "string", "format": "date-time"} }
func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
func arrayOf(s map[string]any) map[string]any {
	return map[string]any{"type": "array", "items": s}
}
func list(item string) map[string]any {
	return obj(map[string]any{"items": arrayOf(ref(item)), "total": integer()}, "items", "total")
}

var kinds = []any{"board", "bloc_member", "party_board", "press_agency", "province", "commune", "other"}
var roles = []any{"admin", "board_leader", "board_specialist", "unit_leader", "unit_reporter", "viewer"}

func components() map[string]any {
	unitProps := map[string]any{"id": integer(), "code": str(), "name": str(), "short_name": str(),
		"kind": map[string]any{"type": "string", "enum": kinds}, "parent_id": map[string]any{"type": []any{"integer", "null"}},
		"bloc": boolean(), "valid_from": date(), "valid_to": date(), "active": boolean(), "version": integer(),
		"created_at": datetime(), "updated_at": datetime()}
	userProps := map[string]any{"id": integer(), "username": str(), "full_name": str(), "email": str(), "phone": str(),
		"unit_id": integer(), "roles": arrayOf(map[string]any{"type": "string", "enum": roles}), "active": boolean(),
		"lang": str(), "version": integer()}
	return map[string]any{
		"securitySchemes": map[string]any{
			"bearer":  map[string]any{"type": "http", "scheme": "bearer"},
			"session": map[string]any{"type": "apiKey", "in": "cookie", "name": "khoagiao_session"},
		},
		"schemas": map[string]any{
			"Error": obj(map[string]any{"error": obj(map[string]any{"code": str(), "message": str(),
				"fields": map[string]any{"type": "object", "additionalProperties": str()}}, "code", "message")}, "error"),
			"TokenRequest":   obj(map[string]any{"username": str(), "password": str()}, "username", "password"),
			"TokenResponse":  obj(map[string]any{"token": str(), "id": integer(), "expires_at": datetime()}, "token", "expires_at"),
			"TokenList":      obj(map[string]any{"items": arrayOf(obj(map[string]any{"id": integer(), "created_at": datetime(), "expires_at": datetime(), "revoked_at": datetime()})), "total": integer()}),
			"PasswordChange": obj(map[string]any{"current_password": str(), "new_password": str()}, "current_password", "new_password"),
			"Unit":           obj(unitProps, "code", "name", "kind"),
			"UnitPatch":      obj(unitProps, "version"),
			"UnitList":       list("Unit"),
			"ImportResult":   obj(map[string]any{"rows": integer(), "created": integer(), "updated": integer(), "unchanged": integer()}),
			"User":           obj(userProps),
			"UserInput":      obj(map[string]any{"username": str(), "full_name": str(), "email": str(), "phone": str(), "unit_id": integer(), "roles": arrayOf(str()), "lang": str(), "password": str()}, "username", "full_name", "unit_id", "roles", "password"),
			"UserPatch":      obj(map[string]any{"full_name": str(), "email": str(), "phone": str(), "unit_id": integer(), "roles": arrayOf(str()), "active": boolean(), "lang": str(), "password": str(), "version": integer()}, "version"),
			"UserList":       list("User"),
			"AuditEntry": obj(map[string]any{"seq": integer(), "at": datetime(), "actor_id": map[string]any{"type": []any{"integer", "null"}},
				"actor": str(), "ip": str(), "action": str(), "entity": str(), "entity_id": str(), "before": map[string]any{}, "after": map[string]any{},
				"prev_hash": str(), "hash": str()}),
			"AuditList":    list("AuditEntry"),
			"AuditVerify":  obj(map[string]any{"entries": integer(), "ok": boolean(), "broken_at": integer(), "reason": str()}),
			"Settings":     map[string]any{"type": "object", "additionalProperties": str()},
			"Regime":       obj(map[string]any{"id": integer(), "code": str(), "name": str(), "kind": str(), "frequency": str(), "cutoff": str(), "deadline": map[string]any{"type": "object"}, "receiver_unit_id": integer(), "reporter_unit_ids": arrayOf(integer()), "reporter_kinds": arrayOf(str()), "reporter_bloc": boolean(), "approval_required": boolean(), "lock_days": integer(), "version": integer(), "template": map[string]any{"type": "object"}}, "code", "name", "frequency"),
			"RegimeList":   list("Regime"),
			"PeriodList":   arrayOf(obj(map[string]any{"key": str(), "from": date(), "to": date(), "due": date(), "locks": date()})),
			"Completeness": map[string]any{"type": "object"},
			"Aggregate":    map[string]any{"type": "object"},
			"Consolidated": map[string]any{"type": "object"},
			"VersionBody":  obj(map[string]any{"version": integer()}, "version"),
			"Reason":       obj(map[string]any{"reason": str()}),
			"Report":       obj(map[string]any{"id": integer(), "status": str(), "version": integer(), "sections": map[string]any{"type": "object"}, "values": map[string]any{"type": "object"}, "explanations": map[string]any{"type": "object"}, "due": date(), "timeliness": map[string]any{"type": "object"}, "attachments": arrayOf(ref("Attachment")), "figures": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "number"}, "description": "Số liệu hệ thống của các chỉ tiêu có nguồn (template.indicators[].source), theo ô; báo cáo chưa lưu được điền sẵn các số này trong values"}}),
			"Holiday":      obj(map[string]any{"date": date(), "name": str(), "kind": map[string]any{"type": "string", "enum": []any{"holiday", "makeup_workday"}}, "created_at": datetime(), "updated_at": datetime()}, "date", "name", "kind"),
			"HolidayList":  list("Holiday"),
			"HolidayInput": obj(map[string]any{"name": str(), "kind": map[string]any{"type": "string", "enum": []any{"holiday", "makeup_workday"}, "default": "holiday"}}, "name"),
			"WorkingDay":   obj(map[string]any{"date": date()}, "date"),
			"WorkingDays":  obj(map[string]any{"days": integer()}, "days"),
			"Draft":        obj(map[string]any{"version": integer(), "sections": map[string]any{"type": "object"}, "values": map[string]any{"type": "object"}, "explanations": map[string]any{"type": "object"}}, "version"),
			"Attachment":   obj(map[string]any{"id": integer(), "owner_kind": str(), "owner_id": integer(), "name": str(), "content_type": str(), "size": integer(), "sha256": str(), "created_at": datetime(), "created_by": str()}, "id", "name", "content_type", "size"),
			"Attachments":  list("Attachment"),

			// Tasks (tasks.go, task_actions.go).
			"Task":                  taskSchema(),
			"TaskList":              list("Task"),
			"TaskInput":             obj(map[string]any{"origin": map[string]any{"type": "string", "enum": []any{"manual", "directive"}, "default": "manual"}, "title": str(), "description": str(), "lead_unit_id": integer(), "support_unit_ids": arrayOf(integer()), "due": date(), "key": boolean()}, "title", "lead_unit_id"),
			"TaskProgress":          obj(map[string]any{"version": integer(), "percent": map[string]any{"type": "integer", "minimum": 0, "maximum": 100}, "note": str()}, "version", "percent"),
			"TaskComplete":          obj(map[string]any{"version": integer(), "done_on": date(), "evidence": str()}, "version", "done_on", "evidence"),
			"TaskExtension":         obj(map[string]any{"id": integer(), "requested_due": date(), "reason": str(), "status": map[string]any{"type": "string", "enum": []any{"pending", "approved", "refused"}}, "requested_by": str(), "decided_by": str(), "decision_note": str(), "created_at": datetime(), "decided_at": datetime()}),
			"TaskExtensionRequest":  obj(map[string]any{"requested_due": date(), "reason": str()}, "requested_due", "reason"),
			"TaskExtensionDecision": obj(map[string]any{"approve": boolean(), "note": str()}, "approve"),
			"TaskScorecard":         obj(map[string]any{"items": arrayOf(obj(map[string]any{"unit_id": integer(), "unit_code": str(), "unit_name": str(), "counts": map[string]any{"type": "object", "additionalProperties": integer()}, "total": integer()})), "total": integer()}),
		},
	}
}

var taskStatuses = []any{"done_on_time", "done_late", "in_progress", "overdue", "no_deadline", "awaiting_confirmation"}

func taskSchema() map[string]any {
	event := obj(map[string]any{"id": integer(), "kind": str(), "percent": integer(), "note": str(), "due_from": date(), "due_to": date(), "actor": str(), "at": datetime()})
	return obj(map[string]any{"id": integer(), "origin": str(), "origin_id": integer(), "meeting_id": integer(), "title": str(), "description": str(),
		"lead_unit_id": integer(), "support_unit_ids": arrayOf(integer()), "assigner": str(), "due": date(), "key": boolean(),
		"progress": integer(), "completion": map[string]any{"type": "string", "enum": []any{"none", "awaiting", "confirmed", "rejected"}},
		"done_on": date(), "evidence": str(), "version": integer(), "created_at": datetime(), "updated_at": datetime(),
		"status": map[string]any{"type": "string", "enum": taskStatuses}, "status_label": str(), "days_left": integer(),
		"events": arrayOf(event), "extensions": arrayOf(ref("TaskExtension"))})
}
