package api

// Schemas of the review-conference operations (meetings.go,
// meeting_conclusion.go), referenced from components().

var (
	meetingKinds      = []any{"six_month", "quarterly", "thematic", "adhoc"}
	meetingStatuses   = []any{"draft", "held", "concluded"}
	attendanceChoices = []any{"present", "absent", "represented"}
)

func enum(values []any) map[string]any { return map[string]any{"type": "string", "enum": values} }

func unitRef() map[string]any {
	return obj(map[string]any{"id": integer(), "code": str(), "name": str(), "short_name": str()})
}

// meetingProps are a conference's own fields, as written by clients.
func meetingProps() map[string]any {
	return map[string]any{"kind": enum(meetingKinds), "title": str(), "starts_at": datetime(), "ends_at": datetime(),
		"place": str(), "online_link": str(), "chair_user_id": integer(), "chair_name": str(), "secretary": str(),
		"unit_ids": arrayOf(integer()),
		"people":   arrayOf(obj(map[string]any{"user_id": integer(), "name": str(), "note": str()}))}
}

func meetingSchema() map[string]any {
	p := meetingProps()
	for k, v := range map[string]any{"id": integer(), "status": enum(meetingStatuses), "version": integer(), "created_by": str(),
		"created_at": datetime(), "updated_at": datetime(), "units": arrayOf(unitRef()), "minutes": ref("Minutes")} {
		p[k] = v
	}
	return obj(p)
}

func meetingPatchSchema() map[string]any {
	p := meetingProps()
	p["status"], p["version"] = enum([]any{"draft", "held"}), integer()
	return obj(p, "version")
}

func agendaItemSchema() map[string]any {
	return obj(map[string]any{"id": integer(), "position": integer(), "title": str(), "presenting_unit_id": integer(),
		"from": map[string]any{"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"}, "to": str(), "regime_id": integer(),
		"period_key": str(), "notes": str(), "presenting_unit": unitRef(), "attachments": arrayOf(ref("Attachment"))}, "title")
}

func attendanceRowSchema() map[string]any {
	return obj(map[string]any{"unit_id": integer(), "status": enum(attendanceChoices), "reason": str(), "represented_by": str(),
		"unit": unitRef()}, "unit_id", "status")
}

func conclusionItemSchema() map[string]any {
	return obj(map[string]any{"id": integer(), "position": integer(), "text": str(), "lead_unit_id": integer(),
		"support_unit_ids": arrayOf(integer()), "due": date(), "key": boolean(), "task_id": integer(),
		"lead_unit": unitRef(), "support_units": arrayOf(unitRef())}, "text", "lead_unit_id")
}

func conclusionSchema() map[string]any {
	return obj(map[string]any{"id": integer(), "meeting_id": integer(), "number": integer(), "year": integer(), "symbol": str(),
		"superior_body": str(), "issuing_body": str(), "place": str(), "issued_at": datetime(), "issued_by": str(),
		"subject": str(), "body_intro": str(), "body_closing": str(),
		"signer":     obj(map[string]any{"authority": str(), "position": str(), "name": str()}),
		"recipients": arrayOf(str()), "items": arrayOf(ref("ConclusionItem")), "version": integer(), "stored": boolean()},
		"version", "subject")
}

func meetingDetailSchema() map[string]any {
	s := meetingSchema()
	props := s["properties"].(map[string]any)
	props["agenda"], props["attendance"] = arrayOf(ref("AgendaItem")), arrayOf(ref("AttendanceRow"))
	props["conclusion"], props["attachments"] = ref("Conclusion"), arrayOf(ref("Attachment"))
	return s
}

// meetingSchemaSet lists the schemas by name.
func meetingSchemaSet() map[string]any {
	return map[string]any{
		"Meeting":        meetingSchema(),
		"MeetingInput":   obj(meetingProps(), "kind", "title", "starts_at", "ends_at"),
		"MeetingPatch":   meetingPatchSchema(),
		"MeetingList":    list("Meeting"),
		"MeetingDetail":  meetingDetailSchema(),
		"AgendaItem":     agendaItemSchema(),
		"Agenda":         obj(map[string]any{"version": integer(), "items": arrayOf(ref("AgendaItem"))}, "version", "items"),
		"AttendanceRow":  attendanceRowSchema(),
		"Attendance":     obj(map[string]any{"version": integer(), "rows": arrayOf(ref("AttendanceRow"))}, "version", "rows"),
		"MinutesInput":   obj(map[string]any{"minutes": str(), "minutes_version": integer()}, "minutes", "minutes_version"),
		"Minutes":        obj(map[string]any{"text": str(), "minutes_version": integer(), "by": str(), "updated_at": datetime()}),
		"ConclusionItem": conclusionItemSchema(),
		"Conclusion":     conclusionSchema(),
		"Preparation": obj(map[string]any{"meeting": ref("Meeting"), "previous": ref("Meeting"), "conclusion": ref("Conclusion"),
			"items":        arrayOf(obj(map[string]any{"item": ref("ConclusionItem"), "task": ref("Task")})),
			"counts":       map[string]any{"type": "object", "additionalProperties": integer()},
			"reports":      arrayOf(obj(map[string]any{"regime_id": integer(), "period_key": str(), "agenda": str()})),
			"completeness": arrayOf(ref("Completeness"))}),
		"CalendarToken": obj(map[string]any{"token": str(), "path": str(), "url": str(), "created_at": datetime()}, "token", "url"),
	}
}

// withSchemas adds schemas to the components' set.
func withSchemas(components map[string]any, more map[string]any) map[string]any {
	schemas := components["schemas"].(map[string]any)
	for k, v := range more {
		schemas[k] = v
	}
	return components
}
