-- +goose Up
-- One search over every module (internal/search). search_docs holds each
-- item's original title and text (for snippets), its page, the units it
-- concerns and who besides the Board may read it (readers: "u12" a unit's
-- people, "p5" a user).
-- search_fts (FTS5, contentless, rowid = search_docs.id) holds the words.
-- The words are folded in Go (vntext.Fold) on both engines, so both match
-- alike.
--
-- Triggers on the modules' tables queue (kind, id) in search_queue in the
-- writing transaction; search.Service.Sync re-extracts what is queued.
-- The last statement queues everything already there.

CREATE TABLE search_docs (
    id      INTEGER PRIMARY KEY,  -- counts down: the newest has the lowest (search.put)
    kind    TEXT NOT NULL,
    ref_id  INTEGER NOT NULL,
    unit_id INTEGER,
    readers TEXT NOT NULL DEFAULT '',
    title   TEXT NOT NULL,
    ftitle  TEXT NOT NULL,  -- folded, for ranking
    body    TEXT NOT NULL DEFAULT '',
    url     TEXT NOT NULL,
    day     DATE,
    status  TEXT NOT NULL DEFAULT '',
    stamp   TIMESTAMP NOT NULL,
    CONSTRAINT search_docs_ref_key UNIQUE (kind, ref_id)
);

-- One column of words (detail=none: no positions, the leanest lists to
-- walk): the distinct folded words of the title and text, their pairs
-- ("phong_chong", for the phrase tier of the ranking), both again for each
-- reader ("phong@u12", "phong_chong@u12": a unit's search walks its own
-- short lists, not the whole index) and the filter words ("#kreport" the
-- kind, "#n12" a unit concerned). Folded text has no "_", "@" or "#", so
-- no typed word can ever match one of the others.
CREATE VIRTUAL TABLE search_fts USING fts5(words, content='', contentless_delete=1, detail=none,
    tokenize="unicode61 remove_diacritics 0 tokenchars '_@#'");

CREATE TABLE search_queue (
    id     INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL,
    ref_id INTEGER NOT NULL
);

-- +goose StatementBegin
CREATE TRIGGER search_units_ins AFTER INSERT ON units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('unit', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_units_upd AFTER UPDATE OF code, name, short_name, parent_id, active ON units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('unit', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_units_del AFTER DELETE ON units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('unit', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_users_ins AFTER INSERT ON users BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('user', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_users_upd AFTER UPDATE OF username, full_name, email, unit_id, active ON users BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('user', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_users_del AFTER DELETE ON users BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('user', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_reports_ins AFTER INSERT ON reports BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('report', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_reports_upd AFTER UPDATE OF status, sections_json ON reports BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('report', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_reports_del AFTER DELETE ON reports BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('report', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_meetings_ins AFTER INSERT ON meetings BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', NEW.id), ('minutes', NEW.id), ('conclusion', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_meetings_upd AFTER UPDATE ON meetings BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', NEW.id), ('minutes', NEW.id), ('conclusion', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_meetings_del AFTER DELETE ON meetings BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', OLD.id), ('minutes', OLD.id), ('conclusion', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_meeting_units_ins AFTER INSERT ON meeting_units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', NEW.meeting_id), ('minutes', NEW.meeting_id), ('conclusion', NEW.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_meeting_units_upd AFTER UPDATE ON meeting_units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', NEW.meeting_id), ('minutes', NEW.meeting_id), ('conclusion', NEW.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_meeting_units_del AFTER DELETE ON meeting_units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', OLD.meeting_id), ('minutes', OLD.meeting_id), ('conclusion', OLD.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_meeting_people_ins AFTER INSERT ON meeting_people BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', NEW.meeting_id), ('minutes', NEW.meeting_id), ('conclusion', NEW.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_meeting_people_upd AFTER UPDATE ON meeting_people BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', NEW.meeting_id), ('minutes', NEW.meeting_id), ('conclusion', NEW.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_meeting_people_del AFTER DELETE ON meeting_people BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', OLD.meeting_id), ('minutes', OLD.meeting_id), ('conclusion', OLD.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_agenda_items_ins AFTER INSERT ON agenda_items BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', NEW.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_agenda_items_upd AFTER UPDATE ON agenda_items BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', NEW.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_agenda_items_del AFTER DELETE ON agenda_items BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conference', OLD.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_conclusions_ins AFTER INSERT ON conclusions BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conclusion', NEW.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_conclusions_upd AFTER UPDATE ON conclusions BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conclusion', NEW.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_conclusions_del AFTER DELETE ON conclusions BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('conclusion', OLD.meeting_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_tasks_ins AFTER INSERT ON tasks BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('task', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_tasks_upd AFTER UPDATE ON tasks BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('task', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_tasks_del AFTER DELETE ON tasks BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('task', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_task_units_ins AFTER INSERT ON task_units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('task', NEW.task_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_task_units_upd AFTER UPDATE ON task_units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('task', NEW.task_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_task_units_del AFTER DELETE ON task_units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('task', OLD.task_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_press_cases_ins AFTER INSERT ON press_cases BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('press_case', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_press_cases_upd AFTER UPDATE ON press_cases BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('press_case', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_press_cases_del AFTER DELETE ON press_cases BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('press_case', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_feed_items_ins AFTER INSERT ON feed_items BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('feed_item', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_feed_items_upd AFTER UPDATE ON feed_items BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('feed_item', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_feed_items_del AFTER DELETE ON feed_items BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('feed_item', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_directives_ins AFTER INSERT ON directives BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('directive', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_directives_upd AFTER UPDATE ON directives BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('directive', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_directives_del AFTER DELETE ON directives BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('directive', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_directive_units_ins AFTER INSERT ON directive_units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('directive', NEW.directive_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_directive_units_upd AFTER UPDATE ON directive_units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('directive', NEW.directive_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_directive_units_del AFTER DELETE ON directive_units BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('directive', OLD.directive_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_messages_ins AFTER INSERT ON messages BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('message', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_messages_upd AFTER UPDATE ON messages BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('message', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_messages_del AFTER DELETE ON messages BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('message', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_training_courses_ins AFTER INSERT ON training_courses BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('course', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_training_courses_upd AFTER UPDATE ON training_courses BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('course', NEW.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_training_courses_del AFTER DELETE ON training_courses BEGIN
    INSERT INTO search_queue (kind, ref_id) VALUES ('course', OLD.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_units_rename AFTER UPDATE OF name ON units WHEN OLD.name <> NEW.name BEGIN
    INSERT INTO search_queue (kind, ref_id) SELECT 'report', id FROM reports WHERE unit_id = NEW.id;
    INSERT INTO search_queue (kind, ref_id) SELECT 'user', id FROM users WHERE unit_id = NEW.id;
    INSERT INTO search_queue (kind, ref_id) SELECT 'unit', id FROM units WHERE parent_id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_regimes_rename AFTER UPDATE OF name ON regimes WHEN OLD.name <> NEW.name BEGIN
    INSERT INTO search_queue (kind, ref_id) SELECT 'report', id FROM reports WHERE regime_id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_conclusion_items_ins AFTER INSERT ON conclusion_items BEGIN
    INSERT INTO search_queue (kind, ref_id) SELECT 'conclusion', meeting_id FROM conclusions WHERE id = NEW.conclusion_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_conclusion_items_upd AFTER UPDATE ON conclusion_items BEGIN
    INSERT INTO search_queue (kind, ref_id) SELECT 'conclusion', meeting_id FROM conclusions WHERE id = NEW.conclusion_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_conclusion_items_del AFTER DELETE ON conclusion_items BEGIN
    INSERT INTO search_queue (kind, ref_id) SELECT 'conclusion', meeting_id FROM conclusions WHERE id = OLD.conclusion_id;
END;
-- +goose StatementEnd

INSERT INTO search_queue (kind, ref_id)
SELECT kind, ref_id FROM (
    SELECT 'unit' AS kind, id AS ref_id, updated_at AS at FROM units
    UNION ALL SELECT 'user', id, updated_at FROM users
    UNION ALL SELECT 'report', id, updated_at FROM reports
    UNION ALL SELECT 'conference', id, updated_at FROM meetings
    UNION ALL SELECT 'minutes', id, updated_at FROM meetings WHERE minutes <> ''
    UNION ALL SELECT 'conclusion', meeting_id, updated_at FROM conclusions
    UNION ALL SELECT 'task', id, updated_at FROM tasks
    UNION ALL SELECT 'press_case', id, updated_at FROM press_cases
    UNION ALL SELECT 'feed_item', id, fetched_at FROM feed_items
    UNION ALL SELECT 'directive', id, updated_at FROM directives
    UNION ALL SELECT 'message', id, created_at FROM messages
    UNION ALL SELECT 'course', id, updated_at FROM training_courses
) x ORDER BY at;

-- +goose Down
DROP TRIGGER search_conclusion_items_del;
DROP TRIGGER search_conclusion_items_upd;
DROP TRIGGER search_conclusion_items_ins;
DROP TRIGGER search_regimes_rename;
DROP TRIGGER search_units_rename;
DROP TRIGGER search_training_courses_del;
DROP TRIGGER search_training_courses_upd;
DROP TRIGGER search_training_courses_ins;
DROP TRIGGER search_messages_del;
DROP TRIGGER search_messages_upd;
DROP TRIGGER search_messages_ins;
DROP TRIGGER search_directive_units_del;
DROP TRIGGER search_directive_units_upd;
DROP TRIGGER search_directive_units_ins;
DROP TRIGGER search_directives_del;
DROP TRIGGER search_directives_upd;
DROP TRIGGER search_directives_ins;
DROP TRIGGER search_feed_items_del;
DROP TRIGGER search_feed_items_upd;
DROP TRIGGER search_feed_items_ins;
DROP TRIGGER search_press_cases_del;
DROP TRIGGER search_press_cases_upd;
DROP TRIGGER search_press_cases_ins;
DROP TRIGGER search_task_units_del;
DROP TRIGGER search_task_units_upd;
DROP TRIGGER search_task_units_ins;
DROP TRIGGER search_tasks_del;
DROP TRIGGER search_tasks_upd;
DROP TRIGGER search_tasks_ins;
DROP TRIGGER search_conclusions_del;
DROP TRIGGER search_conclusions_upd;
DROP TRIGGER search_conclusions_ins;
DROP TRIGGER search_agenda_items_del;
DROP TRIGGER search_agenda_items_upd;
DROP TRIGGER search_agenda_items_ins;
DROP TRIGGER search_meeting_people_del;
DROP TRIGGER search_meeting_people_upd;
DROP TRIGGER search_meeting_people_ins;
DROP TRIGGER search_meeting_units_del;
DROP TRIGGER search_meeting_units_upd;
DROP TRIGGER search_meeting_units_ins;
DROP TRIGGER search_meetings_del;
DROP TRIGGER search_meetings_upd;
DROP TRIGGER search_meetings_ins;
DROP TRIGGER search_reports_del;
DROP TRIGGER search_reports_upd;
DROP TRIGGER search_reports_ins;
DROP TRIGGER search_users_del;
DROP TRIGGER search_users_upd;
DROP TRIGGER search_users_ins;
DROP TRIGGER search_units_del;
DROP TRIGGER search_units_upd;
DROP TRIGGER search_units_ins;
DROP TABLE search_queue;
DROP TABLE search_fts;
DROP TABLE search_docs;
